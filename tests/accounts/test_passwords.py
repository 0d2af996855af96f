"""Password rules on every door: user creation (admin page, CLI), own change, admin reset."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from service.accounts import passwords
from service.accounts.models import User
from service.core.demo import DEMO_PASSWORD
from tests.conftest import PASSWORD, login, post_form

COMMON = "terlalu umum"
OWN_NAME = "tidak boleh sama dengan nama pengguna atau nama"


@pytest.mark.parametrize("password", ["password123", "Password2026!", "qwertyuiop", "1234567890",
                                      "bismillah123", "Indonesia45!", "iloveyou12"])
def test_common_passwords_are_refused(password):
    message, _ = passwords.problem(password)
    assert COMMON in message


@pytest.mark.parametrize("password", ["budi.santoso", "Budi Santoso 1", "budisantoso2026"])
def test_own_name_or_username_is_refused(password):
    message, _ = passwords.problem(password, "budi.santoso", "Budi Santoso")
    assert OWN_NAME in message


def test_length_and_good_passwords():
    message, params = passwords.problem("pendek-12")
    assert message == "Kata sandi minimal {n} karakter." and params == {"n": 10}
    for good in (PASSWORD, DEMO_PASSWORD, "kuda-lumping-biru", "bench-password-1"):
        assert passwords.problem(good, "budi", "Budi Santoso") is None, good
    assert len(passwords.common_passwords()) > 10_000


def test_admin_cannot_create_user_with_common_password(logged_in, db):
    client, _ = logged_in("admin")
    resp = post_form(client, "/admin/pengguna/baru", {
        "username": "wati4", "full_name": "Wati", "role": "peksos", "area_code": "", "password": "password123"})
    assert resp.status_code == 422 and COMMON in resp.get_data(as_text=True)
    resp = post_form(client, "/admin/pengguna/baru", {
        "username": "wati123456", "full_name": "Wati", "role": "peksos", "area_code": "", "password": "wati123456"})
    assert resp.status_code == 422 and OWN_NAME in resp.get_data(as_text=True)
    assert db.scalar(select(User).where(User.username.in_(("wati4", "wati123456")))) is None


def test_own_password_change_refuses_a_common_one_beside_the_field(logged_in, app):
    client, me = logged_in("peksos")
    resp = post_form(client, "/akun/kata-sandi", {"p-current": PASSWORD, "p-new": "1234567890",
                                                  "p-confirm": "1234567890"}, form_page="/akun/")
    assert resp.status_code == 422 and COMMON in resp.get_data(as_text=True)
    assert login(app.test_client(), me.username).status_code == 302  # the old password still works


def test_admin_reset_refuses_the_username(logged_in, make_user, app):
    client, _ = logged_in("admin")
    target = make_user("peksos", username="tono.pratama")
    resp = post_form(client, f"/admin/pengguna/{target.id}/kata-sandi", {"password": "tono.pratama"},
                     form_page=f"/admin/pengguna/{target.id}", follow_redirects=True)
    assert OWN_NAME in resp.get_data(as_text=True)
    assert login(app.test_client(), target.username).status_code == 302


def test_cli_create_user_refuses_a_common_password(app, db):
    result = app.test_cli_runner().invoke(
        args=["user", "create", "ani", "--role", "peksos", "--password-stdin"], input="qwerty12345\n")
    assert result.exit_code != 0 and COMMON in result.output
    assert db.scalar(select(User).where(User.username == "ani")) is None
