"""The disaster side of the sync API: POST /api/v1/sync with disaster ops, GET /api/v1/sync/events."""

from __future__ import annotations

from service.disasters import cards
from tests.disasters.conftest import deploy_user, household
from tests.disasters.conftest import event as event  # noqa: F401  (fixtures)
from tests.disasters.conftest import items as items  # noqa: F401
from tests.disasters.conftest import warehouse as warehouse  # noqa: F401
from tests.disasters.test_sync_ops import dist_op, victim_op
from tests.offline.conftest import new_id


def test_events_download_needs_a_token_and_sync_push(client, api, event, db):
    volunteer, idle = api("tagana"), api("tagana")
    deploy_user(event, volunteer.user)
    household(event)
    code = event.code
    db.commit()
    assert client.get("/api/v1/sync/events").status_code == 401
    assert api("auditor")("GET", "/api/v1/sync/events").status_code == 403
    assert api("admin")("GET", "/api/v1/sync/events").status_code == 403
    assert idle("GET", "/api/v1/sync/events").get_json()["events"] == []  # not deployed
    body = volunteer("GET", "/api/v1/sync/events").get_json()
    assert [e["code"] for e in body["events"]] == [code]
    assert body["events"][0]["households"][0]["kepala"] == "Kepala Uji"


def test_disaster_ops_over_the_api_translate_errors_and_refuse_strangers(api, event, items, warehouse, db):
    volunteer, stranger = api("tagana"), api("tagana")
    deploy_user(event, volunteer.user)
    hh = household(event)
    card = cards.issue_card(hh)
    head = victim_op(event, nama="")
    dist, other = dist_op(event, kartu=card.token), dist_op(event, kartu=card.token)
    db.commit()
    res = volunteer("POST", "/api/v1/sync", {"device_id": new_id(), "operations": [head, dist]})
    assert res.status_code == 200
    r_head, r_dist = res.get_json()["results"]
    assert r_head["status"] == "rejected" and r_head["errors"]["nama"] == "Nama wajib diisi."
    assert r_dist["status"] == "applied"
    refused = stranger("POST", "/api/v1/sync", {"device_id": new_id(), "operations": [other]})
    assert refused.get_json()["results"][0]["status"] == "rejected"


def test_openapi_documents_the_disaster_shapes(client):
    doc = client.get("/api/v1/openapi.json").get_json()
    body = doc["paths"]["/api/v1/sync"]["post"]["requestBody"]["content"]["application/json"]["schema"]
    titles = {s["title"] for s in body["properties"]["operations"]["items"]["properties"]["data"]["oneOf"]}
    assert {"victim.register", "distribution.create"} <= titles
    assert "/api/v1/sync/events" in doc["paths"]
