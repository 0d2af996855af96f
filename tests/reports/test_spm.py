"""SPM engine: every rule of docs/reports.md "SPM" on hand-computed fixtures."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from fractions import Fraction

import pytest
from sqlalchemy import select

from service.core import settings
from service.core.errors import ValidationError
from service.reports import spm
from tests import factories as f


def by_code(rep):
    return {s.code: s for s in rep["services"]}


def test_march_figures_match_the_hand_computation(scenario):
    rep = spm.report(2026, 3)
    lansia = by_code(rep)["lansia"]
    assert (lansia.needing, lansia.served) == (4, 3)
    assert lansia.recipients_pct == Decimal("75.00")
    assert lansia.quality_pct == Decimal("44.44")
    assert lansia.index_value == Decimal("68.89")
    assert lansia.category == "Tuntas Muda"
    dis = by_code(rep)["disabilitas"]
    assert (dis.needing, dis.served, dis.quality_pct, dis.index_value) == (1, 1, Decimal("100.00"), Decimal("100.00"))
    assert dis.category == "Tuntas Paripurna"
    assert rep["overall_index"] == Decimal("84.44")


def test_services_without_needs_are_null_not_zero(scenario):
    anak = by_code(spm.report(2026, 3))["anak"]
    assert anak.needing == 0
    assert (anak.recipients_pct, anak.quality_pct, anak.index_value, anak.category) == (None, None, None, None)


def test_april_adds_the_later_assessment_and_the_later_delivery(scenario):
    lansia = by_code(spm.report(2026, 4))["lansia"]
    # p6 assessed Apr 5, served by a delivery of Mar 30 (before the assessment counts); p2 gets alat_bantu.
    assert (lansia.needing, lansia.served) == (5, 4)
    # quality = mean(1/2, 2/3, 1/2, 1) = 2/3
    assert lansia.quality_pct == Decimal("66.67")


def test_previous_year_is_excluded(scenario):
    lansia = by_code(spm.report(2025, 12))["lansia"]
    # Only p5 (assessed Dec 31 2025); p4's Dec 31 delivery was permakanan, p5 needs permakanan but got it in 2026.
    assert (lansia.needing, lansia.served) == (1, 0)
    assert (lansia.recipients_pct, lansia.quality_pct, lansia.index_value) == (Decimal("0.00"),) * 3
    assert lansia.category == "Belum Tuntas"


def test_weights_and_bands_come_from_settings(scenario):
    settings.set_spm_weights("0.5", "0.5")
    lansia = by_code(spm.report(2026, 3))["lansia"]
    assert lansia.index_value == Decimal("59.72")  # (75 + 44.444…) / 2
    assert lansia.category == "Belum Tuntas"
    settings.set_spm_bands([("0", "Rendah"), ("50", "Cukup")])
    assert by_code(spm.report(2026, 3))["lansia"].category == "Cukup"


def test_round_once_half_up_exactly():
    assert spm.round2(Fraction(40625, 1000)) == Decimal("40.63")
    assert spm.round2(Fraction(927732, 10000)) == Decimal("92.77")
    # 13 of 32 persons served: 40.625 % exactly, which binary floats would show as 40.62.
    n, r, rec, qual, idx = spm.figures_from([(1, 1, 13), (1, 0, 19)], (Decimal("0.8"), Decimal("0.2")))
    assert (n, r, spm.round2(rec), spm.round2(qual)) == (32, 13, Decimal("40.63"), Decimal("100.00"))
    assert spm.round2(idx) == Decimal("52.50")


def test_target_and_target_pct(scenario):
    spm.set_target(2026, "lansia", "8")
    lansia = by_code(spm.report(2026, 3))["lansia"]
    assert (lansia.target, lansia.target_pct) == (8, Decimal("37.50"))
    spm.set_target(2026, "lansia", "")
    assert by_code(spm.report(2026, 3))["lansia"].target is None
    with pytest.raises(ValidationError):
        spm.set_target(2026, "lansia", "-1")


def test_drill_down_lists_the_persons_behind_each_figure(scenario, db):
    p = scenario["persons"]
    rows = db.execute(spm.person_query(2026, 3, "lansia", "all")).all()
    assert {r[0].id for r in rows} == {p[1].id, p[2].id, p[3].id, p[4].id}
    unserved = db.execute(spm.person_query(2026, 3, "lansia", "unserved")).all()
    assert [r[0].id for r in unserved] == [p[3].id]
    comps = spm.components(2026, 3, "lansia", [p[2].id])
    assert comps[p[2].id] == {"needed": ["alat_bantu", "permakanan", "sandang"], "delivered": ["sandang"]}
    assert len(db.execute(spm.person_query(2026, 3, "lansia", "all", q="lansia 4")).all()) == 1


def test_area_scoping_counts_only_persons_in_the_area(scenario):
    other = f.person(kode_wilayah="18.72.05.1001")
    f.assessment(f.case(other), ["permakanan"], dt.date(2026, 2, 1))
    assert by_code(spm.report(2026, 3))["lansia"].needing == 5
    assert by_code(spm.report(2026, 3, area="18.72.05"))["lansia"].needing == 1
    assert by_code(spm.report(2026, 3, area="18.72.01"))["lansia"].needing == 4


@pytest.mark.parametrize("year,month", [("abc", 3), (2026, 13), (2026, 0), (1999, 1), (2026, "x")])
def test_invalid_periods_are_validation_errors(year, month):
    with pytest.raises(ValidationError):
        spm.period(year, month)


def test_report_json_shape(scenario):
    data = spm.report_json(spm.report(2026, 3))
    assert set(data) == {"year", "month", "weights", "services", "overall_index"}
    assert data["weights"] == {"recipients": 0.8, "quality": 0.2}
    lansia = next(s for s in data["services"] if s["code"] == "lansia")
    assert lansia["recipients_pct"] == 75.0 and lansia["index"] == 68.89
    assert set(lansia) == {"code", "needing", "served", "recipients_pct", "quality_pct", "index", "category",
                           "target", "target_pct"}


def test_drill_down_rows_equal_the_records_in_name_order(scenario, db):
    """Each list (all, served, unserved) is the persons of the record query with their needed and
    delivered counts, in name order; a search matches a name or a whole NIK, never part of one."""
    _y, _m, start, end = spm.period(2026, 3)
    live = spm.per_person_query_live(start, end, service="lansia")
    truth = {pid: (int(n), int(d or 0)) for _bs, pid, n, d in db.execute(select(live))}
    for which, keep in (("all", lambda d: True), ("served", lambda d: d > 0), ("unserved", lambda d: d == 0)):
        rows = db.execute(spm.person_query(2026, 3, "lansia", which)).all()
        assert {r[0].id: (r[1], r[2]) for r in rows} == {k: v for k, v in truth.items() if keep(v[1])}, which
        assert [r[0].name for r in rows] == sorted(r[0].name for r in rows)
    person = scenario["persons"][2]
    person.nik = "1872014107500002"
    db.flush()
    assert [r[0].id for r in db.execute(spm.person_query(2026, 3, "lansia", "all", q=person.nik))] == [person.id]
    assert db.execute(spm.person_query(2026, 3, "lansia", "all", q=person.nik[:8])).all() == []


def test_the_month_page_reads_its_two_months_from_one_scan_with_the_same_figures(scenario, logged_in):
    from service.reports import spm_trend

    for area in (None, "18.72.01"):
        both = spm_trend.reports(2026, [2, 3], area)
        assert both == {2: spm.report(2026, 2, area), 3: spm.report(2026, 3, area)}, area
    assert spm_trend.reports(2026, [1], None) == {1: spm.report(2026, 1)}
    c, _ = logged_in("supervisor")
    html = c.get("/laporan/bulan?year=2026&month=3").get_data(as_text=True)
    march = spm.report(2026, 3)["services"][0]
    february = spm.report(2026, 2)["services"][0]
    assert f"{february.needing} → {march.needing}" in html  # "change against last month", from the same figures
