"""Case intake, lifecycle (a state machine stored as data) and assessments.

Owner of ``service.casework.models``. The allowed transitions live in the
``case_transition_rules`` table (loaded from ``reference/data/case_transitions.csv``);
``transition`` is the only place that changes ``Case.status``.
"""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from sqlalchemy import Select, and_, exists, or_, select, update

from service.casework.models import (
    CLOSE_REASONS,
    INTAKE_SOURCES,
    URGENCIES,
    Assessment,
    AssessmentNeed,
    Case,
    CaseApproval,
    CaseNumberSequence,
    CasePlanItem,
    CaseTransition,
    CaseTransitionRule,
)
from service.core import clock
from service.core.access import may_see_sensitive_unassigned, scope_area
from service.core.db import get_or_raise, session, utcnow
from service.core.errors import N_, NotFound, ValidationError
from service.core.formatting import parse_date
from service.reference.models import BasicService, PpksCategory, ServiceType
from service.registry.models import Person

# Case-number prefix per SPM basic service of the category (data, not ifs); others use DEFAULT_PREFIX.
CASE_PREFIXES: dict[str | None, str] = {"bencana": "BNC"}
DEFAULT_PREFIX = "REH"


def next_case_number(prefix: str, year: int) -> str:
    """``REH-2026-00042``: unique per prefix and year, safe under concurrent intake.

    The counter row is created if missing, then incremented with one UPDATE …
    RETURNING, which takes a row lock on PostgreSQL (writers queue) and the
    database write lock on SQLite.
    """
    table = CaseNumberSequence.__table__
    dialect = session.get_bind().dialect.name
    if dialect == "postgresql":
        from sqlalchemy.dialects.postgresql import insert as dialect_insert
    else:
        from sqlalchemy.dialects.sqlite import insert as dialect_insert  # type: ignore[assignment]
    session.execute(
        dialect_insert(table).values(prefix=prefix, year=year, last_value=0).on_conflict_do_nothing()
    )
    value = session.execute(
        update(table)
        .where(table.c.prefix == prefix, table.c.year == year)
        .values(last_value=table.c.last_value + 1)
        .returning(table.c.last_value)
    ).scalar_one()
    return f"{prefix}-{year}-{value:05d}"


def get_category(code: str | None) -> PpksCategory:
    category = session.get(PpksCategory, code) if code else None
    if category is None or not category.active:
        raise ValidationError({"category_code": N_("Kategori PPKS tidak dikenal: {code}.")}, code=code or "")
    return category


def get_case(case_id: uuid.UUID | str) -> Case:
    return get_or_raise(Case, case_id, N_("Kasus tidak ditemukan."))  # type: ignore[no-any-return]


def open_case_for(person: Person, category_code: str) -> Case | None:
    """The person's open (not closed) case in this category, if any."""
    return session.scalar(
        select(Case).where(Case.person_id == person.id, Case.category_code == category_code,
                           Case.status != "closed").order_by(Case.intake_date)
    )


def find_or_open_case(person: Person, category_code: str, intake_source: str,
                      intake_date: dt.date | str | None = None, **open_kw: Any) -> tuple[Case, bool]:
    """The person's open case in this category, or a new one opened with ``open_case``; and whether it is new.

    The one way every door that records work for a person (the BNBA import, a synced assessment, a
    disaster victim's registration) gets "the case this belongs to".
    """
    case = open_case_for(person, category_code)
    if case is not None:
        return case, False
    return open_case(person, category_code, intake_source, intake_date, **open_kw), True


def open_case(
    person: Person,
    category_code: str,
    intake_source: str,
    intake_date: dt.date | str | None = None,
    *,
    area_code: str | None = None,
    found_place: str | None = None,
    urgency: str = "normal",
    consent_given: bool = False,
    consent_by: str | None = None,
    consent_note: str | None = None,
    worker_id: uuid.UUID | None = None,
    by_id: uuid.UUID | None = None,
    disaster_event_id: uuid.UUID | None = None,
    notes: str | None = None,
    case_id: uuid.UUID | None = None,
) -> Case:
    """Open a case (status ``new``) with a readable number."""
    category = get_category(category_code)
    errors: dict[str, str] = {}
    if intake_source not in INTAKE_SOURCES:
        errors["intake_source"] = N_("Sumber rujukan/penerimaan tidak dikenal.")
    if urgency not in URGENCIES:
        errors["urgency"] = N_("Tingkat kedaruratan tidak dikenal.")
    try:
        intake = parse_date(intake_date, "intake_date") or clock.today()
    except ValidationError as exc:
        errors.update(exc.fields)
        intake = clock.today()
    if intake > clock.today():
        errors["intake_date"] = N_("Tanggal tidak boleh di masa depan.")
    if errors:
        raise ValidationError(errors)
    prefix = CASE_PREFIXES.get(category.spm_service_code, DEFAULT_PREFIX)
    case = Case(
        id=case_id or uuid.uuid4(),
        number=next_case_number(prefix, intake.year),
        person_id=person.id,
        category_code=category.code,
        is_sensitive=category.sensitive,
        status="new",
        intake_source=intake_source,
        intake_date=intake,
        found_place=found_place,
        area_code=area_code or person.area_code,
        urgency=urgency,
        consent_given=consent_given,
        consent_by=consent_by,
        consent_note=consent_note,
        worker_id=worker_id,
        disaster_event_id=disaster_event_id,
        notes=notes,
    )
    session.add(case)
    session.add(CaseTransition(case=case, from_status=None, to_status="new", by_id=by_id,
                               reason=N_("Kasus dibuka")))
    session.flush()
    return case


def allowed_transitions(status: str) -> list[CaseTransitionRule]:
    return list(session.scalars(select(CaseTransitionRule).where(CaseTransitionRule.from_status == status)))


def transition(
    case: Case,
    to_status: str,
    *,
    by_id: uuid.UUID | None = None,
    reason: str | None = None,
    approval_id: uuid.UUID | None = None,
) -> CaseTransition:
    """Move a case along an allowed transition; refused otherwise.

    A rule with ``needs_approval`` requires ``approval_id`` (an approved
    CaseApproval); the approval flow itself lives in the casework UI/services.
    """
    rule = session.get(CaseTransitionRule, (case.status, to_status))
    if rule is None:
        raise ValidationError({"status": N_("Perubahan status dari {from_status} ke {to_status} tidak diizinkan.")},
                              from_status=case.status, to_status=to_status)
    if rule.needs_reason and not (reason or "").strip():
        raise ValidationError({"reason": N_("Alasan wajib diisi untuk perubahan status ini.")})
    if rule.needs_approval and approval_id is None:
        raise ValidationError({"status": N_("Perubahan status ini memerlukan persetujuan supervisor.")})
    step = CaseTransition(from_status=case.status, to_status=to_status, by_id=by_id, reason=reason,
                          approval_id=approval_id)
    case.transitions.append(step)
    case.status = to_status
    case.last_activity_at = utcnow()
    session.flush()
    return step


def basic_service_for(category: PpksCategory) -> BasicService | None:
    return session.get(BasicService, category.spm_service_code) if category.spm_service_code else None


def record_assessment(
    case: Case,
    assessed_on: dt.date | str,
    needs: list[str],
    *,
    neglected: bool = True,
    outside_institution: bool = True,
    notes: str | None = None,
    assessor_id: uuid.UUID | None = None,
    source: str = "web",
    external_key: str | None = None,
    disaster_event_id: uuid.UUID | None = None,
    supersedes_id: uuid.UUID | None = None,
    assessment_id: uuid.UUID | None = None,
) -> Assessment:
    """Record an assessment of the case's person for the case's category.

    Eligible for the SPM basic service when neglected and outside an
    institution (for ``bencana``: always). Needs must be components of that
    basic service (at least one when eligible); for categories outside SPM any
    active service type. A ``new`` case moves to ``assessment``.
    """
    if external_key:
        existing = session.scalar(select(Assessment).where(Assessment.external_key == external_key))
        if existing is not None:
            return existing
    category = get_category(case.category_code)
    service = basic_service_for(category)
    errors: dict[str, str] = {}
    try:
        day = parse_date(assessed_on, "assessed_on", required=True)
    except ValidationError as exc:
        errors.update(exc.fields)
        day = None
    if day is not None and day > clock.today():
        errors["assessed_on"] = N_("Tanggal tidak boleh di masa depan.")
    codes = sorted({c.strip() for c in needs if c and c.strip()})
    if service is not None:
        allowed = set(service.component_codes)
    else:
        allowed = set(session.scalars(select(ServiceType.code).where(ServiceType.active)))
    unknown = [c for c in codes if c not in allowed]
    if unknown:
        errors["needs"] = N_("Kebutuhan tidak dikenal untuk layanan ini: {codes}.")
    eligible = service is not None and (service.code == "bencana" or (neglected and outside_institution))
    if eligible and not codes:
        errors["needs"] = N_("Pilih minimal satu kebutuhan.")
    if errors:
        raise ValidationError(errors, codes=", ".join(unknown))
    assessment = Assessment(
        id=assessment_id or uuid.uuid4(),
        case_id=case.id,
        person_id=case.person_id,
        category_code=category.code,
        basic_service_code=service.code if service else None,
        assessed_on=day,
        assessor_id=assessor_id,
        neglected=neglected,
        outside_institution=outside_institution,
        eligible=eligible,
        notes=notes,
        source=source,
        external_key=external_key,
        disaster_event_id=disaster_event_id,
        supersedes_id=supersedes_id,
        needs=[AssessmentNeed(service_type_code=c) for c in codes],
    )
    case.assessments.append(assessment)
    case.last_activity_at = utcnow()
    session.flush()
    if case.status == "new":
        transition(case, "assessment", by_id=assessor_id, reason=N_("Asesmen dicatat"))
    return assessment


# ---------------------------------------------------------------- approvals
APPROVAL_KINDS = ("assessment", "plan", "closure")


def get_approval(approval_id: uuid.UUID | str) -> CaseApproval:
    return get_or_raise(CaseApproval, approval_id, N_("Permintaan persetujuan tidak ditemukan."))  # type: ignore[no-any-return]


def pending_approval(case: Case, kind: str) -> CaseApproval | None:
    return session.scalar(select(CaseApproval).where(CaseApproval.case_id == case.id, CaseApproval.kind == kind,
                                                     CaseApproval.status == "pending"))


def approvals_of(case: Case) -> list[CaseApproval]:
    return list(session.scalars(select(CaseApproval).where(CaseApproval.case_id == case.id)
                                .order_by(CaseApproval.requested_at)))


def _request(case: Case, kind: str, by_id: uuid.UUID | None, payload: dict[str, Any],
             subject_id: uuid.UUID | None = None) -> CaseApproval:
    if pending_approval(case, kind) is not None:
        raise ValidationError({"_": N_("Sudah ada permintaan persetujuan yang menunggu untuk kasus ini.")})
    approval = CaseApproval(case_id=case.id, kind=kind, subject_id=subject_id, payload=payload,
                            requested_by_id=by_id)
    session.add(approval)
    case.last_activity_at = utcnow()
    session.flush()
    return approval


def request_assessment_approval(assessment: Assessment, by_id: uuid.UUID | None = None) -> CaseApproval:
    if assessment.case is None:
        raise ValidationError({"_": N_("Asesmen ini tidak terkait kasus.")})
    if assessment.status != "submitted":
        raise ValidationError({"_": N_("Asesmen ini sudah diputuskan.")})
    return _request(assessment.case, "assessment", by_id, {}, assessment.id)


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
    if session.get(CaseTransitionRule, (case.status, "closed")) is None:
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


def reopen_case(case: Case, reason: str, by_id: uuid.UUID | None = None) -> CaseTransition:
    step = transition(case, "assessment", by_id=by_id, reason=reason)
    case.close_reason = None
    case.closed_on = None
    session.flush()
    return step


def latest_assessment(case: Case) -> Assessment | None:
    current = [a for a in case.assessments if a.status != "rejected"]
    return max(current, key=lambda a: (a.assessed_on, a.created_at)) if current else None


def reassess(case: Case, assessed_on: dt.date | str, needs: list[str], **kw: Any) -> Assessment:
    """A new assessment superseding the latest one (history stays); a case in plan goes back to assessment."""
    previous = latest_assessment(case)
    assessment = record_assessment(case, assessed_on, needs, supersedes_id=previous.id if previous else None, **kw)
    if case.status == "plan":
        transition(case, "assessment", by_id=kw.get("assessor_id"), reason=N_("Asesmen ulang"))
    return assessment


# ---------------------------------------------------------------- case plan
def add_plan_item(case: Case, service_type_code: str, due_on: dt.date | str, *,
                  responsible_id: uuid.UUID | None = None, notes: str | None = None,
                  by_id: uuid.UUID | None = None) -> CasePlanItem:
    """Plan a service from the approved assessment's needs; the first item moves the case to ``plan``."""
    errors: dict[str, str] = {}
    latest = latest_assessment(case)
    if case.status not in ("assessment", "plan"):
        raise ValidationError({"status": N_("Rencana layanan hanya dapat disusun setelah asesmen.")})
    if latest is None or latest.status != "approved":
        raise ValidationError({"_": N_("Asesmen terakhir harus disetujui supervisor sebelum rencana disusun.")})
    if service_type_code not in latest.need_codes:
        errors["service_type_code"] = N_("Layanan ini tidak termasuk kebutuhan hasil asesmen.")
    try:
        due = parse_date(due_on, "due_on", required=True)
    except ValidationError as exc:
        errors.update(exc.fields)
        due = None
    if responsible_id is None:
        errors["responsible_id"] = N_("Pilih petugas penanggung jawab.")
    if due is not None and any(i.service_type_code == service_type_code and i.due_on == due
                               for i in case.plan_items):
        errors["service_type_code"] = N_("Layanan ini sudah direncanakan pada tanggal itu.")
    if errors:
        raise ValidationError(errors)
    item = CasePlanItem(case_id=case.id, service_type_code=service_type_code, due_on=due,
                        responsible_id=responsible_id, notes=notes)
    case.plan_items.append(item)
    case.last_activity_at = utcnow()
    session.flush()
    if case.status == "assessment":
        transition(case, "plan", by_id=by_id, reason=N_("Rencana layanan disusun"))
    return item


def get_plan_item(case: Case, item_id: uuid.UUID | str) -> CasePlanItem:
    """A planned service of ``case``; NotFound for an unknown id or another case's item."""
    try:
        iid = item_id if isinstance(item_id, uuid.UUID) else uuid.UUID(str(item_id))
    except ValueError:
        raise NotFound("plan item") from None
    item = session.get(CasePlanItem, iid)
    if item is None or item.case_id != case.id:
        raise NotFound("plan item")
    return item


def plan_item_deliveries(item: CasePlanItem) -> list[Any]:
    """Deliveries that may fulfil ``item``: same case and service type, delivered, not voided."""
    from service.care.models.deliveries import Delivery

    return list(session.scalars(
        select(Delivery).where(Delivery.case_id == item.case_id, Delivery.service_type_code == item.service_type_code,
                               Delivery.delivered_on.is_not(None), Delivery.voided_at.is_(None))
        .order_by(Delivery.delivered_on.desc())))


def set_plan_item_status(item: CasePlanItem, status: str, delivery_id: uuid.UUID | str | None = None, *,
                         reason: str | None = None, by_id: uuid.UUID | None = None) -> CasePlanItem:
    """Mark a planned service done (optionally citing the delivery that fulfilled it) or cancelled (reason required).

    Only a ``planned`` item of an open case changes; done and cancelled are final.
    """
    if status not in ("done", "cancelled"):
        raise ValidationError({"status": N_("Status rencana tidak dikenal.")})
    case = session.get(Case, item.case_id)
    if case is None or case.status == "closed":
        raise ValidationError({"_": N_("Kasus yang ditutup harus dibuka kembali lebih dulu.")})
    if item.status != "planned":
        raise ValidationError({"_": N_("Layanan ini sudah selesai atau dibatalkan.")})
    reason = (reason or "").strip() or None
    errors: dict[str, str] = {}
    delivery_uuid = None
    if status == "cancelled":
        if reason is None:
            errors["reason"] = N_("Tuliskan alasan pembatalan.")
        if delivery_id:
            errors["delivery_id"] = N_("Layanan yang dibatalkan tidak dapat dikaitkan dengan pemberian layanan.")
    elif delivery_id:
        try:
            delivery_uuid = delivery_id if isinstance(delivery_id, uuid.UUID) else uuid.UUID(str(delivery_id))
        except ValueError:
            delivery_uuid = None
        if delivery_uuid is None or delivery_uuid not in {d.id for d in plan_item_deliveries(item)}:
            errors["delivery_id"] = N_("Pilih pemberian layanan yang sesuai dari kasus ini.")
    if errors:
        raise ValidationError(errors)
    item.status = status
    item.status_reason = reason
    item.status_changed_at = utcnow()
    item.status_changed_by_id = by_id
    if delivery_uuid is not None:
        item.delivery_id = delivery_uuid
    case.last_activity_at = utcnow()
    session.flush()
    return item


# ---------------------------------------------------------------- lists
def visible_cases_filter(user: Any) -> Any:
    """SQL twin of ``can(user, "case.view", case)``: area plus need-to-know."""
    area = scope_area(user, Case.area_code)
    if may_see_sensitive_unassigned(user):
        return area
    return and_(area, or_(Case.is_sensitive.is_(False), Case.worker_id == user.id))


def overdue_filter(today: dt.date | None = None) -> Any:
    """A planned service past its due date, or a new case not assessed within 14 days."""
    today = today or clock.today()
    late_item = exists().where(CasePlanItem.case_id == Case.id, CasePlanItem.status == "planned",
                               CasePlanItem.due_on < today)
    return or_(late_item, and_(Case.status == "new", Case.intake_date < today - dt.timedelta(days=14)))


def case_query(user: Any, *, q: str | None = None, status: str | None = None, category: str | None = None,
               spm_service: str | None = None, area: str | None = None, worker_id: Any = None,
               overdue: bool = False, mine: bool = False, person_id: Any = None,
               today: dt.date | None = None) -> Select[Any]:
    stmt = select(Case).join(Person, Person.id == Case.person_id).where(visible_cases_filter(user))
    if q and q.strip():
        from service.registry.nik import normalise
        from service.registry.persons import name_key

        digits = normalise(q)
        if digits.isdigit() and len(digits) >= 4:
            stmt = stmt.where(Person.nik.like(f"%{digits}%"))
        else:
            stmt = stmt.where(or_(Person.name_key.like(f"%{name_key(q)}%"), Person.name.ilike(f"%{q.strip()}%"),
                                  Case.number.ilike(f"%{q.strip()}%")))
    if status:
        stmt = stmt.where(Case.status == status)
    if category:
        stmt = stmt.where(Case.category_code == category)
    if spm_service:
        stmt = stmt.where(Case.category_code.in_(
            select(PpksCategory.code).where(PpksCategory.spm_service_code == spm_service)))
    if area:
        stmt = stmt.where(or_(Case.area_code == area, Case.area_code.like(area + ".%")))
    if worker_id:
        stmt = stmt.where(Case.worker_id == worker_id)
    if mine:
        stmt = stmt.where(Case.worker_id == user.id)
    if person_id:
        stmt = stmt.where(Case.person_id == person_id)
    if overdue:
        stmt = stmt.where(overdue_filter(today))
    return stmt.order_by(Case.intake_date.desc(), Case.number.desc())


def timeline(case: Case) -> list[dict[str, Any]]:
    """Everything that happened to a case, oldest first: status changes, assessments, approvals, plan, services."""
    from service.care.models.deliveries import Delivery

    events: list[dict[str, Any]] = []
    for t in case.transitions:
        events.append({"at": t.at, "kind": "transition", "item": t})
    for a in case.assessments:
        events.append({"at": a.created_at, "kind": "assessment", "item": a})
    for ap in approvals_of(case):
        events.append({"at": ap.requested_at, "kind": "approval_request", "item": ap})
        if ap.decided_at:
            events.append({"at": ap.decided_at, "kind": "approval_decision", "item": ap})
    for p in case.plan_items:
        events.append({"at": p.created_at, "kind": "plan_item", "item": p})
    for d in session.scalars(select(Delivery).where(Delivery.case_id == case.id)):
        events.append({"at": d.created_at, "kind": "delivery", "item": d})
    order = {"transition": 1, "assessment": 0, "approval_request": 2, "approval_decision": 3, "plan_item": 0,
             "delivery": 0}
    return sorted(events, key=lambda e: (e["at"], order[e["kind"]]))


def assign_worker(case: Case, worker_id: uuid.UUID | None) -> Case:
    case.worker_id = worker_id
    case.last_activity_at = utcnow()
    session.flush()
    return case


# ---------------------------------------------------------------- demo office
# person, category, source, intake date, worker, urgency, found place, steps
# steps: "assess" (submitted), "approve" (assessment approved), "plan" (plan items), "serve" (plan approved),
# "close" (closure approved)
DEMO_CASES: list[tuple[str, str, str, str, str | None, str, str, tuple[str, ...]]] = [
    ("Siti Rahayu", "lanjut_usia_terlantar", "outreach", "2026-02-03", "peksos", "normal", "", ("assess", "approve", "plan", "serve")),
    ("Sumarni", "lanjut_usia_terlantar", "community_report", "2026-03-11", "peksos", "high", "", ("assess", "approve", "plan")),
    ("Paijo", "lanjut_usia_terlantar", "walk_in", "2026-04-07", "peksos", "normal", "", ("assess",)),
    ("Muhammad Soleh", "gelandangan", "outreach", "2026-05-19", "peksos", "normal", "Depan Masjid Taqwa", ()),
    ("Wagiman", "lanjut_usia_terlantar", "outreach", "2026-01-20", "peksos2", "normal", "", ("assess", "approve", "plan", "serve", "close")),
    ("Tuminah", "penyandang_disabilitas", "hospital_referral", "2026-06-02", "peksos2", "high", "RSUD Jend. A. Yani", ("assess", "approve")),
    ("Sri Wahyuni", "lanjut_usia_terlantar", "complaint", "2026-09-14", "peksos2", "normal", "", ()),
    ("Yanto", "odgj_terlantar", "police", "2026-10-05", None, "emergency", "Taman Merdeka", ("assess",)),
    ("Dewi Handayani", "korban_trafficking", "agency_referral", "2026-08-21", "peksos", "emergency", "Rujukan UPTD PPA", ("assess",)),
    ("Dimas Pratama", "anak_terlantar", "community_report", "2026-07-08", None, "normal", "", ("assess", "approve")),
    ("Slamet Riyadi", "penyandang_disabilitas", "walk_in", "2026-10-28", None, "normal", "", ()),
    ("Agus Hidayat", "anak_jalanan", "outreach", "2026-11-02", "peksos", "normal", "Perempatan Tugu Meter", ()),
]


def seed_demo_cases() -> None:
    from service.accounts.users import find_by_username
    from service.registry.persons import demo_person

    supervisor = find_by_username("supervisor")
    sup_id = supervisor.id if supervisor else None
    for name, category, source, intake, worker_name, urgency, place, steps in DEMO_CASES:
        person = demo_person(name)
        if person is None:
            continue
        if session.scalar(select(Case).where(Case.person_id == person.id, Case.category_code == category)):
            continue
        worker = find_by_username(worker_name) if worker_name else None
        worker_id = worker.id if worker else None
        case = open_case(person, category, source, intake, urgency=urgency, found_place=place or None,
                         consent_given=True, consent_by="yang bersangkutan", worker_id=worker_id, by_id=worker_id)
        day = dt.date.fromisoformat(intake)
        cat = get_category(category)
        service = basic_service_for(cat)
        needs = (service.component_codes[:2] if service else ["permakanan"])
        if "assess" in steps:
            assessment = record_assessment(case, day + dt.timedelta(days=3), needs, assessor_id=worker_id,
                                           notes="Kondisi rumah tidak layak, tidak ada keluarga yang merawat.")
            if "approve" in steps:
                approval = request_assessment_approval(assessment, by_id=worker_id)
                decide_approval(approval, True, by_id=sup_id, comment="Sesuai hasil kunjungan.")
        if "plan" in steps:
            for offset, code in enumerate(needs):
                add_plan_item(case, code, day + dt.timedelta(days=14 + 7 * offset), responsible_id=worker_id,
                              by_id=worker_id)
        if "serve" in steps:
            decide_approval(request_plan_approval(case, by_id=worker_id), True, by_id=sup_id)
        if "close" in steps:
            closure = request_closure(case, "reunified", "Kembali diasuh keluarga.", by_id=worker_id)
            decide_approval(closure, True, by_id=sup_id, today=day + dt.timedelta(days=90))


def _register_demo() -> None:
    from service.core.demo import register_seeder

    register_seeder(20, "casework.cases", seed_demo_cases)


_register_demo()
