"""Complaints and requests from the public, their categories and their history.

Owner modules: ``service.complaints.desk`` (intake, assignment, status, resolution),
``service.complaints.tracking`` (the public lookup), ``service.complaints.escalation`` (the job),
``service.complaints.intake`` (a report becomes a case). docs/complaints.md.
"""

from __future__ import annotations

import datetime as dt
import uuid

from sqlalchemy import ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column, object_session, relationship

from service.core.db import Base, Timestamps, UUIDPk, Versioned, utcnow

CHANNELS = ("walk_in", "phone", "whatsapp", "letter", "web", "village", "email", "other")
STATUSES = ("received", "in_progress", "resolved", "rejected")
OPEN_STATUSES = ("received", "in_progress")
RELATIONS = ("self", "family", "neighbour", "village_official", "institution", "other")


class ComplaintCategory(Base):
    """What a complaint is about, with its service-level deadline (``data/categories.csv``).

    ``ppks_category_code`` is the PPKS category a report of this kind usually opens a case in
    (a report of a neglected person), ``sensitive`` makes its complaints need-to-know.
    """

    __tablename__ = "complaint_categories"

    code: Mapped[str] = mapped_column(String(40), primary_key=True)
    name_id: Mapped[str] = mapped_column(String(200))
    name_en: Mapped[str] = mapped_column(String(200))
    sla_days: Mapped[int] = mapped_column(default=14)
    ppks_category_code: Mapped[str | None] = mapped_column(ForeignKey("ppks_categories.code"), default=None)
    sensitive: Mapped[bool] = mapped_column(default=False)
    position: Mapped[int] = mapped_column(default=0)
    active: Mapped[bool] = mapped_column(default=True)


class Complaint(UUIDPk, Timestamps, Versioned, Base):
    """One complaint or request, from any channel, with its tracking number (``ADU-2026-00042``)."""

    __tablename__ = "complaints"
    __audit_redact__ = ("access_code_hash",)
    __table_args__ = (Index("ix_complaints_status_due", "status", "due_on"),)

    number: Mapped[str] = mapped_column(String(24), unique=True)
    channel: Mapped[str] = mapped_column(String(20))
    category_code: Mapped[str] = mapped_column(ForeignKey("complaint_categories.code"), index=True)
    status: Mapped[str] = mapped_column(String(20), default="received", index=True)
    received_on: Mapped[dt.date] = mapped_column(index=True)
    due_on: Mapped[dt.date]
    # Region the complaint concerns (village or district): governs who may see it.
    area_code: Mapped[str] = mapped_column(String(13), index=True)
    location: Mapped[str | None] = mapped_column(Text, default=None)
    description: Mapped[str] = mapped_column(Text)
    complainant_name: Mapped[str | None] = mapped_column(String(200), default=None)
    complainant_phone: Mapped[str | None] = mapped_column(String(40), default=None)
    complainant_address: Mapped[str | None] = mapped_column(Text, default=None)
    complainant_relation: Mapped[str | None] = mapped_column(String(20), default=None)
    # Copied from the category, or set when linked to a sensitive case: need-to-know.
    is_sensitive: Mapped[bool] = mapped_column(default=False)
    assignee_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("users.id"), index=True, default=None)
    assigned_at: Mapped[dt.datetime | None] = mapped_column(default=None)
    person_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("persons.id"), index=True, default=None)
    case_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("cases.id"), index=True, default=None)
    resolution: Mapped[str | None] = mapped_column(Text, default=None)
    resolved_on: Mapped[dt.date | None] = mapped_column(index=True, default=None)
    resolved_by_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("users.id"), default=None)
    status_reason: Mapped[str | None] = mapped_column(Text, default=None)
    escalated_at: Mapped[dt.datetime | None] = mapped_column(index=True, default=None)
    # Only a hash: the code is shown once (receipt, confirmation page) and can be re-issued.
    access_code_hash: Mapped[str] = mapped_column(String(64))
    # The public form's signed token nonce: the same form cannot be submitted twice.
    form_nonce: Mapped[str | None] = mapped_column(String(40), unique=True, default=None)

    category: Mapped[ComplaintCategory] = relationship()
    events: Mapped[list[ComplaintEvent]] = relationship(back_populates="complaint", order_by="ComplaintEvent.at",
                                                        cascade="all, delete-orphan")

    def assigned_user_ids(self) -> list[uuid.UUID]:
        ids = [self.assignee_id] if self.assignee_id else []
        sess = object_session(self)
        if self.case_id is not None and sess is not None:
            from service.casework.models import Case

            case = sess.get(Case, self.case_id)
            if case is not None and case.worker_id:
                ids.append(case.worker_id)
        return ids

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    def overdue(self, today: dt.date) -> bool:
        return self.is_open and self.due_on < today


class ComplaintEvent(UUIDPk, Base):
    """Append-only history: received, assigned, status changes, escalation, links, notes, code re-issued."""

    __tablename__ = "complaint_events"

    complaint_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("complaints.id", ondelete="CASCADE"), index=True)
    at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    by_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("users.id"), default=None)
    kind: Mapped[str] = mapped_column(String(20))
    from_status: Mapped[str | None] = mapped_column(String(20), default=None)
    to_status: Mapped[str | None] = mapped_column(String(20), default=None)
    note: Mapped[str | None] = mapped_column(Text, default=None)

    complaint: Mapped[Complaint] = relationship(back_populates="events")
