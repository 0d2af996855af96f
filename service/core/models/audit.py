"""The audit trail: every write and every view of a person's record."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from sqlalchemy import Index, String
from sqlalchemy.orm import Mapped, mapped_column

from service.core.db import Base, UUIDPk, utcnow


class AuditLog(UUIDPk, Base):
    __tablename__ = "audit_log"
    __audit__ = False
    __table_args__ = (
        Index("ix_audit_log_entity", "entity_type", "entity_id"),
        Index("ix_audit_log_at", "at"),
    )

    at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    actor_id: Mapped[uuid.UUID | None] = mapped_column(default=None, index=True)
    actor_name: Mapped[str] = mapped_column(String(100), default="system")
    # create / update / delete / view / login / login_failed / export / import / ...
    action: Mapped[str] = mapped_column(String(40))
    entity_type: Mapped[str] = mapped_column(String(60))
    entity_id: Mapped[str | None] = mapped_column(String(64), default=None)
    # {field: [before, after]} for writes; free details for other actions.
    changes: Mapped[dict[str, Any]] = mapped_column(default=dict)
    source: Mapped[str] = mapped_column(String(20), default="")  # web / api / cli / sync / job
    ip: Mapped[str | None] = mapped_column(String(64), default=None)
