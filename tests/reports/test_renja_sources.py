"""Renja rows computed from an area's records: the mechanism, its mapping, its drill-down, its denials."""

from __future__ import annotations

import re

from service.complaints import desk
from service.psks import register, trainings
from service.reports import renja_plans, renja_realisation, renja_sources
from tests.conftest import post_form
from tests.reports.conftest import PLAN_FILE

COMPLAINTS = "1.06.04.2.01.0009"
LEMBAGA = "1.06.02.2.03.0004"
ORANG = "1.06.02.2.03.0014"


def _plan():
    renja_plans.import_plan(PLAN_FILE.read_bytes(), PLAN_FILE.name, 2026)


def _complaint(received: str, resolved: str | None, area: str = "18.72.01.1001"):
    c, _ = desk.register_complaint({"channel": "phone", "category_code": "permintaan_informasi", "area_code": area,
                                    "description": "Tanya syarat bantuan", "received_on": received})
    if resolved:
        desk.change_status(c, "resolved", resolution="Dijawab", resolved_on=resolved)
    return c


def _rows(rep):
    return {r.code: r for r in rep["rows"]}


def test_sources_are_found_in_every_area():
    assert {"complaints", "psks_persons", "psks_institutions"} <= set(renja_sources.sources())
    assert renja_sources.effective_mapping()[COMPLAINTS] == "complaints"


def test_complaints_feed_their_sub_activity_per_quarter_and_cumulative(db):
    _plan()
    _complaint("2026-02-01", "2026-02-03")
    _complaint("2026-06-20", "2026-07-02")  # counted in Q3, when it was resolved
    _complaint("2026-08-01", "2026-08-05", area="18.72.05.1001")
    _complaint("2026-09-01", None)  # still open: not served yet
    row = _rows(renja_realisation.report(2026, 3))[COMPLAINTS]
    assert (row.source, row.quarters, row.realised) == ("complaints", [1, 0, 2], 3)
    assert _rows(renja_realisation.report(2026, 3, "18.72.05"))[COMPLAINTS].realised == 1
    assert row.as_json()["source"] == "complaints"


def test_psks_trainings_feed_lembaga_and_orang(db):
    _plan()
    w = register.create_worker({"kind": "psm", "name": "Siti", "area_code": "18.72.01.1001"})
    kt = register.create_organisation({"kind": "karang_taruna", "name": "KT", "region_code": "18.72.01.1001"})
    for start, end in (("2026-03-10", "2026-03-12"), ("2026-10-01", "2026-10-02")):
        t = trainings.create_training({"title": f"Bimtek {start}", "starts_on": start, "ends_on": end,
                                       "area_code": "18.72"})
        trainings.add_participant(t, worker=w)
        trainings.add_participant(t, organisation=kt)
    rows = _rows(renja_realisation.report(2026, 4))
    assert (rows[ORANG].source, rows[ORANG].quarters, rows[ORANG].realised) == ("psks_persons", [1, 0, 0, 1], 1)
    assert (rows[LEMBAGA].source, rows[LEMBAGA].realised) == ("psks_institutions", 1)  # distinct over the year


def test_hand_entry_is_refused_for_a_source_row(db):
    import pytest

    from service.core.errors import ValidationError

    _plan()
    with pytest.raises(ValidationError):
        renja_plans.set_hand_value(2026, COMPLAINTS, 1, 5)


def test_admin_maps_a_source_off_and_back(logged_in, db):
    _plan()
    db.commit()
    client, _ = logged_in("admin")
    page = client.get("/laporan/pemetaan?year=2026").get_data(as_text=True)
    assert f'name="source-{COMPLAINTS}"' in page and "Pengaduan yang diselesaikan" in page
    # the page posts every field: the service types' codes as they are, and the sources
    fields = dict(re.findall(r'<input id="[^"]+" name="([^"]+)" value="([^"]*)"', page))
    resp = post_form(client, "/laporan/pemetaan?year=2026", {**fields, f"source-{COMPLAINTS}": ""},
                     form_page="/laporan/pemetaan?year=2026")
    assert resp.status_code == 302
    assert COMPLAINTS not in renja_sources.effective_mapping()
    row = _rows(renja_realisation.report(2026, 1))[COMPLAINTS]
    assert row.source == "persons"  # back to the deliveries of layanan_data_pengaduan
    resp = post_form(client, "/laporan/pemetaan?year=2026", {**fields, f"source-{COMPLAINTS}": "complaints"},
                     form_page="/laporan/pemetaan?year=2026")
    assert resp.status_code == 302 and renja_sources.overrides() == set()  # the default again: no override
    resp = post_form(client, "/laporan/pemetaan?year=2026", {**fields, f"source-{COMPLAINTS}": "nope"},
                     form_page="/laporan/pemetaan?year=2026")
    assert resp.status_code == 422


def test_drill_down_lists_the_records(logged_in, db):
    _plan()
    c = _complaint("2026-02-01", "2026-02-03")
    number = c.number
    db.commit()
    client, _ = logged_in("supervisor")
    page = client.get("/laporan/renja?year=2026&quarter=1").get_data(as_text=True)
    assert f"/laporan/renja/catatan?code={COMPLAINTS}" in page.replace("&amp;", "&")
    resp = client.get(f"/laporan/renja/catatan?code={COMPLAINTS}&year=2026&quarter=1")
    assert resp.status_code == 200 and number in resp.get_data(as_text=True)
    assert client.get("/laporan/renja/catatan?code=1.06.04.2.01.0001&year=2026&quarter=1").status_code == 404
    assert client.get(f"/laporan/renja/catatan?code={COMPLAINTS}&year=2026&quarter=9").status_code == 404


def test_drill_down_denials(logged_in, db):
    _plan()
    db.commit()
    client, _ = logged_in("tagana")
    assert client.get(f"/laporan/renja/catatan?code={COMPLAINTS}&year=2026&quarter=1").status_code == 403


def test_api_reports_the_source_key(api, db):
    _plan()
    _complaint("2026-11-02", "2026-11-03")
    db.commit()
    rows = {r["code"]: r for r in api("supervisor")("GET", "/api/v1/reports/renja?year=2026&quarter=4")
            .get_json()["rows"]}
    assert rows[COMPLAINTS]["source"] == "complaints" and rows[COMPLAINTS]["realised"] == 1
    assert rows[COMPLAINTS]["quarters"] == [0, 0, 0, 1]
