"""Scheduled jobs run once per period even when several processes try."""

from __future__ import annotations

import datetime as dt

from service.accounts.models import ApiToken
from service.accounts.users import create_user, issue_token
from service.core import jobs
from service.core.db import utcnow


def test_job_runs_once_per_period(db):
    calls = []
    jobs.JOBS["probe"] = (lambda: calls.append(1) or {"n": len(calls)}, {})
    try:
        assert jobs.run_once("probe", "2026-11-22") == {"n": 1}
        assert jobs.run_once("probe", "2026-11-22") is None  # claimed already
        assert jobs.run_once("probe", "2026-11-23") == {"n": 2}
        assert calls == [1, 1]
    finally:
        del jobs.JOBS["probe"]


def test_failed_job_releases_its_claim(db):
    state = {"fail": True}

    def flaky():
        if state["fail"]:
            raise RuntimeError("boom")
        return {"ok": True}

    jobs.JOBS["flaky"] = (flaky, {})
    try:
        try:
            jobs.run_once("flaky", "p1")
        except RuntimeError:
            pass
        state["fail"] = False
        assert jobs.run_once("flaky", "p1") == {"ok": True}
    finally:
        del jobs.JOBS["flaky"]


def test_purge_expired_tokens(db):
    user = create_user("tokenuser", "rahasia-123", "peksos")
    issue_token(user)
    issue_token(user)
    tokens = db.query(ApiToken).filter_by(user_id=user.id).all()
    tokens[0].expires_at = utcnow() - dt.timedelta(days=2)
    db.commit()
    assert jobs.purge_expired_tokens() == {"deleted": 1}
    assert db.query(ApiToken).filter_by(user_id=user.id).count() == 1
