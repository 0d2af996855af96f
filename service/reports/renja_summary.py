"""The Renja summary table, kept exactly consistent with the records (docs/reports.md "Benchmark").

``renja_person_years`` (:class:`RenjaPersonYear`) holds, per year, person, service
type and SPM flag, the summed quantity of the counted deliveries (delivered, not
voided) in each quarter (null: none in that quarter) and the person's household.
:func:`service.reports.renja.realisations` computes every sub-activity from it;
:func:`service.reports.renja.realisations_live` from the records (tests, benchmark).

An ORM ``after_flush`` hook recomputes, in the same transaction, the rows of every
person whose deliveries were inserted, changed (date, void, quantity, type, case,
person — merges) or deleted, whose cases were inserted, deleted or changed category
or person (the SPM flag of a delivery follows its case, or the person's cases when it
has none — and deliveries of other persons recorded under a changed case are
refreshed too), and whose household memberships changed. A change of which PPKS
categories map to an SPM service rebuilds the whole table.

Writes that bypass the ORM (Core ``update``/``delete`` on deliveries, cases or
household members — ``registry.merge_persons``) must call :func:`refresh_persons`
themselves; ``tests/reports/test_renja_summary.py`` compares the table with a fresh
computation after every kind of write.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from typing import Any

from sqlalchemy import case, delete, event, exists, extract, func, insert, select
from sqlalchemy.orm import Session, aliased, attributes

from service.care.models.deliveries import Delivery
from service.casework.models import Case
from service.core.db import session
from service.reference.models import PpksCategory
from service.registry.models import Household, HouseholdMember
from service.reports.models.renja_summary import RenjaPersonYear
from service.reports.spm_summary import deferred_persons, old_and_new

COLUMNS = ("year", "person_id", "service_type_code", "is_spm", "household_id", "q1", "q2", "q3", "q4")
CHUNK = 500
DELIVERY_KEYS = ("person_id", "case_id", "service_type_code", "delivered_on", "voided_at", "quantity")
CASE_KEYS = ("person_id", "category_code")


def source_query(person_ids: list[uuid.UUID] | None = None) -> Any:
    """The rows of ``renja_person_years`` computed from the records (all persons, or some)."""
    d = Delivery
    own_case = aliased(Case)
    spm_cats = select(PpksCategory.code).where(PpksCategory.spm_service_code.is_not(None))
    by_person = exists().where(Case.person_id == d.person_id, Case.category_code.in_(spm_cats))
    is_spm = case((d.case_id.is_not(None), own_case.category_code.in_(spm_cats)), else_=by_person)
    month = extract("month", d.delivered_on)
    quarter = case((month <= 3, 1), (month <= 6, 2), (month <= 9, 3), else_=4)
    counted = (
        select(extract("year", d.delivered_on).label("year"), quarter.label("quarter"), d.person_id.label("person_id"),
               d.service_type_code.label("service_type_code"), is_spm.label("is_spm"), d.quantity.label("quantity"))
        .select_from(d).outerjoin(own_case, own_case.id == d.case_id)
        .where(d.delivered_on.is_not(None), d.voided_at.is_(None))
    )
    if person_ids is not None:
        counted = counted.where(d.person_id.in_(person_ids))
    counted = counted.subquery("counted")
    c = counted.c
    # A person in several households counts in the first by id (as the record query orders them).
    hh = (select(HouseholdMember.household_id).where(HouseholdMember.person_id == c.person_id)
          .order_by(HouseholdMember.household_id).limit(1).scalar_subquery())
    per_quarter = [func.sum(case((c.quarter == i, c.quantity))) for i in (1, 2, 3, 4)]  # null: none that quarter
    return (select(c.year, c.person_id, c.service_type_code, c.is_spm, hh, *per_quarter)
            .group_by(c.year, c.person_id, c.service_type_code, c.is_spm))


def refresh_persons(person_ids: Iterable[uuid.UUID], conn: Any = None) -> None:
    """Recompute the summary rows of these persons (all years)."""
    conn = conn if conn is not None else session.connection()
    ids = sorted({p for p in person_ids if p is not None}, key=str)
    table = RenjaPersonYear.__table__
    for i in range(0, len(ids), CHUNK):
        chunk = ids[i:i + CHUNK]
        conn.execute(delete(table).where(table.c.person_id.in_(chunk)))
        conn.execute(insert(table).from_select(list(COLUMNS), source_query(chunk)))


def rebuild(conn: Any = None) -> dict[str, int]:
    """Recompute the whole table (after a bulk load, or when the SPM categories change)."""
    conn = conn if conn is not None else session.connection()
    table = RenjaPersonYear.__table__
    conn.execute(delete(table))
    src = source_query().subquery("src")
    # Stored in key order: a year's rows lie together on disk (the report reads one year).
    conn.execute(insert(table).from_select(list(COLUMNS), select(*src.c).order_by(*list(src.c)[:4])))
    return {"renja_person_years": conn.execute(select(func.count()).select_from(table)).scalar_one()}


def _changed(obj: Any, keys: tuple[str, ...]) -> bool:
    return any(attributes.get_history(obj, k, passive=attributes.PASSIVE_NO_INITIALIZE).has_changes() for k in keys)


@event.listens_for(Session, "after_flush")
def _refresh_after_flush(sess: Session, _ctx: Any) -> None:
    persons: set[Any] = set()
    case_ids: set[Any] = set()
    categories_changed = False
    for obj in sess.dirty:
        if isinstance(obj, Delivery) and _changed(obj, DELIVERY_KEYS):
            persons |= old_and_new(obj, "person_id")
        elif isinstance(obj, Case) and _changed(obj, CASE_KEYS):
            persons |= old_and_new(obj, "person_id")
            case_ids.add(obj.id)
        elif isinstance(obj, HouseholdMember) and _changed(obj, ("person_id", "household_id")):
            persons |= old_and_new(obj, "person_id")
        elif isinstance(obj, PpksCategory) and _changed(obj, ("spm_service_code",)):
            categories_changed = True
    for obj in (*sess.new, *sess.deleted):
        if isinstance(obj, (Delivery, HouseholdMember)):
            persons |= old_and_new(obj, "person_id")
        elif isinstance(obj, Case):
            persons |= old_and_new(obj, "person_id")
            case_ids.add(obj.id)
        elif isinstance(obj, Household) and obj in sess.deleted:
            persons |= {m.person_id for m in obj.__dict__.get("members", ())}
        elif isinstance(obj, PpksCategory) and obj.spm_service_code is not None:
            categories_changed = True  # (no case can use a category before it exists or after it is gone)
    if not (persons or categories_changed):
        return
    conn = sess.connection()
    if categories_changed:
        rebuild(conn)
        return
    ids = sorted((i for i in case_ids if i is not None), key=str)
    for i in range(0, len(ids), CHUNK):  # deliveries of other persons recorded under a changed case
        persons |= set(conn.execute(select(Delivery.person_id).where(Delivery.case_id.in_(ids[i:i + CHUNK]))
                                    .distinct()).scalars())
    pending = deferred_persons()
    if pending is not None:  # inside summary.deferred(): refreshed once at its end
        pending |= {p for p in persons if p is not None}
        return
    refresh_persons(persons, conn)
