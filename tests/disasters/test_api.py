"""Disaster API: events, victims, shelters, stock, cards, distributions; 401/403/404/409/422."""

from __future__ import annotations

from service.disasters import cards
from tests.disasters.conftest import START, deploy_user, household


def test_no_token_is_401(client, event):
    assert client.get("/api/v1/disasters").status_code == 401
    assert client.post(f"/api/v1/disasters/{event.id}/distributions", json={}).status_code == 401


def test_event_create_list_and_validation(api):
    call = api("operator")
    resp = call("POST", "/api/v1/disasters", {"name": "Banjir API", "event_type": "banjir", "area_code": "18.72",
                                              "started_on": START.isoformat()})
    assert resp.status_code == 201
    code = resp.get_json()["code"]
    assert code.startswith("BNJ-")
    assert code in [e["code"] for e in call("GET", "/api/v1/disasters").get_json()["items"]]
    bad = call("POST", "/api/v1/disasters", {"name": "", "event_type": "x", "area_code": "18.72"})
    assert bad.status_code == 422
    assert {"name", "event_type", "started_on"} <= set(bad.get_json()["error"]["fields"])
    assert call("POST", "/api/v1/disasters", ["not", "an", "object"]).status_code == 422


def test_roles_and_tagana_scope(api, event, db):
    eid = event.id
    assert api("peksos", "18.72.01")("GET", "/api/v1/disasters").status_code == 403
    tagana = api("tagana")
    assert tagana("GET", "/api/v1/disasters").get_json()["items"] == []
    assert tagana("GET", f"/api/v1/disasters/{eid}").status_code == 404
    assert tagana("POST", "/api/v1/disasters", {"name": "x"}).status_code == 403
    event = db.get(type(event), eid)
    deploy_user(event, tagana.user)
    code = event.code
    db.commit()
    assert [e["code"] for e in tagana("GET", "/api/v1/disasters").get_json()["items"]] == [code]
    assert tagana("GET", f"/api/v1/disasters/{eid}").status_code == 200
    assert tagana("POST", "/api/v1/stock/receipts", {}).status_code == 403
    assert api("supervisor")("GET", "/api/v1/disasters/nope").status_code == 404


def test_register_victims_conflict_and_idempotent_device_id(api, event, db):
    call = api("operator")
    url = f"/api/v1/disasters/{event.id}/victims"
    head = {"id": "0b7d3c55-6f59-4c59-9a43-0c3c5b2f3a10", "name": "Sutrisno", "nik": "1872051403750001",
            "sex": "L", "birth_date": "1975-03-14", "village_code": "18.72.05.1001",
            "damage_level": "rusak_berat"}
    first = call("POST", url, head)
    assert first.status_code == 201
    again = call("POST", url, head)
    assert again.status_code == 200 and again.get_json()["id"] == head["id"]
    other = call("POST", url, {**head, "id": None})  # the same person again: already this event's victim
    assert other.status_code == 409 and other.get_json()["error"]["existing_id"] == first.get_json()["id"]
    namesake = call("POST", url, {**head, "id": None, "name": "Sutrisna"})  # the NIK, another name
    assert namesake.status_code == 409 and namesake.get_json()["error"]["existing_id"] == first.get_json()["person_id"]
    assert "Sutrisno" not in namesake.get_data(as_text=True)
    tagana = api("tagana", "18.72.05")
    from tests.disasters.conftest import deploy_user

    deploy_user(event, tagana.user)
    db.commit()
    hidden = tagana("POST", url, {**head, "id": None, "name": "Sutrisna"})
    assert hidden.status_code == 409 and "existing_id" not in hidden.get_json()["error"]
    assert first.get_json()["person_id"] not in hidden.get_data(as_text=True)
    member = call("POST", url, {"household_id": first.get_json()["household_id"], "name": "Dimas", "age": 2,
                                "village_code": "18.72.05.1001", "relationship": "anak",
                                "no_nik_reason": "belum_terdaftar",
                                "vulnerable_groups": ["balita"]})
    assert member.status_code == 201
    bad = call("POST", url, {"name": "", "status": "x"})
    assert bad.status_code == 422 and {"name", "status"} <= set(bad.get_json()["error"]["fields"])
    listing = call("GET", url).get_json()["items"]
    assert [v["name"] for v in listing] == ["Sutrisno", "Dimas"]
    assert listing[0]["nik"] == "1872051403750001"  # operator may see the NIK


def test_distribution_flow_guard_and_stock(api, event, items, warehouse, db):
    hh = household(event)
    db.commit()
    call = api("supervisor")
    card = call("POST", f"/api/v1/disasters/{event.id}/households/{hh.id}/card", {})
    assert card.status_code == 201
    token = card.get_json()["token"]
    assert call("POST", "/api/v1/cards/verify", {"token": token}).get_json()["valid"] is True
    url = f"/api/v1/disasters/{event.id}/distributions"
    body = {"token": token, "item": "family_kit", "warehouse": "GDG-UJI", "quantity": 1,
            "external_key": "op-1"}
    assert call("POST", url, body).status_code == 201
    assert call("POST", url, body).status_code == 201  # same external key: the same distribution
    second = call("POST", url, {**body, "external_key": "op-2"})
    assert second.status_code == 422
    assert second.get_json()["error"]["code"] == "double_distribution"
    assert "override_reason" in second.get_json()["error"]["fields"]
    ok = call("POST", url, {**body, "external_key": "op-3", "override_reason": "Rusak"})
    assert ok.status_code == 201 and ok.get_json()["override_reason"] == "Rusak"
    assert len(call("GET", url).get_json()["items"]) == 2
    too_much = call("POST", url, {**body, "external_key": "op-4", "item": "makanan_siap_saji", "quantity": 999})
    assert too_much.status_code == 422 and "tidak cukup" in too_much.get_json()["error"]["message"]
    levels = {(r["warehouse"], r["item"]): r["quantity"] for r in call("GET", "/api/v1/stock").get_json()["items"]}
    assert levels[("GDG-UJI", "family_kit")] == 8
    # re-issue revokes: the old token no longer verifies
    call("POST", f"/api/v1/disasters/{event.id}/households/{hh.id}/card", {"reason": "hilang"})
    revoked = call("POST", "/api/v1/cards/verify", {"token": token})
    assert revoked.status_code == 422 and "dicabut" in revoked.get_json()["error"]["message"]
    forged = call("POST", "/api/v1/cards/verify", {"token": token[:-3] + "abc"})
    assert forged.status_code == 422


def test_stock_endpoints_and_shelters(api, event, items, warehouse, db):
    eid = event.id
    call = api("operator")
    bad = call("POST", "/api/v1/stock/receipts", {"warehouse": "GDG-UJI", "item": "beras", "quantity": 0,
                                                  "source": "donatur", "document_ref": ""})
    assert bad.status_code == 422
    ok = call("POST", "/api/v1/stock/receipts", {"warehouse": "GDG-UJI", "item": "selimut", "quantity": 5,
                                                 "source": "donatur", "document_ref": "D/9"})
    assert ok.status_code == 201 and ok.get_json()["on_hand"] == 5
    issued = call("POST", "/api/v1/stock/issues", {"warehouse": "GDG-UJI", "item": "selimut", "quantity": 6,
                                                   "event_id": str(eid)})
    assert issued.status_code == 422
    assert call("POST", "/api/v1/stock/issues", {"warehouse": "NOPE", "item": "selimut", "quantity": 1}
                ).status_code == 422
    shelter = call("POST", f"/api/v1/disasters/{eid}/shelters", {"name": "Pos", "capacity": 1})
    assert shelter.status_code == 201
    event = db.get(type(event), eid)
    hh = household(event, members=1)
    db.commit()
    sid = shelter.get_json()["id"]
    r1 = call("POST", f"/api/v1/disasters/{event.id}/shelters/{sid}/check-in", {"victim_id": str(hh.members[0].id)})
    r2 = call("POST", f"/api/v1/disasters/{event.id}/shelters/{sid}/check-in", {"victim_id": str(hh.members[1].id)})
    assert (r1.get_json()["over_capacity"], r2.get_json()["over_capacity"]) == (False, True)
    report = call("GET", f"/api/v1/disasters/{event.id}/report").get_json()
    assert report["victims"]["persons"] == 2 and report["shelters"][0]["occupancy"] == 2
    key = call("GET", "/api/v1/cards/public-key").get_json()
    assert key["algorithm"] == "Ed25519" and all("private_key" not in k for k in key["keys"])
    assert str(cards.office_key().public_key) in [k["public_key"] for k in key["keys"]]
