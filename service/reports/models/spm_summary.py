"""The SPM summary table, a derived table — declared in ``service.reports.spm_summary``.

Never written by hand: ``service.core.derived`` refreshes the rows of every person touched by
a flush (in the same transaction) and can rebuild them all (docs/reports.md "Derived tables").
"""

from __future__ import annotations

import datetime as dt
import uuid

from sqlalchemy import BigInteger, Index, String
from sqlalchemy.orm import Mapped, mapped_column

from service.core.db import Base


class SpmPersonNeed(Base):
    """One needed component of a basic service for a person in a calendar year (docs/reports.md "SPM").

    ``needed_from``: the earliest date in the year of a counted (eligible, not
    rejected) assessment listing the component; ``delivered_from``: the earliest
    counted delivery (delivered, not voided) of it to the person in the same
    year, or null. The SPM period through month M of year Y then counts the rows
    of Y with ``needed_from`` ≤ end of M, delivered when ``delivered_from`` ≤ end of M.
    """

    __tablename__ = "spm_person_needs"
    __audit__ = False
    __table_args__ = (Index("ix_spm_person_needs_person", "person_id"),)

    year: Mapped[int] = mapped_column(primary_key=True)
    basic_service_code: Mapped[str] = mapped_column(String(40), primary_key=True)
    person_id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    service_type_code: Mapped[str] = mapped_column(String(60), primary_key=True)
    needed_from: Mapped[dt.date]
    delivered_from: Mapped[dt.date | None] = mapped_column(default=None)


class SpmPersonSignature(Base):
    """One (year, basic service, person) of ``spm_person_needs`` folded into two month signatures
    (docs/reports.md "SPM"; ``service.reports.spm_trend``).

    ``needed_sig``: base-16 digit k (k = 0 for January) is how many of the person's components of
    the service were needed by the end of month k+1; ``delivered_sig``: how many of those were
    also delivered by then. The dashboard's trend then groups these rows, a few tens of
    thousands a year at province scale, instead of every needed component. ``name_key``: the
    person's normalised name (``persons.name_key``), so a drill-down searched by a common name
    filters these rows instead of every person bearing the name.
    """

    __tablename__ = "spm_person_signatures"
    __audit__ = False
    __table_args__ = (Index("ix_spm_person_signatures_person", "person_id"),)

    year: Mapped[int] = mapped_column(primary_key=True)
    basic_service_code: Mapped[str] = mapped_column(String(40), primary_key=True)
    person_id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    needed_sig: Mapped[int] = mapped_column(BigInteger)
    delivered_sig: Mapped[int] = mapped_column(BigInteger)
    name_key: Mapped[str] = mapped_column(String(200))
