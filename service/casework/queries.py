"""Case lists (search, filters, overdue) and the timeline of one case. See docs/casework.md."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from sqlalchemy import Select, and_, exists, or_, select

from service.casework.approvals import approvals_of
from service.casework.cases import visible_cases_filter
from service.casework.models import Case, CasePlanItem
from service.core import clock
from service.core.access import can
from service.core.db import session
from service.reference.models import PpksCategory
from service.registry.models import Person


def overdue_filter(today: dt.date | None = None) -> Any:
    """A planned service past its due date, or a new case not assessed within 14 days."""
    today = today or clock.today()
    late_item = exists().where(CasePlanItem.case_id == Case.id, CasePlanItem.status == "planned",
                               CasePlanItem.due_on < today)
    return or_(late_item, and_(Case.status == "new", Case.intake_date < today - dt.timedelta(days=14)))


# A case number as people type it: REH-2026-00042, reh-2026-42, or REH-2026 (every case of the year).
CASE_NUMBER = re.compile(r"^([A-Za-z]{2,5})-(\d{4})(?:-(\d{1,6}))?$")


def case_search(q: str, partial_nik: bool = False) -> Any:
    """A case number matches that field exactly (its year: the number's prefix); anything else
    is a person search (``service.registry.persons.person_search``: NIK, KK number, name)."""
    from service.registry.persons import person_search

    q = q.strip()
    m = CASE_NUMBER.match(q)
    if m:
        prefix, year, seq = m.group(1).upper(), m.group(2), m.group(3)
        if seq is None:
            return Case.number.like(f"{prefix}-{year}-%")
        return Case.number == f"{prefix}-{year}-{int(seq):05d}"
    return person_search(q, partial_nik)


def case_query(user: Any, *, q: str | None = None, status: str | None = None, category: str | None = None,
               spm_service: str | None = None, area: str | None = None, worker_id: Any = None,
               overdue: bool = False, mine: bool = False, person_id: Any = None,
               today: dt.date | None = None) -> Select[Any]:
    stmt = select(Case).join(Person, Person.id == Case.person_id).where(visible_cases_filter(user))
    if q and q.strip():
        stmt = stmt.where(case_search(q, partial_nik=can(user, "person.view_nik")))
    if status:
        stmt = stmt.where(Case.status == status)
    if category:
        stmt = stmt.where(Case.category_code == category)
    if spm_service:
        stmt = stmt.where(Case.category_code.in_(
            select(PpksCategory.code).where(PpksCategory.spm_service_code == spm_service)))
    if area:
        stmt = stmt.where(or_(Case.area_code == area, Case.area_code.like(area + ".%")))
    if worker_id:
        stmt = stmt.where(Case.worker_id == worker_id)
    if mine:
        stmt = stmt.where(Case.worker_id == user.id)
    if person_id:
        stmt = stmt.where(Case.person_id == person_id)
    if overdue:
        stmt = stmt.where(overdue_filter(today))
    return stmt.order_by(Case.intake_date.desc(), Case.number.desc())


def timeline(case: Case) -> list[dict[str, Any]]:
    """Everything that happened to a case, oldest first: status changes, assessments, approvals, plan, services."""
    from service.care.models.deliveries import Delivery

    events: list[dict[str, Any]] = []
    for t in case.transitions:
        events.append({"at": t.at, "kind": "transition", "item": t})
    for a in case.assessments:
        events.append({"at": a.created_at, "kind": "assessment", "item": a})
    for ap in approvals_of(case):
        events.append({"at": ap.requested_at, "kind": "approval_request", "item": ap})
        if ap.decided_at:
            events.append({"at": ap.decided_at, "kind": "approval_decision", "item": ap})
    for p in case.plan_items:
        events.append({"at": p.created_at, "kind": "plan_item", "item": p})
    for d in session.scalars(select(Delivery).where(Delivery.case_id == case.id)):
        events.append({"at": d.created_at, "kind": "delivery", "item": d})
    order = {"transition": 1, "assessment": 0, "approval_request": 2, "approval_decision": 3, "plan_item": 0,
             "delivery": 0}
    return sorted(events, key=lambda e: (e["at"], order[e["kind"]]))


