"""The supervisor's month, report side: the figures a close keeps, late entries, what changed since
the close, the months still to close (docs/reports.md "Closing a month").

Closing and reopening are ``service.core.periods`` (the care area asks whether a month is
closed when it records a delivery); the snapshot a close stores is :func:`snapshot`.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import or_, select

from service.care.models.deliveries import Delivery
from service.core import clock
from service.core.db import session
from service.core.models.periods import MonthClose
from service.core.periods import get_close, month_bounds
from service.reports import iku, spm


def snapshot(year: int, month: int) -> dict[str, Any]:
    """The figures a close keeps: the SPM and IKU reports through the month, the late entries so far."""
    end = month_bounds(year, month)[1]
    return {"spm": spm.report_json(spm.report(year, month)), "iku": iku.report_json(iku.report(year, end)),
            "late_before": late_count(year, month)}


def late_count(year: int, month: int) -> int:
    start, end = month_bounds(year, month)
    return len(list(session.scalars(select(Delivery.id).where(
        Delivery.late.is_(True), Delivery.delivered_on >= start, Delivery.delivered_on <= end))))


def late_entries(year: int, month: int, area: str | None = None) -> list[Delivery]:
    """Deliveries dated in the month entered (or voided) after its latest close, while it is closed;
    with ``area``, those of that area only."""
    row = get_close(year, month)
    if row is None or row.status != "closed" or row.closed_at is None:
        return []
    start, end = month_bounds(year, month)
    stmt = select(Delivery).where(Delivery.delivered_on >= start, Delivery.delivered_on <= end,
                                  (Delivery.created_at > row.closed_at)
                                  | (Delivery.voided_at > row.closed_at)).order_by(Delivery.created_at)
    if area:
        stmt = stmt.where(or_(Delivery.area_code == area, Delivery.area_code.like(area + ".%")))
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
    today = today or clock.today()
    year = since_year or today.year
    months = [(year - 1, 12)] + [(year, m) for m in range(1, today.month)]
    closed = {(r.year, r.month) for r in session.scalars(select(MonthClose).where(MonthClose.status == "closed"))}
    return [ym for ym in months if ym not in closed]
