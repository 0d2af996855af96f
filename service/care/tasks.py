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

from sqlalchemy import func, select, update

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
from service.core.pagination import Page
from service.registry.models import Person

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


@dataclass(frozen=True)
class _Kind:
    """One kind of overdue item as a query: its rows, its due column and whose it is."""

    kind: str
    stmt: Any
    due: Any
    worker: Any
    subject: Any
    task: Any  # row -> Task


def _kinds(today: dt.date, now: dt.datetime, user: Any | None, worker_id: uuid.UUID | None) -> list[_Kind]:
    cutoff = now - dt.timedelta(days=int(settings.get("referral.answer_days")))
    inactive = now - dt.timedelta(days=int(settings.get("tasks.inactive_days")))
    plan_worker = func.coalesce(CasePlanItem.responsible_id, Case.worker_id)
    kinds = [
        _Kind("visit_overdue", select(FollowUpVisit, Case).join(Case, FollowUpVisit.case_id == Case.id).where(
            FollowUpVisit.visited_on.is_(None), FollowUpVisit.due_on < today), FollowUpVisit.due_on, Case.worker_id,
            FollowUpVisit.id,
            lambda r: Task("visit_overdue", r[0].id, r[1], r[0].due_on, r[1].worker_id, {"months": r[0].months})),
        _Kind("referral_unanswered", select(Referral, Case).join(Case, Referral.case_id == Case.id).where(
            Referral.status == "sent", Referral.sent_at <= cutoff), Referral.sent_at, Case.worker_id, Referral.id,
            lambda r: Task("referral_unanswered", r[0].id, r[1], r[0].sent_at.date(), r[1].worker_id,
                           {"number": r[0].letter_number, "referral_id": r[0].id})),
        _Kind("case_inactive", select(Case).where(Case.last_activity_at < inactive), Case.last_activity_at,
              Case.worker_id, Case.id,
              lambda r: Task("case_inactive", r[0].id, r[0], r[0].last_activity_at.date(), r[0].worker_id)),
        _Kind("plan_overdue", select(CasePlanItem, Case).join(Case, CasePlanItem.case_id == Case.id).where(
            CasePlanItem.status == "planned", CasePlanItem.due_on < today), CasePlanItem.due_on, plan_worker,
            CasePlanItem.id,
            lambda r: Task("plan_overdue", r[0].id, r[1], r[0].due_on, r[0].responsible_id or r[1].worker_id,
                           {"service_type_code": r[0].service_type_code})),
    ]
    out = []
    for k in kinds:
        stmt = _case_filter(k.stmt, user)
        if worker_id is not None:
            stmt = stmt.where(k.worker == worker_id)
        out.append(_Kind(k.kind, stmt, k.due, k.worker, k.subject, k.task))
    return out


def _with_persons(tasks: list[Task]) -> list[Task]:
    """Load the persons of the tasks' cases in one query (the lists show their names)."""
    ids = list({t.case.person_id for t in tasks})
    for i in range(0, len(ids), 500):
        list(session.scalars(select(Person).where(Person.id.in_(ids[i:i + 500]))))
    return tasks


def all_tasks(today: dt.date | None = None, user: Any | None = None, now: dt.datetime | None = None, *,
              worker_id: uuid.UUID | None = None, limit: int | None = None) -> list[Task]:
    """Every overdue item (within ``user``'s area when given; ``worker_id``'s only), oldest first;
    ``limit``: only the oldest ``limit`` (each kind's query is limited too)."""
    today = today or clock.today()
    now = now or utcnow()
    tasks: list[Task] = []
    for k in _kinds(today, now, user, worker_id):
        stmt = k.stmt.order_by(k.due, k.subject)
        if limit is not None:
            stmt = stmt.limit(limit)
        tasks.extend(k.task(row) for row in session.execute(stmt))
    tasks.sort(key=lambda t: (t.due, t.kind))
    return tasks[:limit] if limit is not None else tasks


def tasks_for(user: Any, today: dt.date | None = None, now: dt.datetime | None = None) -> list[Task]:
    """The worker's own task list ("Tugas saya"); items reminded but not yet seen are marked new."""
    mine = _with_persons(all_tasks(today, user, now, worker_id=user.id))
    unseen = set(session.scalars(select(Reminder.subject_id).where(Reminder.user_id == user.id,
                                                                      Reminder.seen_at.is_(None))))
    for t in mine:
        t.new = t.subject_id in unseen
    return mine


def mark_seen(user: Any, now: dt.datetime | None = None) -> int:
    result = session.execute(update(Reminder).where(Reminder.user_id == user.id, Reminder.seen_at.is_(None))
                             .values(seen_at=now or utcnow()))
    return int(result.rowcount or 0)


OVERVIEW_PAGE = 100


def overview(user: Any, today: dt.date | None = None, now: dt.datetime | None = None,
             page: int = 1, per_page: int = OVERVIEW_PAGE) -> dict[str, Any]:
    """The supervisor's view: counts per worker and kind (counted in SQL), the unassigned items,
    and one page of the items themselves, oldest first."""
    today = today or clock.today()
    now = now or utcnow()
    per_worker: dict[uuid.UUID | None, dict[str, int]] = defaultdict(lambda: {k: 0 for k in KIND_LABELS})
    for k in _kinds(today, now, user, None):
        counted = k.stmt.with_only_columns(k.worker.label("worker_id"), func.count(), maintain_column_froms=True)
        for worker, n in session.execute(counted.group_by(k.worker)):
            per_worker[worker][k.kind] += n
    total = sum(sum(c.values()) for c in per_worker.values())
    ids = [w for w in per_worker if w is not None]
    names = {u.id: u.full_name or u.username for u in session.scalars(select(User).where(User.id.in_(ids)))} if ids else {}
    rows = sorted(({"worker_id": w, "name": names.get(w) if w else None, "counts": c, "total": sum(c.values())}
                   for w, c in per_worker.items()), key=lambda r: (r["worker_id"] is None, -r["total"]))
    pages = max(1, -(-total // per_page))
    page = max(1, min(pages, page))
    tasks = all_tasks(today, user, now, limit=page * per_page)[(page - 1) * per_page:]
    return {"rows": rows, "tasks": _with_persons(tasks), "total": total,
            "page": Page(tasks, page, per_page, total)}


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
