"""Offline sync: the operations log (idempotency per ``op_id``), devices, and the
supervisor's review inbox (version conflicts with both versions kept, and flags).

Owner module: ``service.offline.engine`` (conflicts: ``service.offline.conflicts``).
"""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from sqlalchemy import ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from service.core.db import Base, Timestamps, UUIDPk, utcnow

CONFLICT_KINDS = ("version", "double_distribution")
CONFLICT_STATUSES = ("open", "resolved")
RESOLUTIONS = ("server", "device", "merged", "acknowledged")


class SyncDevice(Base):
    """A tablet/phone that has synced: which user used it last, when.

    ``key`` is the device's own opaque identifier as it sends it (a UUID, an Android ID, a serial
    number: any non-empty string of at most 100 characters); ``id`` is the server's.
    """

    __tablename__ = "sync_devices"
    __audit__ = False  # a technical registry; each synced change is audited itself

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    key: Mapped[str] = mapped_column(String(100), unique=True)
    user_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("users.id"), index=True, default=None)
    label: Mapped[str] = mapped_column(String(200), default="")
    first_seen_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    last_seen_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    last_batch_size: Mapped[int] = mapped_column(default=0)


class SyncOperation(Base):
    """One device operation that the server settled (applied or sent to review).

    ``op_id`` is the primary key: the same operation can never be applied twice,
    even by two concurrent requests. ``result`` is the answer given the first
    time; a resend gets it back with status ``duplicate``. Rejected operations
    are not stored: the device may fix and resend them.
    """

    __tablename__ = "sync_operations"
    __audit__ = False

    op_id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    device_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("sync_devices.id"), index=True)
    user_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("users.id"), index=True)
    type: Mapped[str] = mapped_column(String(40))
    entity_id: Mapped[uuid.UUID] = mapped_column(index=True)
    base_version: Mapped[int | None] = mapped_column(default=None)
    data: Mapped[dict[str, Any]] = mapped_column(default=dict)
    status: Mapped[str] = mapped_column(String(12))  # applied / conflict
    result: Mapped[dict[str, Any]] = mapped_column(default=dict)
    received_at: Mapped[dt.datetime] = mapped_column(default=utcnow)


class SyncConflict(UUIDPk, Timestamps, Base):
    """Something a supervisor must look at: both versions are kept until resolved."""

    __tablename__ = "sync_conflicts"
    __table_args__ = (Index("ix_sync_conflicts_status_area", "status", "area_code"),)

    kind: Mapped[str] = mapped_column(String(24), default="version")
    op_id: Mapped[uuid.UUID | None] = mapped_column(default=None, index=True)
    device_id: Mapped[uuid.UUID | None] = mapped_column(default=None)
    submitted_by_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("users.id"), default=None)
    entity_type: Mapped[str] = mapped_column(String(40))  # persons / distributions ...
    entity_id: Mapped[uuid.UUID] = mapped_column(index=True)
    # Region that governs who sees the conflict (copied from the record).
    area_code: Mapped[str] = mapped_column(String(13), index=True)
    base_version: Mapped[int | None] = mapped_column(default=None)
    server_version: Mapped[int | None] = mapped_column(default=None)
    device_data: Mapped[dict[str, Any]] = mapped_column(default=dict)
    server_data: Mapped[dict[str, Any]] = mapped_column(default=dict)
    summary: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[str] = mapped_column(String(12), default="open", index=True)
    resolution: Mapped[str | None] = mapped_column(String(12), default=None)
    resolved_data: Mapped[dict[str, Any] | None] = mapped_column(default=None)
    resolved_by_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("users.id"), default=None)
    resolved_at: Mapped[dt.datetime | None] = mapped_column(default=None)
    note: Mapped[str | None] = mapped_column(Text, default=None)
