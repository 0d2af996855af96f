"""Reporting periods: month bounds, whether a month is closed, closing and reopening it.

A delivery dated in a closed month is accepted and flagged ``late`` by
``service.care.deliveries.record_delivery`` (never refused). Closing a month keeps the
report figures as they were then (the snapshot, computed by ``service.reports.month``);
the reports area shows live − snapshot and the entries made after the close until the
month is reopened and closed again (docs/reports.md "Closing a month").
"""

from __future__ import annotations

import calendar
import contextlib
import datetime as dt
import uuid
from collections.abc import Iterator
from contextvars import ContextVar
from typing import Any

from sqlalchemy import select

from service.core import clock
from service.core.db import session, utcnow
from service.core.errors import N_, ValidationError
from service.core.models.periods import MonthClose

# Inside ``month_states_cached``: {(year, month): status} read once (None until first needed).
_states: ContextVar[dict[str, Any] | None] = ContextVar("month_states", default=None)


@contextlib.contextmanager
def month_states_cached() -> Iterator[None]:
    """Read the month-close states once for a batch of writes (a sync request), not per entry.

    Closing or reopening a month inside the block drops the cached states.
    """
    token = _states.set({})
    try:
        yield
    finally:
        _states.reset(token)


def _forget_states() -> None:
    holder = _states.get()
    if holder is not None:
        holder.clear()


def is_month_closed(day: dt.date) -> bool:
    holder = _states.get()
    if holder is not None:
        if "states" not in holder:
            holder["states"] = {(y, m): st for y, m, st in session.execute(
                select(MonthClose.year, MonthClose.month, MonthClose.status))}
        return holder["states"].get((day.year, day.month)) == "closed"  # type: ignore[no-any-return]
    status = session.scalar(select(MonthClose.status).where(MonthClose.year == day.year,
                                                              MonthClose.month == day.month))
    return status == "closed"


MONTH_NAMES = (N_("Januari"), N_("Februari"), N_("Maret"), N_("April"), N_("Mei"), N_("Juni"), N_("Juli"),
               N_("Agustus"), N_("September"), N_("Oktober"), N_("November"), N_("Desember"))
LATE_WARNING = N_("{month} sudah ditutup; data ini akan ditandai terlambat.")


def late_warning(day: dt.date | None) -> tuple[str, dict[str, Any]] | None:
    """The warning a form shows before saving an entry dated in a closed month (message, params;
    the month's name is a source string the door translates), or None when the month is open."""
    if day is None or not is_month_closed(day):
        return None
    return LATE_WARNING, {"month": MONTH_NAMES[day.month - 1], "year": day.year}


def get_close(year: int, month: int) -> MonthClose | None:
    return session.scalar(select(MonthClose).where(MonthClose.year == year, MonthClose.month == month))


def month_bounds(year: int, month: int) -> tuple[dt.date, dt.date]:
    return dt.date(year, month, 1), dt.date(year, month, calendar.monthrange(year, month)[1])


def close_month(year: Any, month: Any, by_id: uuid.UUID | None, today: dt.date | None = None) -> MonthClose:
    """Close a month that has ended: store who, when and the report figures then."""
    from service.reports import month as report_month
    from service.reports import spm

    y, m, _start, end = spm.period(year, month)
    today = today or clock.today()
    if end >= today:
        raise ValidationError({"month": N_("Bulan ini belum berakhir; hanya bulan yang sudah lewat dapat ditutup.")})
    row = get_close(y, m)
    if row is not None and row.status == "closed":
        raise ValidationError({"month": N_("Bulan ini sudah ditutup.")})
    snapshot = report_month.snapshot(y, m)
    if row is None:
        row = MonthClose(year=y, month=m)
        session.add(row)
    _forget_states()
    row.status = "closed"
    row.closed_by_id = by_id
    row.closed_at = utcnow()
    row.snapshot = snapshot
    session.flush()
    return row


def reopen_month(year: Any, month: Any, by_id: uuid.UUID | None) -> MonthClose:
    from service.reports import spm

    y, m, _s, _e = spm.period(year, month)
    row = get_close(y, m)
    if row is None or row.status != "closed":
        raise ValidationError({"month": N_("Bulan ini tidak dalam keadaan ditutup.")})
    _forget_states()
    row.status = "reopened"
    row.reopened_by_id = by_id
    row.reopened_at = utcnow()
    session.flush()
    return row
