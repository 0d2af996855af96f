"""The Renja summary table ``renja_person_years`` (:class:`RenjaPersonYear`), a derived table (docs/reports.md).

It holds, per year, person, service type and SPM flag, the summed quantity of the counted
deliveries (delivered, not voided) in each quarter (null: none in that quarter) and the
person's household. :func:`service.reports.renja_realisation.realisations` computes every
sub-activity from it; :func:`~service.reports.renja_realisation.realisations_live` from the
records (tests, benchmark).

:data:`RENJA_YEARS` declares it for ``service.core.derived``: the rows of every person are
recomputed, in the same transaction, when their deliveries are inserted, changed (date, void,
quantity, type, case, person — merges) or deleted, when their cases are inserted, deleted or
change category or person (the SPM flag of a delivery follows its case, or the person's cases
when it has none — and deliveries of other persons recorded under a changed case are refreshed
too), and when their household memberships change (a deleted household deletes its
memberships), and when the person is renamed (``name_key``). A change of which PPKS categories map to an SPM service rebuilds the whole
table. ``tests/reports/test_renja_summary.py`` compares the table with :func:`source_query`
after every kind of write.
"""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import case, exists, extract, func, select
from sqlalchemy.orm import aliased

from service.care.models.deliveries import Delivery
from service.casework.models import Case
from service.core.derived import DerivedTable, Rebuild, Watch
from service.reference.models import PpksCategory
from service.registry.models import HouseholdMember, Person
from service.reports.models.renja_summary import RenjaPersonYear

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
    name = select(Person.name_key).where(Person.id == c.person_id).scalar_subquery()
    return (select(c.year, c.person_id, c.service_type_code, c.is_spm, hh, *per_quarter, func.coalesce(name, ""))
            .group_by(c.year, c.person_id, c.service_type_code, c.is_spm))


def _persons_delivered_under(case_ids: list[Any]) -> Any:
    return select(Delivery.person_id).where(Delivery.case_id.in_(case_ids)).distinct()


RENJA_YEARS = DerivedTable(
    table=RenjaPersonYear.__table__,  # type: ignore[arg-type]
    source=source_query,
    watches=(
        Watch(Delivery, on=DELIVERY_KEYS),
        Watch(Case, on=CASE_KEYS),
        # other persons' deliveries under it (a new case's are new too, watched above)
        Watch(Case, "id", on=CASE_KEYS, via=_persons_delivered_under, via_skips_new=True),
        Watch(HouseholdMember, on=("person_id", "household_id")),
        Watch(Person, attr="id", on=("name_key",)),  # a rename: the drill-down's search reads name_key
    ),
    # No case can use a category before it exists or after it is gone: only SPM-mapped ones count.
    rebuilds=(Rebuild(PpksCategory, on=("spm_service_code",), when=lambda cat: cat.spm_service_code is not None),),
    store_in_key_order=True,  # a year's rows lie together on disk (the report reads one year)
    key_model=Person,
    rows_from=(Delivery,),  # the rows sum a person's deliveries
)
