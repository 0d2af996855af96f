"""The SPM figures of every month of a year in one scan of the summary table (the dashboard's trend).

Twelve calls of :func:`service.reports.spm.report` read ``spm_person_needs`` twelve times. Here
the derived table ``spm_person_signatures`` (:data:`SPM_SIGNATURES`, kept from
``spm_person_needs`` in the same transaction) holds, per (year, basic service, person), two
*signatures*: how many of the person's components were needed, and how many of those
delivered, by the end of each month — one base-16 digit per month (a basic service has fewer
than 16 components; with more, :func:`trend` falls back to one report per month). Persons with
the same signatures count alike in every month, so one GROUP BY over the year's rows (81,000 at
province scale) returns (service, needed, delivered, persons) groups — a few thousand — and
Python derives each month's (needed, delivered, persons) distribution exactly from them. The
figures are those of the month-by-month reports (``tests/reports/test_summary.py`` checks each
month against the records, and the table against :func:`source_query`).
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from typing import Any

from sqlalchemy import case, extract, func, select

from service.casework.models import Assessment
from service.core import batch, settings
from service.core.db import session
from service.core.derived import DerivedTable, Watch
from service.reference.models import BasicService, BasicServiceComponent
from service.registry.models import Person
from service.reports import spm
from service.reports.models.spm_summary import SpmPersonNeed, SpmPersonSignature
from service.reports.spm_summary import SPM_NEEDS

BASE = 16  # one digit per month: at most BASE - 1 components of a service per person


def _from_month(m: int) -> dict[int, int]:
    """{j: the signature of one component counted from month j through month m}."""
    return {j: sum(BASE ** (k - 1) for k in range(j, m + 1)) for j in range(1, m + 1)}


FULL_YEAR = _from_month(12)


def source_query(person_ids: list[uuid.UUID] | None = None) -> Any:
    """The rows of ``spm_person_signatures`` computed from ``spm_person_needs`` (all persons, or some).

    A component needed in month j counts from j through December; delivered in month k, from
    max(j, k). Through month m the signatures are then read modulo ``BASE ** m``.
    """
    t = SpmPersonNeed
    need_month, delivered_month = extract("month", t.needed_from), extract("month", t.delivered_from)
    needed = case(FULL_YEAR, value=need_month)
    delivered = case((t.delivered_from.is_(None), 0),
                     (delivered_month > need_month, case(FULL_YEAR, value=delivered_month)), else_=needed)
    stmt = (select(t.year, t.basic_service_code, t.person_id, func.sum(needed), func.sum(delivered),
                   func.min(Person.name_key))
            .join(Person, Person.id == t.person_id).group_by(t.year, t.basic_service_code, t.person_id))
    if person_ids is not None:
        stmt = stmt.where(t.person_id.in_(person_ids))
    return stmt


SPM_SIGNATURES = DerivedTable(
    table=SpmPersonSignature.__table__,  # type: ignore[arg-type]
    source=source_query,
    # The same writes as ``spm_person_needs``, which it is computed from: it must come after it in
    # ``service.reports.derived.TABLES`` (the refresh runs the tables in that order).
    # ... and the person's name (a rename or a merge's copy): ``name_key`` for the drill-down's search.
    watches=(*SPM_NEEDS.watches, Watch(Person, attr="id", on=("name_key",))),
    rebuilds=SPM_NEEDS.rebuilds,
    key_model=Person,  # a person inserted in the flush has no rows yet
    rows_from=(Assessment,),  # ... unless an assessment of theirs is in it
    store_in_key_order=True,  # a year's rows lie together on disk (the dashboard reads one year)
)


def _signatures(year: int, area: str | None) -> Any:
    t = SpmPersonSignature
    stmt = (select(t.basic_service_code, t.needed_sig, t.delivered_sig, func.count())
            .where(t.year == year).group_by(t.basic_service_code, t.needed_sig, t.delivered_sig))
    if area:
        stmt = stmt.where(t.person_id.in_(select(Person.id).where(spm.area_filter(area, Person.area_code))))
    return stmt


def monthly_distributions(year: Any, upto_month: Any, area: str | None = None) -> list[dict[str, list[tuple[int, int, int]]]]:
    """``[distribution(Jan 1, end of month m) for m in 1..upto_month]`` in one query."""
    y, m, _start, _end = spm.period(year, upto_month)
    acc: dict[tuple[int, str, int, int], int] = defaultdict(int)
    months = range(m)
    for bs, needed_sig, delivered_sig, persons in session.execute(_signatures(y, area)):
        needed_sig, delivered_sig, persons = int(needed_sig), int(delivered_sig), int(persons)
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


def reports(year: Any, months: list[int], area: str | None = None) -> dict[int, dict[str, Any]]:
    """:func:`service.reports.spm.report` of each of these months of one year, from one scan (the
    month page's month and the one before it; the dashboard's whole year)."""
    if not months:
        return {}
    y, top, _start, _end = spm.period(year, max(months))
    with batch.cached():  # the settings (weights, bands) read once, not once per month and service
        if not _fits():
            return {month: spm.report(y, month, area) for month in months}
        weights, goals = settings.spm_weights(), spm.targets(y)
        services = list(session.scalars(select(BasicService).order_by(BasicService.order)))
        dists = monthly_distributions(y, top, area)
        return {month: spm.assemble(y, month, area, dists[month - 1], weights, goals, services) for month in months}


def trend(year: Any, upto_month: Any, area: str | None = None) -> list[dict[str, Any]]:
    """:func:`service.reports.spm.report` for every month of the year through ``upto_month`` (dashboard)."""
    _y, m, _start, _end = spm.period(year, upto_month)
    return list(reports(year, list(range(1, m + 1)), area).values())
