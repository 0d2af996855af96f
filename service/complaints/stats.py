"""Counts of the complaints desk: the monthly recap and the figure that feeds the Renja
sub-activity "Pemberian Layanan Data dan Pengaduan" (docs/complaints.md).

A complaint counts as one person served in the month it was **resolved** (a rejected or still
open complaint has not been served yet); reopening takes it out again until it is resolved anew.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import Select, case, extract, func, or_, select, true

from service.complaints.models import OPEN_STATUSES, Complaint
from service.core import clock
from service.core.db import session


def _in_area(area: str | None) -> Any:
    if not area:
        return true()
    return or_(Complaint.area_code == area, Complaint.area_code.like(area + ".%"))


def resolved_stmt(start: dt.date, end: dt.date, area: str | None = None) -> Select[Any]:
    return (select(Complaint).where(Complaint.status == "resolved", Complaint.resolved_on >= start,
                                    Complaint.resolved_on <= end, _in_area(area))
            .order_by(Complaint.resolved_on, Complaint.number))


def resolved_count(start: dt.date, end: dt.date, area: str | None = None) -> int:
    stmt = select(func.count()).select_from(resolved_stmt(start, end, area).order_by(None).subquery())
    return int(session.scalar(stmt) or 0)


def monthly(year: int, where: Any = None, today: dt.date | None = None) -> dict[str, Any]:
    """Per month of ``year``: received, resolved, resolved within the deadline; and the open ones now
    past their deadline. ``where`` narrows the complaints (the user's visibility filter)."""
    today = today or clock.today()
    where = true() if where is None else where
    months = {m: {"month": m, "received": 0, "resolved": 0, "on_time": 0} for m in range(1, 13)}
    start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    month = extract("month", Complaint.received_on)
    for m, n in session.execute(select(month, func.count()).where(
            where, Complaint.received_on >= start, Complaint.received_on <= end).group_by(month)):
        months[int(m)]["received"] = int(n)
    month = extract("month", Complaint.resolved_on)
    on_time = func.sum(case((Complaint.resolved_on <= Complaint.due_on, 1), else_=0))
    for m, n, t in session.execute(select(month, func.count(), on_time).where(
            where, Complaint.status == "resolved", Complaint.resolved_on >= start, Complaint.resolved_on <= end)
            .group_by(month)):
        months[int(m)]["resolved"], months[int(m)]["on_time"] = int(n), int(t or 0)
    overdue = session.scalar(select(func.count()).where(where, Complaint.status.in_(OPEN_STATUSES),
                                                        Complaint.due_on < today)) or 0
    rows = [months[m] for m in range(1, 13)]
    totals = {k: sum(r[k] for r in rows) for k in ("received", "resolved", "on_time")}
    return {"year": year, "months": rows, "totals": totals, "overdue_open": int(overdue)}
