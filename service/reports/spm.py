"""SPM attainment (docs/reports.md "SPM"): pure queries over assessments and deliveries.

Nothing is counted by hand: every figure is one SQL aggregation over the
records, and every figure has a drill-down (:func:`person_rows`) listing the
persons behind it with their needed and delivered components.

Arithmetic is exact: SQL returns integer counts grouped by (needed,
delivered) component counts, Python sums the per-person quality ratios as
``Fraction`` and rounds once, half up, to two decimals (docs/reports.md).
"""

from __future__ import annotations

import calendar
import datetime as dt
import math
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction
from types import SimpleNamespace
from typing import Any

from sqlalchemy import ColumnElement, and_, case, exists, func, select

from service.care.models.deliveries import Delivery
from service.casework.models import Assessment, AssessmentNeed, Case
from service.core import settings
from service.core.access import scope_area
from service.core.db import session
from service.core.errors import N_, ValidationError
from service.reference.models import BasicService, BasicServiceComponent
from service.registry.models import Person
from service.registry.search import name_search_key
from service.reports.models.planning import Plan, PlanRow, SpmTarget
from service.reports.models.spm_summary import SpmPersonNeed, SpmPersonSignature

HUNDRED = Fraction(100)
MIN_YEAR, MAX_YEAR = 2000, 2100


def round2(value: Fraction | Decimal | int | None) -> Decimal | None:
    """Round once, half up, to two decimals (40.625 -> 40.63), exactly."""
    if value is None:
        return None
    x = Fraction(value) * 100
    sign = -1 if x < 0 else 1
    n = math.floor(abs(x) + Fraction(1, 2)) * sign
    return (Decimal(n) / Decimal(100)).quantize(Decimal("0.01"))


def bounded_int(raw: Any, low: int, high: int, fieldname: str, message: str, **params: Any) -> int:
    """``raw`` as an integer in [low, high]; otherwise a ValidationError with ``message`` on ``fieldname``."""
    try:
        value: int | None = int(str(raw).strip())
    except (TypeError, ValueError):
        value = None
    if value is None or not low <= value <= high:
        raise ValidationError({fieldname: message}, **params)
    return value


def check_year(year: Any, fieldname: str = "year") -> int:
    return bounded_int(year, MIN_YEAR, MAX_YEAR, fieldname, N_("Tahun harus angka antara {min} dan {max}."),
                       min=MIN_YEAR, max=MAX_YEAR)


def check_month(month: Any, fieldname: str = "month") -> int:
    return bounded_int(month, 1, 12, fieldname, N_("Bulan harus angka 1 sampai 12."))


def period(year: Any, month: Any = 12) -> tuple[int, int, dt.date, dt.date]:
    """Year to date: January 1 through the last day of ``month``."""
    errors: dict[str, str] = {}
    y = m = 0
    try:
        y = check_year(year)
    except ValidationError as exc:
        errors.update(exc.fields)
    try:
        m = check_month(month)
    except ValidationError as exc:
        errors.update(exc.fields)
    if errors:
        raise ValidationError(errors, min=MIN_YEAR, max=MAX_YEAR)
    return y, m, dt.date(y, 1, 1), dt.date(y, m, calendar.monthrange(y, m)[1])


def area_filter(area: str | None, column: Any) -> ColumnElement[bool]:
    return scope_area(SimpleNamespace(area_code=area), column)


# ------------------------------------------------------------------ queries
def needs_query(start: dt.date, end: dt.date, area: str | None = None, service: str | None = None) -> Any:
    """(bs, person_id, comp): the union of needed components of a person's eligible assessments."""
    a, n, c = Assessment, AssessmentNeed, BasicServiceComponent
    stmt = (
        select(a.basic_service_code.label("bs"), a.person_id.label("person_id"), n.service_type_code.label("comp"))
        .join(n, n.assessment_id == a.id)
        .join(c, and_(c.basic_service_code == a.basic_service_code, c.service_type_code == n.service_type_code))
        .where(a.eligible.is_(True), a.basic_service_code.is_not(None), a.status != "rejected",
               a.assessed_on >= start, a.assessed_on <= end)
        .distinct()
    )
    if service is not None:
        stmt = stmt.where(a.basic_service_code == service)
    if area:
        stmt = stmt.join(Person, Person.id == a.person_id).where(area_filter(area, Person.area_code))
    return stmt.subquery("needs")


def delivered_clause(person_col: Any, type_col: Any, start: dt.date, end: dt.date) -> ColumnElement[bool]:
    d = Delivery
    return exists().where(d.person_id == person_col, d.service_type_code == type_col, d.delivered_on >= start,
                          d.delivered_on <= end, d.voided_at.is_(None))


def per_person_query_live(start: dt.date, end: dt.date, area: str | None = None, service: str | None = None) -> Any:
    """(bs, person_id, needed, delivered) computed from the records (the definition the summary must match)."""
    needs = needs_query(start, end, area, service)
    got = case((delivered_clause(needs.c.person_id, needs.c.comp, start, end), 1), else_=0)
    return (
        select(needs.c.bs, needs.c.person_id, func.count().label("needed"), func.sum(got).label("delivered"))
        .group_by(needs.c.bs, needs.c.person_id)
        .subquery("per_person")
    )


def per_person_query(start: dt.date, end: dt.date, area: str | None = None, service: str | None = None) -> Any:
    """(bs, person_id, needed, delivered) from ``spm_person_needs`` (``service.reports.spm_summary``), year to date.

    A component counts as needed when first needed on or before ``end`` and as delivered
    when first delivered on or before ``end`` (both within ``start.year``): the same
    figures as :func:`per_person_query_live`, without touching assessments or deliveries.
    """
    if start != dt.date(start.year, 1, 1) or end.year != start.year:
        return per_person_query_live(start, end, area, service)
    t = SpmPersonNeed
    got = case((t.delivered_from <= end, 1), else_=0)
    stmt = (
        select(t.basic_service_code.label("bs"), t.person_id.label("person_id"), func.count().label("needed"),
               func.sum(got).label("delivered"))
        .where(t.year == start.year, t.needed_from <= end)
        .group_by(t.basic_service_code, t.person_id)
    )
    if service is not None:
        stmt = stmt.where(t.basic_service_code == service)
    if area:
        stmt = stmt.where(t.person_id.in_(select(Person.id).where(area_filter(area, Person.area_code))))
    return stmt.subquery("per_person")


def _distribution(pp: Any) -> dict[str, list[tuple[int, int, int]]]:
    stmt = select(pp.c.bs, pp.c.needed, pp.c.delivered, func.count()).group_by(pp.c.bs, pp.c.needed,
                                                                                pp.c.delivered)
    out: dict[str, list[tuple[int, int, int]]] = {}
    for bs, needed, delivered, persons in session.execute(stmt):
        out.setdefault(bs, []).append((int(needed), int(delivered or 0), int(persons)))
    for rows in out.values():
        rows.sort()
    return out


def distribution(start: dt.date, end: dt.date, area: str | None = None) -> dict[str, list[tuple[int, int, int]]]:
    """{service: [(needed, delivered, persons)]} — one SQL statement for all services."""
    return _distribution(per_person_query(start, end, area))


def distribution_live(start: dt.date, end: dt.date, area: str | None = None) -> dict[str, list[tuple[int, int, int]]]:
    """:func:`distribution` computed from the records (tests prove both agree)."""
    return _distribution(per_person_query_live(start, end, area))


# ------------------------------------------------------------------ figures
@dataclass
class ServiceFigures:
    code: str
    name: str
    needing: int
    served: int
    recipients: Fraction | None
    quality: Fraction | None
    index: Fraction | None
    target: int | None
    category: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)
    name_en: str = ""  # the English name (the UI's ``ref_name`` picks ``name_id`` or ``name_en``)

    @property
    def name_id(self) -> str:
        return self.name

    @property
    def recipients_pct(self) -> Decimal | None:
        return round2(self.recipients)

    @property
    def quality_pct(self) -> Decimal | None:
        return round2(self.quality)

    @property
    def index_value(self) -> Decimal | None:
        return round2(self.index)

    @property
    def target_pct(self) -> Decimal | None:
        if not self.target:
            return None
        return round2(Fraction(self.served, self.target) * HUNDRED)

    def as_dict(self) -> dict[str, Any]:
        return {"code": self.code, "needing": self.needing, "served": self.served,
                "recipients_pct": self.recipients_pct, "quality_pct": self.quality_pct, "index": self.index_value,
                "category": self.category, "target": self.target, "target_pct": self.target_pct}


def figures_from(rows: list[tuple[int, int, int]], weights: tuple[Decimal, Decimal]) -> tuple[
        int, int, Fraction | None, Fraction | None, Fraction | None]:
    """(N, R, recipients %, quality %, index) exactly, from (needed, delivered, persons) groups."""
    n = sum(p for _need, _got, p in rows)
    r = sum(p for _need, got, p in rows if got > 0)
    if n == 0:
        return 0, 0, None, None, None
    recipients = Fraction(r, n) * HUNDRED
    if r == 0:
        quality = Fraction(0)
    else:
        quality = sum((Fraction(got, need) * p for need, got, p in rows if got > 0), Fraction(0)) / r * HUNDRED
    wr, wq = Fraction(weights[0]), Fraction(weights[1])
    return n, r, recipients, quality, wr * recipients + wq * quality


def targets(year: int) -> dict[str, int | None]:
    """Target persons per basic service: the admin's SPM target, else the plan row at ``renja_kegiatan``."""
    explicit = {t.basic_service_code: t.target for t in session.scalars(select(SpmTarget).where(SpmTarget.year == year))}
    plan_targets = dict(session.execute(
        select(PlanRow.code, PlanRow.target).join(Plan).where(Plan.year == year)).all())
    out: dict[str, int | None] = {}
    for bs in session.scalars(select(BasicService)):
        out[bs.code] = explicit.get(bs.code, plan_targets.get(bs.renja_kegiatan))
    return out


def set_target(year: Any, service_code: str, target: Any) -> SpmTarget | None:
    """Set (or clear, with an empty value) a basic service's target persons for a year."""
    y = check_year(year)
    if session.get(BasicService, service_code) is None:
        raise ValidationError({"service": N_("Layanan dasar tidak dikenal: {code}.")}, code=service_code)
    row = session.get(SpmTarget, (y, service_code))
    raw = "" if target is None else str(target).strip().replace(".", "")
    if raw == "":
        if row is not None:
            session.delete(row)
            session.flush()
        return None
    try:
        value = int(raw)
        if value < 0:
            raise ValueError
    except ValueError:
        raise ValidationError({f"target-{service_code}": N_("Sasaran harus bilangan bulat 0 atau lebih.")}) from None
    if row is None:
        row = SpmTarget(year=y, basic_service_code=service_code, target=value)
        session.add(row)
    elif row.target != value:
        row.target = value
    session.flush()
    return row


def report(year: Any, month: Any = 12, area: str | None = None) -> dict[str, Any]:
    """The SPM table for a period (year to date): per service and overall (docs/reports.md "SPM")."""
    y, m, start, end = period(year, month)
    services = list(session.scalars(select(BasicService).order_by(BasicService.order)))
    return assemble(y, m, area, distribution(start, end, area), settings.spm_weights(), targets(y), services)


def assemble(y: int, m: int, area: str | None, dist: dict[str, list[tuple[int, int, int]]],
             weights: tuple[Decimal, Decimal], goals: dict[str, int | None], services: list[BasicService]
             ) -> dict[str, Any]:
    """The report of one period from its distribution (:func:`distribution`)."""
    _y, _m, start, end = period(y, m)
    figures: list[ServiceFigures] = []
    for bs in services:
        n, r, rec, qual, idx = figures_from(dist.get(bs.code, []), weights)
        fig = ServiceFigures(bs.code, bs.name_id, n, r, rec, qual, idx, goals.get(bs.code), name_en=bs.name_en)
        fig.category = settings.category_for(fig.index_value)
        figures.append(fig)
    indices = [s.index for s in figures if s.needing > 0 and s.index is not None]
    overall = round2(sum(indices, Fraction(0)) / len(indices)) if indices else None
    return {"year": y, "month": m, "start": start, "end": end, "area": area,
            "weights": {"recipients": weights[0], "quality": weights[1]},
            "services": figures, "overall_index": overall,
            "overall_category": settings.category_for(overall)}


def report_json(rep: dict[str, Any]) -> dict[str, Any]:
    """The API / snapshot shape (docs/reports.md "API"); decimals as JSON numbers."""

    def num(v: Decimal | None) -> float | None:
        return None if v is None else float(v)

    return {
        "year": rep["year"], "month": rep["month"],
        "weights": {k: num(v) for k, v in rep["weights"].items()},
        "services": [{**s.as_dict(), **{k: num(s.as_dict()[k]) for k in
                                       ("recipients_pct", "quality_pct", "index", "target_pct")}}
                     for s in rep["services"]],
        "overall_index": num(rep["overall_index"]),
    }


# ------------------------------------------------------------------ drill-down
PERSON_FILTERS = ("all", "served", "unserved")


def person_query(year: Any, month: Any, service: str, which: str = "all", area: str | None = None,
                 q: str | None = None) -> Any:
    """Persons counted in N (``all``), R (``served``) or N − R (``unserved``), ordered by name.

    Rows: (person, needed count, delivered count).
    """
    _y, _m, start, end = period(year, month)
    if session.get(BasicService, service) is None:
        raise ValidationError({"service": N_("Layanan dasar tidak dikenal: {code}.")}, code=service)
    if which not in PERSON_FILTERS:
        raise ValidationError({"filter": N_("Filter tidak dikenal.")})
    if which == "unserved":  # a rare set: the grouped summary first, then its few persons by id
        pp = per_person_query(start, end, area, service)
        stmt = select(Person, pp.c.needed, pp.c.delivered).join(pp, pp.c.person_id == Person.id)
        return order_by_name(stmt.where(pp.c.delivered == 0), q, rare=True)
    t = SpmPersonNeed
    mine = (t.person_id == Person.id, t.year == start.year, t.basic_service_code == service, t.needed_from <= end)
    got = t.delivered_from <= end
    needed = select(func.count()).where(*mine).scalar_subquery()
    delivered = select(func.count()).where(*mine, got).scalar_subquery()
    # EXISTS per person (the summary's primary key), not a join to a grouped subquery: walking the
    # persons in name order, the first page stops after a few hundred probes (issue 15).
    stmt = select(Person, needed, delivered).where(exists().where(*mine))
    if which == "served":
        stmt = stmt.where(exists().where(*mine, got))
    if area:
        stmt = stmt.where(area_filter(area, Person.area_code))
    if key := name_search_key(q):  # a name: the service's persons bearing it, from the year's summary rows
        s = SpmPersonSignature
        stmt = stmt.where(Person.id.in_(select(s.person_id).where(
            s.year == start.year, s.basic_service_code == service, s.name_key.like(f"%{key}%"))))
    return order_by_name(stmt, q)


def order_by_name(stmt: Any, q: str | None, rare: bool = False) -> Any:
    """A drill-down in name order, filtered by the registry's search (a name, or a whole NIK or KK
    number: a partial NIK matches nothing, it would rebuild a masked one).

    For a common set (everyone counted, the served) the name index gives the first page after a
    few hundred probes. For a search or a rare set (the unserved) the matching persons come first
    and are sorted after: the order is by ``name || ''``, which the name index cannot give, so the
    planner does not walk a million names looking for a few.
    """
    from service.registry.persons import person_search

    if q and q.strip():
        stmt = stmt.where(person_search(q, partial_nik=False))
        rare = True
    return stmt.order_by(Person.name.concat("") if rare else Person.name, Person.id)


def components(year: Any, month: Any, service: str, person_ids: list[Any]) -> dict[Any, dict[str, list[str]]]:
    """Per person: the needed components (union) and those of them delivered in the period."""
    _y, _m, start, end = period(year, month)
    if not person_ids:
        return {}
    needs = needs_query(start, end, None, service)
    got = delivered_clause(needs.c.person_id, needs.c.comp, start, end)
    rows = session.execute(select(needs.c.person_id, needs.c.comp, got).where(needs.c.person_id.in_(person_ids)))
    out: dict[Any, dict[str, list[str]]] = {pid: {"needed": [], "delivered": []} for pid in person_ids}
    for pid, comp, delivered in rows:
        out[pid]["needed"].append(comp)
        if delivered:
            out[pid]["delivered"].append(comp)
    for v in out.values():
        v["needed"].sort()
        v["delivered"].sort()
    return out


def sensitive_person_ids(person_ids: list[Any]) -> set[Any]:
    """Persons with a case in a sensitive category (names hidden from roles without need to know)."""
    if not person_ids:
        return set()
    return set(session.scalars(select(Case.person_id).where(Case.person_id.in_(person_ids), Case.is_sensitive)))
