"""Deterministic province-scale data on PostgreSQL: persons, cases, assessments, needs, deliveries.

    python -m bench.generate --url postgresql+psycopg://postgres@127.0.0.1:5432/lindung_bench [--scale 1.0]

Scale 1.0 = 1,000,000 persons, 300,000 cases, 3,000,000 deliveries (COPY via psycopg).
The database is rebuilt from the migrations; never point it at a shared database.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import time
import uuid

from sqlalchemy.engine import make_url

SERVICES = {  # basic service -> (categories, components)
    "lansia": (["lanjut_usia_terlantar"], None), "anak": (["anak_terlantar", "anak_jalanan"], None),
    "disabilitas": (["penyandang_disabilitas"], None), "gepeng": (["gelandangan", "pengemis"], None),
    "bencana": (["korban_bencana_alam"], None)}
OTHER_CATEGORIES = ["pemulung", "tuna_susila", "anak_korban_kekerasan"]


def _uuid(rng: random.Random) -> str:
    return str(uuid.UUID(int=rng.getrandbits(128), version=4))


def _copy(conn, table: str, columns: list[str], rows) -> int:
    n = 0
    with conn.cursor() as cur, cur.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as cp:
        for row in rows:
            cp.write_row(row)
            n += 1
    return n


def generate(url: str, scale: float = 1.0, seed: int = 20260331) -> dict[str, int]:
    import psycopg

    from service import db as dbmod
    from service import migrate
    from service.reference import load_all

    engine = dbmod.make_engine(url)
    with engine.begin() as conn:
        conn.exec_driver_sql("DROP SCHEMA IF EXISTS public CASCADE")
        conn.exec_driver_sql("CREATE SCHEMA public")
    migrate.upgrade(url)
    dbmod.session.configure(bind=engine)
    load_all(None, regions=False)
    dbmod.session.commit()
    from sqlalchemy import select

    from service.models.reference import BasicServiceComponent

    comps: dict[str, list[str]] = {}
    for c in dbmod.session.scalars(select(BasicServiceComponent)):
        comps.setdefault(c.basic_service_code, []).append(c.service_type_code)
    dbmod.session.remove()
    engine.dispose()

    rng = random.Random(seed)
    n_persons, n_cases, n_deliveries = int(1_000_000 * scale), int(300_000 * scale), int(3_000_000 * scale)
    now = dt.datetime(2026, 11, 1, tzinfo=dt.UTC)
    districts = [f"18.72.0{i}" for i in range(1, 6)]
    counts = {}
    raw = make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)
    with psycopg.connect(raw) as conn:
        person_ids = [_uuid(rng) for _ in range(n_persons)]
        areas = [f"{districts[i % 5]}.{1001 + i % 7}" for i in range(n_persons)]
        counts["persons"] = _copy(conn, "persons", [
            "id", "name", "name_key", "sex", "area_code", "disability_types", "nik_warnings", "birth_date_estimated",
            "version", "created_at", "updated_at"],
            ((pid, f"Orang {i}", f"orang {i}", "LP"[i % 2], areas[i], "[]", "[]", False, 1, now, now)
             for i, pid in enumerate(person_ids)))
        cases, assessments, needs = [], [], []
        service_codes = list(SERVICES)
        for i in range(n_cases):
            pid_idx = rng.randrange(n_persons)
            if rng.random() < 0.85:
                bs = rng.choices(service_codes, weights=[30, 20, 20, 10, 20])[0]
                cat = rng.choice(SERVICES[bs][0])
            else:
                bs, cat = None, rng.choice(OTHER_CATEGORIES)
            cid = _uuid(rng)
            cases.append((cid, f"B-{i:07d}", person_ids[pid_idx], cat, False, "in_service", "outreach",
                          dt.date(2026, 1, 1), areas[pid_idx], "normal", True, False, 1, now, now, now))
            for _k in range(2 if rng.random() < 0.1 else 1):
                aid = _uuid(rng)
                day = dt.date(2025, 12, 31) + dt.timedelta(days=rng.randrange(0, 300) if rng.random() > 0.05 else 0)
                eligible = bs is not None and rng.random() < 0.95
                assessments.append((aid, cid, person_ids[pid_idx], cat, bs, day, True, eligible, eligible,
                                    "rejected" if rng.random() < 0.02 else "submitted", "import", 1, now, now))
                pool = comps.get(bs) or ["akses_pendidikan_kesehatan", "layanan_data_pengaduan"]
                for code in rng.sample(pool, rng.randint(1, min(4, len(pool)))):
                    needs.append((aid, code))
        counts["cases"] = _copy(conn, "cases", [
            "id", "number", "person_id", "category_code", "is_sensitive", "status", "intake_source", "intake_date",
            "area_code", "urgency", "consent_given", "in_institution", "version", "last_activity_at", "created_at",
            "updated_at"], cases)
        counts["assessments"] = _copy(conn, "assessments", [
            "id", "case_id", "person_id", "category_code", "basic_service_code", "assessed_on", "neglected",
            "outside_institution", "eligible", "status", "source", "version", "created_at", "updated_at"], assessments)
        counts["assessment_needs"] = _copy(conn, "assessment_needs", ["assessment_id", "service_type_code"], needs)
        need_by_case: dict[str, list[str]] = {}
        for (_aid, cid, *_rest) in assessments:
            need_by_case.setdefault(cid, [])
        by_assessment = {}
        for aid, code in needs:
            by_assessment.setdefault(aid, []).append(code)
        for a in assessments:
            need_by_case[a[1]].extend(by_assessment.get(a[0], []))
        all_types = sorted({c for v in comps.values() for c in v} | {"akses_pendidikan_kesehatan", "bantuan_ekonomi"})

        def deliveries():
            for _ in range(n_deliveries):
                c = cases[rng.randrange(len(cases))]
                wanted = need_by_case.get(c[0]) or all_types
                code = rng.choice(wanted) if rng.random() < 0.7 else rng.choice(all_types)
                day = dt.date(2025, 11, 1) + dt.timedelta(days=rng.randrange(0, 365))
                planned_only = rng.random() < 0.03
                voided = now if rng.random() < 0.02 else None
                yield (_uuid(rng), c[2], c[0], code, None if planned_only else day, day, rng.randint(1, 3), "orang",
                       c[8], False, voided, "import", 1, now, now)

        counts["deliveries"] = _copy(conn, "deliveries", [
            "id", "person_id", "case_id", "service_type_code", "delivered_on", "planned_on", "quantity", "unit",
            "area_code", "late", "voided_at", "source", "version", "created_at", "updated_at"], deliveries())
        conn.execute("ANALYZE")
        conn.commit()
    return counts


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--url", default="postgresql+psycopg://postgres@127.0.0.1:5432/lindung_bench")
    parser.add_argument("--scale", type=float, default=1.0)
    args = parser.parse_args()
    if make_url(args.url).database in ("test", "postgres"):
        raise SystemExit("refusing to use a shared database")
    t0 = time.perf_counter()
    counts = generate(args.url, args.scale)
    print(f"generated {counts} in {time.perf_counter() - t0:.1f} s")


if __name__ == "__main__":
    main()
