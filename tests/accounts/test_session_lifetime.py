"""A web session ends after 30 minutes idle and after 12 hours in all, whatever the cookie holds."""

from __future__ import annotations

import time

import pytest


def _signed_out(client):
    got = client.get("/orang")
    return got.status_code == 302 and "/masuk" in got.headers["Location"]


@pytest.mark.parametrize("key, age", [("_seen", 31 * 60), ("_started", 13 * 3600)])
def test_idle_and_absolute_lifetime(logged_in, key, age):
    client, _ = logged_in("peksos", "18.72.01")
    assert client.get("/orang").status_code == 200
    with client.session_transaction() as s:
        s[key] = time.time() - age
    assert _signed_out(client)


def test_an_active_session_lives_on(logged_in):
    client, _ = logged_in("peksos", "18.72.01")
    with client.session_transaction() as s:
        s["_seen"] = time.time() - 20 * 60
    assert client.get("/orang").status_code == 200
