"""API plumbing: tokens, 401/403/422 as JSON, and an OpenAPI document that tells the truth."""

from __future__ import annotations

import datetime as dt
import re

from service.accounts.models import ApiToken, User
from service.core.db import utcnow
from tests.conftest import PASSWORD


def test_token_issue_and_use(client, make_user):
    user = make_user("peksos", "18.72.01")
    resp = client.post("/api/v1/auth/token", json={"username": user.username, "password": PASSWORD})
    assert resp.status_code == 200
    token = resp.get_json()["token"]
    me = client.get("/api/v1/me", headers={"Authorization": f"Bearer {token}"})
    assert me.status_code == 200
    assert me.get_json() == {"id": str(user.id), "username": user.username, "full_name": user.full_name,
                             "role": "peksos", "area_code": "18.72.01"}


def test_bad_credentials_give_401_json(client, make_user):
    user = make_user("peksos")
    resp = client.post("/api/v1/auth/token", json={"username": user.username, "password": "salah-sekali"})
    assert resp.status_code == 401
    assert resp.get_json()["error"]["code"] == "unauthorized"


def test_token_endpoint_throttles_too(client, make_user):
    user = make_user("peksos")
    for _ in range(5):
        client.post("/api/v1/auth/token", json={"username": user.username, "password": "salah-sekali"})
    resp = client.post("/api/v1/auth/token", json={"username": user.username, "password": PASSWORD})
    assert resp.status_code == 401
    assert "dikunci" in resp.get_json()["error"]["message"]


def test_missing_fields_give_422_with_fields(client):
    resp = client.post("/api/v1/auth/token", json={"username": "x"})
    assert resp.status_code == 422
    assert resp.get_json()["error"]["fields"] == {"password": "required"}
    resp = client.post("/api/v1/auth/token", data="not json", content_type="application/json")
    assert resp.status_code == 422
    resp = client.post("/api/v1/auth/token", json=["a", "list"])
    assert resp.status_code == 422


def test_no_token_or_bad_token_is_401(client):
    assert client.get("/api/v1/me").status_code == 401
    resp = client.get("/api/v1/me", headers={"Authorization": "Bearer nonsense"})
    assert resp.status_code == 401
    assert resp.get_json()["error"]["code"] == "unauthorized"
    assert resp.headers["WWW-Authenticate"] == "Bearer"


def test_session_cookie_does_not_authenticate_the_api(logged_in):
    client, _ = logged_in("supervisor")
    assert client.get("/api/v1/me").status_code == 401


def test_expired_revoked_and_deactivated_tokens_fail(api, db):
    call = api("peksos")
    assert call("GET", "/api/v1/me").status_code == 200
    token = db.query(ApiToken).filter_by(user_id=call.user.id).one()
    token.expires_at = utcnow() - dt.timedelta(seconds=1)
    db.commit()
    assert call("GET", "/api/v1/me").status_code == 401
    token = db.query(ApiToken).filter_by(user_id=call.user.id).one()
    token.expires_at = utcnow() + dt.timedelta(days=1)
    token.revoked = True
    db.commit()
    assert call("GET", "/api/v1/me").status_code == 401
    token = db.query(ApiToken).filter_by(user_id=call.user.id).one()
    token.revoked = False
    db.get(User, call.user.id).active = False
    db.commit()
    assert call("GET", "/api/v1/me").status_code == 401


def test_reference_endpoints(api):
    call = api("peksos")
    cats = call("GET", "/api/v1/reference/categories").get_json()["items"]
    assert {"code": "odha", "name_id": "Orang dengan HIV/AIDS (ODHA)", "name_en": "Person living with HIV/AIDS",
            "spm_service": None, "sensitive": True} in cats
    regions = call("GET", "/api/v1/reference/regions?parent=18.72").get_json()["items"]
    assert [r["code"] for r in regions] == ["18.72.03", "18.72.01", "18.72.05", "18.72.04", "18.72.02"]
    search = call("GET", "/api/v1/reference/regions?q=ganjar").get_json()["items"]
    assert {r["code"] for r in search} >= {"18.72.03.1002", "18.72.03.1004"}
    services = call("GET", "/api/v1/reference/basic-services").get_json()["items"]
    assert [s["code"] for s in services] == ["disabilitas", "anak", "lansia", "gepeng", "bencana"]


def test_unknown_api_route_is_json_404(api):
    call = api("peksos")
    resp = call("GET", "/api/v1/does-not-exist")
    assert resp.status_code == 404 and resp.get_json()["error"]["code"] == "not_found"


def test_openapi_describes_every_api_route(client, app):
    doc = client.get("/api/v1/openapi.json").get_json()
    assert doc["openapi"].startswith("3.")
    missing = []
    for rule in app.url_map.iter_rules():
        if not rule.rule.startswith("/api/v1"):
            continue
        path = re.sub(r"<(?:[a-z_]+:)?([a-z_]+)>", r"{\1}", rule.rule)
        for method in rule.methods - {"HEAD", "OPTIONS"}:
            if method.lower() not in doc["paths"].get(path, {}):
                missing.append(f"{method} {path}")
    assert missing == []
    token_op = doc["paths"]["/api/v1/auth/token"]["post"]
    assert token_op["security"] == [] and "requestBody" in token_op
    assert doc["paths"]["/api/v1/me"]["get"]["security"] == [{"bearer": []}]
