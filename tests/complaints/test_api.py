"""The complaints desk over the API, with the same rules and denials as the web pages."""

from __future__ import annotations

from tests.complaints.conftest import make_complaint

BODY = {"channel": "whatsapp", "category_code": "terhapus_dtks", "area_code": "18.72.01.1002",
        "description": "Nama kami hilang dari DTKS.", "complainant_name": "Paryono", "received_on": "2026-11-20"}


def test_register_assign_resolve(api, make_user, db):
    call = api("operator")
    worker = make_user("peksos", "18.72.01")
    resp = call("POST", "/api/v1/complaints", BODY)
    assert resp.status_code == 201
    body = resp.get_json()
    assert body["number"].startswith("ADU-2026-") and len(body["access_code"]) == 11
    cid = body["id"]
    resp = call("POST", f"/api/v1/complaints/{cid}/assign", {"assignee_id": str(worker.id)})
    assert resp.status_code == 200 and resp.get_json()["status"] == "in_progress"
    resp = call("POST", f"/api/v1/complaints/{cid}/status", {"to_status": "resolved"})
    assert resp.status_code == 422 and "resolution" in resp.get_json()["error"]["fields"]
    resp = call("POST", f"/api/v1/complaints/{cid}/status", {"to_status": "resolved", "resolution": "Diusulkan kembali",
                                                              "resolved_on": "2026-11-25"})
    assert resp.get_json()["status"] == "resolved"
    detail = call("GET", f"/api/v1/complaints/{cid}").get_json()
    assert [e["kind"] for e in detail["events"]] == ["received", "assigned", "status", "status"]
    assert "access_code" not in detail
    monthly = call("GET", "/api/v1/complaints/monthly?year=2026").get_json()
    assert monthly["months"][10]["resolved"] == 1


def test_intake_over_the_api(api, db):
    call = api("peksos", "18.72.01")
    c, _ = make_complaint(category_code="laporan_orang_terlantar")
    db.commit()
    resp = call("POST", f"/api/v1/complaints/{c.id}/intake", {
        "ppks_category_code": "lanjut_usia_terlantar",
        "person": {"nama": "Ponirah", "jenis_kelamin": "P", "age": 78, "kode_wilayah": "18.72.01.1001"}})
    assert resp.status_code == 201 and resp.get_json()["created"] is True
    assert resp.get_json()["complaint"]["case_id"] == resp.get_json()["case_id"]


def test_denials(api, db):
    c, _ = make_complaint()
    other, _ = make_complaint(area_code="18.72.05.1001")
    db.commit()
    c, other = _ids(c), _ids(other)
    tagana = api("tagana")
    assert tagana("GET", "/api/v1/complaints").status_code == 403
    assert tagana("GET", f"/api/v1/complaints/{c.id}").status_code == 403
    assert tagana("POST", "/api/v1/complaints", BODY).status_code == 403
    peksos = api("peksos", "18.72.01")
    numbers = [i["number"] for i in peksos("GET", "/api/v1/complaints").get_json()["items"]]
    assert c.number in numbers and other.number not in numbers
    assert peksos("GET", f"/api/v1/complaints/{other.id}").status_code == 404
    assert peksos("POST", "/api/v1/complaints", {**BODY, "area_code": "18.72.05.1001"}).status_code == 403
    assert peksos("POST", f"/api/v1/complaints/{c.id}/assign", {"assignee_id": "x"}).status_code == 403
    auditor = api("auditor")
    assert auditor("GET", f"/api/v1/complaints/{c.id}").status_code == 200
    assert auditor("POST", f"/api/v1/complaints/{c.id}/status", {"to_status": "rejected"}).status_code == 403
    assert api("admin")("GET", "/api/v1/complaints").status_code == 403


class _ids:
    def __init__(self, complaint):
        self.id, self.number = complaint.id, complaint.number


def test_openapi_lists_the_complaints_routes(client):
    paths = client.get("/api/v1/openapi.json").get_json()["paths"]
    assert {"/api/v1/complaints", "/api/v1/complaints/{complaint_id}", "/api/v1/complaints/{complaint_id}/intake",
            "/api/v1/complaints/monthly", "/api/v1/complaint-categories"} <= set(paths)
