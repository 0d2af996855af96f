"""Province-scale benchmark of the performance report (issue 13: < 1 s).

    python -m bench.generate    --url postgresql+psycopg://postgres@127.0.0.1:5432/lindung_bench_perf
    python -m bench.performance --url postgresql+psycopg://postgres@127.0.0.1:5432/lindung_bench_perf [--runs 5]

On the data set of ``bench.generate`` (1,000,000 persons, 3,000,000 deliveries) it loads the
bench plan of ``bench.run_all`` when the year has none, adds ``--payments`` payments (default
200,000: SP2D lines spread over the year's sub-activities, 2 % corrections, a tenth dated in the
previous year) and three pagu revisions, then times ``performance.report(Y, 1)`` and ``(Y, 4)``
(median of ``--runs`` after a warm-up). ``spent`` of every row is asserted equal to a raw SQL sum.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import time
import uuid

from sqlalchemy import delete, func, insert, select, text

from bench.run_all import PLAN_EDITS, timed


def load_payments(year: int, count: int) -> int:
    from service.core.db import session, utcnow
    from service.performance.models import BudgetPayment, BudgetRevision
    from service.reports.renja_plans import get_plan

    plan = get_plan(year)
    subs = [r for r in plan.rows if r.level == "sub_kegiatan"]
    existing = session.scalar(select(func.count()).select_from(BudgetPayment).where(
        BudgetPayment.document_no.like("BENCH/%"))) or 0
    if existing == count:
        return existing
    session.execute(delete(BudgetPayment).where(BudgetPayment.document_no.like("BENCH/%")))
    session.execute(delete(BudgetRevision).where(BudgetRevision.reason == "bench"))
    rnd = random.Random(13)
    now = utcnow()
    rows = []
    for i in range(count):
        sub = subs[i % len(subs)]
        prev = i % 10 == 0
        day = dt.date(year - 1 if prev else year, 1, 1) + dt.timedelta(days=rnd.randrange(365))
        amount = rnd.randrange(100, 50_000) * 1000
        reason = None
        if i % 50 == 1:
            amount, reason = -amount // 10, "koreksi bench"
        rows.append({"id": uuid.uuid4(), "code": sub.code, "paid_on": day, "amount": amount, "funding_source": "APBD",
                     "document_no": f"BENCH/{i:07d}", "description": "bench", "reason": reason, "source": "import",
                     "created_at": now, "updated_at": now})
        if len(rows) == 10_000:
            session.execute(insert(BudgetPayment.__table__), rows)
            rows = []
    if rows:
        session.execute(insert(BudgetPayment.__table__), rows)
    for n, sub in enumerate(subs[:3]):
        session.add(BudgetRevision(year=year, code=sub.code, effective_on=dt.date(year, 4 + 3 * n, 1),
                                   budget=(sub.budget or 0) + 1_000_000, kind="pergeseran", reason="bench"))
    session.commit()
    session.execute(text("ANALYZE budget_payments"))
    session.commit()
    return count


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--url", default="postgresql+psycopg://postgres@127.0.0.1:5432/lindung_bench_perf")
    parser.add_argument("--year", type=int, default=2026)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--payments", type=int, default=200_000)
    args = parser.parse_args()
    from service.core import db as dbmod
    from service.performance import payments
    from service.performance import report as performance
    from service.reports import renja_plans, renja_realisation
    from service.reports.renja_plans import quarter_bounds

    dbmod.configure_engine(args.url)
    s = dbmod.session
    y = args.year
    if renja_plans.get_plan(y) is None:
        from service.reports.demo import DEMO_PLAN

        plan = DEMO_PLAN.read_text(encoding="utf-8")
        for old, new in PLAN_EDITS:
            plan = plan.replace(old, new)
        renja_plans.import_plan(plan.encode(), "bench_plan.csv", y)
        s.commit()
    t0 = time.perf_counter()
    n = load_payments(y, args.payments)
    print(f"payments: {n:,} (loaded or found in {time.perf_counter() - t0:.1f} s); "
          f"persons: {s.execute(text('SELECT count(*) FROM persons')).scalar():,}, "
          f"deliveries: {s.execute(text('SELECT count(*) FROM deliveries')).scalar():,}")
    ms = lambda xs: " ".join(f"{x * 1000:.0f}" for x in xs)  # noqa: E731
    worst = 0.0
    for q in (1, 4):
        t, all_t, rep = timed(lambda q=q: performance.report(y, q), args.runs)
        worst = max(worst, t)
        end = quarter_bounds(y, q)[1]
        raw = dict(s.execute(text("SELECT code, sum(amount) FROM budget_payments WHERE paid_on BETWEEN :a AND :b "
                                  "GROUP BY code"), {"a": dt.date(y, 1, 1), "b": end}).all())
        subs = [r for r in rep["rows"] if r.level == "sub_kegiatan"]
        assert all(r.spent == int(raw.get(r.code, 0)) for r in subs)
        spent = sum(r.spent for r in subs)
        print(f"performance report {y} Q{q}: {t * 1000:6.0f} ms median [{ms(all_t)}]; {len(rep['rows'])} rows, "
              f"spent Rp {spent:,} equal to the raw sum".replace(",", "."))
        t_renja, _all, _rep = timed(lambda q=q: renja_realisation.report(y, q), args.runs)
        t_money, _all, _rep = timed(lambda q=q: payments.spent_by_quarter(y, q), args.runs)
        print(f"   of which the Renja realisation it reuses: {t_renja * 1000:6.0f} ms; "
              f"the payments (one grouped scan): {t_money * 1000:6.0f} ms")
    print(f"target (performance report < 1 s): {'met' if worst < 1 else 'MISSED'}")


if __name__ == "__main__":
    main()
