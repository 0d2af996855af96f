"""Lockout per account *and* client address: nobody can lock a colleague out from outside, and the
answer never tells whether a username exists."""

from __future__ import annotations

import datetime as dt

from service.accounts.users import MAX_FAILED_LOGINS, MAX_FAILED_PER_ADDRESS, THROTTLE_MINUTES, set_password
from service.core import clock
from service.core.db import utcnow
from tests.conftest import PASSWORD, csrf_from

REFUSED = "Nama pengguna atau kata sandi salah, atau akun dikunci sementara"


def login_from(client, address: str, username: str, password: str = PASSWORD):
    env = {"REMOTE_ADDR": address}
    page = client.get("/masuk", environ_base=env)
    return client.post("/masuk", environ_base=env, data={
        "username": username, "password": password, "csrf_token": csrf_from(page.get_data(as_text=True))})


def _message(resp) -> str:
    html = resp.get_data(as_text=True)
    start = html.index(REFUSED)
    return html[start:html.index("<", start)]


def test_a_locked_account_still_signs_in_from_its_own_address(app, make_user):
    user = make_user("peksos")
    attacker, colleague = app.test_client(), app.test_client()
    for _ in range(MAX_FAILED_LOGINS):
        assert login_from(attacker, "203.0.113.9", user.username, "tebak-tebakan").status_code == 401
    # From the attacker's address even the right password is refused now ...
    resp = login_from(attacker, "203.0.113.9", user.username)
    assert resp.status_code == 401 and REFUSED in resp.get_data(as_text=True)
    # ... but the owner at their own desk signs in as usual.
    assert login_from(colleague, "10.1.2.3", user.username).status_code == 302


def test_lock_ends_after_the_throttle_time(app, make_user):
    user = make_user("peksos")
    client = app.test_client()
    for _ in range(MAX_FAILED_LOGINS):
        login_from(client, "203.0.113.9", user.username, "tebak-tebakan")
    assert login_from(client, "203.0.113.9", user.username).status_code == 401
    with clock.frozen(utcnow() + dt.timedelta(minutes=THROTTLE_MINUTES, seconds=5)):
        assert login_from(client, "203.0.113.9", user.username).status_code == 302


def test_four_failures_then_success_does_not_lock(app, make_user):
    user = make_user("peksos")
    client = app.test_client()
    for _ in range(MAX_FAILED_LOGINS - 1):
        login_from(client, "10.1.2.3", user.username, "salah-ketik-1")
    assert login_from(client, "10.1.2.3", user.username).status_code == 302


def test_unknown_and_known_username_get_the_same_message_also_when_locked(app, make_user):
    user = make_user("peksos")
    client = app.test_client()
    known = [login_from(client, "198.51.100.7", user.username, "tebak-tebakan") for _ in range(MAX_FAILED_LOGINS + 1)]
    unknown = [login_from(client, "198.51.100.7", "tidak-ada-orangnya", "tebak-tebakan")
               for _ in range(MAX_FAILED_LOGINS + 1)]
    messages = {_message(r) for r in known + unknown}
    assert len(messages) == 1, messages  # wrong password, unknown user, locked: one text
    assert {r.status_code for r in known + unknown} == {401}


def test_api_token_lock_is_per_address_too(app, make_user):
    user = make_user("peksos")
    client = app.test_client()
    outside = {"REMOTE_ADDR": "203.0.113.9"}
    for _ in range(MAX_FAILED_LOGINS):
        client.post("/api/v1/auth/token", json={"username": user.username, "password": "tebak-tebakan"},
                    environ_base=outside)
    refused = client.post("/api/v1/auth/token", json={"username": user.username, "password": PASSWORD},
                          environ_base=outside)
    assert refused.status_code == 401
    unknown = client.post("/api/v1/auth/token", json={"username": "tidak-ada", "password": "tebak-tebakan"},
                          environ_base=outside)
    assert unknown.get_json()["error"]["message"] == refused.get_json()["error"]["message"]
    ok = client.post("/api/v1/auth/token", json={"username": user.username, "password": PASSWORD},
                     environ_base={"REMOTE_ADDR": "10.1.2.3"})
    assert ok.status_code == 200 and ok.get_json()["token"]


def test_an_address_guessing_many_usernames_is_locked(app, make_user):
    user = make_user("peksos")
    client = app.test_client()
    for i in range(MAX_FAILED_PER_ADDRESS):
        login_from(client, "203.0.113.50", f"tebakan-{i}", "tebak-tebakan")
    # Every sign-in from that address is refused now, even a right one of an untouched account ...
    assert login_from(client, "203.0.113.50", user.username).status_code == 401
    # ... while other addresses are not affected.
    assert login_from(app.test_client(), "10.1.2.3", user.username).status_code == 302


def test_password_reset_lifts_the_account_lock(app, make_user, db):
    user = make_user("peksos")
    client = app.test_client()
    for _ in range(MAX_FAILED_LOGINS):
        login_from(client, "10.9.9.9", user.username, "tebak-tebakan")
    assert login_from(client, "10.9.9.9", user.username).status_code == 401
    from service.accounts.models import User

    set_password(db.get(User, user.id), "sandi-baru-yang-panjang")
    db.commit()
    assert login_from(client, "10.9.9.9", user.username, "sandi-baru-yang-panjang").status_code == 302
