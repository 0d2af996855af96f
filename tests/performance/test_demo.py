"""The demo office gets a year of payments: idempotent, Q4 pile-up, a correction, a pagu shift."""

from __future__ import annotations

import datetime as dt

from service.performance import demo, payments
from service.performance import report as performance
from service.performance.models import BudgetPayment
from service.reports.demo import DEMO_PLAN
from service.reports.renja_plans import import_plan


def test_demo_payments_are_idempotent_and_show_real_figures(db):
    import_plan(DEMO_PLAN.read_bytes(), DEMO_PLAN.name, 2026)
    demo.seed_payments(today=dt.date(2026, 12, 31))
    count = db.query(BudgetPayment).count()
    assert count > 300
    demo.seed_payments(today=dt.date(2026, 12, 31))
    assert db.query(BudgetPayment).count() == count
    rows = {r.code: r for r in performance.report(2026, 4)["rows"]}
    subs = [r for r in rows.values() if r.level == "sub_kegiatan"]
    assert sum(1 for r in subs if r.spent > 0) == len([r for r in subs if r.budget]) - 1
    assert rows[demo.NO_SPENDING].spent == 0
    meals = rows["1.06.04.2.01.0001"]
    assert meals.budget == meals.renja.budget + 2_000_000 and len(payments.revisions(2026)) == 2
    assert payments.find_payment("1.06.04.2.01.0001", "SP2D/0001/03/2026-K").amount == -500_000
    q = payments.spent_by_quarter(2026, 4)["1.06.04.2.01.0001"]
    assert q[3] > q[0]  # spending piles up in the fourth quarter
    pcts = {r.spent_rating for r in subs if r.spent_pct is not None}
    assert len(pcts) >= 3  # several bands show


def test_demo_stops_at_today(db):
    import_plan(DEMO_PLAN.read_bytes(), DEMO_PLAN.name, 2026)
    demo.seed_payments(today=dt.date(2026, 5, 31))
    last = max(p.paid_on for p in db.query(BudgetPayment))
    assert last == dt.date(2026, 5, 25) and not payments.revisions(2026)


def test_demo_renstra_compares_with_the_2026_plan_and_the_iku_has_a_pagu(db):
    from service.performance import attribution, indicators, renstra_compare
    from service.performance.models import RenstraRow

    import_plan(DEMO_PLAN.read_bytes(), DEMO_PLAN.name, 2026)
    demo.seed_payments(today=dt.date(2026, 12, 31))
    demo.seed_indicators()
    demo.seed_renstra()
    count = db.query(RenstraRow).count()
    demo.seed_renstra()
    assert db.query(RenstraRow).count() == count > 30
    comp = renstra_compare.comparison(2026, 4)
    rows = {r.row.code: r for r in comp["rows"]}
    meals = rows["1.06.04.2.01.0001"]
    cell = next(c for c in meals.years if c.year == 2026)
    plan = next(r for r in performance.report(2026, 4)["rows"] if r.code == "1.06.04.2.01.0001")
    assert cell.renja_target == plan.target and cell.renstra_target == round(plan.target * 1.1)
    assert cell.spent == plan.spent > 0
    assert next(c for c in rows["IKU-01"].years if c.year == 2026).renstra_target == 75
    rep = performance.report(2026, 4)
    iku = attribution.per_iku(rep, indicators.report(2026))[0]
    assert iku.budget == sum(r.budget or 0 for r in rep["rows"] if r.level == "sub_kegiatan"
                             and r.code.startswith(("1.06.04.", "1.06.06.")))
