"""Renja realisation and the Renja report (docs/reports.md "Renja").

Realisation is computed from the deliveries, by the unit kind of each sub-activity, or from an
area's own records (``service.reports.renja_sources``)
(``service.reports.renja_plans``): distinct persons, distinct households or summed
quantities of the deliveries its service types feed. :func:`realisations` reads the
derived table ``renja_person_years`` (``service.reports.renja_summary``);
:func:`realisations_live` and :func:`measure` compute the same figures from the
records (tests, benchmark). :func:`report` adds the hand-entered rows and the
roll-up checks.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

from sqlalchemy import String, and_, case, exists, false, func, literal, not_, or_, select, union_all
from sqlalchemy.orm import aliased

from service.care.models.deliveries import Delivery
from service.casework.models import Case
from service.core.db import session
from service.reference.models import PpksCategory
from service.registry.models import HouseholdMember, Person
from service.registry.search import name_search_key
from service.reports import renja_sources
from service.reports.models.planning import PLAN_LEVELS, HandRealisation
from service.reports.models.renja_summary import RenjaPersonYear
from service.reports.renja_plans import (
    check_quarter,
    effective_mapping,
    feeders,
    get_plan,
    quarter_bounds,
    unit_kind,
)
from service.reports.spm import HUNDRED, area_filter, check_year, order_by_name, round2

DELIVERY_KINDS = frozenset({"persons", "households", "quantity"})


# ------------------------------------------------------------------ realisation
def _is_spm_delivery() -> Any:
    spm_cats = select(PpksCategory.code).where(PpksCategory.spm_service_code.is_not(None))
    by_case = exists().where(Case.id == Delivery.case_id, Case.category_code.in_(spm_cats))
    by_person = exists().where(Case.person_id == Delivery.person_id, Case.category_code.in_(spm_cats))
    return or_(and_(Delivery.case_id.is_not(None), by_case), and_(Delivery.case_id.is_(None), by_person))


def feeds_clause(spm_types: list[str], other_types: list[str]) -> Any:
    is_spm = _is_spm_delivery()
    parts = []
    if spm_types:
        parts.append(and_(Delivery.service_type_code.in_(spm_types), is_spm))
    if other_types:
        parts.append(and_(Delivery.service_type_code.in_(other_types), not_(is_spm)))
    return or_(*parts) if parts else false()


def _counted(start: dt.date, end: dt.date, area: str | None) -> list[Any]:
    conds = [Delivery.delivered_on >= start, Delivery.delivered_on <= end, Delivery.voided_at.is_(None)]
    if area:
        conds.append(Delivery.person_id.in_(select(Person.id).where(area_filter(area, Person.area_code))))
    return conds


def measure(kind: str, feed: Any, start: dt.date, end: dt.date, area: str | None = None) -> int:
    """Realisation of one sub-activity in [start, end] by unit kind."""
    conds = [feed, *_counted(start, end, area)]
    if kind == "persons":
        stmt = select(func.count(func.distinct(Delivery.person_id))).where(*conds)
    elif kind == "quantity":
        stmt = select(func.coalesce(func.sum(Delivery.quantity), 0)).where(*conds)
    else:  # households: a person in no household counts as a household of one
        persons = select(Delivery.person_id).where(*conds).distinct().subquery()
        hh = (select(HouseholdMember.household_id).where(HouseholdMember.person_id == persons.c.person_id)
              .order_by(HouseholdMember.household_id).limit(1).scalar_subquery())
        keyed = select(func.coalesce(hh, persons.c.person_id).label("k")).subquery()
        stmt = select(func.count(func.distinct(keyed.c.k)))
    return int(session.scalar(stmt) or 0)


def _feeding(codes: dict[str, str], mapping: dict[str, tuple[str | None, str | None]] | None) -> tuple[
        dict[str, str], dict[str, str]]:
    """(service type → the code among ``codes`` it feeds when SPM, the same when not SPM)."""
    if not codes:
        return {}, {}
    mapping = mapping if mapping is not None else effective_mapping()
    return ({t: s for t, (s, _o) in mapping.items() if s in codes},
            {t: o for t, (_s, o) in mapping.items() if o in codes})


def realisations(year: int, quarter: int, codes: dict[str, str], area: str | None = None,
                 mapping: dict[str, tuple[str | None, str | None]] | None = None) -> dict[str, list[int]]:
    """Realisation of many sub-activities at once: {code: [Q1, …, Q``quarter``, cumulative]}.

    ``codes`` maps each computed sub-activity to its unit kind (persons / households /
    quantity). Read from the summary table ``renja_person_years``
    (:mod:`service.reports.renja_summary`): the same figures as :func:`realisations_live` over the
    records and as :func:`measure` per code and quarter, from the rows of the year (one
    aggregate per (type, SPM flag) when a sub-activity has a single feeder, which is the
    usual mapping; a grouping by person or household otherwise).
    """
    out = {code: [0] * (quarter + 1) for code in codes}
    spm_map, other_map = _feeding(codes, mapping)
    types = sorted(set(spm_map) | set(other_map))
    if not types:
        return out
    t = RenjaPersonYear.__table__.c
    qcols = [t.q1, t.q2, t.q3, t.q4][:quarter]
    base = [t.year == year, or_(*[c.is_not(None) for c in qcols])]  # served in quarters 1..Q of the year
    if area:
        base.append(t.person_id.in_(select(Person.id).where(area_filter(area, Person.area_code))))
    pairs: dict[str, list[tuple[str, bool]]] = {c: [] for c in codes}
    for typ, c in spm_map.items():
        pairs[c].append((typ, True))
    for typ, c in other_map.items():
        pairs[c].append((typ, False))

    def code_of(wanted: set[str]) -> Any:  # the sub-activity a row feeds, among ``wanted``
        none = literal(None, String())
        spm = {k: v for k, v in spm_map.items() if v in wanted}
        other = {k: v for k, v in other_map.items() if v in wanted}
        return case((t.is_spm, case(spm, value=t.service_type_code, else_=none) if spm else none),
                    else_=case(other, value=t.service_type_code, else_=none) if other else none)

    def flag(c: Any) -> Any:
        return func.max(case((c.is_not(None), 1), else_=0))

    # (1) Persons / quantities of a sub-activity fed by a single (type, SPM flag): every row is a
    # distinct person, so each figure is a plain count or sum per (type, flag) — one scan, no grouping
    # by person. (2) Fed by several: distinct persons via a grouping by (sub-activity, person).
    # (3) Households: grouping by (sub-activity, household or person).
    single = {p[0]: c for c, p in pairs.items() if len(p) == 1 and codes[c] != "households"}
    several = {c for c, p in pairs.items() if len(p) > 1 and codes[c] != "households"}
    households = {c for c, p in pairs.items() if p and codes[c] == "households"}
    if single:
        stmt = (select(t.service_type_code, t.is_spm, *[func.count(c) for c in qcols], func.count(),
                       *[func.sum(c) for c in qcols])
                .where(*base, or_(*[and_(t.service_type_code == typ, t.is_spm.is_(s)) for typ, s in single]))
                .group_by(t.service_type_code, t.is_spm))
        for typ, s, *figures in session.execute(stmt):
            c = single.get((typ, bool(s)))
            if c is not None:
                _fill(out[c], codes[c], quarter, figures)
    def fed_by(wanted: set[str]) -> Any:  # only the rows of the types feeding ``wanted`` (index on the type)
        return t.service_type_code.in_(sorted({typ for c in wanted for typ, _s in pairs[c]}))

    if several:
        code = code_of(several)
        fed = (select(code.label("code"), *[flag(c).label(f"f{i}") for i, c in enumerate(qcols, 1)],
                      *[func.sum(c).label(f"s{i}") for i, c in enumerate(qcols, 1)])
               .where(*base, fed_by(several), code.is_not(None)).group_by(code, t.person_id).subquery("fed"))
        flags = [fed.c[f"f{i}"] for i in range(1, quarter + 1)]
        sums = [fed.c[f"s{i}"] for i in range(1, quarter + 1)]
        stmt = (select(fed.c.code, *[func.sum(f) for f in flags], func.count(), *[func.sum(x) for x in sums])
                .group_by(fed.c.code))
        for c, *figures in session.execute(stmt):
            _fill(out[c], codes[c], quarter, figures)
    if households:  # a person in no household counts as a household of one
        code = code_of(households)
        kk = (select(code.label("code"), *[flag(c).label(f"f{i}") for i, c in enumerate(qcols, 1)])
              .where(*base, fed_by(households), code.is_not(None))
              .group_by(code, func.coalesce(t.household_id, t.person_id))
              .subquery("kk"))
        flags = [kk.c[f"f{i}"] for i in range(1, quarter + 1)]
        stmt = select(kk.c.code, *[func.sum(f) for f in flags], func.count()).group_by(kk.c.code)
        for c, *figures in session.execute(stmt):
            _fill(out[c], codes[c], quarter, [*figures, *[0] * (quarter + 1)])
    return out


def _fill(slots: list[int], kind: str, quarter: int, figures: list[Any]) -> None:
    """``figures``: persons (or households) in quarters 1..Q, cumulative, then quantities in quarters 1..Q."""
    if kind == "quantity":
        sums = [int(v or 0) for v in figures[quarter + 1:2 * quarter + 1]]
        slots[:] = [*sums, sum(sums)]
    else:
        slots[:] = [int(v or 0) for v in figures[:quarter + 1]]


def _fill_live(out: dict[str, list[int]], codes: dict[str, str], quarter: int, result: Any) -> dict[str, list[int]]:
    for c, q, n, qty, is_hh in result:
        kind = codes.get(c)
        slot = quarter if q == 0 else q - 1
        if kind == "persons" and not is_hh:
            out[c][slot] = int(n)
        elif kind == "quantity" and not is_hh:
            out[c][slot] = int(qty or 0)
        elif kind == "households" and is_hh:
            out[c][slot] = int(n)
    return out


def realisations_live(year: int, quarter: int, codes: dict[str, str], area: str | None = None,
                      mapping: dict[str, tuple[str | None, str | None]] | None = None) -> dict[str, list[int]]:
    """:func:`realisations` computed from the deliveries themselves (tests, benchmark).

    One statement with a single scan of the deliveries of 1 January – end of ``quarter``,
    each joined to its case for the SPM flag.
    """
    out = {code: [0] * (quarter + 1) for code in codes}
    spm_map, other_map = _feeding(codes, mapping)
    types = sorted(set(spm_map) | set(other_map))
    if not types:
        return out
    spm_cats = list(session.scalars(select(PpksCategory.code).where(PpksCategory.spm_service_code.is_not(None))))
    own_case = aliased(Case)
    by_person = exists().where(Case.person_id == Delivery.person_id, Case.category_code.in_(spm_cats))
    is_spm = case((Delivery.case_id.is_not(None), own_case.category_code.in_(spm_cats)), else_=by_person)
    none = literal(None, String())
    code = case((is_spm, case(spm_map, value=Delivery.service_type_code, else_=none) if spm_map else none),
                else_=case(other_map, value=Delivery.service_type_code, else_=none) if other_map else none)
    ends = [quarter_bounds(year, i)[1] for i in range(1, quarter + 1)]
    qtr = case(*[(Delivery.delivered_on <= e, i) for i, e in enumerate(ends[:-1], start=1)], else_=quarter) \
        if quarter > 1 else literal(1)
    # One scan of the deliveries: distinct (sub-activity, quarter, person) with their quantity;
    # every figure is then an aggregate of that set, all in one UNION ALL statement.
    fed = (select(code.label("code"), qtr.label("q"), Delivery.person_id.label("person_id"),
                  func.sum(Delivery.quantity).label("qty"))
           .select_from(Delivery).outerjoin(own_case, own_case.id == Delivery.case_id)
           .where(Delivery.service_type_code.in_(types), *_counted(dt.date(year, 1, 1), ends[-1], area))
           .group_by(code, qtr, Delivery.person_id)
           .cte("fed"))
    zero = literal(0)
    parts = [
        select(fed.c.code, fed.c.q, func.count().label("n"), func.sum(fed.c.qty).label("qty"), zero.label("hh"))
        .where(fed.c.code.is_not(None)).group_by(fed.c.code, fed.c.q),
        select(fed.c.code, zero, func.count(func.distinct(fed.c.person_id)), func.sum(fed.c.qty), zero)
        .where(fed.c.code.is_not(None)).group_by(fed.c.code),
    ]
    kk = [c for c, k in codes.items() if k == "households"]
    if kk:  # a person in no household counts as a household of one
        hh = (select(HouseholdMember.household_id).where(HouseholdMember.person_id == fed.c.person_id)
              .order_by(HouseholdMember.household_id).limit(1).scalar_subquery())  # no min(uuid) on PostgreSQL
        keyed = select(fed.c.code, fed.c.q, func.coalesce(hh, fed.c.person_id).label("k")).where(
            fed.c.code.in_(kk)).subquery("keyed")
        one = literal(1)
        parts += [
            select(keyed.c.code, keyed.c.q, func.count(func.distinct(keyed.c.k)), zero, one)
            .group_by(keyed.c.code, keyed.c.q),
            select(keyed.c.code, zero, func.count(func.distinct(keyed.c.k)), zero, one).group_by(keyed.c.code),
        ]
    return _fill_live(out, codes, quarter, session.execute(union_all(*parts)))


# ------------------------------------------------------------------ report
@dataclass
class RenjaRow:
    code: str
    level: str
    name: str
    indicator: str
    unit: str
    target: int | None
    budget: int | None
    source: str = "rollup"  # persons / households / quantity / hand / rollup, or a record source's key
    feeding: list[str] = field(default_factory=list)
    quarters: list[int | None] = field(default_factory=list)
    realised: int | None = None
    children_budget: int | None = None
    flags: list[str] = field(default_factory=list)
    hand_entries: dict[int, HandRealisation] = field(default_factory=dict)

    @property
    def realised_pct(self) -> Any:
        if self.realised is None or not self.target:
            return None
        return round2(Fraction(self.realised, self.target) * HUNDRED)

    def as_json(self) -> dict[str, Any]:
        pct = self.realised_pct
        return {"code": self.code, "level": self.level, "name": self.name, "indicator": self.indicator,
                "unit": self.unit, "target": self.target, "realised": self.realised,
                "realised_pct": None if pct is None else float(pct), "budget": self.budget,
                "quarters": self.quarters, "source": self.source, "children_budget": self.children_budget,
                "flags": self.flags}


def report(year: Any, quarter: Any, area: str | None = None) -> dict[str, Any]:
    """Realisation per plan row, per quarter 1..Q and cumulative through Q, with roll-up checks."""
    y = check_year(year)
    q = check_quarter(quarter)
    plan = get_plan(y)
    if plan is None:
        return {"year": y, "quarter": q, "plan": None, "rows": []}
    mapping = effective_mapping()
    by_source = renja_sources.effective_mapping()
    hand: dict[str, dict[int, HandRealisation]] = {}
    for h in session.scalars(select(HandRealisation).where(HandRealisation.year == y)):
        hand.setdefault(h.code, {})[h.quarter] = h
    rows: list[RenjaRow] = []
    from_records = {pr.code: renja_sources.sources()[by_source[pr.code]] for pr in plan.rows
                    if pr.level == "sub_kegiatan" and pr.code in by_source}
    counted = renja_sources.realise_many(from_records, y, q, area, quarter_bounds)  # one statement for all
    for pr in plan.rows:
        row = RenjaRow(pr.code, pr.level, pr.name, pr.indicator, pr.unit, pr.target, pr.budget)
        source = from_records.get(pr.code)
        if source is not None:  # counted from an area's records
            row.source = source.key
            row.quarters, row.realised = counted[pr.code]  # type: ignore[assignment]
        elif pr.level == "sub_kegiatan":
            spm_types, other_types = feeders(pr.code, mapping)
            row.feeding = sorted(set(spm_types + other_types))
            kind = unit_kind(pr.unit)
            row.source = kind if kind != "hand" and row.feeding else "hand"
            if row.source == "hand":
                entries = hand.get(pr.code, {})
                row.hand_entries = entries
                row.quarters = [entries[i].value if i in entries else None for i in range(1, q + 1)]
                row.realised = sum(v or 0 for v in row.quarters)
        rows.append(row)
    computed = {r.code: r.source for r in rows if r.level == "sub_kegiatan" and r.source in DELIVERY_KINDS}
    values = realisations(y, q, computed, area, mapping)
    for row in rows:
        if row.code in computed:
            row.quarters, row.realised = values[row.code][:q], values[row.code][q]
    _check_rollups(rows)
    return {"year": y, "quarter": q, "plan": plan, "rows": rows}


def _check_rollups(rows: list[RenjaRow]) -> None:
    by_level = {lvl: [r for r in rows if r.level == lvl] for lvl in PLAN_LEVELS}
    parents = {"kegiatan": "program", "sub_kegiatan": "kegiatan"}
    for child_level, parent_level in parents.items():
        for parent in by_level[parent_level]:
            children = [c for c in by_level[child_level] if c.code.startswith(parent.code + ".")]
            if not children:
                parent.flags.append("no_children")
                continue
            parent.children_budget = sum(c.budget or 0 for c in children)
            if parent.children_budget != (parent.budget or 0):
                parent.flags.append("budget_mismatch")
        for child in by_level[child_level]:
            if not any(child.code.startswith(p.code + ".") for p in by_level[parent_level]):
                child.flags.append("orphan")


def person_query(year: Any, quarter: Any, code: str, area: str | None = None, q: str | None = None) -> Any:
    """Drill-down: the persons behind a sub-activity's figure through quarter Q, in name order.

    From the summary the figure is read from (``renja_person_years``): a person counts when a row of
    the year for a feeding (type, SPM flag) has a quantity in quarters 1..Q. An EXISTS probe per
    person in name order (``spm.order_by_name``): the first page of a common set walks the name
    index (1.1 s → tens of ms at 1 M, where the record query grouped a million deliveries); a
    search sorts its matches, a name's found through the summary's ``name_key`` (``q=Muhammad`` at
    1 M: 330 → 90 ms; through the registry's name index it sorted 113,000 persons). :func:`person_stats` adds the page's counts from the records.
    """
    y = check_year(year)
    qt = check_quarter(quarter)
    spm_types, other_types = feeders(code)
    t = RenjaPersonYear
    feeds = [and_(t.service_type_code.in_(types), t.is_spm.is_(flag))
             for types, flag in ((spm_types, True), (other_types, False)) if types]
    counted = (t.year == y, or_(*feeds) if feeds else false(), or_(*[c.is_not(None) for c in (t.q1, t.q2, t.q3, t.q4)[:qt]]))
    if key := name_search_key(q):  # a name: the sub-activity's persons bearing it, from the year's rows
        # (the IN implies the EXISTS below: both, and every match was probed twice)
        stmt = select(Person).where(Person.id.in_(select(t.person_id).where(*counted, t.name_key.like(f"%{key}%"))))
    else:
        stmt = select(Person).where(exists().where(t.person_id == Person.id, *counted))
    if area:
        stmt = stmt.where(area_filter(area, Person.area_code))
    return order_by_name(stmt, q)


def person_stats(year: Any, quarter: Any, code: str, person_ids: list[Any]) -> dict[Any, tuple[int, int, dt.date]]:
    """For a page of the drill-down: each person's feeding deliveries through quarter Q from the records
    (how many, the summed quantity, the first date)."""
    y, qt = check_year(year), check_quarter(quarter)
    if not person_ids:
        return {}
    conds = [feeds_clause(*feeders(code)), *_counted(dt.date(y, 1, 1), quarter_bounds(y, qt)[1], None),
             Delivery.person_id.in_(person_ids)]
    rows = session.execute(select(Delivery.person_id, func.count(Delivery.id), func.sum(Delivery.quantity),
                                  func.min(Delivery.delivered_on)).where(*conds).group_by(Delivery.person_id))
    return {pid: (int(n), int(qty or 0), first) for pid, n, qty, first in rows}
