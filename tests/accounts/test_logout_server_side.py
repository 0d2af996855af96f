"""Logout ends the session on the server: a copied session cookie no longer works."""

from __future__ import annotations

from tests.conftest import csrf_from


def test_a_copied_cookie_is_dead_after_logout(app, logged_in):
    client, _ = logged_in("peksos", "18.72.01")
    home = client.get("/")
    assert home.status_code == 200
    cookie = client.get_cookie("session")
    thief = app.test_client()
    thief.set_cookie("session", cookie.value)
    assert thief.get("/orang").status_code == 200  # the copy works while the session lives
    client.post("/keluar", data={"csrf_token": csrf_from(home.get_data(as_text=True))})
    got = thief.get("/orang")
    assert got.status_code == 302 and "/masuk" in got.headers["Location"]
