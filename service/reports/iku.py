"""IKU *Persentase PPKS yang tertangani* (docs/reports.md "IKU").

registered = distinct persons with an assessment dated in year Y (any
category; rejected assessments excluded), through ``end`` (default Dec 31);
handled = those of them with at least one counted delivery (delivered, not
voided) dated in Y through ``end``.

The report and the drill-down read the summary table ``iku_person_years``
(``service.reports.iku_summary``); :func:`report_live` computes the same from the records
(the tests prove both agree).
"""

from __future__ import annotations

import datetime as dt
from fractions import Fraction
from typing import Any

from sqlalchemy import case, exists, func, select

from service.care.models.deliveries import Delivery
from service.casework.models import Assessment
from service.core.db import session
from service.registry.models import Person
from service.reports.models.iku_summary import IkuPersonYear
from service.reports.spm import HUNDRED, area_filter, check_year, order_by_name, round2


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


def _period(year: Any, end: dt.date | None) -> tuple[int, dt.date, dt.date]:
    y = check_year(year)
    return y, dt.date(y, 1, 1), min(end or dt.date(y, 12, 31), dt.date(y, 12, 31))


def _result(y: int, end: dt.date, registered: int, handled: int) -> dict[str, Any]:
    pct = round2(Fraction(handled, registered) * HUNDRED) if registered else None
    return {"year": y, "end": end, "registered": registered, "handled": handled, "pct": pct}


def _summary_rows(y: int, end: dt.date, area: str | None) -> Any:
    t = IkuPersonYear
    stmt = select(t.person_id).where(t.year == y, t.registered_from <= end)
    if area:
        stmt = stmt.where(t.person_id.in_(select(Person.id).where(area_filter(area, Person.area_code))))
    return stmt


def report(year: Any, end: dt.date | None = None, area: str | None = None) -> dict[str, Any]:
    """The IKU through ``end`` (default December 31) from the summary table: one aggregate."""
    y, _start, end = _period(year, end)
    t = IkuPersonYear
    handled = func.count(case((t.handled_from <= end, 1)))
    stmt = _summary_rows(y, end, area).with_only_columns(func.count(), handled)
    registered, handled_n = session.execute(stmt).one()
    return _result(y, end, int(registered or 0), int(handled_n or 0))


def report_live(year: Any, end: dt.date | None = None, area: str | None = None) -> dict[str, Any]:
    """:func:`report` computed from the assessments and deliveries (the definition)."""
    y, start, end = _period(year, end)
    registered, handled = _counts(_registered(start, end, area), start, end)
    return _result(y, end, registered, handled)


def _counts(reg: Any, start: dt.date, end: dt.date) -> tuple[int, int]:
    registered = session.scalar(select(func.count()).select_from(reg)) or 0
    handled = session.scalar(select(func.count()).select_from(reg).where(
        _handled_clause(reg.c.person_id, start, end))) or 0
    return int(registered), int(handled)


def person_query(year: Any, which: str = "registered", area: str | None = None, q: str | None = None) -> Any:
    """Drill-down: the persons registered (or handled, or not handled) in the year."""
    y = check_year(year)
    t = IkuPersonYear
    mine = (t.person_id == Person.id, t.year == y)
    stmt = select(Person).where(exists().where(*mine))  # probed per person: see spm.order_by_name
    if area:
        stmt = stmt.where(area_filter(area, Person.area_code))
    if which == "handled":
        stmt = stmt.where(exists().where(*mine, t.handled_from.is_not(None)))
    elif which == "unhandled":
        stmt = stmt.where(exists().where(*mine, t.handled_from.is_(None)))
    return order_by_name(stmt, q, rare=which == "unhandled")


def report_json(rep: dict[str, Any]) -> dict[str, Any]:
    return {"year": rep["year"], "registered": rep["registered"], "handled": rep["handled"],
            "pct": None if rep["pct"] is None else float(rep["pct"])}
