"""Follow-through on a case: institutions register, rehabilitation setting, family
tracing and reunification with follow-up visits, referrals, return home, reminders.

Owner modules: ``service.care.institutions``, ``service.care.tracing``, ``service.care.referrals``,
``service.care.returns``, ``service.care.tasks``. Records hanging off a case copy the
case's ``area_code`` and ``is_sensitive`` so access checks and list filters work
without a join; ``assigned_user_ids`` is the case's worker.
"""

from __future__ import annotations

import datetime as dt
import uuid

from sqlalchemy import ForeignKey, Index, LargeBinary, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from service.casework.models import Case
from service.core.db import Base, Timestamps, UUIDPk, Versioned, utcnow

INSTITUTION_KINDS = ("panti", "lks", "hospital", "mental_hospital", "balai", "office", "other")
SETTINGS = ("home", "community", "institution")
TRACING_STATUSES = ("open", "searching", "found", "verified", "reunified", "not_found")
TRACING_CHANNELS = ("visit", "phone", "police", "village_official", "social_media", "other")
REFERRAL_STATUSES = ("draft", "sent", "accepted", "declined", "completed", "cancelled")
RETURN_KINDS = ("stranded", "migrant_victim")
RETURN_STATUSES = ("planned", "completed", "cancelled")
RECEIVER_ROLES = ("family", "village_official")


class CaseLinked:
    """Access attributes of a record that belongs to a case."""

    area_code: Mapped[str] = mapped_column(String(13), index=True)
    is_sensitive: Mapped[bool] = mapped_column(default=False)

    case: Case

    def assigned_user_ids(self) -> list[uuid.UUID]:
        return self.case.assigned_user_ids()


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


class Referral(UUIDPk, Timestamps, Versioned, CaseLinked, Base):
    """A referral to an institution (or another regency's office) with its official letter."""

    __tablename__ = "referrals"
    __audit_redact__ = ("token_hash", "letter_pdf")

    case_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("cases.id"), index=True)
    person_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("persons.id"), index=True)
    institution_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("institutions.id"), index=True)
    status: Mapped[str] = mapped_column(String(12), default="draft", index=True)
    reason: Mapped[str] = mapped_column(Text)
    # What the recipient needs to know (nothing more goes into the letter).
    summary: Mapped[str] = mapped_column(Text)
    consent_checked: Mapped[bool] = mapped_column(default=False)
    letter_number: Mapped[str | None] = mapped_column(String(80), unique=True, default=None)
    letter_date: Mapped[dt.date | None] = mapped_column(default=None)
    # Public, unguessable code printed as a QR: opens the verification page.
    verify_code: Mapped[str | None] = mapped_column(String(40), unique=True, default=None)
    sent_at: Mapped[dt.datetime | None] = mapped_column(default=None, index=True)
    token_hash: Mapped[str | None] = mapped_column(String(64), unique=True, default=None)
    token_expires_at: Mapped[dt.datetime | None] = mapped_column(default=None)
    token_used_at: Mapped[dt.datetime | None] = mapped_column(default=None)
    answered_at: Mapped[dt.datetime | None] = mapped_column(default=None)
    answered_by: Mapped[str | None] = mapped_column(String(200), default=None)
    answer_channel: Mapped[str | None] = mapped_column(String(10), default=None)  # link / staff
    decline_reason: Mapped[str | None] = mapped_column(Text, default=None)
    completed_on: Mapped[dt.date | None] = mapped_column(default=None)
    cancel_reason: Mapped[str | None] = mapped_column(Text, default=None)
    delivery_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("deliveries.id"), default=None)
    letter_pdf: Mapped[bytes | None] = mapped_column(LargeBinary, default=None, deferred=True)
    created_by_worker_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("users.id"), default=None)

    case: Mapped[Case] = relationship()
    institution: Mapped[Institution] = relationship()


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
