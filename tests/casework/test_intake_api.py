"""``POST /api/v1/intake``: register a person and open a case in one transaction, all or nothing."""

from __future__ import annotations

import uuid

from sqlalchemy import func, select

from service.casework.models import CaseTransition
from service.core.audit import AuditLog
from service.registry.models import Person
from tests import factories

CASE = {"category_code": "lanjut_usia_terlantar", "intake_source": "walk_in", "intake_date": "2026-11-01",
        "consent_given": True}
BODY = {"nama": "Surti Intake", "jenis_kelamin": "P", "tanggal_lahir": "1951-02-03",
        "kode_wilayah": "18.72.01.1001", "alasan_tanpa_nik": "belum_terdaftar", "case": CASE}


def _persons(db, name: str = "Surti Intake") -> int:
    return db.scalar(select(func.count()).select_from(Person).where(Person.name == name))


def test_intake_registers_the_person_and_opens_the_case(api, db):
    worker = api("peksos", "18.72.01")
    resp = worker("POST", "/api/v1/intake", {**BODY, "nik": "1872014302510001"})
    assert resp.status_code == 201, resp.get_json()
    person, case = resp.get_json()["person"], resp.get_json()["case"]
    assert person["name"] == "Surti Intake" and person["nik"] == "1872014302510001" and person["dtks"] == []
    assert case["person_id"] == person["id"] and case["number"].startswith("REH-2026-")
    assert case["status"] == "new" and case["consent_given"] is True
    got = worker("GET", f"/api/v1/persons/{person['id']}")
    assert got.status_code == 200 and got.get_json()["birth_date"] == "1951-02-03"
    detail = worker("GET", f"/api/v1/cases/{case['id']}").get_json()
    assert detail["number"] == case["number"] and [t["to"] for t in detail["transitions"]] == ["new"]
    # the same audit rows as the two calls: the person, the case and its first step, by this worker
    written = {(a.entity_type, a.actor_id) for a in db.scalars(
        select(AuditLog).where(AuditLog.action == "create", AuditLog.entity_id.in_([person["id"], case["id"]])))}
    assert written == {("persons", worker.user.id), ("cases", worker.user.id)}
    step = db.scalar(select(CaseTransition).where(CaseTransition.case_id == uuid.UUID(case["id"])))
    assert db.scalar(select(func.count()).select_from(AuditLog).where(
        AuditLog.entity_type == "case_transitions", AuditLog.entity_id == str(step.id))) == 1


def test_intake_denials_write_nothing(api, client, db):
    assert client.post("/api/v1/intake", json=BODY).status_code == 401
    assert api("tagana", "18.72.01")("POST", "/api/v1/intake", BODY).status_code == 403
    far = api("peksos", "18.72.05")
    assert far("POST", "/api/v1/intake", BODY).status_code == 403
    assert _persons(db) == 0


def test_a_refused_case_leaves_no_person(api, db):
    worker = api("peksos", "18.72.01")
    before = db.scalar(select(func.count()).select_from(AuditLog))
    resp = worker("POST", "/api/v1/intake", {**BODY, "case": {**CASE, "category_code": "terbang"}})
    assert resp.status_code == 422
    assert "case.category_code" in resp.get_json()["error"]["fields"]
    late = worker("POST", "/api/v1/intake", {**BODY, "case": {**CASE, "intake_date": "2999-01-01"}})
    assert late.status_code == 422 and "case.intake_date" in late.get_json()["error"]["fields"]
    assert _persons(db) == 0 and db.scalar(select(func.count()).select_from(AuditLog)) == before
    both = worker("POST", "/api/v1/intake", {**BODY, "nik": "12", "case": {**CASE, "category_code": "terbang"}})
    assert both.status_code == 422 and {"nik", "case.category_code"} <= set(both.get_json()["error"]["fields"])
    no_case = worker("POST", "/api/v1/intake", {k: v for k, v in BODY.items() if k != "case"})
    assert no_case.status_code == 422 and "case" in no_case.get_json()["error"]["fields"]
    assert _persons(db) == 0


def test_a_sensitive_case_hides_the_nik_from_an_unassigned_worker(api, db):
    worker = api("peksos", "18.72.01")
    resp = worker("POST", "/api/v1/intake", {**BODY, "nik": "1872014302510001",
                                              "case": {**CASE, "category_code": "korban_trafficking"}})
    assert resp.status_code == 201, resp.get_json()
    assert resp.get_json()["person"]["nik"] is None and resp.get_json()["case"]["is_sensitive"] is True


def test_a_taken_nik_is_409_without_naming_a_holder_the_caller_may_not_open(api, db):
    holder = factories.person(name="Ratna Korban", nik="1872014506900002", birth_date="1990-06-05")
    factories.case(holder, category="korban_trafficking")  # need-to-know: nobody assigned may open it
    pid = holder.id
    db.commit()
    resp = api("peksos", "18.72.01")("POST", "/api/v1/intake", {**BODY, "nik": "1872014506900002"})
    text = resp.get_data(as_text=True)
    assert resp.status_code == 409, text
    assert "existing_id" not in resp.get_json()["error"] and "sudah terdaftar" in resp.get_json()["error"]["fields"]["nik"]
    assert "Ratna" not in text and str(pid) not in text
    assert _persons(db) == 0
    open_id = factories.person(name="Budi Terbuka", nik="1872011203500009", birth_date="1950-03-12").id
    db.commit()
    seen = api("peksos", "18.72.01")("POST", "/api/v1/intake", {**BODY, "nik": "1872011203500009"})
    assert seen.status_code == 409 and seen.get_json()["error"]["existing_id"] == str(open_id)


def test_intake_is_in_the_openapi_document(client):
    op = client.get("/api/v1/openapi.json").get_json()["paths"]["/api/v1/intake"]["post"]
    assert "case" in op["requestBody"]["content"]["application/json"]["schema"]["properties"]
