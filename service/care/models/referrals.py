"""Referrals to an institution, with their official letter and one-time answer link.

Owner module: ``service.care.referrals``.
"""

from __future__ import annotations

import datetime as dt
import uuid

from sqlalchemy import ForeignKey, LargeBinary, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from service.care.models.case_linked import CaseLinked
from service.care.models.institutions import Institution
from service.casework.models import Case
from service.core.db import Base, Timestamps, UUIDPk, Versioned

REFERRAL_STATUSES = ("draft", "sent", "accepted", "declined", "completed", "cancelled")


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
