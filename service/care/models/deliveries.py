"""Deliveries: one record per service type given to a person (what SPM and Renja count).

Owner module: ``service.care.deliveries``. A delivery is *delivered* exactly when
``delivered_on`` is set (derived, never a checkbox); it is never deleted, only
voided with a reason, and voided rows never count.
"""

from __future__ import annotations

import datetime as dt
import uuid
from typing import TYPE_CHECKING

from sqlalchemy import ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from service.core.db import Base, Timestamps, UUIDPk, Versioned
from service.registry.models import Person

if TYPE_CHECKING:
    from service.casework.models import Case

DELIVERY_SOURCES = ("web", "api", "import", "sync", "referral", "distribution", "kitchen", "disaster", "demo")


class Delivery(UUIDPk, Timestamps, Versioned, Base):
    __tablename__ = "deliveries"
    __table_args__ = (
        Index("ix_deliveries_type_date", "service_type_code", "delivered_on"),
        # area and case ride along (PostgreSQL INCLUDE): a search's capped count of a person's
        # deliveries in the reader's area is an index-only scan (migration 0029)
        Index("ix_deliveries_person_date", "person_id", "delivered_on", postgresql_include=["area_code", "case_id"]),
    )

    person_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("persons.id"))
    case_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("cases.id"), index=True, default=None)
    service_type_code: Mapped[str] = mapped_column(ForeignKey("service_types.code"))
    planned_on: Mapped[dt.date | None] = mapped_column(default=None)
    delivered_on: Mapped[dt.date | None] = mapped_column(default=None)
    quantity: Mapped[int] = mapped_column(default=1)
    unit: Mapped[str] = mapped_column(String(20), default="orang")
    item_detail: Mapped[str | None] = mapped_column(Text, default=None)  # e.g. wheelchair model
    place: Mapped[str | None] = mapped_column(String(200), default=None)
    worker_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("users.id"), default=None)
    cost: Mapped[int | None] = mapped_column(default=None)  # integer rupiah
    notes: Mapped[str | None] = mapped_column(Text, default=None)
    attachment_path: Mapped[str | None] = mapped_column(String(200), default=None)  # photo / signed receipt
    # Region that governs access (copied from the case or person).
    area_code: Mapped[str] = mapped_column(String(13), index=True)
    # Entered after the month of delivered_on was closed (docs/reports.md, "Closing a month").
    late: Mapped[bool] = mapped_column(default=False)
    voided_at: Mapped[dt.datetime | None] = mapped_column(default=None)
    voided_by_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("users.id"), default=None)
    void_reason: Mapped[str | None] = mapped_column(Text, default=None)
    source: Mapped[str] = mapped_column(String(12), default="web")
    disaster_event_id: Mapped[uuid.UUID | None] = mapped_column(index=True, default=None)
    # Identity of an imported/synced/generated delivery, so re-import or re-sync changes nothing.
    external_key: Mapped[str | None] = mapped_column(String(64), unique=True, default=None)

    person: Mapped[Person] = relationship()
    # Also orders the flush: a case opened in the same flush (a sync chunk) is inserted first.
    case: Mapped[Case | None] = relationship()

    @property
    def delivered(self) -> bool:
        return self.delivered_on is not None and self.voided_at is None

    @property
    def voided(self) -> bool:
        return self.voided_at is not None


# The deliveries list, newest first (service.care.deliveries.visible_stmt: delivered_on DESC NULLS
# FIRST, created_at DESC — PostgreSQL's DESC puts nulls first, so the index is that exact order).
Index("ix_deliveries_list_order", Delivery.delivered_on.desc(), Delivery.created_at.desc())
