"""Reporting periods: closing a month with a snapshot, reopening it, late entries.

A delivery dated in a closed month is accepted and flagged ``late`` by
``service.care.deliveries.record_delivery`` (never refused). The snapshot keeps the
figures as they were at the close; the month page shows live − snapshot and
lists the entries made after the close, until the month is reopened and
closed again.
"""

from __future__ import annotations

import calendar
import datetime as dt
import uuid
from typing import Any

from sqlalchemy import select

from service.care.models.deliveries import Delivery
from service.core.db import session, utcnow
from service.core.errors import N_, ValidationError
from service.core.models.periods import MonthClose


def is_month_closed(day: dt.date) -> bool:
    status = session.scalar(select(MonthClose.status).where(MonthClose.year == day.year,
                                                              MonthClose.month == day.month))
    return status == "closed"


def get_close(year: int, month: int) -> MonthClose | None:
    return session.scalar(select(MonthClose).where(MonthClose.year == year, MonthClose.month == month))


def month_bounds(year: int, month: int) -> tuple[dt.date, dt.date]:
    return dt.date(year, month, 1), dt.date(year, month, calendar.monthrange(year, month)[1])


def close_month(year: Any, month: Any, by_id: uuid.UUID | None, today: dt.date | None = None) -> MonthClose:
    """Close a month that has ended: store who, when and the SPM and IKU figures then."""
    from service.reports import iku, spm

    y, m, _start, end = spm.period(year, month)
    today = today or dt.date.today()
    if end >= today:
        raise ValidationError({"month": N_("Bulan ini belum berakhir; hanya bulan yang sudah lewat dapat ditutup.")})
    row = get_close(y, m)
    if row is not None and row.status == "closed":
        raise ValidationError({"month": N_("Bulan ini sudah ditutup.")})
    snapshot = {"spm": spm.report_json(spm.report(y, m)), "iku": iku.report_json(iku.report(y, end)),
                "late_before": late_count(y, m)}
    if row is None:
        row = MonthClose(year=y, month=m)
        session.add(row)
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
    row.status = "reopened"
    row.reopened_by_id = by_id
    row.reopened_at = utcnow()
    session.flush()
    return row


def late_count(year: int, month: int) -> int:
    start, end = month_bounds(year, month)
    return len(list(session.scalars(select(Delivery.id).where(
        Delivery.late.is_(True), Delivery.delivered_on >= start, Delivery.delivered_on <= end))))


def late_entries(year: int, month: int) -> list[Delivery]:
    """Deliveries dated in the month entered (or voided) after its latest close, while it is closed."""
    row = get_close(year, month)
    if row is None or row.status != "closed" or row.closed_at is None:
        return []
    start, end = month_bounds(year, month)
    stmt = select(Delivery).where(Delivery.delivered_on >= start, Delivery.delivered_on <= end,
                                  (Delivery.created_at > row.closed_at)
                                  | (Delivery.voided_at > row.closed_at)).order_by(Delivery.created_at)
    return list(session.scalars(stmt))


def snapshot_differences(row: MonthClose | None, live: dict[str, Any]) -> list[dict[str, Any]]:
    """Per service, the figures whose live value differs from the snapshot (SPM JSON shapes)."""
    if row is None or row.status != "closed" or not row.snapshot:
        return []
    before = {s["code"]: s for s in row.snapshot.get("spm", {}).get("services", [])}
    out = []
    for s in live["services"]:
        old = before.get(s["code"], {})
        changed = {k: (old.get(k), s[k]) for k in ("needing", "served", "recipients_pct", "quality_pct", "index")
                   if old.get(k) != s[k]}
        if changed:
            out.append({"code": s["code"], "changes": changed})
    return out


def unclosed_months(today: dt.date | None = None, since_year: int | None = None) -> list[tuple[int, int]]:
    """Months of the current year (and December of the last) that have ended and are not closed."""
    today = today or dt.date.today()
    year = since_year or today.year
    months = [(year - 1, 12)] + [(year, m) for m in range(1, today.month)]
    closed = {(r.year, r.month) for r in session.scalars(select(MonthClose).where(MonthClose.status == "closed"))}
    return [ym for ym in months if ym not in closed]
