"""The care API: same rules as the web, JSON errors, denials."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

from service.care import referrals
from tests import factories as f


@pytest.fixture
def case(db):
    from types import SimpleNamespace

    c = f.case()
    db.commit()
    return SimpleNamespace(id=c.id, number=c.number)


def test_no_token_is_401(client, case):
    assert client.get(f"/api/v1/cases/{case.id}/deliveries").status_code == 401
    assert client.post("/api/v1/referrals/x/send").status_code == 401


def test_record_list_void_deliver(api, case):
    call = api("peksos", "18.72.01")
    bad = call("POST", f"/api/v1/cases/{case.id}/deliveries", {"service_type_code": "sandang",
                                                              "delivered_on": "2026-13-01", "quantity": 0})
    assert bad.status_code == 422 and set(bad.json["error"]["fields"]) == {"delivered_on", "quantity"}
    planned = call("POST", f"/api/v1/cases/{case.id}/deliveries", {"service_type_code": "permakanan",
                                                                  "planned_on": "2026-03-01"})
    assert planned.status_code == 201 and planned.json["delivered"] is False
    given = call("POST", f"/api/v1/deliveries/{planned.json['id']}/deliver", {"delivered_on": "2026-03-02"})
    assert given.json["delivered"] is True and given.json["delivered_on"] == "2026-03-02"
    no_reason = call("POST", f"/api/v1/deliveries/{planned.json['id']}/void", {"reason": ""})
    assert no_reason.status_code == 422 and "void_reason" in no_reason.json["error"]["fields"]
    voided = call("POST", f"/api/v1/deliveries/{planned.json['id']}/void", {"reason": "Ganda"})
    assert voided.json["voided"] is True and voided.json["delivered"] is False
    items = call("GET", f"/api/v1/cases/{case.id}/deliveries").json["items"]
    assert [(i["voided"], i["void_reason"]) for i in items] == [(True, "Ganda")]


def test_denials_by_role_and_area(api, case):
    assert api("peksos", "18.72.05")("GET", f"/api/v1/cases/{case.id}/deliveries").status_code == 403
    assert api("tagana")("GET", f"/api/v1/cases/{case.id}/deliveries").status_code == 403
    auditor = api("auditor")
    assert auditor("GET", f"/api/v1/cases/{case.id}/deliveries").status_code == 200
    assert auditor("POST", f"/api/v1/cases/{case.id}/deliveries", {"service_type_code": "sandang"}).status_code == 403
    assert auditor("GET", "/api/v1/cases/00000000-0000-0000-0000-000000000000/deliveries").status_code == 404
    assert auditor("GET", "/api/v1/deliveries/nope").status_code == 404


def test_referral_flow_over_the_api(api, case, db, client):
    inst = f.institution()
    db.commit()
    call = api("peksos", "18.72.01")
    draft = call("POST", f"/api/v1/cases/{case.id}/referrals", {"institution_id": str(inst.id), "reason": "Rawat",
                                                               "summary": "Demam tinggi", "consent_checked": False})
    assert draft.status_code == 201 and draft.json["status"] == "draft"
    refused = call("POST", f"/api/v1/referrals/{draft.json['id']}/send")
    assert refused.status_code == 422 and "consent_checked" in refused.json["error"]["fields"]
    db.get(referrals.Referral, referrals.get_referral(draft.json["id"]).id).consent_checked = True
    db.commit()
    sent = call("POST", f"/api/v1/referrals/{draft.json['id']}/send")
    assert sent.status_code == 200 and sent.json["referral"]["letter_number"]
    assert sent.json["referral"]["verify_url"].endswith(referrals.get_referral(draft.json["id"]).verify_code)
    answer_path = urlsplit(sent.json["answer_url"]).path
    assert client.get(answer_path).status_code == 200
    early = call("POST", f"/api/v1/referrals/{draft.json['id']}/complete", {"completed_on": "2026-03-05"})
    assert early.status_code == 422
    assert call("POST", f"/api/v1/referrals/{draft.json['id']}/answer", {"accept": "ya", "responder": "x"}).status_code == 422
    ok = call("POST", f"/api/v1/referrals/{draft.json['id']}/answer", {"accept": True, "responder": "Admisi"})
    assert ok.json["status"] == "accepted" and ok.json["answer_channel"] == "staff"
    assert client.get(answer_path).status_code == 410  # the link stops working once answered
    done = call("POST", f"/api/v1/referrals/{draft.json['id']}/complete",
                {"completed_on": sent.json["referral"]["letter_date"]})
    assert done.json["status"] == "completed" and done.json["delivery_id"]
    listing = call("GET", "/api/v1/referrals?status=completed").json["items"]
    assert [r["id"] for r in listing] == [draft.json["id"]]
    assert api("peksos", "18.72.05")("GET", "/api/v1/referrals").json["items"] == []
    assert call("GET", "/api/v1/referrals?status=lost").status_code == 422


def test_tracing_and_return_over_the_api(api, case):
    call = api("peksos", "18.72.01")
    base = f"/api/v1/cases/{case.id}/tracing"
    assert call("GET", base).status_code == 404
    assert call("POST", base, {"opened_on": "2026-02-01"}).status_code == 201
    assert call("POST", base + "/contacts", {"name": "Sri", "relationship": "Adik"}).status_code == 200
    assert call("POST", base + "/attempts", {"attempted_on": "2026-02-02", "channel": "phone",
                                             "result": "Tersambung"}).json["status"] == "searching"
    refused = call("POST", base + "/status", {"status": "verified"})
    assert refused.status_code == 422 and "status" in refused.json["error"]["fields"]
    call("POST", base + "/status", {"status": "found"})
    call("POST", base + "/status", {"status": "verified"})
    reunited = call("POST", base + "/reunification", {"reunified_on": "2026-02-10", "relative_name": "Sri",
                                                      "relationship": "Adik", "place": "Rumah"})
    assert reunited.status_code == 201
    visits = reunited.json["reunification"]["visits"]
    assert [v["due_on"] for v in visits] == ["2026-03-10", "2026-05-10", "2026-08-10"]
    seen = call("POST", f"/api/v1/visits/{visits[0]['id']}", {"visited_on": "2026-03-11", "outcome": "good"})
    assert seen.json["reunification"]["visits"][0]["outcome"] == "good"
    assert api("operator")("POST", base + "/contacts", {"name": "A", "relationship": "B"}).status_code == 403
    planned = call("POST", f"/api/v1/cases/{case.id}/returns", {
        "kind": "migrant_victim", "origin_region_code": "18.72", "destination_region_code": "18.71",
        "transport": "Kapal", "travel_on": "2026-03-01", "cost": 500000})
    assert planned.status_code == 201
    done = call("POST", f"/api/v1/returns/{planned.json['id']}/complete", {
        "handed_over_on": "2026-03-02", "receiver_name": "Kades", "receiver_role": "village_official"})
    assert done.json["status"] == "completed" and done.json["delivery_id"]
    assert api("peksos", "18.72.05")("GET", f"/api/v1/returns/{planned.json['id']}").status_code == 403


def test_institutions_and_tasks(api, db):
    op = api("operator")
    bad = op("POST", "/api/v1/institutions", {"name": "", "kind": "x"})
    assert bad.status_code == 422 and set(bad.json["error"]["fields"]) == {"name", "kind"}
    assert op("POST", "/api/v1/institutions", {"name": "LKS Bina Insani", "kind": "lks"}).status_code == 201
    assert api("peksos", "18.72.01")("POST", "/api/v1/institutions", {"name": "X", "kind": "lks"}).status_code == 403
    assert "LKS Bina Insani" in [i["name"] for i in op("GET", "/api/v1/institutions?q=bina").json["items"]]
    worker_call = api("peksos", "18.72.01")
    c = f.case(worker_id=worker_call.user.id)
    import datetime as dt

    c.last_activity_at = c.last_activity_at - dt.timedelta(days=60)
    number = c.number
    db.commit()
    items = worker_call("GET", "/api/v1/tasks").json["items"]
    assert [(i["kind"], i["case_number"]) for i in items] == [("case_inactive", number)]
    assert api("auditor")("GET", "/api/v1/tasks").status_code == 403
