"""Approvals: a supervisor decides on an assessment, a case plan (plan -> in_service) or a closure.

See docs/casework.md.
"""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from sqlalchemy import Select, inspect, select

from service.casework.cases import get_case, reassess, transition, visible_cases_filter, workflow
from service.casework.models import CLOSE_REASONS, Assessment, Case, CaseApproval
from service.core import batch, clock
from service.core.db import get_or_raise, session, utcnow
from service.core.errors import N_, ValidationError

APPROVAL_KINDS = ("assessment", "plan", "closure")


def get_approval(approval_id: uuid.UUID | str) -> CaseApproval:
    return get_or_raise(CaseApproval, approval_id, N_("Permintaan persetujuan tidak ditemukan."))  # type: ignore[no-any-return]


PENDING = "pending_approvals"  # batch.memo key: {(case id, kind): the pending request or None}


def pending_approval(case: Case, kind: str) -> CaseApproval | None:
    """The case's pending request of this kind. In a sync chunk (``batch.deferring()``) without a
    query: a case not yet inserted has its requests in the session; for the batch's other cases the
    answer is what ``prefetch_pending`` read, kept up to date by ``_request``."""
    if inspect(case).pending:
        return next((a for a in session.new if isinstance(a, CaseApproval) and a.case_id == case.id
                     and a.kind == kind and a.status == "pending"), None)
    known = batch.memo(PENDING, dict) if batch.deferring() else {}
    if (case.id, kind) in known:
        found = known[(case.id, kind)]
        if found is None or (found.status == "pending" and not inspect(found).detached
                             and not inspect(found).transient):  # a request rolled back with its chunk
            return found  # type: ignore[no-any-return]
    return session.scalar(select(CaseApproval).where(CaseApproval.case_id == case.id, CaseApproval.kind == kind,
                                                     CaseApproval.status == "pending"))


def prefetch_pending(cases: list[Case]) -> None:
    """Inside ``batch.cached()``: the pending requests of these cases, in one query per 500 cases."""
    known = batch.memo(PENDING, dict)
    ids = [c.id for c in cases]
    for i in range(0, len(ids), 500):
        part = ids[i:i + 500]
        known.update({(cid, kind): None for cid in part for kind in APPROVAL_KINDS})
        for approval in session.scalars(select(CaseApproval).where(CaseApproval.case_id.in_(part),
                                                                   CaseApproval.status == "pending")):
            known[(approval.case_id, approval.kind)] = approval


def approvals_of(case: Case) -> list[CaseApproval]:
    return list(session.scalars(select(CaseApproval).where(CaseApproval.case_id == case.id)
                                .order_by(CaseApproval.requested_at)))


def _request(case: Case, kind: str, by_id: uuid.UUID | None, payload: dict[str, Any],
             subject_id: uuid.UUID | None = None) -> CaseApproval:
    if pending_approval(case, kind) is not None:
        raise ValidationError({"_": N_("Sudah ada permintaan persetujuan yang menunggu untuk kasus ini.")})
    approval = CaseApproval(case_id=case.id, kind=kind, subject_id=subject_id, payload=payload,
                            requested_by_id=by_id, status="pending")
    session.add(approval)
    batch.memo(PENDING, dict)[(case.id, kind)] = approval
    case.last_activity_at = utcnow()
    batch.flush()
    return approval


def request_assessment_approval(assessment: Assessment, by_id: uuid.UUID | None = None) -> CaseApproval:
    if assessment.case is None:
        raise ValidationError({"_": N_("Asesmen ini tidak terkait kasus.")})
    if assessment.status != "submitted":
        raise ValidationError({"_": N_("Asesmen ini sudah diputuskan.")})
    return _request(assessment.case, "assessment", by_id, {}, assessment.id)


def submit_assessment(case: Case, assessed_on: dt.date | str, needs: list[str], *, by_id: uuid.UUID | None,
                      **kw: Any) -> Assessment:
    """The assessment form's use case, at every door (web form, sync): a new assessment superseding
    the latest one, submitted for a supervisor's approval (``/kasus/persetujuan``). A request still
    pending for an earlier assessment moves to this one: the supervisor decides on the latest."""
    if case.status not in ("new", "assessment", "plan", "in_service"):
        raise ValidationError({"_": N_("Kasus yang ditutup harus dibuka kembali sebelum asesmen.")})
    assessment = reassess(case, assessed_on, needs, assessor_id=by_id, **kw)
    pending = pending_approval(case, "assessment")
    if pending is None:
        request_assessment_approval(assessment, by_id=by_id)
    else:
        pending.subject_id = assessment.id
        pending.requested_by_id = by_id
        pending.requested_at = utcnow()
        case.last_activity_at = utcnow()
        batch.flush()
    return assessment


def request_plan_approval(case: Case, by_id: uuid.UUID | None = None) -> CaseApproval:
    """The plan is ready: ask a supervisor to approve starting the services (plan → in_service)."""
    if case.status != "plan":
        raise ValidationError({"status": N_("Rencana hanya dapat diajukan saat kasus berstatus rencana.")})
    if not any(i.status == "planned" for i in case.plan_items):
        raise ValidationError({"_": N_("Tambahkan minimal satu layanan ke rencana.")})
    return _request(case, "plan", by_id, {"to_status": "in_service"})


def request_closure(case: Case, close_reason: str, note: str | None = None,
                    by_id: uuid.UUID | None = None) -> CaseApproval:
    """Ask to close the case with a reason (needs a supervisor's approval)."""
    if close_reason not in CLOSE_REASONS:
        raise ValidationError({"close_reason": N_("Pilih alasan penutupan kasus.")})
    if not workflow().can(case.status, "closed"):
        raise ValidationError({"status": N_("Kasus dengan status ini tidak dapat ditutup.")})
    return _request(case, "closure", by_id, {"to_status": "closed", "close_reason": close_reason,
                                              "note": (note or "").strip()})


def decide_approval(approval: CaseApproval, approve: bool, *, by_id: uuid.UUID | None = None,
                    comment: str | None = None, today: dt.date | None = None) -> CaseApproval:
    """A supervisor approves (the step happens now, citing the approval) or rejects (with a comment)."""
    if approval.status != "pending":
        raise ValidationError({"_": N_("Permintaan ini sudah diputuskan.")})
    comment = (comment or "").strip() or None
    if not approve and not comment:
        raise ValidationError({"comment": N_("Tulis alasan penolakan.")})
    case = get_case(approval.case_id)
    approval.status = "approved" if approve else "rejected"
    approval.decided_by_id = by_id
    approval.decided_at = utcnow()
    approval.comment = comment
    session.flush()
    if approval.kind == "assessment":
        assessment = session.get(Assessment, approval.subject_id)
        if assessment is not None:
            assessment.status = approval.status
            assessment.approved_by_id = by_id
            assessment.approved_at = approval.decided_at
            assessment.approval_comment = comment
    elif approve and approval.kind == "plan":
        transition(case, "in_service", by_id=by_id, reason=comment, approval_id=approval.id)
    elif approve and approval.kind == "closure":
        reason = approval.payload.get("close_reason")
        note = approval.payload.get("note") or ""
        transition(case, "closed", by_id=by_id, reason=f"{reason}: {note}" if note else reason,
                   approval_id=approval.id)
        case.close_reason = reason
        case.closed_on = today or clock.today()
    case.last_activity_at = utcnow()
    session.flush()
    return approval


def pending_approvals_query(user: Any) -> Select[Any]:
    return (select(CaseApproval).join(Case, Case.id == CaseApproval.case_id)
            .where(CaseApproval.status == "pending", visible_cases_filter(user))
            .order_by(CaseApproval.requested_at))

