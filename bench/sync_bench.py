"""Benchmark: 500 offline operations synced through ``POST /api/v1/sync``; target < 3 s server time.

Run: ``.venv/bin/python -m bench.sync_bench`` (a scratch SQLite database; set
``BENCH_DATABASE_URL`` for PostgreSQL). 100 persons registered, 100 cases opened
with an assessment and 300 deliveries, in one batch as a tablet sends them after
a day offline, then the same batch again (all duplicates).
"""

from __future__ import annotations

import datetime as dt
import os
import sys
import tempfile
import time
import uuid

TARGET_SECONDS = 3.0


def build_ops() -> list[dict]:
    """Names from the benchmark population (Indonesian frequencies), so the duplicate check meets
    what a day's registrations give it, not 100 records all named "Warga Bench" (digits do not count
    in a name): those would all be suspected duplicates of each other."""
    import random

    from bench.population import make_name

    rng = random.Random()
    day = (dt.date.today() - dt.timedelta(days=1)).isoformat()
    ops: list[dict] = []
    for i in range(100):
        pid = str(uuid.uuid4())
        ops.append({"op_id": str(uuid.uuid4()), "type": "person.upsert", "entity_id": pid,
                    "data": {"nama": make_name(rng, "LP"[i % 2]), "jenis_kelamin": "LP"[i % 2],
                             "tanggal_lahir": f"19{40 + i % 30}-0{1 + i % 9}-1{i % 9}",
                             "kode_wilayah": f"18.72.01.100{1 + i % 5}"}})
        ops.append({"op_id": str(uuid.uuid4()), "type": "assessment.create", "entity_id": str(uuid.uuid4()),
                    "data": {"person_id": pid, "kategori_ppks": "lanjut_usia_terlantar", "tanggal_asesmen": day,
                             "kebutuhan": ["permakanan", "sandang", "alat_bantu"],
                             "persetujuan": True, "persetujuan_oleh": "yang bersangkutan"}})
        for code in ("permakanan", "sandang", "alat_bantu"):
            ops.append({"op_id": str(uuid.uuid4()), "type": "delivery.create", "entity_id": str(uuid.uuid4()),
                        "data": {"person_id": pid, "layanan": code, "tanggal_layanan": day, "jumlah": 1}})
    return ops


def _kinds(statements: list[str]) -> dict[str, int]:
    """Statements grouped by their verb and first table (``BENCH_STATEMENTS=1`` prints them)."""
    import re

    out: dict[str, int] = {}
    for text in statements:
        flat = re.sub(r"sa_savepoint_\d+", "sa_savepoint", " ".join(text.split()))
        verb = flat.split(" ", 1)[0].upper()
        match = re.search(r"\b(?:FROM|INTO|UPDATE)\s+(\w+)", flat, re.I)
        key = f"{verb} {match.group(1) if match else flat[:40]}"
        out[key] = out.get(key, 0) + 1
    return out


def main() -> int:
    url = os.environ.get("BENCH_DATABASE_URL") or f"sqlite:///{tempfile.mkdtemp(prefix='lindung-bench-')}/bench.db"
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("SECRET_KEY", "bench")
    from service.accounts.users import configure_hasher, create_user, issue_token
    from service.core import migrate
    from service.core.db import session

    configure_hasher(time_cost=1, memory_cost=1024, parallelism=1)
    migrate.upgrade(url)
    from wsgi import create_app

    app = create_app({"TESTING": True, "DATABASE_URL": url, "SECRET_KEY": "bench", "LINDUNG_SCHEDULER": False})
    with app.app_context():
        from service.reference.loader import load_all

        load_all(["18"])
        user = create_user(f"bench-{uuid.uuid4().hex[:6]}", "bench-password-1", "peksos", "18.72.01")
        token = issue_token(user)
        session.commit()
    client = app.test_client()
    ops = build_ops()
    body = {"device_id": str(uuid.uuid4()), "operations": ops}
    headers = {"Authorization": f"Bearer {token}"}
    rows = []
    from sqlalchemy import event

    with app.app_context():
        engine = session.get_bind()
    statements: list[str] = []

    def count(_conn, _cursor, statement, _params, _context, _many) -> None:  # noqa: ANN001
        statements.append(statement)

    event.listen(engine, "before_cursor_execute", count)
    kinds_per_run = []
    for label in ("first sync (500 new)", "resend (500 duplicates)"):
        statements.clear()
        start = time.perf_counter()
        resp = client.post("/api/v1/sync", json=body, headers=headers)
        seconds = time.perf_counter() - start
        kinds_per_run.append((len(statements), _kinds(statements)))
        statuses: dict[str, int] = {}
        for result in resp.get_json()["results"]:
            statuses[result["status"]] = statuses.get(result["status"], 0) + 1
        rows.append((label, seconds, statuses))
    dialect = url.split(":", 1)[0]
    print(f"sync benchmark on {dialect}: {len(ops)} operations per request")
    for (label, seconds, statuses), (n, kinds) in zip(rows, kinds_per_run, strict=True):
        print(f"  {label:26s} {seconds:6.2f} s  {len(ops) / seconds:7.0f} ops/s  {statuses}")
        print(f"  {'':26s} {n} SQL statements ({n / len(ops):.1f} per operation)")
        if os.environ.get("BENCH_STATEMENTS"):
            for kind, k in sorted(kinds.items(), key=lambda kv: -kv[1])[:25]:
                print(f"  {'':28s}{k:6d}  {kind}")
    ok = rows[0][2] == {"applied": 500} and rows[1][2] == {"duplicate": 500} and rows[0][1] < TARGET_SECONDS
    print(f"  target < {TARGET_SECONDS:.0f} s for the first sync: {'met' if ok else 'NOT met'}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
