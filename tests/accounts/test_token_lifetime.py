"""API tokens: an idle lifetime beside the absolute one, and no write on every request."""

from __future__ import annotations

import datetime as dt

from service.accounts.models import ApiToken
from service.accounts.users import TOKEN_DAYS, TOKEN_IDLE_DAYS, TOKEN_TOUCH_MINUTES
from service.core import clock
from service.core.db import utcnow


def _token(db, user):
    db.expire_all()
    return db.query(ApiToken).filter_by(user_id=user.id).one()


def test_an_unused_token_is_refused_after_the_idle_days(api, db):
    start = utcnow()
    call = api("peksos")
    with clock.frozen(start + dt.timedelta(days=TOKEN_IDLE_DAYS - 1)):
        assert call("GET", "/api/v1/me").status_code == 200  # used: the idle clock starts again
    with clock.frozen(start + dt.timedelta(days=2 * TOKEN_IDLE_DAYS - 2)):
        assert call("GET", "/api/v1/me").status_code == 200
    with clock.frozen(start + dt.timedelta(days=3 * TOKEN_IDLE_DAYS)):
        resp = call("GET", "/api/v1/me")
    assert resp.status_code == 401 and resp.headers["WWW-Authenticate"] == "Bearer"


def test_a_token_never_used_idles_out_from_its_issue(api):
    call = api("peksos")
    with clock.frozen(utcnow() + dt.timedelta(days=TOKEN_IDLE_DAYS, minutes=1)):
        assert call("GET", "/api/v1/me").status_code == 401


def test_a_token_in_daily_use_still_ends_at_its_absolute_lifetime(api):
    start = utcnow()
    call = api("peksos")
    for day in range(1, TOKEN_DAYS):
        with clock.frozen(start + dt.timedelta(days=day)):
            assert call("GET", "/api/v1/me").status_code == 200, day
    with clock.frozen(start + dt.timedelta(days=TOKEN_DAYS, minutes=1)):
        assert call("GET", "/api/v1/me").status_code == 401


def test_last_used_is_written_at_most_every_few_minutes(api, db):
    start = utcnow()
    call = api("peksos")
    with clock.frozen(start):
        assert call("GET", "/api/v1/me").status_code == 200
    first = _token(db, call.user).last_used_at
    assert first is not None
    with clock.frozen(start + dt.timedelta(minutes=TOKEN_TOUCH_MINUTES - 1)):
        assert call("GET", "/api/v1/me").status_code == 200
    assert _token(db, call.user).last_used_at == first  # no write for a request soon after
    with clock.frozen(start + dt.timedelta(minutes=TOKEN_TOUCH_MINUTES + 1)):
        assert call("GET", "/api/v1/me").status_code == 200
    assert _token(db, call.user).last_used_at > first


def test_token_answer_says_both_lifetimes(client, make_user):
    from tests.conftest import PASSWORD

    user = make_user("peksos")
    resp = client.post("/api/v1/auth/token", json={"username": user.username, "password": PASSWORD})
    assert resp.get_json()["expires_in_days"] == TOKEN_DAYS and resp.get_json()["idle_days"] == TOKEN_IDLE_DAYS
