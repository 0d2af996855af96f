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
    # the mask keeps only the region digits: the birth date shown beside it must not complete it
    assert listed[0]["nik"] is None and listed[0]["nik_masked"] == "187201**********"
    auditor = api("auditor")
    assert auditor("GET", f"/api/v1/persons/{pid}").get_json()["nik"] is None
    assert near("GET", "/api/v1/persons/nope").status_code == 404
    bad = near("POST", "/api/v1/persons", {**BODY, "nik": "12"})
    assert bad.status_code == 422 and "nik" in bad.get_json()["error"]["fields"]
    taken = near("POST", "/api/v1/persons", {**BODY, "nik": "1872011203500009"})
    error = taken.get_json()["error"]
    # this worker may open the holder's record: its id is offered (never a name in the message)
    assert taken.status_code == 409 and error["existing_id"] == str(pid) and "sudah terdaftar" in error["fields"]["nik"]


def test_taken_nik_does_not_name_a_holder_the_caller_may_not_open(api, db):
    """A NIK reveals only that it is registered: not the holder's name, id or area (issue 12)."""
    holder = factories.person(name="Ratna Korban", nik="1872014506900002", birth_date="1990-06-05")
    factories.case(holder, category="korban_trafficking")  # need-to-know: nobody assigned may open it
    pid = holder.id
    db.commit()
    for caller, village in ((api("peksos", "18.72.05"), "18.72.05.1001"),   # another district
                            (api("peksos", "18.72.01"), "18.72.01.1001")):  # same area, not assigned
        for method, url in (("POST", "/api/v1/persons"),
                            ("PUT", f"/api/v1/persons/{factories.person(village_code=village).id}")):
            db.commit()
            resp = caller(method, url, {**BODY, "nama": "Siapa Saja", "nik": "1872014506900002",
                                        "kode_wilayah": village})
            text = resp.get_data(as_text=True)
            assert resp.status_code == 409, text
            assert "existing_id" not in resp.get_json()["error"]
            assert "Ratna" not in text and str(pid) not in text and "sudah terdaftar" in text


def test_partial_nik_search_only_for_roles_that_see_niks(api, db):
    pid = str(factories.person(nik="1872011203500009", tanggal_lahir="1950-03-12").id)
    db.commit()
    auditor = api("auditor")  # may read persons, not their NIKs
    assert auditor("GET", "/api/v1/persons?q=18720112035").get_json()["items"] == []
    assert auditor("GET", "/api/v1/persons?q=0009").get_json()["items"] == []
    whole = auditor("GET", "/api/v1/persons?q=1872011203500009").get_json()["items"]
    assert [p["id"] for p in whole] == [pid]  # a whole NIK the auditor already holds: found, still masked
    assert whole[0]["nik"] is None
    near = api("peksos", "18.72.01")
    assert [p["id"] for p in near("GET", "/api/v1/persons?q=0350000").get_json()["items"]] == [pid]


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
