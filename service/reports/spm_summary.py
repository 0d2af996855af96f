"""The SPM summary table ``spm_person_needs`` (:class:`SpmPersonNeed`), a derived table (docs/reports.md).

It holds, per year, basic service, person and needed component, the first date it was
needed and the first date it was delivered. :data:`SPM_NEEDS` declares it for
``service.core.derived``: the rows of every person whose assessments, needs or deliveries
were inserted, changed (including a change of person, as in a merge, or of date) or deleted
are recomputed in the same transaction from :func:`source_query`; a change of the basic
services' components rebuilds the whole table. ``tests/reports/test_summary.py`` compares
the table with :func:`source_query` after every kind of write.
"""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import and_, extract, func, select

from service.care.models.deliveries import Delivery
from service.casework.models import Assessment, AssessmentNeed
from service.core.derived import DerivedTable, Rebuild, Watch
from service.reference.models import BasicServiceComponent
from service.registry.models import Person
from service.reports.models.spm_summary import SpmPersonNeed


def source_query(person_ids: list[uuid.UUID] | None = None) -> Any:
    """The rows of ``spm_person_needs`` computed from the records (all persons, or some)."""
    a, n, c, d = Assessment, AssessmentNeed, BasicServiceComponent, Delivery
    year = extract("year", a.assessed_on)
    needs = (
        select(year.label("year"), a.basic_service_code.label("bs"), a.person_id.label("person_id"),
               n.service_type_code.label("comp"), func.min(a.assessed_on).label("needed_from"))
        .join(n, n.assessment_id == a.id)
        .join(c, and_(c.basic_service_code == a.basic_service_code, c.service_type_code == n.service_type_code))
        .where(a.eligible.is_(True), a.basic_service_code.is_not(None), a.status != "rejected")
        .group_by(year, a.basic_service_code, a.person_id, n.service_type_code)
    )
    if person_ids is not None:
        needs = needs.where(a.person_id.in_(person_ids))
    needs = needs.subquery("needs")
    first = (
        select(func.min(d.delivered_on))
        .where(d.person_id == needs.c.person_id, d.service_type_code == needs.c.comp,
               d.delivered_on.is_not(None), d.voided_at.is_(None),
               extract("year", d.delivered_on) == needs.c.year)
        .scalar_subquery()
    )
    return select(needs.c.year, needs.c.bs, needs.c.person_id, needs.c.comp, needs.c.needed_from, first)


def _persons_of_assessments(ids: list[Any]) -> Any:
    return select(Assessment.person_id).where(Assessment.id.in_(ids))


SPM_NEEDS = DerivedTable(
    table=SpmPersonNeed.__table__,  # type: ignore[arg-type]
    source=source_query,
    watches=(
        Watch(Assessment),  # any change: date, status, eligibility, service, person
        Watch(Delivery),
        Watch(AssessmentNeed, "assessment_id", via=_persons_of_assessments),
    ),
    rebuilds=(Rebuild(BasicServiceComponent),),
    key_model=Person,
)
