"""The public status lookup: number + access code -> status and dates only (docs/complaints.md).

Nothing else leaves this module: no name, NIK, description, category or worker. A wrong code
and an unknown number give the same answer (None), and a code is checked even when the number
is unknown, so the page tells nothing about which numbers exist.
"""

from __future__ import annotations

import datetime as dt
import hmac
from dataclasses import dataclass, field

from sqlalchemy import func, select

from service.complaints.desk import code_matches, hash_code
from service.complaints.models import Complaint, ComplaintEvent
from service.core import clock
from service.core.db import session

_DUMMY = hash_code("")


@dataclass(frozen=True)
class PublicStatus:
    number: str
    status: str
    received_on: dt.date
    due_on: dt.date
    resolved_on: dt.date | None
    updated_on: dt.date
    steps: list[tuple[str, dt.date]] = field(default_factory=list)


def _step_date(complaint: Complaint, event: ComplaintEvent) -> dt.date:
    """The day a step happened: the received and resolved dates recorded (a letter may be entered
    days later), else when the step was recorded."""
    if event.kind == "received":
        return complaint.received_on
    if event.to_status == "resolved" and complaint.status == "resolved" and event is _last_resolved(complaint):
        return complaint.resolved_on or event.at.astimezone(clock.zone()).date()
    return event.at.astimezone(clock.zone()).date()


def _last_resolved(complaint: Complaint) -> ComplaintEvent | None:
    return next((e for e in reversed(complaint.events) if e.to_status == "resolved"), None)


def normalise_number(number: object) -> str:
    return "".join(str(number or "").split()).upper()


def lookup(number: object, code: object) -> PublicStatus | None:
    wanted = normalise_number(number)
    complaint = session.scalar(select(Complaint).where(func.upper(Complaint.number) == wanted)) if wanted else None
    if complaint is None:
        hmac.compare_digest(_DUMMY, hash_code(str(code or "")))
        return None
    if not code_matches(complaint, code):
        return None
    steps = [(e.to_status, _step_date(complaint, e)) for e in complaint.events if e.to_status is not None]
    last = max((e.at for e in complaint.events), default=complaint.created_at)
    return PublicStatus(number=complaint.number, status=complaint.status, received_on=complaint.received_on,
                        due_on=complaint.due_on, resolved_on=complaint.resolved_on,
                        updated_on=last.astimezone(clock.zone()).date(), steps=steps)
