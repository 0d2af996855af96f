"""No silent "Belum terdaftar di Dukcapil" (issue 11): without a NIK the reason is an explicit choice at every
door we design — the API (422 naming the field), sync victim.register (the operation is rejected, the rest of
the batch applies), the disaster victim form (web and API). The fixed interfaces (BNBA rows, sync
person.upsert: spec/INTERFACES.md has no reason field) store no reason and flag the person; see
test_bnba_access.py."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select

from service.disasters import events
from service.disasters.models.events import Victim
from service.offline import engine
from service.registry.models import Person
from tests.conftest import post_form
from tests.offline.conftest import new_id, person_op

BODY = {"nama": "Surti Tanpa", "jenis_kelamin": "P", "tanggal_lahir": "1951-02-03", "kode_wilayah": "18.72.01.1001"}


def test_api_person_without_nik_and_reason_is_422_naming_the_field(api, db):
    worker = api("peksos", "18.72.01")
    resp = worker("POST", "/api/v1/persons", BODY)
    assert resp.status_code == 422
    assert "no_nik_reason" in resp.get_json()["error"]["fields"]
    assert db.scalar(select(Person).where(Person.name == "Surti Tanpa")) is None
    ok = worker("POST", "/api/v1/persons", {**BODY, "alasan_tanpa_nik": "identitas_tidak_diketahui"})
    assert ok.status_code == 201 and ok.get_json()["no_nik_reason"] == "identitas_tidak_diketahui"
    pid = ok.get_json()["id"]
    # PUT replaces the fields: dropping the reason is refused too
    again = worker("PUT", f"/api/v1/persons/{pid}", {**BODY, "no_nik_reason": None})
    assert again.status_code == 422 and "no_nik_reason" in again.get_json()["error"]["fields"]
    assert db.get(Person, __import__("uuid").UUID(pid)).no_nik_reason == "identitas_tidak_diketahui"


def test_openapi_says_the_reason_is_required_without_nik(client):
    doc = client.get("/api/v1/openapi.json").get_json()
    body = doc["paths"]["/api/v1/persons"]["post"]["requestBody"]["content"]["application/json"]["schema"]
    assert "Required when `nik` is empty" in body["properties"]["no_nik_reason"]["description"]


def test_sync_person_upsert_without_reason_stores_none_never_a_default(db, make_user):
    """person.upsert's data is fixed by the spec (no reason field): applied, no reason stored, flagged."""
    worker = make_user("peksos", "18.72.01")
    missing = person_op(nama="Tanpa Alasan Sync", alasan_tanpa_nik=None)
    fine = person_op(nama="Dengan Alasan Sync", alasan_tanpa_nik="dokumen_hilang")
    wrong = person_op(nama="Alasan Salah Sync", alasan_tanpa_nik="terbang")
    results = engine.sync_batch(worker, {"device_id": "android-1", "operations": [missing, fine, wrong]})["results"]
    assert [r["status"] for r in results] == ["applied", "applied", "rejected"]
    assert "alasan_tanpa_nik" in results[2]["errors"]
    assert db.scalar(select(Person).where(Person.name == "Tanpa Alasan Sync")).no_nik_reason is None
    assert db.scalar(select(Person).where(Person.name == "Dengan Alasan Sync")).no_nik_reason == "dokumen_hilang"


def _event(db):
    ev = events.create_event({"name": "Banjir Uji Alasan", "event_type": "banjir", "area_code": "18.72",
                              "village_codes": ["18.72.05.1001"], "started_on": "2026-03-01"},
                             today=dt.date(2026, 11, 22))
    db.commit()
    return ev


def test_victim_form_and_api_require_the_reason_without_nik(logged_in, api, db):
    ev = _event(db)
    client, _ = logged_in("operator")
    url = f"/bencana/{ev.id}/korban/baru"
    form = client.get(url).get_data(as_text=True)
    assert 'name="no_nik_reason"' in form and "Alasan tanpa NIK" in form
    data = {"name": "Korban Tanpa Alasan", "sex": "L", "age": "40", "village_code": "18.72.05.1001",
            "status": "mengungsi", "damage_level": "rusak_berat", "needs": ["bencana_makanan"]}
    resp = post_form(client, url, data)
    assert resp.status_code == 422 and "Tanpa NIK: pilih alasannya." in resp.get_data(as_text=True)
    assert db.scalar(select(Person).where(Person.name == "Korban Tanpa Alasan")) is None
    resp = post_form(client, url, {**data, "no_nik_reason": "dokumen_hilang"})
    assert resp.status_code == 302
    assert db.scalar(select(Person).where(Person.name == "Korban Tanpa Alasan")).no_nik_reason == "dokumen_hilang"

    call = api("operator")
    body = {"name": "Korban API", "sex": "P", "age": 30, "village_code": "18.72.05.1001"}
    bad = call("POST", f"/api/v1/disasters/{ev.id}/victims", body)
    assert bad.status_code == 422 and "no_nik_reason" in bad.get_json()["error"]["fields"]
    ok = call("POST", f"/api/v1/disasters/{ev.id}/victims", {**body, "no_nik_reason": "belum_terdaftar"})
    assert ok.status_code == 201


def test_sync_victim_register_without_reason_is_rejected(db, make_user):
    ev = _event(db)
    operator = make_user("operator")
    op = {"op_id": new_id(), "type": "victim.register", "entity_id": new_id(),
          "data": {"event_id": str(ev.id), "nama": "Korban Sync", "jenis_kelamin": "L", "tanggal_lahir": "1970-02-01",
                   "kode_wilayah": "18.72.05.1001", "kerusakan": "rusak_berat", "tanggal": "2026-03-02"}}
    results = engine.sync_batch(operator, {"device_id": "android-2", "operations": [op]})["results"]
    assert results[0]["status"] == "rejected" and "alasan_tanpa_nik" in results[0]["errors"]
    assert db.scalar(select(Victim).where(Victim.event_id == ev.id)) is None
