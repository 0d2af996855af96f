"""Task lists and the reminder job: the right people, once."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import func, select

from service.care import referrals, tracing
from service.care import tasks as reminders
from service.care.models.reminders import Reminder
from service.casework.models import CasePlanItem
from service.core import jobs
from service.core.db import utcnow
from tests import factories as f

TODAY = dt.date(2026, 9, 30)
NOW = dt.datetime(2026, 9, 30, 3, 0, tzinfo=dt.UTC)


def _world(db, make_user):
    ani = make_user("peksos", "18.72.01", full_name="Ani")
    budi = make_user("peksos", "18.72.05", full_name="Budi")
    # Ani's case: reunified in May, the 1-month visit done, the 3-month visit overdue
    c1 = f.case(worker_id=ani.id)
    t = tracing.open_tracing(c1, "2026-04-01", today=TODAY)
    for step in ("searching", "found", "verified"):
        tracing.set_status(t, step, today=TODAY)
    r = tracing.reunify(t, "2026-05-10", "Ibu", "Ibu kandung", "Rumah", today=TODAY)
    tracing.record_visit(r.visits[0], "2026-06-10", "good", today=TODAY)
    # Ani's referral sent 10 days ago, never answered
    ref = f.referral(f.case(worker_id=ani.id))
    referrals.send_referral(ref, on=dt.date(2026, 9, 20), now=NOW - dt.timedelta(days=10))
    # Budi's case in Metro Selatan: no activity for 40 days, and a plan item past due
    p = f.person(kode_wilayah="18.72.05.1001")
    c3 = f.case(p, worker_id=budi.id)
    db.add(CasePlanItem(case_id=c3.id, service_type_code="sandang", due_on=dt.date(2026, 9, 1), responsible_id=budi.id))
    c3.last_activity_at = NOW - dt.timedelta(days=40)
    # a fresh referral (2 days) is not overdue yet
    fresh = f.referral(f.case(worker_id=ani.id))
    referrals.send_referral(fresh, on=dt.date(2026, 9, 28), now=NOW - dt.timedelta(days=2))
    db.flush()
    # every other case of this world was just touched
    for case in (c1, ref.case, fresh.case):
        case.last_activity_at = NOW
    db.flush()
    return ani, budi, r, ref, c3


def test_each_worker_sees_only_their_overdue_items(db, make_user):
    ani, budi, r, ref, c3 = _world(db, make_user)
    mine = reminders.tasks_for(ani, TODAY, NOW)
    assert sorted((t.kind, t.subject_id) for t in mine) == sorted([
        ("visit_overdue", r.visits[1].id), ("referral_unanswered", ref.id)])
    theirs = reminders.tasks_for(budi, TODAY, NOW)
    assert sorted(t.kind for t in theirs) == ["case_inactive", "plan_overdue"]
    assert {t.case.id for t in theirs} == {c3.id}


def test_supervisor_overview_counts_per_worker(db, make_user):
    ani, budi, *_ = _world(db, make_user)
    sup = make_user("supervisor")
    rows = {row["worker_id"]: row for row in reminders.overview(sup, TODAY, NOW)["rows"]}
    assert rows[ani.id]["counts"]["visit_overdue"] == 1 and rows[ani.id]["counts"]["referral_unanswered"] == 1
    assert rows[budi.id]["total"] == 2
    # a worker's area limits an overview too
    area_view = reminders.overview(make_user("supervisor", "18.72.05"), TODAY, NOW)
    assert {row["worker_id"] for row in area_view["rows"]} == {budi.id}


def test_reminders_are_created_once_per_worker_and_item(db, make_user):
    ani, budi, *_ = _world(db, make_user)
    assert reminders.send_reminders(TODAY, NOW) == {"created": 4}
    assert reminders.send_reminders(TODAY, NOW) == {"created": 0}
    owners = dict(db.execute(select(Reminder.kind, Reminder.user_id)).all())
    assert owners == {"visit_overdue": ani.id, "referral_unanswered": ani.id, "case_inactive": budi.id,
                      "plan_overdue": budi.id}
    assert all(t.new for t in reminders.tasks_for(ani, TODAY, NOW))
    assert reminders.mark_seen(ani) == 2
    assert not any(t.new for t in reminders.tasks_for(ani, TODAY, NOW))


def test_the_reminder_job_runs_once_per_day_across_processes(db, make_user):
    _world(db, make_user)
    period = jobs.daily_period(utcnow())
    first = jobs.run_once("care_reminders", period)
    second = jobs.run_once("care_reminders", period)  # another process, same day
    assert first is not None and first["created"] >= 4
    assert second is None
    assert db.scalar(select(func.count()).select_from(Reminder)) == first["created"]


def test_several_processes_start_the_job_and_exactly_one_runs_it(engine):
    """Real separate processes against the test database (SQLite file or PostgreSQL)."""
    import json
    import subprocess
    import sys
    import uuid

    from sqlalchemy import delete

    from service.core.models.jobs import JobRun
    from tests.conftest import TEST_DATABASE_URL

    period = f"test-{uuid.uuid4().hex}"
    script = ("import json, sys\n"
              "from service.core import db, jobs\nfrom service.care import tasks as reminders\n"
              "db.configure_engine(sys.argv[1])\n"
              "print(json.dumps(jobs.run_once('care_reminders', sys.argv[2])))\n")
    procs = [subprocess.Popen([sys.executable, "-c", script, TEST_DATABASE_URL, period], stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True) for _ in range(3)]
    try:
        outs = [p.communicate(timeout=120) for p in procs]
        assert all(p.returncode == 0 for p in procs), [err[-500:] for _, err in outs]
        results = [json.loads(out.strip().splitlines()[-1]) for out, _ in outs]
        assert sum(r is not None for r in results) == 1  # one claim wins, the others skip
    finally:
        with engine.begin() as conn:
            conn.execute(delete(JobRun).where(JobRun.period == period))


def test_overview_counts_every_item_and_shows_one_page_oldest_first(db, make_user):
    ani, budi, *_ = _world(db, make_user)
    extra = []
    for days in (50, 60, 70):  # three more of Budi's cases, idle for longer
        c = f.case(f.person(kode_wilayah="18.72.05.1001"), worker_id=budi.id)
        c.last_activity_at = NOW - dt.timedelta(days=days)
        extra.append(c)
    db.flush()
    sup = make_user("supervisor")
    whole = reminders.overview(sup, TODAY, NOW)
    assert whole["total"] == 7 and len(whole["tasks"]) == 7
    rows = {row["worker_id"]: row for row in whole["rows"]}
    assert rows[budi.id]["counts"]["case_inactive"] == 4 and rows[budi.id]["total"] == 5
    first, second = (reminders.overview(sup, TODAY, NOW, page=n, per_page=3) for n in (1, 2))
    assert first["total"] == 7 and first["page"].pages == 3
    assert [t.subject_id for t in first["tasks"]] == [t.subject_id for t in whole["tasks"][:3]]
    assert [t.subject_id for t in second["tasks"]] == [t.subject_id for t in whole["tasks"][3:6]]
    assert first["tasks"][0].case.id == extra[-1].id  # idle the longest: first
    # the worker's own list is filtered in the query, with the same items
    assert sorted(t.subject_id for t in reminders.tasks_for(budi, TODAY, NOW)) == \
        sorted(t.subject_id for t in whole["tasks"] if t.worker_id == budi.id)
