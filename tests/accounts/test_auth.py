"""Login, logout, throttling, CSRF, sessions and security headers."""

from __future__ import annotations

from service.accounts.models import User
from service.core.models.audit import AuditLog
from tests.conftest import PASSWORD, csrf_from, login


def test_login_page_is_indonesian_and_has_csrf(client):
    resp = client.get("/masuk")
    html = resp.get_data(as_text=True)
    assert resp.status_code == 200
    assert "Masuk ke Lindung" in html
    assert 'name="csrf_token"' in html


def test_login_and_logout(client, make_user, db):
    user = make_user("supervisor", full_name="Rina Marlina")
    resp = login(client, user.username)
    assert resp.status_code == 302 and resp.headers["Location"].endswith("/")
    home = client.get("/")
    assert "Selamat datang, Rina Marlina" in home.get_data(as_text=True)
    logout = client.post("/keluar", data={"csrf_token": csrf_from(home.get_data(as_text=True))})
    assert logout.status_code == 302
    assert client.get("/").status_code == 302  # back to the login page
    actions = [e.action for e in db.query(AuditLog).filter(AuditLog.entity_id == str(user.id))]
    assert "login" in actions and "logout" in actions


REFUSED = "Nama pengguna atau kata sandi salah, atau akun dikunci sementara"


def test_wrong_password_is_refused_with_a_clear_message(client, make_user):
    user = make_user("peksos")
    resp = login(client, user.username, "salah-sekali")
    assert resp.status_code == 401
    assert REFUSED in resp.get_data(as_text=True)
    assert client.get("/").status_code == 302


def test_unknown_user_gets_the_same_message(client):
    resp = login(client, "tidak-ada", "apa-saja-123")
    assert resp.status_code == 401
    assert REFUSED in resp.get_data(as_text=True)


def test_post_without_csrf_token_is_rejected(client, make_user):
    user = make_user("peksos")
    resp = client.post("/masuk", data={"username": user.username, "password": PASSWORD})
    assert resp.status_code == 400
    assert client.get("/").status_code == 302  # not logged in


def test_logout_needs_csrf(client, make_user):
    user = make_user("peksos")
    login(client, user.username)
    assert client.post("/keluar").status_code == 400
    assert client.get("/").status_code == 200  # still logged in


def test_deactivated_user_loses_session(client, make_user, db):
    from service.accounts.users import set_active

    user = make_user("peksos")
    login(client, user.username)
    assert client.get("/").status_code == 200
    set_active(db.get(User, user.id), False)
    db.commit()
    assert client.get("/").status_code == 302


def test_security_headers_and_csp_forbid_inline_script(client):
    resp = client.get("/masuk")
    csp = resp.headers["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    assert resp.headers["X-Frame-Options"] == "DENY"
    assert resp.headers["X-Content-Type-Options"] == "nosniff"
    assert "<script>" not in resp.get_data(as_text=True)


def test_session_cookie_is_httponly(client, make_user):
    user = make_user("peksos")
    resp = login(client, user.username)
    cookie = resp.headers.get("Set-Cookie", "")
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie


def test_production_config_sets_secure_cookies(monkeypatch):
    from flask import Flask

    from blueprints.core.config import load_config

    monkeypatch.delenv("LINDUNG_INSECURE_COOKIES", raising=False)
    app = Flask("x", instance_path="/tmp/lindung-cfg-test")
    load_config(app)
    assert app.config["SESSION_COOKIE_SECURE"] is True


def test_language_switch_to_english(client, make_user):
    page = client.get("/masuk")
    client.post("/bahasa/en", data={"csrf_token": csrf_from(page.get_data(as_text=True)), "next": "/masuk"})
    assert "Sign in to Lindung" in client.get("/masuk").get_data(as_text=True)


def test_open_redirect_is_refused(client, make_user):
    user = make_user("peksos")
    page = client.get("/masuk?next=https://evil.example/")
    resp = client.post("/masuk?next=https://evil.example/", data={
        "username": user.username, "password": PASSWORD, "csrf_token": csrf_from(page.get_data(as_text=True))})
    assert resp.headers["Location"] == "/"
