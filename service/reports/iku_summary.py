"""The IKU summary table ``iku_person_years`` (:class:`IkuPersonYear`), a derived table (docs/reports.md).

Per year and person registered as PPKS in it: the first counted assessment date and the
first counted delivery date of that year. :data:`IKU_YEARS` declares it for
``service.core.derived``: the rows of every person whose assessments or deliveries are
inserted, changed (date, status, void, person — merges) or deleted are recomputed in the same
transaction from :func:`source_query`. ``tests/reports/test_summary.py`` compares the table
with :func:`source_query` and the IKU with the record query after every kind of write.
"""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import extract, func, select

from service.care.models.deliveries import Delivery
from service.casework.models import Assessment
from service.core.derived import DerivedTable, Watch
from service.registry.models import Person
from service.reports.models.iku_summary import IkuPersonYear


def source_query(person_ids: list[uuid.UUID] | None = None) -> Any:
    """The rows of ``iku_person_years`` computed from the records (all persons, or some)."""
    a, d = Assessment, Delivery
    year = extract("year", a.assessed_on)
    registered = (
        select(year.label("year"), a.person_id.label("person_id"), func.min(a.assessed_on).label("registered_from"))
        .where(a.status != "rejected")
        .group_by(year, a.person_id)
    )
    if person_ids is not None:
        registered = registered.where(a.person_id.in_(person_ids))
    reg = registered.subquery("registered")
    first = (
        select(func.min(d.delivered_on))
        .where(d.person_id == reg.c.person_id, d.delivered_on.is_not(None), d.voided_at.is_(None),
               extract("year", d.delivered_on) == reg.c.year)
        .scalar_subquery()
    )
    return select(reg.c.year, reg.c.person_id, reg.c.registered_from, first)


IKU_YEARS = DerivedTable(
    table=IkuPersonYear.__table__,  # type: ignore[arg-type]
    source=source_query,
    watches=(
        Watch(Assessment, on=("person_id", "assessed_on", "status")),
        Watch(Delivery, on=("person_id", "delivered_on", "voided_at")),
    ),
    store_in_key_order=True,  # a year's rows lie together on disk (the IKU reads one year)
    key_model=Person,
)
