"""The SPM figures of every month of a year in one scan of the summary table (the dashboard's trend).

Twelve calls of :func:`service.reports.spm.report` read ``spm_person_needs`` twelve times. Here
one query reads the year's rows once and groups them by (basic service, person) into a
*signature*: the person's components as (month first needed, month first delivered) pairs.
Persons with the same signature count alike in every month, so the query returns
(service, signature, persons) — a few thousand groups even at province scale — and Python
derives each month's (needed, delivered, persons) distribution exactly from them. The figures
are the same as the month-by-month reports (``tests/reports/test_summary.py`` checks each
month against the records).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import Any

from sqlalchemy import String, cast, extract, func, literal, select

from service.core import settings
from service.core.db import session
from service.reference.models import BasicService
from service.registry.models import Person
from service.reports import spm
from service.reports.models.spm_summary import SpmPersonNeed

NEVER = 13  # "not delivered within the year": after every month


def _signatures(year: int, end: dt.date, area: str | None) -> Any:
    t = SpmPersonNeed
    needed = extract("month", t.needed_from)
    delivered = func.coalesce(extract("month", t.delivered_from), NEVER)
    pair = cast(needed * 100 + delivered, String)
    dialect = session.get_bind().dialect.name
    agg = func.string_agg(pair, literal(",")) if dialect == "postgresql" else func.group_concat(pair, ",")
    per_person = (
        select(t.basic_service_code.label("bs"), agg.label("sig"))
        .where(t.year == year, t.needed_from <= end)
        .group_by(t.basic_service_code, t.person_id)
    )
    if area:
        per_person = per_person.where(t.person_id.in_(select(Person.id).where(spm.area_filter(area, Person.area_code))))
    pp = per_person.subquery("per_person")
    return select(pp.c.bs, pp.c.sig, func.count()).group_by(pp.c.bs, pp.c.sig)


def monthly_distributions(year: Any, upto_month: Any, area: str | None = None) -> list[dict[str, list[tuple[int, int, int]]]]:
    """``[distribution(Jan 1, end of month m) for m in 1..upto_month]`` in one query."""
    y, m, _start, end = spm.period(year, upto_month)
    counts: list[dict[str, dict[tuple[int, int], int]]] = [defaultdict(lambda: defaultdict(int)) for _ in range(m)]
    for bs, sig, persons in session.execute(_signatures(y, end, area)):
        pairs = [divmod(int(float(code)), 100) for code in str(sig).split(",")]
        for month in range(1, m + 1):
            needed = sum(1 for nm, _dm in pairs if nm <= month)
            if needed:
                delivered = sum(1 for nm, dm in pairs if nm <= month and dm <= month)
                counts[month - 1][bs][(needed, delivered)] += int(persons)
    return [{bs: sorted((n, d, p) for (n, d), p in groups.items()) for bs, groups in month_counts.items()}
            for month_counts in counts]


def trend(year: Any, upto_month: Any, area: str | None = None) -> list[dict[str, Any]]:
    """:func:`service.reports.spm.report` for every month of the year through ``upto_month`` (dashboard)."""
    y, m, _start, _end = spm.period(year, upto_month)
    weights, goals = settings.spm_weights(), spm.targets(y)
    services = list(session.scalars(select(BasicService).order_by(BasicService.order)))
    return [spm.assemble(y, month, area, dist, weights, goals, services)
            for month, dist in enumerate(monthly_distributions(y, m, area), start=1)]
