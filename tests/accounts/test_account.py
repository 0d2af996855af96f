"""A user's own account: change password (current one required), language preference."""

from __future__ import annotations

from service.accounts.models import User
from tests.conftest import PASSWORD, login, post_form


def test_account_page_shows_profile(logged_in):
    client, me = logged_in("peksos", "18.72.01")
    html = client.get("/akun/").get_data(as_text=True)
    assert me.username in html and "Metro Pusat" in html


def test_change_password_needs_the_current_one(logged_in, app):
    client, me = logged_in("peksos")
    resp = post_form(client, "/akun/kata-sandi", {"p-current": "salah-sekali", "p-new": "baru-sekali-1",
                                                  "p-confirm": "baru-sekali-1"}, form_page="/akun/")
    assert resp.status_code == 422 and "Kata sandi saat ini salah." in resp.get_data(as_text=True)
    resp = post_form(client, "/akun/kata-sandi", {"p-current": PASSWORD, "p-new": "baru-sekali-1",
                                                  "p-confirm": "beda-sekali-1"}, form_page="/akun/")
    assert resp.status_code == 422 and "tidak sama" in resp.get_data(as_text=True)


def test_change_password_keeps_this_session_and_ends_others(logged_in, app):
    client, me = logged_in("peksos")
    other = app.test_client()
    login(other, me.username)
    assert other.get("/").status_code == 200
    resp = post_form(client, "/akun/kata-sandi", {"p-current": PASSWORD, "p-new": "baru-sekali-1",
                                                  "p-confirm": "baru-sekali-1"}, form_page="/akun/")
    assert resp.status_code == 302
    assert client.get("/").status_code == 200
    assert other.get("/").status_code == 302
    assert login(app.test_client(), me.username, "baru-sekali-1").status_code == 302


def test_language_preference_is_remembered_at_next_login(logged_in, app, db):
    client, me = logged_in("peksos")
    post_form(client, "/akun/bahasa", {"l-language": "en"}, form_page="/akun/")
    assert db.get(User, me.id).language == "en"
    fresh = app.test_client()
    login(fresh, me.username)
    assert "Welcome" in fresh.get("/").get_data(as_text=True)


def test_account_needs_login(client):
    assert client.get("/akun/").status_code == 302
