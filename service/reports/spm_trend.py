"""The SPM figures of every month of a year in one scan of the summary table (the dashboard's trend).

Twelve calls of :func:`service.reports.spm.report` read ``spm_person_needs`` twelve times. Here
one query reads the year's rows once and sums them per (basic service, person) into two
*signatures*: how many of the person's components were needed, and how many of those
delivered, by the end of each month — one base-16 digit per month (a basic service has fewer
than 16 components; with more, :func:`trend` falls back to one report per month). Persons with
the same signatures count alike in every month, so the query returns (service, needed,
delivered, persons) groups — a few thousand even at province scale — and Python derives each
month's (needed, delivered, persons) distribution exactly from them. The figures are those of
the month-by-month reports (``tests/reports/test_summary.py`` checks each month against the
records).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import Any

from sqlalchemy import and_, case, func, select

from service.core import batch, settings
from service.core.db import session
from service.reference.models import BasicService, BasicServiceComponent
from service.registry.models import Person
from service.reports import spm
from service.reports.models.spm_summary import SpmPersonNeed

BASE = 16  # one digit per month: at most BASE - 1 components of a service per person


def _from_month(m: int) -> dict[int, int]:
    """{j: the signature of one component counted from month j through month m}."""
    return {j: sum(BASE ** (k - 1) for k in range(j, m + 1)) for j in range(1, m + 1)}


def _signatures(year: int, m: int, end: dt.date, area: str | None) -> Any:
    t = SpmPersonNeed
    weights = _from_month(m)
    starts = [dt.date(year, j + 1, 1) for j in range(1, m)]  # the first day of months 2..m
    # Date comparisons, not month arithmetic (PostgreSQL's numeric extract made the scan 1.5× slower):
    # a component counts from the first month whose end is on or after the date.
    needed = case(*[(t.needed_from < start, weights[j]) for j, start in enumerate(starts, 1)], else_=weights[m])
    delivered = case((t.delivered_from.is_(None), 0), (t.delivered_from > end, 0),
                     *[(and_(t.needed_from < start, t.delivered_from < start), weights[j])
                       for j, start in enumerate(starts, 1)], else_=weights[m])
    per_person = (
        select(t.basic_service_code.label("bs"), func.sum(needed).label("needed"),
               func.sum(delivered).label("delivered"))
        .where(t.year == year, t.needed_from <= end)
        .group_by(t.basic_service_code, t.person_id)
    )
    if area:
        per_person = per_person.where(t.person_id.in_(select(Person.id).where(spm.area_filter(area, Person.area_code))))
    pp = per_person.subquery("per_person")
    return select(pp.c.bs, pp.c.needed, pp.c.delivered, func.count()).group_by(pp.c.bs, pp.c.needed, pp.c.delivered)


def monthly_distributions(year: Any, upto_month: Any, area: str | None = None) -> list[dict[str, list[tuple[int, int, int]]]]:
    """``[distribution(Jan 1, end of month m) for m in 1..upto_month]`` in one query."""
    y, m, _start, end = spm.period(year, upto_month)
    acc: dict[tuple[int, str, int, int], int] = defaultdict(int)
    months = range(m)
    for bs, needed_sig, delivered_sig, persons in session.execute(_signatures(y, m, end, area)):
        needed_sig, delivered_sig, persons = int(needed_sig), int(delivered_sig or 0), int(persons)
        for month in months:
            if needed_sig % BASE:
                acc[(month, bs, needed_sig % BASE, delivered_sig % BASE)] += persons
            needed_sig //= BASE
            delivered_sig //= BASE
    out: list[dict[str, list[tuple[int, int, int]]]] = [{} for _ in months]
    for (month, bs, needed, delivered), persons in sorted(acc.items()):
        out[month].setdefault(bs, []).append((needed, delivered, persons))
    return out


def _fits() -> bool:
    most = session.scalar(select(func.count()).select_from(BasicServiceComponent)
                          .group_by(BasicServiceComponent.basic_service_code)
                          .order_by(func.count().desc()).limit(1))
    return (most or 0) < BASE


def trend(year: Any, upto_month: Any, area: str | None = None) -> list[dict[str, Any]]:
    """:func:`service.reports.spm.report` for every month of the year through ``upto_month`` (dashboard)."""
    y, m, _start, _end = spm.period(year, upto_month)
    with batch.cached():  # the settings (weights, bands) read once, not once per month and service
        if not _fits():
            return [spm.report(y, month, area) for month in range(1, m + 1)]
        weights, goals = settings.spm_weights(), spm.targets(y)
        services = list(session.scalars(select(BasicService).order_by(BasicService.order)))
        return [spm.assemble(y, month, area, dist, weights, goals, services)
                for month, dist in enumerate(monthly_distributions(y, m, area), start=1)]
