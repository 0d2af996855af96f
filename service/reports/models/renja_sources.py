"""An administrator's override of which record source computes a Renja sub-activity.

Owner module: ``service.reports.renja_sources`` (defaults: ``reference/data/renja_sources.csv``).
"""

from __future__ import annotations

from sqlalchemy import String
from sqlalchemy.orm import Mapped, mapped_column

from service.core.db import Base, Timestamps


class RenjaSourceMapping(Timestamps, Base):
    """Sub-activity code -> source key; an empty key switches the default source off for that code."""

    __tablename__ = "renja_source_mappings"

    code: Mapped[str] = mapped_column(String(40), primary_key=True)
    source_key: Mapped[str | None] = mapped_column(String(40), default=None)
