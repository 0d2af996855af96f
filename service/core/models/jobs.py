"""Scheduled-job bookkeeping: one row per job per period makes a run happen once."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from service.core.db import Base, UUIDPk, utcnow


class JobRun(UUIDPk, Base):
    __tablename__ = "job_runs"
    __audit__ = False
    __table_args__ = (UniqueConstraint("job", "period"),)

    job: Mapped[str] = mapped_column(String(80))
    period: Mapped[str] = mapped_column(String(40))
    started_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    finished_at: Mapped[dt.datetime | None] = mapped_column(default=None)
    result: Mapped[dict[str, Any]] = mapped_column(default=dict)
