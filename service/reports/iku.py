"""IKU *Persentase PPKS yang tertangani* (docs/reports.md "IKU").

registered = distinct persons with an assessment dated in year Y (any
category; rejected assessments excluded), through ``end`` (default Dec 31);
handled = those of them with at least one counted delivery (delivered, not
voided) dated in Y through ``end``.
"""

from __future__ import annotations

import datetime as dt
from fractions import Fraction
from typing import Any

from sqlalchemy import exists, func, select

from service.care.models.deliveries import Delivery
from service.casework.models import Assessment
from service.core.db import session
from service.registry.models import Person
from service.reports.spm import HUNDRED, area_filter, check_year, round2


def _registered(start: dt.date, end: dt.date, area: str | None) -> Any:
    stmt = select(Assessment.person_id).where(Assessment.assessed_on >= start, Assessment.assessed_on <= end,
                                              Assessment.status != "rejected")
    if area:
        stmt = stmt.join(Person, Person.id == Assessment.person_id).where(area_filter(area, Person.area_code))
    return stmt.distinct().subquery("registered")


def _handled_clause(person_col: Any, start: dt.date, end: dt.date) -> Any:
    d = Delivery
    return exists().where(d.person_id == person_col, d.delivered_on >= start, d.delivered_on <= end,
                          d.voided_at.is_(None))


def report(year: Any, end: dt.date | None = None, area: str | None = None) -> dict[str, Any]:
    y = check_year(year)
    start = dt.date(y, 1, 1)
    end = min(end or dt.date(y, 12, 31), dt.date(y, 12, 31))
    reg = _registered(start, end, area)
    registered, handled = _counts(reg, start, end)
    pct = round2(Fraction(handled, registered) * HUNDRED) if registered else None
    return {"year": y, "end": end, "registered": registered, "handled": handled, "pct": pct}


def _counts(reg: Any, start: dt.date, end: dt.date) -> tuple[int, int]:
    registered = session.scalar(select(func.count()).select_from(reg)) or 0
    handled = session.scalar(select(func.count()).select_from(reg).where(
        _handled_clause(reg.c.person_id, start, end))) or 0
    return int(registered), int(handled)


def person_query(year: Any, which: str = "registered", area: str | None = None, q: str | None = None) -> Any:
    """Drill-down: the persons registered (or handled, or not handled) in the year."""
    y = check_year(year)
    start, end = dt.date(y, 1, 1), dt.date(y, 12, 31)
    reg = _registered(start, end, area)
    stmt = select(Person).join(reg, reg.c.person_id == Person.id)
    if which == "handled":
        stmt = stmt.where(_handled_clause(Person.id, start, end))
    elif which == "unhandled":
        stmt = stmt.where(~_handled_clause(Person.id, start, end))
    if q:
        stmt = stmt.where(func.lower(Person.name).like(f"%{q.strip().lower()}%"))
    return stmt.order_by(Person.name, Person.id)


def report_json(rep: dict[str, Any]) -> dict[str, Any]:
    return {"year": rep["year"], "registered": rep["registered"], "handled": rep["handled"],
            "pct": None if rep["pct"] is None else float(rep["pct"])}
