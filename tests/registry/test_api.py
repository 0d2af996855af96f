"""Registry and casework API: same rules as the web, denials per role and area."""

from __future__ import annotations

from tests import factories

BODY = {"nama": "Surti", "jenis_kelamin": "P", "tanggal_lahir": "1951-02-03", "kode_wilayah": "18.72.01.1001",
        "alasan_tanpa_nik": "belum_terdaftar"}


def test_register_open_assess_approve(api, db):
    worker = api("peksos", "18.72.01")
    resp = worker("POST", "/api/v1/persons", BODY)
    assert resp.status_code == 201, resp.get_json()
    pid = resp.get_json()["id"]
    dup = worker("POST", "/api/v1/persons/likely-duplicates", {**BODY, "nama": "Surti "})
    assert [p["id"] for p in dup.get_json()["items"]] == [pid]
    resp = worker("POST", "/api/v1/cases", {"person_id": pid, "category_code": "lanjut_usia_terlantar",
                                            "intake_source": "walk_in", "intake_date": "2026-11-01",
                                            "consent_given": True})
    assert resp.status_code == 201
    case = resp.get_json()
    assert case["number"].startswith("REH-2026-")
    resp = worker("POST", f"/api/v1/cases/{case['id']}/assessments", {"assessed_on": "2026-11-02",
                                                                        "needs": ["permakanan"]})
    assert resp.status_code == 201 and resp.get_json()["status"] == "submitted"
    bad = worker("POST", f"/api/v1/cases/{case['id']}/assessments", {"assessed_on": "2026-11-02",
                                                                       "needs": ["terbang"]})
    assert bad.status_code == 422 and "needs" in bad.get_json()["error"]["fields"]
    sup = api("supervisor")
    from sqlalchemy import select

    from service.casework.models import CaseApproval

    approval_id = db.scalar(select(CaseApproval.id).where(CaseApproval.status == "pending"))
    assert worker("POST", f"/api/v1/approvals/{approval_id}/decision", {"approve": True}).status_code == 403
    ok = sup("POST", f"/api/v1/approvals/{approval_id}/decision", {"approve": True, "comment": "ok"})
    assert ok.status_code == 200 and ok.get_json()["status"] == "approved"
    detail = worker("GET", f"/api/v1/cases/{case['id']}").get_json()
    assert [t["to"] for t in detail["transitions"]] == ["new", "assessment"]


def test_person_api_denials_and_errors(api, db):
    pid = factories.person(nik="1872011203500009", tanggal_lahir="1950-03-12").id
    db.commit()
    far = api("peksos", "18.72.05")
    assert far("GET", f"/api/v1/persons/{pid}").status_code == 403
    assert far("POST", "/api/v1/persons", BODY).status_code == 403
    assert api("tagana")("GET", "/api/v1/persons").status_code == 403
    near = api("peksos", "18.72.01")
    got = near("GET", f"/api/v1/persons/{pid}").get_json()
    assert got["nik"] == "1872011203500009"
    listed = near("GET", "/api/v1/persons?q=500009").get_json()["items"]
    assert listed[0]["nik"] is None and listed[0]["nik_masked"] == "187201******0009"
    auditor = api("auditor")
    assert auditor("GET", f"/api/v1/persons/{pid}").get_json()["nik"] is None
    assert near("GET", "/api/v1/persons/nope").status_code == 404
    bad = near("POST", "/api/v1/persons", {**BODY, "nik": "12"})
    assert bad.status_code == 422 and "nik" in bad.get_json()["error"]["fields"]
    taken = near("POST", "/api/v1/persons", {**BODY, "nik": "1872011203500009"})
    assert taken.status_code == 409 and str(pid) in taken.get_json()["error"]["fields"]["nik"]


def test_sensitive_case_api(api, db):
    worker = api("peksos", "18.72.01")
    other = api("peksos", "18.72.01")
    case = factories.case(category="korban_trafficking", worker_id=worker.user.id)
    cid, number = case.id, case.number
    db.commit()
    assert worker("GET", f"/api/v1/cases/{cid}").status_code == 200
    assert other("GET", f"/api/v1/cases/{cid}").status_code == 403
    assert number not in other("GET", "/api/v1/cases").get_data(as_text=True)


def test_household_api(api, db):
    head, kid = factories.person().id, factories.person().id
    db.commit()
    call = api("operator")
    resp = call("POST", "/api/v1/households", {"head_id": str(head), "kk_number": "1872010101000077"})
    assert resp.status_code == 201
    hid = resp.get_json()["id"]
    assert call("POST", f"/api/v1/households/{hid}/members", {"person_id": str(kid),
                                                              "relationship": "kepala_keluarga"}).status_code == 422
    resp = call("POST", f"/api/v1/households/{hid}/members", {"person_id": str(kid), "relationship": "anak"})
    assert resp.status_code == 200 and len(resp.get_json()["members"]) == 2
