"""Benchmark: import a 10,000-row BNBA file on SQLite (target: under 60 s).

    .venv/bin/python -m bench.bnba_import [--rows 10000]

Builds a scratch SQLite database (migrations + Lampung reference data), writes a
deterministic (seeded) BNBA CSV, imports it once and then again (idempotent
re-import), and prints the timings.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import tempfile
import time
from pathlib import Path

VILLAGES = ["18.72.01.1001", "18.72.01.1002", "18.72.02.1001", "18.72.03.1002", "18.72.04.1001",
            "18.72.05.1001", "18.72.05.1003"]
FIRST = ["Siti", "Sri", "Budi", "Agus", "Dewi", "Wahyu", "Nur", "Joko", "Rina", "Slamet", "Sumarni", "Paijo",
         "Tuminah", "Yusuf", "Rahmat", "Kartini", "Sugeng", "Lestari", "Bambang", "Endang"]
LAST = ["Rahayu", "Santoso", "Wibowo", "Lestari", "Saputra", "Hidayat", "Susanti", "Purnomo", "Wati", "Setiawan",
        "Handayani", "Kurniawan", "Pratama", "Maryati", "Sulistyo"]
CATEGORIES = [("lanjut_usia_terlantar", ["permakanan", "sandang", "perbekalan_kesehatan"]),
              ("penyandang_disabilitas", ["permakanan", "alat_bantu"]),
              ("anak_terlantar", ["permakanan", "sandang"]),
              ("fakir_miskin", ["permakanan"])]


def make_file(path: Path, rows: int, seed: int = 42) -> None:
    rng = random.Random(seed)
    lines = ["nik,nama,jenis_kelamin,tanggal_lahir,kode_wilayah,kategori_ppks,tanggal_asesmen,kebutuhan,layanan,"
             "tanggal_layanan,jumlah,alasan_tanpa_nik"]
    n = 0
    person = 0
    while n < rows:
        person += 1
        sex = rng.choice("LP")
        birth = dt.date(1940, 1, 1) + dt.timedelta(days=rng.randrange(0, 365 * 60))
        village = rng.choice(VILLAGES)
        day = birth.day + (40 if sex == "P" else 0)
        district = village.replace(".", "")[:6]
        nik = f"{district}{day:02d}{birth.month:02d}{birth.year % 100:02d}{person % 10000 or 1:04d}" \
            if rng.random() < 0.8 else ""
        name = f"{rng.choice(FIRST)} {rng.choice(LAST)} {person}"
        category, needs = rng.choice(CATEGORIES)
        assessed = dt.date(2026, 1, 1) + dt.timedelta(days=rng.randrange(0, 200))
        base = f"{nik},{name},{sex},{birth.isoformat()},{village},{category},{assessed.isoformat()},{';'.join(needs)}"
        for need in needs:  # one delivery row per need, repeating the assessment's columns
            if n >= rows:
                break
            given = assessed + dt.timedelta(days=rng.randrange(1, 60))
            lines.append(f"{base},{need},{given.isoformat()},1,{'' if nik else 'belum_terdaftar'}")
            n += 1
    path.write_text("\n".join(lines) + "\n")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=10_000)
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="lindung-bench-"))
    url = f"sqlite:///{tmp}/bench.db"
    os.environ["DATABASE_URL"] = url
    from service.core import audit, db, migrate
    from service.reference.loader import load_all
    from service.registry.bnba import import_bnba

    migrate.upgrade(url)
    db.configure_engine(url)
    load_all(["18"])
    db.session.commit()
    csv_path = tmp / "bnba.csv"
    make_file(csv_path, args.rows)
    data = csv_path.read_bytes()
    with audit.acting_as(audit.Actor(None, "bench", "cli")):
        t0 = time.perf_counter()
        report = import_bnba(data, "bnba.csv", today=dt.date(2026, 11, 22))
        db.session.commit()
        first = time.perf_counter() - t0
        assert report.ok, report.lines()[:5]
        t0 = time.perf_counter()
        again = import_bnba(data, "bnba.csv", today=dt.date(2026, 11, 22))
        db.session.commit()
        second = time.perf_counter() - t0
    print(f"BNBA import, {report.rows} rows, SQLite")
    print(f"  first import : {first:6.1f} s  ({report.persons_created} persons, {report.cases_opened} cases, "
          f"{report.assessments_created} assessments, {report.deliveries_created} deliveries)")
    print(f"  re-import    : {second:6.1f} s  ({again.unchanged_rows} rows unchanged)")
    print(f"  target       :   60.0 s  -> {'OK' if first < 60 else 'TOO SLOW'}")


if __name__ == "__main__":
    main()
