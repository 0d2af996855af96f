"""The IKU summary table, a derived table — declared in ``service.reports.iku_summary``.

Never written by hand: ``service.core.derived`` refreshes the rows of every person touched by
a flush (in the same transaction) and can rebuild them all (docs/reports.md "Derived tables").
"""

from __future__ import annotations

import datetime as dt
import uuid

from sqlalchemy import Index
from sqlalchemy.orm import Mapped, mapped_column

from service.core.db import Base


class IkuPersonYear(Base):
    """A person registered as PPKS in a calendar year, and when first handled (docs/reports.md "IKU").

    One row per (year, person) with a counted assessment (any category, not rejected) dated
    in that year. ``registered_from``: the earliest such assessment date; ``handled_from``:
    the earliest counted delivery (delivered, not voided) to the person dated in the same
    year, or null. The IKU through ``end`` then counts the rows of the year with
    ``registered_from`` ≤ end, handled when ``handled_from`` ≤ end.
    """

    __tablename__ = "iku_person_years"
    __audit__ = False
    __table_args__ = (Index("ix_iku_person_years_person", "person_id"),)

    year: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    registered_from: Mapped[dt.date]
    handled_from: Mapped[dt.date | None] = mapped_column(default=None)
