"""The institutions register and the rehabilitation setting (placement) of a case.

Owner module: ``service.care.institutions``.
"""

from __future__ import annotations

import datetime as dt
import uuid

from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from service.care.models.case_linked import CaseLinked
from service.casework.models import Case
from service.core.db import Base, Timestamps, UUIDPk, Versioned

INSTITUTION_KINDS = ("panti", "lks", "hospital", "mental_hospital", "balai", "office", "other")
SETTINGS = ("home", "community", "institution")


class Institution(UUIDPk, Timestamps, Versioned, Base):
    """A panti, LKS, hospital, mental hospital, ministry centre (balai) or another office."""

    __tablename__ = "institutions"

    name: Mapped[str] = mapped_column(String(200), index=True)
    kind: Mapped[str] = mapped_column(String(20))
    region_code: Mapped[str | None] = mapped_column(String(13), index=True, default=None)
    address: Mapped[str | None] = mapped_column(Text, default=None)
    contact_person: Mapped[str | None] = mapped_column(String(200), default=None)
    phone: Mapped[str | None] = mapped_column(String(40), default=None)
    email: Mapped[str | None] = mapped_column(String(200), default=None)
    notes: Mapped[str | None] = mapped_column(Text, default=None)
    active: Mapped[bool] = mapped_column(default=True)


class Placement(UUIDPk, Timestamps, CaseLinked, Base):
    """Rehabilitation setting: outside an institution (home, community) or inside one."""

    __tablename__ = "placements"

    case_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("cases.id"), index=True)
    setting: Mapped[str] = mapped_column(String(20))
    institution_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("institutions.id"), default=None)
    date_in: Mapped[dt.date]
    date_out: Mapped[dt.date | None] = mapped_column(default=None)
    reason: Mapped[str | None] = mapped_column(Text, default=None)

    case: Mapped[Case] = relationship()
    institution: Mapped[Institution | None] = relationship()
