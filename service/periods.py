"""Reporting periods: is a month closed? (Late entries are flagged, never refused.)"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select

from service.db import session
from service.models.reporting import MonthClose


def is_month_closed(day: dt.date) -> bool:
    status = session.scalar(select(MonthClose.status).where(MonthClose.year == day.year,
                                                              MonthClose.month == day.month))
    return status == "closed"
