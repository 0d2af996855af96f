"""Return home (*pemulangan*) of stranded persons and migrant victims.

Owner module: ``service.care.returns``.
"""

from __future__ import annotations

import datetime as dt
import uuid

from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from service.care.models.case_linked import CaseLinked
from service.casework.models import Case
from service.core.db import Base, Timestamps, UUIDPk, Versioned

RETURN_KINDS = ("stranded", "migrant_victim")
RETURN_STATUSES = ("planned", "completed", "cancelled")
RECEIVER_ROLES = ("family", "village_official")


class ReturnHome(UUIDPk, Timestamps, Versioned, CaseLinked, Base):
    """Pemulangan: a stranded person or migrant victim taken home and handed over."""

    __tablename__ = "return_homes"

    case_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("cases.id"), index=True)
    person_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("persons.id"), index=True)
    kind: Mapped[str] = mapped_column(String(20))
    status: Mapped[str] = mapped_column(String(12), default="planned")
    origin_region_code: Mapped[str] = mapped_column(String(13))
    destination_region_code: Mapped[str] = mapped_column(String(13))
    destination_address: Mapped[str | None] = mapped_column(Text, default=None)
    transport: Mapped[str] = mapped_column(String(120))
    cost: Mapped[int | None] = mapped_column(default=None)
    escort: Mapped[str | None] = mapped_column(String(200), default=None)
    travel_on: Mapped[dt.date]
    handed_over_on: Mapped[dt.date | None] = mapped_column(default=None)
    receiver_name: Mapped[str | None] = mapped_column(String(200), default=None)
    receiver_role: Mapped[str | None] = mapped_column(String(20), default=None)
    receiver_relationship: Mapped[str | None] = mapped_column(String(60), default=None)
    notes: Mapped[str | None] = mapped_column(Text, default=None)
    delivery_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("deliveries.id"), default=None)

    case: Mapped[Case] = relationship()
