"""Case intake, lifecycle (a state machine stored as data) and assessments.

Owner of ``service.casework.models``. The allowed transitions live in the
``case_transition_rules`` table (loaded from ``reference/data/case_transitions.csv``);
``transition`` is the only place that changes ``Case.status``.
"""

from __future__ import annotations

import datetime as dt
import itertools
import uuid
from collections.abc import Callable
from typing import Any

from sqlalchemy import and_, event, or_, select
from sqlalchemy.orm import Session

from service.casework.models import (
    INTAKE_SOURCES,
    URGENCIES,
    Assessment,
    AssessmentNeed,
    Case,
    CaseNumberSequence,
    CaseTransition,
    CaseTransitionRule,
)
from service.core import batch, clock
from service.core.access import may_see_sensitive_unassigned, scope_area
from service.core.db import get_or_raise, session, utcnow
from service.core.errors import N_, ValidationError
from service.core.formatting import not_in_future, parse_date
from service.core.states import Transition, Workflow
from service.reference.models import BasicService, PpksCategory, ServiceType
from service.registry.models import Person

# Case-number prefix per SPM basic service of the category (data, not ifs); others use DEFAULT_PREFIX.
CASE_PREFIXES: dict[str | None, str] = {"bencana": "BNC"}
DEFAULT_PREFIX = "REH"


def reserve_case_numbers(prefix: str, year: int, count: int = 1, conn: Any = None) -> list[str]:
    """``count`` consecutive numbers ``REH-2026-00042`` …: unique per prefix and year, safe under
    concurrent intake.

    One upsert of the counter row (created if missing) ``… RETURNING last_value``, which takes a row
    lock on PostgreSQL (writers queue until commit) and the database write lock on SQLite.
    """
    table = CaseNumberSequence.__table__
    conn = conn if conn is not None else session.connection()
    if conn.dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert as dialect_insert
    else:
        from sqlalchemy.dialects.sqlite import insert as dialect_insert  # type: ignore[assignment]
    stmt = dialect_insert(table).values(prefix=prefix, year=year, last_value=count)
    stmt = stmt.on_conflict_do_update(index_elements=[table.c.prefix, table.c.year],
                                      set_={"last_value": table.c.last_value + count})
    last = conn.execute(stmt.returning(table.c.last_value)).scalar_one()
    return [f"{prefix}-{year}-{value:05d}" for value in range(last - count + 1, last + 1)]


def next_case_number(prefix: str, year: int) -> str:
    """The next number for ``prefix`` and ``year`` (``reserve_case_numbers`` of one)."""
    return reserve_case_numbers(prefix, year)[0]


# A case opened by ``open_case`` gets its number when it is flushed: the cases of one flush (a sync
# chunk) take their numbers with one counter upsert per prefix and year, in the order they were opened.
_opened = itertools.count()


@event.listens_for(Session, "before_flush", insert=True)  # before the audit hook: it records the number
def _number_new_cases(sess: Session, _ctx: Any, _instances: Any) -> None:
    waiting = [obj for obj in sess.new if isinstance(obj, Case) and obj.number is None
               and "_number_prefix" in obj.__dict__]
    if not waiting:
        return
    groups: dict[tuple[str, int], list[Case]] = {}
    for case in sorted(waiting, key=lambda c: c.__dict__["_number_order"]):
        groups.setdefault((case.__dict__["_number_prefix"], case.intake_date.year), []).append(case)
    conn = sess.connection()
    for (prefix, year), cases in groups.items():
        for case, number in zip(cases, reserve_case_numbers(prefix, year, len(cases), conn), strict=True):
            case.number = number


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
                      intake_date: dt.date | str | None = None, *,
                      before_open: Callable[[], None] | None = None, open_cases: list[Case] | None = None,
                      **open_kw: Any) -> tuple[Case, bool]:
    """The person's open case in this category, or a new one opened with ``open_case``; and whether it is new.

    The one way every door that records work for a person (the BNBA import, a synced assessment, a
    disaster victim's registration, a complaint) gets "the case this belongs to". ``before_open``
    runs only when a case is about to be opened (e.g. the access check for a new case).
    ``open_cases``: the person's open cases when the caller already holds them (a sync batch).
    """
    if open_cases is not None:
        same = sorted((c for c in open_cases if c.category_code == category_code and c.status != "closed"),
                      key=lambda c: c.intake_date)
        case = same[0] if same else None
    else:
        case = open_case_for(person, category_code)
    if case is not None:
        return case, False
    if before_open is not None:
        before_open()
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
    not_in_future(intake, "intake_date", clock.today(), errors)
    if errors:
        raise ValidationError(errors)
    prefix = CASE_PREFIXES.get(category.spm_service_code, DEFAULT_PREFIX)
    case = Case(
        id=case_id or uuid.uuid4(),
        number=None,  # numbered by its flush (``_number_new_cases``)
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
    case.__dict__.update(_number_prefix=prefix, _number_order=next(_opened))
    session.add(case)
    session.add(CaseTransition(case=case, from_status=None, to_status="new", by_id=by_id,
                               reason=N_("Kasus dibuka")))
    batch.flush()
    return case


def workflow() -> Workflow:
    """The case lifecycle as a :class:`~service.core.states.Workflow`, from its reference table
    (``case_transition_rules``, loaded from the reference data and editable there; read once per
    sync batch, ``service.core.batch.memo``)."""
    return batch.memo("case_workflow", _workflow)


def _workflow() -> Workflow:
    rules = session.scalars(select(CaseTransitionRule).order_by(CaseTransitionRule.from_status,
                                                                CaseTransitionRule.to_status))
    return Workflow("case", [Transition(r.from_status, r.to_status, needs_reason=r.needs_reason,
                                        needs_approval=r.needs_approval) for r in rules],
                    message=N_("Perubahan status dari {from_status} ke {to_status} tidak diizinkan."))


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
    workflow().check(case.status, to_status, reason=reason, approved=approval_id is not None)
    step = CaseTransition(from_status=case.status, to_status=to_status, by_id=by_id, reason=reason,
                          approval_id=approval_id)
    case.transitions.append(step)
    case.status = to_status
    case.last_activity_at = utcnow()
    batch.flush()
    return step


def basic_service_for(category: PpksCategory) -> BasicService | None:
    return session.get(BasicService, category.spm_service_code) if category.spm_service_code else None


# The service-type group (``service_types.csv`` ``group``) of the disaster-only items: they are
# offered as needs only where the case's basic service itself lists items of that group.
DISASTER_GROUP = "bencana"


def need_options(category: PpksCategory) -> tuple[list[ServiceType], list[ServiceType]]:
    """The needs an assessment of ``category`` may list: (the components of its SPM basic service,
    in the standard's order; the other active service types, by name).

    Disaster-only items (group ``bencana``) are offered only when the basic service has such
    components (a disaster case); categories outside SPM have no components, only "other" needs.
    """
    service = basic_service_for(category)
    components = [c.service_type for c in service.components if c.service_type.active] if service else []
    disaster = any(st.group == DISASTER_GROUP for st in components)
    taken = {st.code for st in components}
    active = batch.memo("active_service_types", lambda: list(session.scalars(
        select(ServiceType).where(ServiceType.active).order_by(ServiceType.name_id))))
    others = [st for st in active if st.code not in taken and (disaster or st.group != DISASTER_GROUP)]
    return components, others


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
    institution (for ``bencana``: always). Needs are those ``need_options``
    offers: the components of that basic service (at least one when eligible —
    only they count in SPM) and other active service types, disaster-only items
    only for a disaster case. A ``new`` case moves to ``assessment``.
    """
    if external_key and not batch.key_is_new(Assessment, external_key):
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
    not_in_future(day, "assessed_on", clock.today(), errors)
    codes = sorted({c.strip() for c in needs if c and c.strip()})
    components, others = need_options(category)
    allowed = {st.code for st in components + others}
    unknown = [c for c in codes if c not in allowed]
    if unknown:
        errors["needs"] = N_("Kebutuhan tidak dikenal untuk layanan ini: {codes}.")
    eligible = service is not None and (service.code == "bencana" or (neglected and outside_institution))
    if eligible and not codes:
        errors["needs"] = N_("Pilih minimal satu kebutuhan.")
    elif eligible and not unknown and not set(codes) & {st.code for st in components}:
        errors["needs"] = N_("Pilih minimal satu komponen layanan dasar SPM.")
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
    batch.flush()
    if case.status == "new":
        transition(case, "assessment", by_id=assessor_id, reason=N_("Asesmen dicatat"))
    return assessment



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


# ---------------------------------------------------------------- access and assignment
def visible_cases_filter(user: Any) -> Any:
    """SQL twin of ``can(user, "case.view", case)``: area plus need-to-know."""
    area = scope_area(user, Case.area_code)
    if may_see_sensitive_unassigned(user):
        return area
    return and_(area, or_(Case.is_sensitive.is_(False), Case.worker_id == user.id))


def assign_worker(case: Case, worker_id: uuid.UUID | None) -> Case:
    case.worker_id = worker_id
    case.last_activity_at = utcnow()
    session.flush()
    return case

