"""Scheduled jobs (APScheduler) that run once per period across processes.

Several app processes may each run a scheduler; a job claims its period by
inserting a ``JobRun`` row under a unique constraint, so only the process
that wins the insert does the work. This works the same on SQLite and
PostgreSQL and leaves a record of every run.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from typing import Any

from sqlalchemy import delete
from sqlalchemy.exc import IntegrityError

from service.accounts.models import ApiToken
from service.core import audit, clock
from service.core.db import session, utcnow
from service.core.models.jobs import JobRun

log = logging.getLogger(__name__)

JOBS: dict[str, tuple[Callable[[], dict[str, Any]], dict[str, Any]]] = {}


def job(name: str, **trigger: Any) -> Callable[[Callable[[], dict[str, Any]]], Callable[[], dict[str, Any]]]:
    """Register a job with an APScheduler cron trigger (e.g. ``hour=1, minute=0``)."""

    def deco(fn: Callable[[], dict[str, Any]]) -> Callable[[], dict[str, Any]]:
        JOBS[name] = (fn, trigger)
        return fn

    return deco


def run_once(name: str, period: str) -> dict[str, Any] | None:
    """Run job ``name`` for ``period`` unless some process already claimed it.

    Returns the job's result, or None when the period was already claimed.
    """
    fn, _ = JOBS[name]
    with audit.acting_as(audit.Actor(None, f"job:{name}", "job")):
        try:
            session.connection(execution_options={"sqlite_begin": "IMMEDIATE"})
            run = JobRun(job=name, period=period)
            session.add(run)
            session.commit()
        except IntegrityError:
            session.rollback()
            return None
        try:
            # SQLite: take the write lock at once (waiting up to the busy timeout), so another
            # process's write never meets this job's read snapshot ("database is locked").
            session.connection(execution_options={"sqlite_begin": "IMMEDIATE"})
            result = fn()
            run.finished_at = utcnow()
            run.result = result
            session.commit()
            return result
        except Exception:
            session.rollback()
            log.exception("job %s failed", name)
            # Release the claim so a later tick can retry.
            session.execute(delete(JobRun).where(JobRun.job == name, JobRun.period == period))
            session.commit()
            raise


def daily_period(now: dt.datetime | None = None) -> str:
    """The office's calendar day (its time zone, not UTC) a daily job runs for."""
    return clock.local_date(now or utcnow()).isoformat()


@job("purge_expired_tokens", hour=2, minute=0)
def purge_expired_tokens() -> dict[str, Any]:
    cutoff = utcnow() - dt.timedelta(days=1)
    result = session.execute(delete(ApiToken).where((ApiToken.expires_at < cutoff) | ApiToken.revoked))
    return {"deleted": result.rowcount}


@job("nightly_backup", hour=1, minute=30)
def nightly_backup() -> dict[str, Any]:
    """A dated backup under ``LINDUNG_BACKUP_DIR``, keeping the newest ``LINDUNG_BACKUP_KEEP``."""
    from service.core import backup
    from service.core.db import get_engine

    conf = backup.SETTINGS
    if not conf["dir"] or not conf["instance"]:
        return {"skipped": "LINDUNG_BACKUP_DIR is not set"}
    return backup.nightly(conf["dir"], get_engine(), conf["instance"], keep=conf["keep"])


def start_scheduler(database_url: str) -> Any:
    from apscheduler.schedulers.background import BackgroundScheduler

    from service import import_service_modules

    import_service_modules()
    try:  # the jobs' hours are the office's (WIB/WITA/WIT)
        zone = clock.zone().iana
    finally:
        session.remove()
    scheduler = BackgroundScheduler(timezone=zone)
    for name, (_fn, trigger) in JOBS.items():

        def tick(name: str = name) -> None:
            try:
                run_once(name, daily_period())
            finally:
                session.remove()

        scheduler.add_job(tick, "cron", id=name, replace_existing=True, **trigger)
    scheduler.start()
    return scheduler
