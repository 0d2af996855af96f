"""Cases, their lifecycle (a state machine stored as data), assessments and plans.

Owner module: ``service.casework.cases``.
"""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from sqlalchemy import ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from service.core.db import Base, Timestamps, UUIDPk, Versioned, utcnow
from service.registry.models import Person

CASE_STATUSES = ("new", "assessment", "plan", "in_service", "closed")
CLOSE_REASONS = ("self_reliant", "reunified", "referred_out", "moved", "deceased", "lost_contact")
INTAKE_SOURCES = ("outreach", "walk_in", "community_report", "police", "hospital_referral", "agency_referral",
                  "complaint", "disaster", "import")
URGENCIES = ("low", "normal", "high", "emergency")


class CaseTransitionRule(Base):
    """An allowed lifecycle transition (loaded from reference data, not coded as ifs)."""

    __tablename__ = "case_transition_rules"

    from_status: Mapped[str] = mapped_column(String(20), primary_key=True)
    to_status: Mapped[str] = mapped_column(String(20), primary_key=True)
    needs_approval: Mapped[bool] = mapped_column(default=False)
    needs_reason: Mapped[bool] = mapped_column(default=False)


class CaseNumberSequence(Base):
    """Per prefix and year counter behind readable case numbers (REH-2026-00042)."""

    __tablename__ = "case_number_sequences"
    __audit__ = False

    prefix: Mapped[str] = mapped_column(String(10), primary_key=True)
    year: Mapped[int] = mapped_column(primary_key=True)
    last_value: Mapped[int] = mapped_column(default=0)


class Case(UUIDPk, Timestamps, Versioned, Base):
    __tablename__ = "cases"
    __table_args__ = (
        Index("ix_cases_person_category_status", "person_id", "category_code", "status"),
        # Area prefix filters and case-number prefixes (LIKE 'REH-2026-%') under any collation.
        Index("ix_cases_area_prefix", "area_code", postgresql_ops={"area_code": "text_pattern_ops"}),
        Index("ix_cases_number_prefix", "number", postgresql_ops={"number": "text_pattern_ops"}),
        # The list's order (intake date, number: both descending, read backwards).
        Index("ix_cases_list_order", "intake_date", "number"),
        # Cases gone quiet, oldest activity first (service.care.tasks: last_activity_at, id) in that
        # exact order: the bare last_activity_at index re-sorted each run of equal times.
        Index("ix_cases_activity_order", "last_activity_at", "id"),
    )

    number: Mapped[str] = mapped_column(String(24), unique=True)
    person_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("persons.id"), index=True)
    category_code: Mapped[str] = mapped_column(ForeignKey("ppks_categories.code"), index=True)
    # Copied from the category at intake: need-to-know filtering in SQL without a join.
    is_sensitive: Mapped[bool] = mapped_column(default=False, index=True)
    status: Mapped[str] = mapped_column(String(20), default="new", index=True)
    intake_source: Mapped[str] = mapped_column(String(30))
    intake_date: Mapped[dt.date]
    found_place: Mapped[str | None] = mapped_column(Text, default=None)
    # Region that governs access: where the person was found or lives (village or district code).
    area_code: Mapped[str] = mapped_column(String(13), index=True)
    urgency: Mapped[str] = mapped_column(String(12), default="normal")
    consent_given: Mapped[bool] = mapped_column(default=False)
    consent_by: Mapped[str | None] = mapped_column(String(200), default=None)  # self / guardian's name
    consent_note: Mapped[str | None] = mapped_column(Text, default=None)
    worker_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("users.id"), index=True, default=None)
    # Institution placement vs outside (rehabilitation setting); detail in the services area.
    in_institution: Mapped[bool] = mapped_column(default=False)
    disaster_event_id: Mapped[uuid.UUID | None] = mapped_column(index=True, default=None)
    close_reason: Mapped[str | None] = mapped_column(String(30), default=None)
    closed_on: Mapped[dt.date | None] = mapped_column(default=None)
    last_activity_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    notes: Mapped[str | None] = mapped_column(Text, default=None)

    person: Mapped[Person] = relationship()
    transitions: Mapped[list[CaseTransition]] = relationship(
        back_populates="case", order_by="CaseTransition.at", cascade="all, delete-orphan"
    )
    assessments: Mapped[list[Assessment]] = relationship(
        back_populates="case", order_by="Assessment.assessed_on", cascade="all, delete-orphan"
    )
    plan_items: Mapped[list[CasePlanItem]] = relationship(
        back_populates="case", order_by="CasePlanItem.due_on", cascade="all, delete-orphan"
    )

    def assigned_user_ids(self) -> list[uuid.UUID]:
        return [self.worker_id] if self.worker_id else []

    def __repr__(self) -> str:
        return f"<Case {self.number} {self.status}>"


class CaseTransition(UUIDPk, Base):
    """Append-only history of status changes: who, when, why, who approved."""

    __tablename__ = "case_transitions"

    case_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"), index=True)
    from_status: Mapped[str | None] = mapped_column(String(20), default=None)
    to_status: Mapped[str] = mapped_column(String(20))
    at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    by_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("users.id"), default=None)
    reason: Mapped[str | None] = mapped_column(Text, default=None)
    approval_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("case_approvals.id"), default=None)

    case: Mapped[Case] = relationship(back_populates="transitions")


class CaseApproval(UUIDPk, Timestamps, Base):
    """A request for supervisor approval (plan, closure, assessment), and its decision."""

    __tablename__ = "case_approvals"

    case_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(20))  # plan / closure / assessment
    subject_id: Mapped[uuid.UUID | None] = mapped_column(default=None)  # e.g. the assessment
    payload: Mapped[dict[str, Any]] = mapped_column(default=dict)  # e.g. {"to_status": "closed", "reason": ...}
    status: Mapped[str] = mapped_column(String(12), default="pending", index=True)  # pending/approved/rejected
    requested_by_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("users.id"), default=None)
    requested_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    decided_by_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("users.id"), default=None)
    decided_at: Mapped[dt.datetime | None] = mapped_column(default=None)
    comment: Mapped[str | None] = mapped_column(Text, default=None)

    # Also orders the flush: a case opened in the same flush (a sync chunk) is inserted first.
    case: Mapped[Case] = relationship()


class Assessment(UUIDPk, Timestamps, Versioned, Base):
    """A dated assessment: eligibility for the category's SPM basic service and the needs.

    SPM counts a person as *needing* service S from an eligible assessment in the
    period (shared spec SPM.md); disaster-victim registration creates one for
    ``bencana``. Re-assessment adds a new row (``supersedes_id``); history stays.
    """

    __tablename__ = "assessments"
    __table_args__ = (
        Index("ix_assessments_spm", "basic_service_code", "assessed_on"),
        Index("ix_assessments_person_date", "person_id", "assessed_on"),
    )

    case_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"), index=True,
                                                      default=None)
    # Denormalised from the case: SPM queries count persons without joining cases.
    person_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("persons.id"))
    category_code: Mapped[str] = mapped_column(ForeignKey("ppks_categories.code"))
    # The category's SPM basic service at assessment time (None: category outside SPM).
    basic_service_code: Mapped[str | None] = mapped_column(ForeignKey("basic_services.code"), default=None)
    assessed_on: Mapped[dt.date]
    assessor_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("users.id"), default=None)
    neglected: Mapped[bool] = mapped_column(default=True)  # terlantar
    outside_institution: Mapped[bool] = mapped_column(default=True)  # di luar panti
    # Eligible for the SPM basic service (rehabilitation: neglected and outside an institution).
    eligible: Mapped[bool] = mapped_column(default=True)
    notes: Mapped[str | None] = mapped_column(Text, default=None)
    status: Mapped[str] = mapped_column(String(12), default="submitted")  # submitted / approved / rejected
    approved_by_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("users.id"), default=None)
    approved_at: Mapped[dt.datetime | None] = mapped_column(default=None)
    approval_comment: Mapped[str | None] = mapped_column(Text, default=None)
    supersedes_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("assessments.id"), default=None)
    disaster_event_id: Mapped[uuid.UUID | None] = mapped_column(index=True, default=None)
    source: Mapped[str] = mapped_column(String(12), default="web")  # web / api / import / sync / disaster
    # Identity of an imported/synced assessment, so re-import changes nothing.
    external_key: Mapped[str | None] = mapped_column(String(64), unique=True, default=None)

    case: Mapped[Case | None] = relationship(back_populates="assessments")
    needs: Mapped[list[AssessmentNeed]] = relationship(back_populates="assessment", cascade="all, delete-orphan")

    @property
    def need_codes(self) -> list[str]:
        return sorted(n.service_type_code for n in self.needs)


class AssessmentNeed(Base):
    __tablename__ = "assessment_needs"

    assessment_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("assessments.id", ondelete="CASCADE"),
                                                     primary_key=True)
    service_type_code: Mapped[str] = mapped_column(ForeignKey("service_types.code"), primary_key=True)

    assessment: Mapped[Assessment] = relationship(back_populates="needs")


class CasePlanItem(UUIDPk, Timestamps, Versioned, Base):
    """A planned service with a responsible worker and a due date."""

    __tablename__ = "case_plan_items"
    __table_args__ = (UniqueConstraint("case_id", "service_type_code", "due_on"),)

    case_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"), index=True)
    service_type_code: Mapped[str] = mapped_column(ForeignKey("service_types.code"))
    responsible_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("users.id"), index=True, default=None)
    due_on: Mapped[dt.date]
    notes: Mapped[str | None] = mapped_column(Text, default=None)
    status: Mapped[str] = mapped_column(String(12), default="planned")  # planned / done / cancelled
    delivery_id: Mapped[uuid.UUID | None] = mapped_column(default=None)
    # Why the item was cancelled (or a note on completion); who/when changed the status.
    status_reason: Mapped[str | None] = mapped_column(Text, default=None)
    status_changed_at: Mapped[dt.datetime | None] = mapped_column(default=None)
    status_changed_by_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("users.id"), default=None)

    case: Mapped[Case] = relationship(back_populates="plan_items")
