"""Indicators as data: capaian by polarity, the IKU as one indicator (same figure as its API), hand values."""

from __future__ import annotations

from decimal import Decimal

import pytest

from service.core.errors import ValidationError
from service.performance import demo, indicators
from tests import factories as f
from tests.conftest import post_form
from tests.performance.conftest import D

DEC = Decimal


@pytest.mark.parametrize("polarity,target,realised,expected", [
    ("positive", "80", "60", "75.00"), ("positive", "3", "1", "33.33"), ("positive", "8", "1", "12.50"),
    ("positive", "80", "100", "125.00"), ("negative", "7", "6", "114.29"), ("negative", "10", "15", "50.00"),
    ("negative", "10", "25", "0.00"), ("positive", "0", "5", None), ("positive", "80", None, None),
    ("positive", "800", "1", "0.13")])
def test_capaian_by_polarity(polarity, target, realised, expected):
    got = indicators.capaian(polarity, DEC(target), None if realised is None else DEC(realised))
    assert got == (None if expected is None else DEC(expected))


def test_iku_is_one_indicator_with_the_iku_reports_figure(db, api):
    a, b, c = f.person(), f.person(), f.person()
    for p in (a, b, c):
        f.assessment(f.case(p), ["permakanan"], D(2026, 1, 10))
    f.deliver(a, "permakanan", D(2026, 2, 1))
    f.deliver(b, "permakanan", D(2026, 3, 1))
    demo.seed_indicators()
    demo.seed_indicators()  # idempotent
    rows = {r.indicator.code: r for r in indicators.report(2026)["rows"]}
    assert list(rows) == ["IKU-01", "IK-02"]
    iku = rows["IKU-01"]
    assert iku.measured.value == DEC("66.67") and (iku.measured.numerator, iku.measured.denominator) == (2, 3)
    assert iku.target_value == DEC("80") and iku.capaian == DEC("83.33") and iku.rating == "Tinggi"  # (2/3) / 80, rounded once
    days = rows["IK-02"]
    assert days.capaian == DEC("114.29") and days.rating == "Sangat Tinggi"  # (14 - 6) / 7, negative polarity
    call = api("pimpinan")
    legacy = call("GET", "/api/v1/reports/iku?year=2026").get_json()
    assert legacy == {"year": 2026, "registered": 3, "handled": 2, "pct": 66.67}  # the IKU API is unchanged
    body = call("GET", "/api/v1/reports/indicators?year=2026").get_json()
    first = body["indicators"][0]
    assert first["code"] == "IKU-01" and first["realised"] == legacy["pct"] and first["iku"] is True
    assert body["indicators"][1]["polarity"] == "negative" and body["indicators"][1]["capaian"] == 114.29


def test_hand_values_only_for_indicators_no_record_produces(db):
    demo.seed_indicators()
    with pytest.raises(ValidationError):
        indicators.enter_value(indicators.get_indicator("IKU-01"), 2026, "70")
    with pytest.raises(ValidationError) as err:
        indicators.enter_value(indicators.get_indicator("IK-02"), 2026, "abc")
    assert "value" in err.value.fields
    with pytest.raises(ValidationError) as err:
        indicators.save_indicator("X", "", polarity="sideways", kind="vibe")
    assert {"name", "polarity", "kind"} <= set(err.value.fields)


def test_supervisor_defines_an_indicator_and_enters_a_year(db, logged_in):
    client, user = logged_in("supervisor")
    page = "/kinerja/indikator?year=2026"
    resp = post_form(client, "/kinerja/indikator/baru?year=2026", {
        "i-code": "IK-03", "i-name": "Persentase LKS terakreditasi", "i-kind": "outcome", "i-unit": "%",
        "i-polarity": "positive", "i-baseline": "40"}, form_page=page)
    assert resp.status_code == 302
    resp = post_form(client, "/kinerja/indikator/IK-03?year=2026", {
        "y-renstra_target": "60", "y-pk_target": "", "y-value": "45", "y-numerator": "9", "y-denominator": "20"},
        form_page=page)
    assert resp.status_code == 302
    row = indicators.report(2026)["rows"][0]
    assert row.capaian == DEC("75.00") and row.entry.updated_by_id == user.id
    html = client.get(page).get_data(as_text=True)
    assert "Persentase LKS terakreditasi" in html and "75,00 %" in html and "Sedang" in html
    resp = post_form(client, "/kinerja/indikator/IK-03?year=2026", {"y-value": "x"}, form_page=page)
    assert resp.status_code == 422 and "Bukan angka yang valid" in resp.get_data(as_text=True)


def test_indicator_denials(db, logged_in):
    client, _ = logged_in("operator")
    assert client.get("/kinerja/indikator").status_code == 200
    assert post_form(client, "/kinerja/indikator/baru", {"i-code": "X", "i-name": "Y"},
                     form_page="/kinerja/indikator").status_code == 403
