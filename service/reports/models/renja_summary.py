"""The Renja summary table, a derived table — declared in ``service.reports.renja_summary``.

Never written by hand: ``service.core.derived`` refreshes the rows of every person touched by
a flush (in the same transaction) and can rebuild them all (docs/reports.md "Derived tables").
"""

from __future__ import annotations

import uuid

from sqlalchemy import Index, String
from sqlalchemy.orm import Mapped, mapped_column

from service.core.db import Base


class RenjaPersonYear(Base):
    """The counted deliveries of one service type to one person in one year, per quarter (docs/reports.md "Renja").

    One row per (year, person, service type, SPM flag) with at least one counted
    delivery (delivered, not voided) dated in that year. ``is_spm``: the deliveries
    feed the type's ``renja_code_spm`` (the case's PPKS category maps to an SPM
    service; without a case, the person has a case in such a category), else its
    ``renja_code_other``. ``q1``…``q4``: the summed quantity of those deliveries dated
    in that quarter, **null when there is none** (so "served in quarter i" is
    ``q<i> IS NOT NULL``). ``household_id``: the person's household for ``KK`` units
    (the first by id when several; null when none: a household of one). The mapping
    type → sub-activity is applied when the report is computed, so changing it needs
    no refresh. ``name_key``: the person's normalised name, for the drill-down's search (a
    common name's persons are found among the sub-activity's rows, not among every person).
    """

    __tablename__ = "renja_person_years"
    __audit__ = False
    # (year, type, flag): the Renja report reads only the rows of the types feeding a sub-activity
    __table_args__ = (Index("ix_renja_person_years_person", "person_id"),
                      Index("ix_renja_person_years_type", "year", "service_type_code", "is_spm"))

    year: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    service_type_code: Mapped[str] = mapped_column(String(60), primary_key=True)
    is_spm: Mapped[bool] = mapped_column(primary_key=True)
    household_id: Mapped[uuid.UUID | None] = mapped_column(default=None)
    q1: Mapped[int | None] = mapped_column(default=None)
    q2: Mapped[int | None] = mapped_column(default=None)
    q3: Mapped[int | None] = mapped_column(default=None)
    q4: Mapped[int | None] = mapped_column(default=None)
    name_key: Mapped[str] = mapped_column(String(200), default="", server_default="")

