"""Reminders of overdue items, one per worker and item (the task list marks them new).

Owner module: ``service.care.tasks``.
"""

from __future__ import annotations

import datetime as dt
import uuid

from sqlalchemy import ForeignKey, Index, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from service.core.db import Base, UUIDPk, utcnow


class Reminder(UUIDPk, Base):
    """A reminder sent once to a worker for one overdue item (the task list shows it as new)."""

    __tablename__ = "reminders"
    __audit__ = False
    __table_args__ = (UniqueConstraint("user_id", "kind", "subject_id"),
                      Index("ix_reminders_user_seen", "user_id", "seen_at"))

    user_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("users.id"))
    kind: Mapped[str] = mapped_column(String(20))
    subject_id: Mapped[uuid.UUID]
    case_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("cases.id"), default=None)
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    seen_at: Mapped[dt.datetime | None] = mapped_column(default=None)
