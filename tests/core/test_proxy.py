"""X-Forwarded-* are honoured only from a configured proxy (``LINDUNG_TRUSTED_PROXIES``); HSTS only
over TLS; the lockout and the rate limits count the right client address in both set-ups."""

from __future__ import annotations

import pytest

from blueprints.core.ratelimit import limiter
from service.accounts.users import MAX_FAILED_LOGINS
from tests.conftest import PASSWORD, TEST_DATABASE_URL, csrf_from

VERIFY = "/verifikasi/surat/TIDAKADA"  # public, 30 per minute per client address


@pytest.fixture(scope="module")
def proxied_app(engine):
    from wsgi import create_app

    return create_app({"TESTING": True, "DB_EXTERNALLY_MANAGED": True, "DATABASE_URL": TEST_DATABASE_URL,
                       "SECRET_KEY": "test-secret-key", "SESSION_COOKIE_SECURE": False,
                       "REMEMBER_COOKIE_SECURE": False, "LINDUNG_SCHEDULER": False, "TRUSTED_PROXIES": 1})


@pytest.fixture(autouse=True)
def _fresh_counters():
    limiter.reset()
    yield
    limiter.reset()


def _login(client, username, password, **headers):
    page = client.get("/masuk", headers=headers)
    return client.post("/masuk", headers=headers, data={
        "username": username, "password": password, "csrf_token": csrf_from(page.get_data(as_text=True))})


def test_default_ignores_forwarded_headers(client):
    resp = client.get("/masuk", headers={"X-Forwarded-Proto": "https", "X-Forwarded-Host": "evil.example"})
    assert "Strict-Transport-Security" not in resp.headers
    # A redirect's absolute form (Location) keeps the real host, not the forged one.
    assert "evil.example" not in client.get("/", headers={"X-Forwarded-Host": "evil.example"}).headers["Location"]


def test_hsts_on_a_tls_request(client):
    resp = client.get("/masuk", base_url="https://lindung.example")
    assert resp.headers["Strict-Transport-Security"].startswith("max-age=")


def test_default_forged_forwarded_for_does_not_escape_the_lock(client, make_user):
    user = make_user("peksos")
    for i in range(MAX_FAILED_LOGINS):
        _login(client, user.username, "tebak-tebakan", **{"X-Forwarded-For": f"198.51.100.{i}"})
    # Still the same connection address: locked, whatever X-Forwarded-For says.
    assert _login(client, user.username, PASSWORD, **{"X-Forwarded-For": "198.51.100.99"}).status_code == 401


def test_default_forged_forwarded_for_does_not_escape_the_rate_limit(client):
    codes = [client.get(VERIFY, headers={"X-Forwarded-For": f"198.51.100.{i}"}).status_code for i in range(31)]
    assert codes[-1] == 429


def test_configured_proxy_gives_hsts_and_the_client_address(proxied_app, make_user):
    client = proxied_app.test_client()
    resp = client.get("/masuk", headers={"X-Forwarded-Proto": "https", "X-Forwarded-For": "10.1.2.3"})
    assert resp.headers["Strict-Transport-Security"].startswith("max-age=")
    assert "Strict-Transport-Security" not in client.get("/masuk", headers={"X-Forwarded-Proto": "http"}).headers
    # Lockout per forwarded address: an outsider's guesses do not lock the colleague at 10.1.2.3.
    user = make_user("peksos")
    outside = {"X-Forwarded-For": "203.0.113.9"}
    for _ in range(MAX_FAILED_LOGINS):
        _login(client, user.username, "tebak-tebakan", **outside)
    assert _login(client, user.username, PASSWORD, **outside).status_code == 401
    assert _login(proxied_app.test_client(), user.username, PASSWORD,
                  **{"X-Forwarded-For": "10.1.2.3"}).status_code == 302


def test_configured_proxy_rate_limits_per_forwarded_address(proxied_app):
    client = proxied_app.test_client()
    codes = [client.get(VERIFY, headers={"X-Forwarded-For": "203.0.113.9"}).status_code for _ in range(31)]
    assert codes[-1] == 429
    assert client.get(VERIFY, headers={"X-Forwarded-For": "10.1.2.3"}).status_code == 404
