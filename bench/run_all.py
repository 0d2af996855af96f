"""Time the full-year SPM report (engine vs one hand-written SQL query) and the Renja quarter.

    python -m bench.run_all --url postgresql+psycopg://postgres@127.0.0.1:5432/lindung_bench [--generate --scale 1]
"""

from __future__ import annotations

import argparse
import resource
import time

from sqlalchemy import text

RAW_SQL = """
WITH needs AS (
  SELECT DISTINCT a.basic_service_code AS bs, a.person_id, n.service_type_code AS comp
  FROM assessments a JOIN assessment_needs n ON n.assessment_id = a.id
  JOIN basic_service_components c ON c.basic_service_code = a.basic_service_code
   AND c.service_type_code = n.service_type_code
  WHERE a.eligible AND a.status <> 'rejected' AND a.assessed_on BETWEEN :start AND :end),
got AS (
  SELECT DISTINCT d.person_id, d.service_type_code FROM deliveries d
  WHERE d.voided_at IS NULL AND d.delivered_on BETWEEN :start AND :end),
pp AS (
  SELECT nd.bs, nd.person_id, count(*) AS needed, count(g.person_id) AS delivered
  FROM needs nd LEFT JOIN got g ON g.person_id = nd.person_id AND g.service_type_code = nd.comp
  GROUP BY nd.bs, nd.person_id)
SELECT bs, count(*) AS n, count(*) FILTER (WHERE delivered > 0) AS r,
       avg(CASE WHEN delivered > 0 THEN delivered::numeric / needed END) * 100 AS quality
FROM pp GROUP BY bs ORDER BY bs
"""


def best_of(fn, runs: int = 3) -> tuple[float, object]:
    best, result = float("inf"), None
    for _ in range(runs):
        t0 = time.perf_counter()
        result = fn()
        best = min(best, time.perf_counter() - t0)
    return best, result


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--url", default="postgresql+psycopg://postgres@127.0.0.1:5432/lindung_bench")
    parser.add_argument("--year", type=int, default=2026)
    parser.add_argument("--generate", action="store_true")
    parser.add_argument("--scale", type=float, default=1.0)
    args = parser.parse_args()
    if args.generate:
        from bench.generate import generate

        t0 = time.perf_counter()
        print("generated", generate(args.url, args.scale), f"in {time.perf_counter() - t0:.1f} s")
    from service import db as dbmod
    from service import renja, spm

    dbmod.configure_engine(args.url)
    s = dbmod.session
    counts = {t: s.execute(text(f"SELECT count(*) FROM {t}")).scalar() for t in
              ("persons", "cases", "assessments", "assessment_needs", "deliveries")}
    print("rows:", counts)
    start, end = f"{args.year}-01-01", f"{args.year}-12-31"
    t_engine, rep = best_of(lambda: spm.report(args.year, 12))
    t_raw, raw = best_of(lambda: s.execute(text(RAW_SQL), {"start": start, "end": end}).all())
    engine_counts = {x.code: (x.needing, x.served) for x in rep["services"]}
    raw_counts = {r.bs: (r.n, r.r) for r in raw}
    assert all(engine_counts[k] == v for k, v in raw_counts.items()), (engine_counts, raw_counts)
    print(f"SPM full year via engine : {t_engine * 1000:8.0f} ms  {engine_counts}")
    print(f"SPM full year raw SQL    : {t_raw * 1000:8.0f} ms")
    print(f"ratio engine / raw       : {t_engine / t_raw:8.2f}")
    if renja.get_plan(args.year) is None:
        from service.reporting import DEMO_PLAN

        renja.import_plan(DEMO_PLAN.read_bytes(), DEMO_PLAN.name, args.year)
        s.commit()
    t_renja, _ = best_of(lambda: renja.report(args.year, 1), runs=2)
    print(f"Renja quarter 1          : {t_renja * 1000:8.0f} ms")
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"max RSS of this process  : {rss:8.0f} MB")


if __name__ == "__main__":
    main()
