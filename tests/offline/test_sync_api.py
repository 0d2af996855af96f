"""``POST /api/v1/sync`` and the download endpoints, including the denials."""

from __future__ import annotations

from sqlalchemy import func, select

from service.registry.models import Person
from tests.offline.conftest import assessment_op, delivery_op, new_id, person_op


def test_sync_needs_a_token_and_a_role(api, client):
    body = {"device_id": new_id(), "operations": [person_op()]}
    assert client.post("/api/v1/sync", json=body).status_code == 401
    assert client.post("/api/v1/sync", json=body, headers={"Authorization": "Bearer nope"}).status_code == 401
    for role in ("auditor", "pimpinan", "admin"):
        resp = api(role)("POST", "/api/v1/sync", body)
        assert resp.status_code == 403, role
        assert resp.get_json()["error"]["code"] == "forbidden"


def test_sync_rejects_a_malformed_body_with_422(api):
    call = api("peksos", "18.72.01")
    resp = call("POST", "/api/v1/sync", {"device_id": "", "operations": "y"})
    assert resp.status_code == 422
    assert set(resp.get_json()["error"]["fields"]) == {"device_id", "operations"}
    for bad in ("x" * 101, 42, None, ["a"]):
        resp = call("POST", "/api/v1/sync", {"device_id": bad, "operations": []})
        assert resp.status_code == 422 and set(resp.get_json()["error"]["fields"]) == {"device_id"}, bad
    assert call("POST", "/api/v1/sync", data="[1]", headers={"Content-Type": "application/json"}).status_code == 422
    too_many = {"device_id": new_id(), "operations": [person_op() for _ in range(1001)]}
    assert call("POST", "/api/v1/sync", too_many).status_code == 422


def test_sync_applies_and_answers_in_order_with_translated_errors(api, db):
    call = api("peksos", "18.72.01")
    p = person_op()
    ops = [delivery_op(p["entity_id"]), p, assessment_op(p["entity_id"]), delivery_op(p["entity_id"]),
           person_op(nama="")]
    resp = call("POST", "/api/v1/sync", {"device_id": new_id(), "operations": ops})
    assert resp.status_code == 200
    results = resp.get_json()["results"]
    assert [r["op_id"] for r in results] == [o["op_id"] for o in ops]
    assert [r["status"] for r in results] == ["rejected", "applied", "applied", "applied", "rejected"]
    assert results[0]["retryable"] is True
    assert results[4]["errors"]["nama"] == "Nama wajib diisi."
    assert "params" not in results[4]


def test_a_worker_may_not_sync_outside_their_area(api, db):
    call = api("peksos", "18.72.05")
    resp = call("POST", "/api/v1/sync", {"device_id": new_id(), "operations": [person_op()]})
    assert resp.get_json()["results"][0]["status"] == "rejected"
    assert db.scalar(select(func.count()).select_from(Person)) == 0


def test_caseload_and_reference_downloads(api, db):
    worker = api("peksos", "18.72.01")
    p = person_op()
    worker("POST", "/api/v1/sync", {"device_id": new_id(), "operations": [p, assessment_op(p["entity_id"])]})
    load = worker("GET", "/api/v1/sync/caseload").get_json()
    assert [x["id"] for x in load["persons"]] == [p["entity_id"]]
    assert load["cases"][0]["status"] == "assessment"
    assert api("peksos", "18.72.01")("GET", "/api/v1/sync/caseload").get_json()["persons"] == []
    ref = worker("GET", "/api/v1/sync/reference").get_json()
    assert {"categories", "service_types", "basic_services", "villages"} <= set(ref)
    assert api("auditor")("GET", "/api/v1/sync/caseload").status_code == 403
    assert api("tagana")("GET", "/api/v1/sync/caseload").status_code == 403
    assert api("auditor")("GET", "/api/v1/sync/reference").status_code == 403


def test_openapi_documents_the_operation_types(client):
    doc = client.get("/api/v1/openapi.json").get_json()
    body = doc["paths"]["/api/v1/sync"]["post"]["requestBody"]["content"]["application/json"]["schema"]
    for name in ("person.upsert", "assessment.create", "delivery.create", "victim.register", "distribution.create"):
        assert name in body["description"]


def test_a_device_is_known_by_its_own_identifier_whatever_its_form(api, db):
    """INTERFACES.md: device_id is opaque — an Android ID or a serial number is as good as a UUID."""
    from sqlalchemy import select

    from service.offline.models import SyncDevice, SyncOperation

    call = api("peksos", "18.72.01")
    for device_id in ("9774d56d682e549c", "R58N12ABCDE", "x" * 100):
        resp = call("POST", "/api/v1/sync", {"device_id": device_id, "operations": [person_op()]})
        assert resp.status_code == 200, resp.get_json()
        body = resp.get_json()
        assert body["device_id"] == device_id and body["results"][0]["status"] == "applied"
    again = call("POST", "/api/v1/sync", {"device_id": "9774d56d682e549c", "operations": [person_op()]})
    assert again.status_code == 200
    device = db.scalar(select(SyncDevice).where(SyncDevice.key == "9774d56d682e549c"))
    assert device.last_batch_size == 1
    assert len(db.scalars(select(SyncOperation).where(SyncOperation.device_id == device.id)).all()) == 2


def test_migration_keeps_known_devices_under_the_uuid_they_send(tmp_path):
    """0015: a device registered before (id = the UUID it sends) keeps being the same device."""
    import uuid

    import sqlalchemy as sa

    from service.core import migrate

    url = f"sqlite:///{tmp_path}/m.db"
    migrate.upgrade(url, "0014")
    known = uuid.uuid4()
    eng = sa.create_engine(url)
    with eng.begin() as conn:
        conn.execute(sa.text("INSERT INTO sync_devices (id, label, first_seen_at, last_seen_at, last_batch_size) "
                             "VALUES (:id, '', '2026-01-01', '2026-01-01', 0)"), {"id": known.hex})
    migrate.upgrade(url, "0015")
    with eng.connect() as conn:
        assert conn.execute(sa.text("SELECT key FROM sync_devices")).scalar_one() == str(known)
    eng.dispose()
