"""Closed reporting months (snapshots of the report figures) — owner: ``service.core.periods``."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from sqlalchemy import ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from service.core.db import Base, Timestamps, UUIDPk


class MonthClose(UUIDPk, Timestamps, Base):
    """A supervisor's close of month (year, month): who, when, the figures then."""

    __tablename__ = "month_closes"
    __table_args__ = (UniqueConstraint("year", "month"),)

    year: Mapped[int]
    month: Mapped[int]
    status: Mapped[str] = mapped_column(String(10), default="closed")  # closed / reopened
    closed_by_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("users.id"), default=None)
    closed_at: Mapped[dt.datetime | None] = mapped_column(default=None)
    reopened_by_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("users.id"), default=None)
    reopened_at: Mapped[dt.datetime | None] = mapped_column(default=None)
    snapshot: Mapped[dict[str, Any]] = mapped_column(default=dict)
