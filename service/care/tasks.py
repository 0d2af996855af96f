"""Task lists and reminders: what is overdue, for whom.

Four kinds of overdue item, each belonging to the case's worker (a plan item
to its responsible worker):

- ``visit_overdue``: a follow-up visit after reunification past its due date, not done;
- ``referral_unanswered``: a referral sent ``referral.answer_days`` days ago or more, still unanswered;
- ``case_inactive``: an open case without activity for ``tasks.inactive_days`` days;
- ``plan_overdue``: a case plan item past its due date, still planned.

The task list is computed live (always current). The daily job
``care_reminders`` turns new overdue items into ``Reminder`` rows, once per
worker and item, so the list can mark what is new; ``service.core.jobs.run_once``
makes the job run once per day however many processes run the scheduler.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select, update

from service.accounts.models import User
from service.care.models.referrals import Referral
from service.care.models.reminders import Reminder
from service.care.models.tracing import FollowUpVisit
from service.casework.models import Case, CasePlanItem
from service.core import clock, settings
from service.core.access import scope_area
from service.core.db import session, utcnow
from service.core.errors import N_
from service.core.jobs import job

KIND_LABELS = {
    "visit_overdue": N_("Kunjungan lanjutan terlewat"),
    "referral_unanswered": N_("Rujukan belum dijawab"),
    "case_inactive": N_("Kasus tanpa kegiatan"),
    "plan_overdue": N_("Rencana layanan lewat tenggat"),
}


@dataclass
class Task:
    kind: str
    subject_id: uuid.UUID
    case: Case
    due: dt.date
    worker_id: uuid.UUID | None
    detail: dict[str, Any] = field(default_factory=dict)
    new: bool = False

    def days_overdue(self, today: dt.date) -> int:
        return (today - self.due).days


def _case_filter(stmt: Any, user: Any | None) -> Any:
    stmt = stmt.where(Case.status != "closed")
    if user is not None:
        stmt = stmt.where(scope_area(user, Case.area_code))
    return stmt


def all_tasks(today: dt.date | None = None, user: Any | None = None, now: dt.datetime | None = None) -> list[Task]:
    """Every overdue item (within ``user``'s area when given), oldest first."""
    today = today or clock.today()
    now = now or utcnow()
    tasks: list[Task] = []
    stmt = select(FollowUpVisit, Case).join(Case, FollowUpVisit.case_id == Case.id).where(
        FollowUpVisit.visited_on.is_(None), FollowUpVisit.due_on < today)
    for visit, case in session.execute(_case_filter(stmt, user)):
        tasks.append(Task("visit_overdue", visit.id, case, visit.due_on, case.worker_id, {"months": visit.months}))
    cutoff = now - dt.timedelta(days=int(settings.get("referral.answer_days")))
    stmt = select(Referral, Case).join(Case, Referral.case_id == Case.id).where(
        Referral.status == "sent", Referral.sent_at <= cutoff)
    for ref, case in session.execute(_case_filter(stmt, user)):
        assert ref.sent_at is not None
        tasks.append(Task("referral_unanswered", ref.id, case, ref.sent_at.date(), case.worker_id,
                          {"number": ref.letter_number, "referral_id": ref.id}))
    inactive = now - dt.timedelta(days=int(settings.get("tasks.inactive_days")))
    stmt = select(Case).where(Case.last_activity_at < inactive)
    for case in session.scalars(_case_filter(stmt, user)):
        tasks.append(Task("case_inactive", case.id, case, case.last_activity_at.date(), case.worker_id))
    stmt = select(CasePlanItem, Case).join(Case, CasePlanItem.case_id == Case.id).where(
        CasePlanItem.status == "planned", CasePlanItem.due_on < today)
    for item, case in session.execute(_case_filter(stmt, user)):
        tasks.append(Task("plan_overdue", item.id, case, item.due_on, item.responsible_id or case.worker_id,
                          {"service_type_code": item.service_type_code}))
    tasks.sort(key=lambda t: (t.due, t.kind))
    return tasks


def tasks_for(user: Any, today: dt.date | None = None, now: dt.datetime | None = None) -> list[Task]:
    """The worker's own task list ("Tugas saya"); items reminded but not yet seen are marked new."""
    mine = [t for t in all_tasks(today, user, now) if t.worker_id == user.id]
    unseen = set(session.scalars(select(Reminder.subject_id).where(Reminder.user_id == user.id,
                                                                      Reminder.seen_at.is_(None))))
    for t in mine:
        t.new = t.subject_id in unseen
    return mine


def mark_seen(user: Any, now: dt.datetime | None = None) -> int:
    result = session.execute(update(Reminder).where(Reminder.user_id == user.id, Reminder.seen_at.is_(None))
                             .values(seen_at=now or utcnow()))
    return int(result.rowcount or 0)


def overview(user: Any, today: dt.date | None = None, now: dt.datetime | None = None) -> dict[str, Any]:
    """The supervisor's view: counts per worker and kind, and the unassigned items."""
    tasks = all_tasks(today, user, now)
    per_worker: dict[uuid.UUID | None, dict[str, int]] = defaultdict(lambda: {k: 0 for k in KIND_LABELS})
    for t in tasks:
        per_worker[t.worker_id][t.kind] += 1
    ids = [w for w in per_worker if w is not None]
    names = {u.id: u.full_name or u.username for u in session.scalars(select(User).where(User.id.in_(ids)))} if ids else {}
    rows = sorted(({"worker_id": w, "name": names.get(w) if w else None, "counts": c, "total": sum(c.values())}
                   for w, c in per_worker.items()), key=lambda r: (r["worker_id"] is None, -r["total"]))
    return {"rows": rows, "tasks": tasks, "total": len(tasks)}


def send_reminders(today: dt.date | None = None, now: dt.datetime | None = None) -> dict[str, Any]:
    """Create one reminder per worker and overdue item that has none yet."""
    existing = {(r.user_id, r.kind, r.subject_id) for r in session.scalars(select(Reminder))}
    created = 0
    for t in all_tasks(today, None, now):
        if t.worker_id is None or (t.worker_id, t.kind, t.subject_id) in existing:
            continue
        session.add(Reminder(user_id=t.worker_id, kind=t.kind, subject_id=t.subject_id, case_id=t.case.id))
        existing.add((t.worker_id, t.kind, t.subject_id))
        created += 1
    session.flush()
    return {"created": created}


@job("care_reminders", hour=6, minute=0)
def reminders_job() -> dict[str, Any]:
    return send_reminders()
