"""Renja summary table: derived from the deliveries, kept exactly consistent — owner: ``service.renja_summary``.

Never written by hand: ``service.renja_summary`` refreshes the rows of every person
touched by a flush (in the same transaction) and can rebuild them all.
"""

from __future__ import annotations

import uuid

from sqlalchemy import Index, String
from sqlalchemy.orm import Mapped, mapped_column

from service.db import Base


class RenjaPersonQuarter(Base):
    """The counted deliveries of one service type to one person in one quarter (SPM.md, "Renja realisation").

    One row per (year, quarter, person, service type, SPM flag) with at least one
    counted delivery (delivered, not voided) dated in that quarter. ``is_spm``: the
    delivery feeds the type's ``renja_code_spm`` (its case's PPKS category maps to an
    SPM service; without a case, the person has a case in such a category), else its
    ``renja_code_other``. ``quantity``: the sum of the deliveries' quantities.
    ``household_id``: the person's household for ``KK`` units (the first by id when
    several; null when none: the person counts as a household of one). The mapping
    type → sub-activity is applied when the report is computed, so changing it needs
    no refresh.
    """

    __tablename__ = "renja_person_quarters"
    __audit__ = False
    __table_args__ = (Index("ix_renja_person_quarters_person", "person_id"),)

    year: Mapped[int] = mapped_column(primary_key=True)
    quarter: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    service_type_code: Mapped[str] = mapped_column(String(60), primary_key=True)
    is_spm: Mapped[bool] = mapped_column(primary_key=True)
    household_id: Mapped[uuid.UUID | None] = mapped_column(default=None)
    quantity: Mapped[int] = mapped_column(default=0)
