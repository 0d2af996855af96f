"""The head of office's home: headline figures at a glance, the same as the report pages."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from service.core import clock
from service.reports import headlines, renja_plans, spm
from tests.reports.conftest import PLAN_FILE

D = dt.date


def test_headlines_are_the_reports_figures(db, scenario):
    h = headlines.headlines(D(2026, 3, 31))
    assert h["spm"]["overall_index"] == Decimal("84.44")  # the scenario's documented figure
    assert h["iku"]["registered"] >= 4
    assert h["renja"] is None  # no plan uploaded yet


def test_renja_pace_counts_sub_activities_against_the_straight_line(db, scenario):
    renja_plans.import_plan(PLAN_FILE.read_bytes(), PLAN_FILE.name, 2026)
    pace = headlines.renja_pace(2026, 2)
    from service.reports import renja_realisation

    rows = [r for r in renja_realisation.report(2026, 2)["rows"] if r.level == "sub_kegiatan" and r.target]
    expected_on_pace = [r for r in rows if (r.realised or 0) * 4 >= r.target * 2]
    assert (pace.with_target, pace.on_pace) == (len(rows), len(expected_on_pace))
    assert len(pace.behind) == len(rows) - len(expected_on_pace)
    ratios = [(r.realised or 0) / r.target for r in pace.behind]
    assert ratios == sorted(ratios)  # furthest behind first


def test_head_of_office_sees_the_figures_on_home(logged_in, db, scenario):
    client, _ = logged_in("pimpinan")
    page = client.get("/").get_data(as_text=True)
    rep = spm.report(clock.today().year, clock.today().month)
    assert "Indeks SPM keseluruhan" in page
    shown = f"{rep['overall_index']:.2f}".replace(".", ",") + " %" if rep["overall_index"] is not None else "–"
    assert shown in page
    for s in rep["services"]:
        assert s.name in page
    assert "IKU: PPKS yang tertangani" in page


def test_a_peksos_home_has_no_office_figures(logged_in, db, scenario):
    client, _ = logged_in("peksos", "18.72.01")
    page = client.get("/").get_data(as_text=True)
    assert "Selamat datang" in page and "Indeks SPM keseluruhan" not in page
