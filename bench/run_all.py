"""Province-scale benchmark: the full-year SPM report through the engine vs the best single
hand-written SQL query for the same numbers, the Renja quarter, and the process's peak memory.

    python -m bench.generate --url postgresql+psycopg://postgres@127.0.0.1:5432/lindung_bench2   # ~5–10 min
    python -m bench.run_all  --url postgresql+psycopg://postgres@127.0.0.1:5432/lindung_bench2 [--runs 5]

(``--generate [--scale S]`` generates first.) Every figure is the median of ``--runs`` runs
after one warm-up. The raw queries are asserted to give exactly the engine's numbers.
Targets (issue 6): SPM year < 1 s and ≤ 2× the raw query; Renja quarter < 1 s.
"""

from __future__ import annotations

import argparse
import datetime as dt
import resource
import statistics
import time
from decimal import Decimal

from sqlalchemy import text

# The best single query over the records themselves (no summary table): needs (union over
# the person's eligible assessments, components only), then one index probe per needed
# component into the partial index ix_deliveries_counted (person, type, date).
RAW_RECORDS_SQL = """
WITH needs AS (
  SELECT a.basic_service_code AS bs, a.person_id, n.service_type_code AS comp
  FROM assessments a
  JOIN assessment_needs n ON n.assessment_id = a.id
  JOIN basic_service_components c ON c.basic_service_code = a.basic_service_code
                                 AND c.service_type_code = n.service_type_code
  WHERE a.eligible AND a.basic_service_code IS NOT NULL AND a.status <> 'rejected'
    AND a.assessed_on BETWEEN :start AND :end
  GROUP BY 1, 2, 3),
pp AS (
  SELECT bs, person_id, count(*) AS needed,
         count(*) FILTER (WHERE EXISTS (
           SELECT 1 FROM deliveries d
           WHERE d.person_id = needs.person_id AND d.service_type_code = needs.comp
             AND d.voided_at IS NULL AND d.delivered_on IS NOT NULL
             AND d.delivered_on BETWEEN :start AND :end)) AS delivered
  FROM needs GROUP BY 1, 2)
SELECT bs, count(*) AS n, count(*) FILTER (WHERE delivered > 0) AS r,
       sum(delivered::numeric / needed) FILTER (WHERE delivered > 0) AS quality_sum
FROM pp GROUP BY bs ORDER BY bs
"""

# The same numbers by hand from the summary table the engine reads (service.reports.spm_summary).
RAW_SUMMARY_SQL = """
SELECT bs, count(*) AS n, count(*) FILTER (WHERE delivered > 0) AS r,
       sum(delivered::numeric / needed) FILTER (WHERE delivered > 0) AS quality_sum
FROM (SELECT basic_service_code AS bs, person_id, count(*) AS needed,
             count(*) FILTER (WHERE delivered_from <= :end) AS delivered
      FROM spm_person_needs WHERE year = :year AND needed_from <= :end
      GROUP BY 1, 2) pp
GROUP BY bs ORDER BY bs
"""

# Bench plan: the 2026 demo plan with one household (KK) and one quantity (paket) unit,
# so that every computed unit kind is timed.
PLAN_EDITS = (
    ("Penyediaan Permakanan,Jumlah Orang yang Mendapatkan Pemenuhan Kebutuhan Permakanan Sesuai dengan Standar "
     "Gizi Minimal,orang", "Penyediaan Permakanan,Jumlah keluarga penerima permakanan,KK"),
    ("Penyediaan Sandang,Jumlah Orang yang Menerima Pakaian dan Kelengkapan Lainnya yang Tersedia dalam 1 Tahun,"
     "orang", "Penyediaan Sandang,Jumlah paket sandang,paket"),
    ("Fasilitasi Bantuan Sosial Kesejahteraan Keluarga,Jumlah Penerima Manfaat yang Mendapatkan Bantuan Sosial "
     "Kesejahteraan Keluarga,orang", "Fasilitasi Bantuan Sosial Kesejahteraan Keluarga,Jumlah keluarga,KK"),
)


def timed(fn, runs: int) -> tuple[float, list[float], object]:
    """Median seconds of ``runs`` runs after one warm-up, all timings, the last result."""
    result = fn()
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times), times, result


def pct(x: Decimal) -> Decimal:
    return x.quantize(Decimal("0.01"))


def raw_figures(rows, weights) -> dict[str, tuple]:
    """(N, R, recipients %, quality %, index) rounded once, half up, from a raw query's rows."""
    from fractions import Fraction

    from service.reports.spm import round2

    out = {}
    for bs, n, r, qsum in rows:
        rec = Fraction(r, n) * 100
        qual = Fraction(qsum) / r * 100 if r else Fraction(0)
        idx = Fraction(weights[0]) * rec + Fraction(weights[1]) * qual
        out[bs] = (n, r, round2(rec), round2(qual), round2(idx))
    return out


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--url", default="postgresql+psycopg://postgres@127.0.0.1:5432/lindung_bench2")
    parser.add_argument("--year", type=int, default=2026)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--generate", action="store_true")
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--skip-old-renja", action="store_true", help="skip timing the per-sub-activity Renja")
    args = parser.parse_args()
    if args.generate:
        from bench.generate import generate

        t0 = time.perf_counter()
        print("generated", generate(args.url, args.scale), f"in {time.perf_counter() - t0:.1f} s")
    from service.core import db as dbmod
    from service.core import settings
    from service.reports import renja_plans, renja_realisation, spm

    dbmod.configure_engine(args.url)
    s = dbmod.session
    counts = {t: s.execute(text(f"SELECT count(*) FROM {t}")).scalar() for t in
              ("persons", "households", "household_members", "cases", "assessments", "assessment_needs",
               "deliveries", "spm_person_needs", "renja_person_years")}
    print("rows:", counts)
    y = args.year
    params = {"start": dt.date(y, 1, 1), "end": dt.date(y, 12, 31), "year": y}
    weights = settings.spm_weights()

    t_engine, all_engine, rep = timed(lambda: spm.report(y, 12), args.runs)
    t_raw, all_raw, raw = timed(lambda: s.execute(text(RAW_RECORDS_SQL), params).all(), args.runs)
    t_sum, all_sum, raw_sum = timed(lambda: s.execute(text(RAW_SUMMARY_SQL), params).all(), args.runs)
    engine_figs = {x.code: (x.needing, x.served, x.recipients_pct, x.quality_pct, x.index_value)
                   for x in rep["services"] if x.needing}
    assert engine_figs == raw_figures(raw, weights), (engine_figs, raw_figures(raw, weights))
    assert engine_figs == raw_figures(raw_sum, weights)
    print(f"SPM {y} full year (N, R, recipients %, quality %, index) — engine and both raw queries agree:")
    for code, figs in engine_figs.items():
        print(f"   {code:<12} N={figs[0]:>7,} R={figs[1]:>7,} {figs[2]}% {figs[3]}% index {figs[4]}")
    ms = lambda xs: " ".join(f"{x * 1000:.0f}" for x in xs)  # noqa: E731
    print(f"SPM year via engine (spm.report)       : {t_engine * 1000:7.0f} ms median  [{ms(all_engine)}]")
    print(f"SPM year raw SQL over the records      : {t_raw * 1000:7.0f} ms median  [{ms(all_raw)}]")
    print(f"SPM year raw SQL over spm_person_needs : {t_sum * 1000:7.0f} ms median  [{ms(all_sum)}]")
    print(f"ratio engine / raw over the records    : {t_engine / t_raw:7.2f}")
    print(f"ratio engine / raw over the summary    : {t_engine / t_sum:7.2f}")

    if renja_plans.get_plan(y) is None:
        from service.reports.demo import DEMO_PLAN

        plan = DEMO_PLAN.read_text(encoding="utf-8")
        for old, new in PLAN_EDITS:
            plan = plan.replace(old, new)
        renja_plans.import_plan(plan.encode(), "bench_plan.csv", y)
        s.commit()
    t_renja_max = 0.0
    for q in (1, 4):
        t_renja, all_renja, rrep = timed(lambda q=q: renja_realisation.report(y, q), args.runs)
        t_renja_max = max(t_renja_max, t_renja)
        kinds = sorted({r.source for r in rrep["rows"] if r.level == "sub_kegiatan"})
        print(f"Renja quarter {q} (report, summary)      : {t_renja * 1000:7.0f} ms median  [{ms(all_renja)}]"
              f"  units: {', '.join(kinds)}")
        # The same report from the deliveries themselves (the grouped query over the records, before
        # renja_person_years): asserted equal, timed once.
        computed = {r.code: r.source for r in rrep["rows"] if r.level == "sub_kegiatan" and r.source != "hand"}
        t0 = time.perf_counter()
        live = renja_realisation.realisations_live(y, q, computed)
        t_live = time.perf_counter() - t0
        assert live == {r.code: [*r.quarters, r.realised] for r in rrep["rows"] if r.code in computed}, (q, live)
        print(f"Renja quarter {q} over the records      : {t_live * 1000:7.0f} ms (once; {len(computed)} rows equal)")
    if not args.skip_old_renja:
        mapping = renja_plans.effective_mapping()
        t0 = time.perf_counter()
        checked = 0
        for r in rrep["rows"]:  # quarter 4 through the per-sub-activity, per-quarter queries of before
            if r.level == "sub_kegiatan" and r.source not in ("hand", "rollup"):
                feed = renja_realisation.feeds_clause(*renja_plans.feeders(r.code, mapping))
                old = [renja_realisation.measure(r.source, feed, *renja_plans.quarter_bounds(y, i))
                       for i in range(1, 5)]
                old.append(renja_realisation.measure(r.source, feed, dt.date(y, 1, 1), dt.date(y, 12, 31)))
                assert old == [*r.quarters, r.realised], (r.code, old, r.quarters, r.realised)
                checked += 1
        print(f"Renja quarter 4, one query per row/qtr : {(time.perf_counter() - t0) * 1000:7.0f} ms "
              f"(once; {checked} rows equal to the grouped queries)")
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak memory (max RSS) of this process  : {rss:7.0f} MiB")
    ok = t_engine < 1 and t_engine <= 2 * t_raw and t_renja_max < 1
    print(f"targets (SPM < 1 s and ≤ 2× raw; Renja quarter < 1 s): {'met' if ok else 'MISSED'}")


if __name__ == "__main__":
    main()
