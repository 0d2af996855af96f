"""Escalation: an open complaint past its category's deadline goes to the supervisor (docs/complaints.md).

The daily job ``complaint_escalation`` marks each such complaint once (``escalated_at`` and an
event in its history); supervisors see them in the list's "Eskalasi" view and on their home page.
``service.core.jobs.run_once`` makes the job run once per day however many processes run the
scheduler.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import select

from service.complaints.desk import record_event
from service.complaints.models import OPEN_STATUSES, Complaint
from service.core import clock
from service.core.db import session, utcnow
from service.core.jobs import job


def escalate_overdue(today: dt.date | None = None, now: dt.datetime | None = None) -> dict[str, Any]:
    today = today or clock.today()
    now = now or utcnow()
    stmt = select(Complaint).where(Complaint.status.in_(OPEN_STATUSES), Complaint.due_on < today,
                                   Complaint.escalated_at.is_(None)).order_by(Complaint.due_on)
    escalated = []
    for complaint in session.scalars(stmt):
        complaint.escalated_at = now
        record_event(complaint, "escalated", None, note=complaint.due_on.isoformat())
        escalated.append(complaint.number)
    session.flush()
    return {"escalated": len(escalated), "numbers": escalated}


@job("complaint_escalation", hour=7, minute=0)
def escalation_job() -> dict[str, Any]:
    return escalate_overdue()
