"""Benchmark: load all reference data (91,599 region codes) into a fresh database.

Usage:
    .venv/bin/python -m bench.reference_load                      # SQLite (temporary file)
    .venv/bin/python -m bench.reference_load postgresql+psycopg://postgres@127.0.0.1:5432/lindung_bench_ref

Target (issue 2): a full load in < 30 s. Prints the first load and an idempotent reload.
"""

from __future__ import annotations

import resource
import sys
import tempfile
import time

from service.core import db, migrate
from service.reference.loader import load_all


def run(url: str) -> dict[str, float]:
    engine = db.make_engine(url)
    with engine.begin() as conn:
        if engine.dialect.name == "postgresql":
            conn.exec_driver_sql("DROP SCHEMA IF EXISTS public CASCADE")
            conn.exec_driver_sql("CREATE SCHEMA public")
    engine.dispose()
    migrate.upgrade(url)
    db.configure_engine(url)
    timings = {}
    for label in ("first load", "reload (no changes)"):
        started = time.perf_counter()
        report = load_all()
        db.session.commit()
        timings[label] = time.perf_counter() - started
        print(f"{label:<22} {timings[label]:6.2f} s  regions: {report.counts['regions']}")
    db.session.remove()
    return timings


def main() -> None:
    url = sys.argv[1] if len(sys.argv) > 1 else f"sqlite:///{tempfile.mkdtemp()}/bench.db"
    print(f"database: {url.split('@')[-1]}")
    timings = run(url)
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak memory {rss:.0f} MiB; target < 30 s: {'met' if timings['first load'] < 30 else 'MISSED'}")


if __name__ == "__main__":
    main()
