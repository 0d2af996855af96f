"""Proposals (*usulan*) to the national social-welfare register (DTKS / DTSEN).

A proposal adds, updates or removes (*penindaklayakan*: deceased, moved, no longer eligible) a
household or a person; it carries its evidence (village deliberation minutes, home-visit
verification), goes into a batch per period that the head of office approves, and gets the
ministry's answer back per row. Owner module: ``service.protection.proposals``.
"""

from __future__ import annotations

import datetime as dt
import uuid

from sqlalchemy import CheckConstraint, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from service.core.db import Base, Timestamps, UUIDPk, Versioned
from service.registry.models import Household, Person

PROPOSAL_KINDS = ("new", "update", "removal")
REMOVAL_REASONS = ("deceased", "moved", "not_eligible")
EVIDENCE_KINDS = ("musdes", "muskel", "home_visit")
ANSWERS = ("accepted", "rejected")


class DtksBatch(UUIDPk, Timestamps, Versioned, Base):
    """The proposals of one period, sent to the ministry in one file once the head of office approves."""

    __tablename__ = "dtks_batches"

    period: Mapped[str] = mapped_column(String(7), unique=True)  # "2026-10"
    status: Mapped[str] = mapped_column(String(20), default="draft", index=True)
    notes: Mapped[str | None] = mapped_column(Text, default=None)
    submitted_on: Mapped[dt.date | None] = mapped_column(default=None)
    submitted_by_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("users.id"), default=None)
    approved_on: Mapped[dt.date | None] = mapped_column(default=None, index=True)
    approved_by_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("users.id"), default=None)
    returned_reason: Mapped[str | None] = mapped_column(Text, default=None)
    exported_on: Mapped[dt.date | None] = mapped_column(default=None)

    proposals: Mapped[list[DtksProposal]] = relationship(back_populates="batch", order_by="DtksProposal.created_at")


class DtksProposal(UUIDPk, Timestamps, Versioned, Base):
    __tablename__ = "dtks_proposals"
    __table_args__ = (
        CheckConstraint("(person_id IS NULL) <> (household_id IS NULL)", name="one_subject"),
        CheckConstraint("(kind = 'removal') = (removal_reason IS NOT NULL)", name="removal_has_reason"),
    )

    kind: Mapped[str] = mapped_column(String(10), index=True)
    removal_reason: Mapped[str | None] = mapped_column(String(20), default=None)
    person_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("persons.id"), index=True, default=None)
    household_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("households.id"), index=True, default=None)
    # The subject's region, copied: governs who may see the proposal.
    area_code: Mapped[str] = mapped_column(String(13), index=True)
    proposed_on: Mapped[dt.date]
    reason: Mapped[str] = mapped_column(Text)  # what is proposed and why (the data to correct, …)
    status: Mapped[str] = mapped_column(String(20), default="draft", index=True)
    batch_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("dtks_batches.id"), index=True, default=None)
    answer: Mapped[str | None] = mapped_column(String(10), default=None)
    answer_reason: Mapped[str | None] = mapped_column(Text, default=None)
    answered_on: Mapped[dt.date | None] = mapped_column(default=None)
    withdrawn_reason: Mapped[str | None] = mapped_column(Text, default=None)
    worker_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("users.id"), default=None)

    person: Mapped[Person | None] = relationship()
    household: Mapped[Household | None] = relationship()
    batch: Mapped[DtksBatch | None] = relationship(back_populates="proposals")
    evidence: Mapped[list[DtksEvidence]] = relationship(back_populates="proposal", order_by="DtksEvidence.held_on",
                                                        cascade="all, delete-orphan")

    @property
    def subject_name(self) -> str:
        if self.person is not None:
            return self.person.name
        assert self.household is not None
        head = next((m.person for m in self.household.members if m.is_head), None)
        return head.name if head is not None else (self.household.kk_number or "-")


class DtksEvidence(UUIDPk, Timestamps, Base):
    """A village deliberation's minutes (*berita acara musdes/muskel*) or a home-visit verification."""

    __tablename__ = "dtks_evidence"

    proposal_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("dtks_proposals.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(12))
    held_on: Mapped[dt.date] = mapped_column(index=True)
    reference: Mapped[str | None] = mapped_column(String(120), default=None)  # minutes number
    officer: Mapped[str | None] = mapped_column(String(200), default=None)  # who visited / chaired
    finding: Mapped[str | None] = mapped_column(Text, default=None)

    proposal: Mapped[DtksProposal] = relationship(back_populates="evidence")
