"""Family tracing (contacts, attempts), the reunification and its follow-up visits.

Owner module: ``service.care.tracing``.
"""

from __future__ import annotations

import datetime as dt
import uuid

from sqlalchemy import ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from service.care.models.case_linked import CaseLinked
from service.casework.models import Case
from service.core.db import Base, Timestamps, UUIDPk, Versioned

TRACING_STATUSES = ("open", "searching", "found", "verified", "reunified", "not_found")
TRACING_CHANNELS = ("visit", "phone", "police", "village_official", "social_media", "other")


class Tracing(UUIDPk, Timestamps, Versioned, CaseLinked, Base):
    """Family tracing for one case: contacts, attempts, status, then reunification."""

    __tablename__ = "tracings"

    case_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("cases.id"), unique=True)
    status: Mapped[str] = mapped_column(String(12), default="open", index=True)
    opened_on: Mapped[dt.date]
    status_changed_on: Mapped[dt.date | None] = mapped_column(default=None)
    notes: Mapped[str | None] = mapped_column(Text, default=None)

    case: Mapped[Case] = relationship()
    contacts: Mapped[list[FamilyContact]] = relationship(back_populates="tracing", order_by="FamilyContact.created_at",
                                                         cascade="all, delete-orphan")
    attempts: Mapped[list[TracingAttempt]] = relationship(back_populates="tracing",
                                                          order_by="TracingAttempt.attempted_on",
                                                          cascade="all, delete-orphan")
    reunification: Mapped[Reunification | None] = relationship(back_populates="tracing", uselist=False)


class FamilyContact(UUIDPk, Timestamps, Base):
    __tablename__ = "family_contacts"

    tracing_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("tracings.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    relationship_to_person: Mapped[str] = mapped_column(String(60))
    phone: Mapped[str | None] = mapped_column(String(40), default=None)
    address: Mapped[str | None] = mapped_column(Text, default=None)
    region_code: Mapped[str | None] = mapped_column(String(13), default=None)

    tracing: Mapped[Tracing] = relationship(back_populates="contacts")


class TracingAttempt(UUIDPk, Timestamps, Base):
    __tablename__ = "tracing_attempts"

    tracing_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("tracings.id", ondelete="CASCADE"), index=True)
    attempted_on: Mapped[dt.date]
    channel: Mapped[str] = mapped_column(String(20))
    result: Mapped[str] = mapped_column(Text)
    by_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("users.id"), default=None)

    tracing: Mapped[Tracing] = relationship(back_populates="attempts")


class Reunification(UUIDPk, Timestamps, CaseLinked, Base):
    """The handover to the family; follow-up visits are scheduled from its date."""

    __tablename__ = "reunifications"

    tracing_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("tracings.id"), unique=True)
    case_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("cases.id"), index=True)
    reunified_on: Mapped[dt.date]
    relative_name: Mapped[str] = mapped_column(String(200))
    relationship_to_person: Mapped[str] = mapped_column(String(60))
    place: Mapped[str] = mapped_column(Text)
    notes: Mapped[str | None] = mapped_column(Text, default=None)
    delivery_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("deliveries.id"), default=None)

    case: Mapped[Case] = relationship()
    tracing: Mapped[Tracing] = relationship(back_populates="reunification")
    visits: Mapped[list[FollowUpVisit]] = relationship(back_populates="reunification", order_by="FollowUpVisit.due_on",
                                                       cascade="all, delete-orphan")


class FollowUpVisit(UUIDPk, Timestamps, CaseLinked, Base):
    """A visit after reunification (1, 3, 6 months by default); missed when past due and not done."""

    __tablename__ = "followup_visits"
    __table_args__ = (UniqueConstraint("reunification_id", "months"),)

    reunification_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("reunifications.id", ondelete="CASCADE"),
                                                        index=True)
    case_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("cases.id"), index=True)
    months: Mapped[int]
    due_on: Mapped[dt.date] = mapped_column(index=True)
    visited_on: Mapped[dt.date | None] = mapped_column(default=None)
    outcome: Mapped[str | None] = mapped_column(String(20), default=None)  # good / needs_support / not_found
    notes: Mapped[str | None] = mapped_column(Text, default=None)
    by_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("users.id"), default=None)

    case: Mapped[Case] = relationship()
    reunification: Mapped[Reunification] = relationship(back_populates="visits")

    def missed(self, today: dt.date) -> bool:
        return self.visited_on is None and self.due_on < today
