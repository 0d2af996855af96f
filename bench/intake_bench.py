"""Intake through the API, counted: SQL statements and flushes per registration.

Run: ``.venv/bin/python -m bench.intake_bench`` (a scratch SQLite database; ``BENCH_DATABASE_URL``
for PostgreSQL; ``BENCH_STATEMENTS=1`` prints the statements by kind; ``BENCH_PROFILE=tottime``
profiles). Registers ``BENCH_N`` persons and opens a case for each — ``BENCH_MODE=intake`` (the
default) through ``POST /api/v1/intake`` as the HTTP benchmark's intake does, ``BENCH_MODE=two``
through ``POST /api/v1/persons`` then ``POST /api/v1/cases`` — and prints the statements and
flushes per registration, the time per registration and, in the same run, the bare endpoint's
(``bench.bare_app``) time per request in-process with the ratio of the two.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
import uuid

N = int(os.environ.get("BENCH_N", "50"))
MODE = os.environ.get("BENCH_MODE", "intake")  # "intake": POST /api/v1/intake; "two": POST /persons + /cases


def main() -> int:
    url = os.environ.get("BENCH_DATABASE_URL") or f"sqlite:///{tempfile.mkdtemp(prefix='lindung-bench-')}/bench.db"
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("SECRET_KEY", "bench")
    from sqlalchemy import event

    from bench.sync_bench import _kinds
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
        engine = session.get_bind()
    client = app.test_client()
    headers = {"Authorization": f"Bearer {token}"}
    statements: list[str] = []
    spent: dict[str, float] = {}  # statement text -> seconds waiting for it (BENCH_STATEMENTS)
    flushes = [0]
    started = [0.0]

    def count(_conn, _cursor, statement, _params, _context, _many) -> None:  # noqa: ANN001
        statements.append(statement)
        started[0] = time.perf_counter()

    def done(_conn, _cursor, statement, _params, _context, _many) -> None:  # noqa: ANN001
        spent[statement] = spent.get(statement, 0.0) + time.perf_counter() - started[0]

    def flushed(*_a) -> None:  # noqa: ANN002
        flushes[0] += 1

    import datetime as dt
    import random

    from sqlalchemy.orm import Session

    from bench.population import make_name

    rng = random.Random(15)

    one_request = MODE == "intake"

    def intake(i: int) -> None:
        born = dt.date(1940, 1, 1) + dt.timedelta(days=rng.randrange(20_000))
        person = {"nama": make_name(rng, "P"), "jenis_kelamin": "P", "tanggal_lahir": born.isoformat(),
                  "kode_wilayah": "18.72.01.1001", "no_nik_reason": "belum_terdaftar"}
        case = {"intake_source": "outreach", "category_code": "lanjut_usia_terlantar"}
        if one_request:
            resp = client.post("/api/v1/intake", headers=headers, json={**person, "case": case})
            assert resp.status_code == 201, resp.get_data(as_text=True)
            return
        resp = client.post("/api/v1/persons", headers=headers, json=person)
        assert resp.status_code == 201, resp.get_data(as_text=True)
        resp = client.post("/api/v1/cases", headers=headers, json={"person_id": resp.get_json()["id"], **case})
        assert resp.status_code == 201, resp.get_data(as_text=True)

    intake(-1)  # warm-up
    event.listen(engine, "before_cursor_execute", count)
    event.listen(engine, "after_cursor_execute", done)
    event.listen(Session, "after_flush", flushed)
    profile = None
    if os.environ.get("BENCH_PROFILE"):
        import cProfile

        profile = cProfile.Profile()
        profile.enable()
    start, cpu = time.perf_counter(), time.process_time()
    for i in range(N):
        intake(i)
    seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
    if profile is not None:
        import pstats

        profile.disable()
        pstats.Stats(profile).sort_stats(os.environ["BENCH_PROFILE"]).print_stats(45)
    event.remove(engine, "before_cursor_execute", count)
    event.remove(engine, "after_cursor_execute", done)
    event.remove(Session, "after_flush", flushed)
    how = "one request, POST /api/v1/intake" if one_request else "two requests, POST /persons + POST /cases"
    print(f"intake benchmark on {url.split(':', 1)[0]}: {N} registrations (person + case, {how})")
    print(f"  {len(statements) / N:.1f} SQL statements and {flushes[0] / N:.1f} flushes per registration, "
          f"{seconds / N * 1000:.1f} ms each ({cpu / N * 1000:.1f} ms CPU in this process)")
    if profile is None:
        bare, bare_cpu = _bare_ms(url)
        print(f"  bare endpoint (bench.bare_app, same database, in-process): {bare:.1f} ms each "
              f"({bare_cpu:.1f} ms CPU); ratio {bare / (seconds / N * 1000):.2f} "
              f"(CPU {bare_cpu / (cpu / N * 1000):.2f}; issue 15's target: >= 0.5 through HTTP)")
    if os.environ.get("BENCH_STATEMENTS"):
        ms: dict[str, float] = {}
        for text, seconds_spent in spent.items():
            kind = next(iter(_kinds([text])))
            ms[kind] = ms.get(kind, 0.0) + seconds_spent * 1000 / N
        for kind, k in sorted(_kinds(statements).items(), key=lambda kv: -kv[1])[:30]:
            print(f"  {k / N:6.1f}  {ms.get(kind, 0.0):5.2f} ms  {kind}")
    return 0


def _bare_ms(url: str) -> tuple[float, float]:
    """The yardstick's time and CPU time per request in-process (Flask test client), same database."""
    os.environ["DATABASE_URL"] = url
    from bench import bare_app

    bare_app.reset()
    client = bare_app.app.test_client()
    body = {"nama": "Warga Bare", "jenis_kelamin": "P", "tanggal_lahir": "1950-03-04", "kode_wilayah": "18.72.01.1001"}
    for _ in range(20):
        client.post("/intake", json=body)
    start, cpu = time.perf_counter(), time.process_time()
    for _ in range(N):
        assert client.post("/intake", json=body).status_code == 201
    seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
    bare_app.metadata.drop_all(bare_app.engine)
    bare_app.engine.dispose()
    return seconds / N * 1000, cpu / N * 1000


if __name__ == "__main__":
    sys.exit(main())
