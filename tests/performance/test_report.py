"""The performance report per PERFORMANCE.md: exact decimals, ties, corrections, previous year, revisions."""

from __future__ import annotations

from decimal import Decimal

import pytest

from service.core import settings
from service.core.errors import ValidationError
from service.performance import payments
from service.performance import report as performance
from service.performance.models import BudgetPayment
from tests.performance.conftest import AIDS, CLOTHES, MEALS, TODAY, D, pay


def by_code(rep):
    return {r.code: r for r in rep["rows"]}


@pytest.mark.parametrize("pct,label", [
    ("91.00", "Sangat Tinggi"), ("250.00", "Sangat Tinggi"), ("90.99", "Tinggi"), ("76.00", "Tinggi"),
    ("75.99", "Sedang"), ("66.00", "Sedang"), ("65.99", "Rendah"), ("51.00", "Rendah"), ("50.99", "Sangat Rendah"),
    ("0.00", "Sangat Rendah"), ("-5.00", "Sangat Rendah"), (None, None)])
def test_five_band_scale_with_its_gaps_closed(db, pct, label):
    assert performance.rating(None if pct is None else Decimal(pct)) == label


def test_the_bands_are_a_setting(db):
    settings.put("performance.bands", [{"min": "80", "label": "Baik"}, {"min": None, "label": "Kurang"}])
    assert performance.rating(Decimal("80")) == "Baik" and performance.rating(Decimal("79.99")) == "Kurang"


def test_sub_activity_figures_exact_through_q2(scenario):
    rows = by_code(performance.report(2026, 2))
    meals = rows[MEALS]
    assert (meals.target, meals.realised, meals.realised_pct, meals.rating) == (8, 4, Decimal("50.00"), "Sangat Rendah")
    assert meals.budget == 200000 and meals.spent == 181990
    assert meals.spent_pct == Decimal("91.00") and meals.spent_rating == "Sangat Tinggi"  # 90.995 rounds half up
    assert meals.unit_cost == 45498  # 45,497.5 rounds half up
    assert meals.spent_quarters == [90000, 91990] and meals.quarters == [2, 2]
    assert "spent_no_output" not in meals.flags and "output_no_spent" not in meals.flags
    clothes = rows[CLOTHES]
    assert clothes.spent == 0 and clothes.spent_pct is None and clothes.spent_rating is None
    assert clothes.unit_cost == 0 and "output_no_spent" in clothes.flags
    aids = rows[AIDS]
    assert (aids.spent, aids.spent_pct, aids.spent_rating) == (30000, Decimal("60.00"), "Rendah")
    assert aids.realised == 0 and aids.realised_pct == Decimal("0.00") and aids.unit_cost is None
    assert "spent_no_output" in aids.flags


def test_rollups_sum_their_sub_activities_and_carry_no_rating_of_output(scenario):
    rows = by_code(performance.report(2026, 2))
    for code in ("1.06.04.2.01", "1.06.04"):
        row = rows[code]
        assert row.spent == 211990 and row.budget == 250000
        assert row.spent_pct == Decimal("84.80") and row.spent_rating == "Tinggi"
        assert row.realised is None and row.rating is None and row.unit_cost is None


def test_quarters_and_the_previous_year(scenario):
    q1 = by_code(performance.report(2026, 1))[MEALS]
    assert q1.spent == 90000 and q1.realised == 2 and q1.unit_cost == 45000
    q3 = by_code(performance.report(2026, 3))[MEALS]
    assert q3.spent == 186990  # the July payment counts from Q3
    prev = by_code(performance.report(2025, 4))[MEALS]
    assert prev.spent == 77777 and prev.realised == 0 and "spent_no_output" in prev.flags


def test_early_warning_flags_lag_the_straight_line_pace(scenario):
    rows = by_code(performance.report(2026, 2))  # pace: half of the target and the pagu
    assert "behind_output" not in rows[MEALS].flags  # 4 of 8 is exactly on pace
    assert "behind_budget" not in rows[MEALS].flags
    assert "behind_output" in rows[AIDS].flags and "behind_budget" not in rows[AIDS].flags  # 60 % spent
    q4 = by_code(performance.report(2026, 4))
    assert {"behind_output", "behind_budget"} <= set(q4[MEALS].flags)  # 4 of 8, 186,990 of 200,000 at year end
    assert "behind_budget" in q4[AIDS].flags


def test_pagu_revision_applies_from_its_date_and_keeps_the_history(scenario):
    rev = payments.revise_budget(2026, MEALS, D(2026, 4, 1), 181990, "pergeseran", "Pergeseran ke alat bantu",
                                 today=TODAY)
    assert rev.previous_budget == 200000
    payments.revise_budget(2026, MEALS, D(2026, 7, 1), 300000, "perubahan", "APBD Perubahan", today=TODAY)
    assert by_code(performance.report(2026, 1))[MEALS].budget == 200000
    q2 = by_code(performance.report(2026, 2))
    assert q2[MEALS].budget == 181990 and q2[MEALS].spent_pct == Decimal("100.00")
    assert q2[MEALS].renja.budget == 200000  # the plan's own figure is unchanged
    assert q2["1.06.04.2.01"].budget == 231990  # the kegiatan's pagu moves with its sub-activity
    assert by_code(performance.report(2026, 3))[MEALS].budget == 300000
    assert [r.budget for r in payments.revisions(2026, MEALS)] == [181990, 300000]


@pytest.mark.parametrize("kwargs,field", [
    ({"effective_on": D(2025, 12, 1)}, "effective_on"), ({"budget": "-1"}, "budget"),
    ({"reason": ""}, "reason"), ({"kind": "tambah"}, "kind"), ({"code": "1.06.04.2.01"}, "code")])
def test_bad_revision_is_refused(scenario, kwargs, field):
    args = {"code": MEALS, "effective_on": D(2026, 4, 1), "budget": "150.000", "kind": "pergeseran",
            "reason": "Pergeseran"} | kwargs
    with pytest.raises(ValidationError) as err:
        payments.revise_budget(2026, **args, today=TODAY)
    assert field in err.value.fields


def test_payments_are_never_deleted(scenario, db):
    p = db.query(BudgetPayment).first()
    db.delete(p)
    with pytest.raises(RuntimeError, match="never deleted"):
        db.flush()


@pytest.mark.parametrize("kwargs,field", [
    ({"amount": 0}, "amount"), ({"amount": "12,5"}, "amount"), ({"amount": -5}, "reason"),
    ({"document_no": " "}, "document_no"), ({"funding_source": "Hibah"}, "funding_source"),
    ({"code": "1.06.04.2.01"}, "code"), ({"paid_on": D(2026, 12, 25)}, "paid_on"),
    ({"paid_on": D(2024, 3, 1)}, "code"), ({"document_no": "SP2D-1"}, "document_no")])
def test_bad_payment_is_refused_and_writes_nothing(scenario, db, kwargs, field):
    before = db.query(BudgetPayment).count()
    args = {"code": MEALS, "paid_on": D(2026, 8, 1), "amount": 1000, "funding_source": "APBD",
            "document_no": "SP2D-99"} | kwargs
    with pytest.raises(ValidationError) as err:
        payments.record_payment(args["code"], args["paid_on"], args["amount"], args["funding_source"],
                                args["document_no"], today=TODAY)
    assert field in err.value.fields
    assert db.query(BudgetPayment).count() == before


def test_amounts_in_office_notation(db):
    assert payments.parse_amount("Rp 1.250.000") == 1250000
    assert payments.parse_amount("-250.000") == -250000
    assert payments.parse_amount(1250000.0) == 1250000
    assert payments.parse_amount("1250000") == 1250000


def test_a_correction_lowers_spent(scenario):
    pay(AIDS, D(2026, 5, 1), -30000, "SP2D-5-K", reason="Salah akun")
    aids = by_code(performance.report(2026, 2))[AIDS]
    assert aids.spent == 0 and aids.spent_pct == Decimal("0.00") and "spent_no_output" not in aids.flags
