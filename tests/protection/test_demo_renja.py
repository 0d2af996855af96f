"""Done when: on the demo office, the 2026 Renja (quarter 4) computes at least 26 of its 27
sub-activities from records — over the real demo seed and the real API."""

from __future__ import annotations

from service.core import demo


def test_demo_renja_quarter_4_is_computed_from_records(db, api):
    demo.seed()
    db.commit()
    call = api("pimpinan")
    resp = call("GET", "/api/v1/reports/renja?year=2026&quarter=4")
    assert resp.status_code == 200
    rows = [r for r in resp.get_json()["rows"] if r["level"] == "sub_kegiatan"]
    assert len(rows) == 27
    hand = [r["code"] for r in rows if r["source"] == "hand"]
    assert len(hand) <= 1, hand
    by_code = {r["code"]: r for r in rows}
    assert by_code["1.06.05.2.02.0001"]["source"] == "dtks_enumerated"
    assert by_code["1.06.05.2.02.0008"]["source"] == "dtks_proposals"
    assert by_code["1.06.07.2.01.0002"]["source"] == "graves_maintained"
    assert by_code["1.06.04.2.01.0014"]["source"] == "civil_documents"
    # the demo's records, counted: 11 proposals in the four approved batches, 8 graves, 4 persons with documents
    assert by_code["1.06.05.2.02.0008"]["realised"] == 11
    assert by_code["1.06.07.2.01.0002"]["realised"] == 8
    assert by_code["1.06.04.2.01.0014"]["realised"] == 4
    # seeding again changes nothing
    demo.seed()
    again = {r["code"]: r["realised"] for r in call("GET", "/api/v1/reports/renja?year=2026&quarter=4").get_json()["rows"]}
    assert again["1.06.05.2.02.0008"] == 11


def test_the_drill_down_lists_the_records_counted(db, logged_in):
    demo.seed()
    db.commit()
    client, _ = logged_in("pimpinan")
    for code, expected in (("1.06.05.2.02.0008", "Penindaklayakan"), ("1.06.07.2.01.0002", "Kapten (Purn.) Soemarno"),
                           ("1.06.05.2.02.0001", "Sutrisno"), ("1.06.04.2.01.0014", "Dimas Pratama")):
        resp = client.get(f"/laporan/renja/catatan?code={code}&year=2026&quarter=4")
        assert resp.status_code == 200, code
        assert expected in resp.get_data(as_text=True), code
