"""Cases, assessments and approvals over the API — the same service functions as the web forms."""

from __future__ import annotations

import uuid
from typing import Any

from flask import jsonify, request

from blueprints.core.api import APIError, api_user, endpoint, json_body, query_int, require
from blueprints.registry.api import PERSON, PERSON_BODY, _nik_taken, load_person, person_json
from service.casework import approvals
from service.casework import cases as casework
from service.casework import queries as case_queries
from service.casework.models import Assessment, Case, CaseApproval
from service.core import audit, batch
from service.core.db import session
from service.core.errors import Conflict, NotFound, ValidationError
from service.core.interchange import person_fields
from service.core.pagination import paginate
from service.registry import persons as registry

CASE = {"type": "object", "properties": {
    "id": {"type": "string"}, "number": {"type": "string"}, "person_id": {"type": "string"},
    "category_code": {"type": "string"}, "status": {"type": "string"}, "intake_source": {"type": "string"},
    "intake_date": {"type": "string"}, "area_code": {"type": "string"}, "urgency": {"type": "string"},
    "worker_id": {"type": ["string", "null"]}, "is_sensitive": {"type": "boolean"},
    "close_reason": {"type": ["string", "null"]}, "version": {"type": "integer"}}}
ASSESSMENT = {"type": "object", "properties": {
    "id": {"type": "string"}, "case_id": {"type": "string"}, "assessed_on": {"type": "string"},
    "eligible": {"type": "boolean"}, "needs": {"type": "array", "items": {"type": "string"}},
    "status": {"type": "string"}, "supersedes_id": {"type": ["string", "null"]}}}
APPROVAL = {"type": "object", "properties": {
    "id": {"type": "string"}, "case_id": {"type": "string"}, "kind": {"type": "string"},
    "status": {"type": "string"}, "comment": {"type": ["string", "null"]}}}


def _s(value: Any) -> str | None:
    return str(value) if value is not None else None


def case_json(c: Case) -> dict[str, Any]:
    return {"id": str(c.id), "number": c.number, "person_id": str(c.person_id), "category_code": c.category_code,
            "status": c.status, "intake_source": c.intake_source, "intake_date": c.intake_date.isoformat(),
            "area_code": c.area_code, "urgency": c.urgency, "worker_id": _s(c.worker_id),
            "is_sensitive": c.is_sensitive, "consent_given": c.consent_given, "close_reason": c.close_reason,
            "version": c.version}


def assessment_json(a: Assessment) -> dict[str, Any]:
    return {"id": str(a.id), "case_id": _s(a.case_id), "assessed_on": a.assessed_on.isoformat(),
            "eligible": a.eligible, "basic_service_code": a.basic_service_code, "needs": a.need_codes,
            "status": a.status, "notes": a.notes, "supersedes_id": _s(a.supersedes_id)}


def approval_json(a: CaseApproval) -> dict[str, Any]:
    return {"id": str(a.id), "case_id": str(a.case_id), "kind": a.kind, "status": a.status, "payload": a.payload,
            "comment": a.comment, "subject_id": _s(a.subject_id)}


def load_case(case_id: str, action: str = "case.view") -> Case:
    try:
        case = casework.get_case(case_id)
    except NotFound:
        raise APIError(404, "not_found", "Case not found.") from None
    require(action, case)
    return case


def _uuid(raw: Any, name: str) -> uuid.UUID | None:
    if raw in (None, ""):
        return None
    try:
        return uuid.UUID(str(raw))
    except ValueError:
        raise APIError(422, "validation_error", f"{name} must be a UUID.", {name: "must be a UUID"}) from None


@endpoint("/cases", summary="Cases the caller may see (area and need-to-know)", tag="cases", action="case.view",
          parameters=[{"name": n, "in": "query", "schema": {"type": "string"}}
                      for n in ("q", "status", "category", "spm_service", "area", "mine", "overdue", "page",
                                "per_page")],
          response={"type": "object", "properties": {"items": {"type": "array", "items": CASE}}})
def cases_list() -> Any:
    a = request.args
    stmt = case_queries.case_query(api_user(), q=a.get("q"), status=a.get("status"), category=a.get("category"),
                               spm_service=a.get("spm_service"), area=a.get("area"), mine=a.get("mine") == "1",
                               overdue=a.get("overdue") == "1")
    page = paginate(stmt, query_int("page", minimum=1, default=1) or 1,
                    query_int("per_page", minimum=1, maximum=200, default=50) or 50)
    return jsonify({"items": [case_json(c) for c in page.items], **page.as_meta()})


CASE_FIELDS = {"category_code": {"type": "string"}, "intake_source": {"type": "string"},
               "intake_date": {"type": "string"}, "urgency": {"type": "string"}, "found_place": {"type": "string"},
               "consent_given": {"type": "boolean"}, "consent_by": {"type": "string"},
               "worker_id": {"type": "string"}, "notes": {"type": "string"}}


def open_case_from(person: Any, data: dict[str, Any]) -> Case:
    """``casework.open_case`` with the API's case fields (``POST /cases``, ``POST /intake``)."""
    return casework.open_case(person, str(data.get("category_code") or ""), str(data.get("intake_source") or ""),
                              data.get("intake_date"), urgency=str(data.get("urgency") or "normal"),
                              found_place=data.get("found_place"), consent_given=bool(data.get("consent_given")),
                              consent_by=data.get("consent_by"), worker_id=_uuid(data.get("worker_id"), "worker_id"),
                              by_id=api_user().id, notes=data.get("notes"))


@endpoint("/cases", ("POST",), summary="Open a case for a person", tag="cases", action="case.edit", status=201,
          response=CASE, body={"type": "object", "required": ["person_id", "category_code", "intake_source"],
                               "properties": {"person_id": {"type": "string"}, **CASE_FIELDS}})
def cases_create() -> Any:
    data = json_body()
    person = load_person(str(data.get("person_id") or ""), "case.edit")
    return jsonify(case_json(open_case_from(person, data))), 201


@endpoint("/cases/<case_id>", summary="One case with its transitions", tag="cases", action="case.view",
          response=CASE)
def cases_get(case_id: str) -> Any:
    case = load_case(case_id)
    audit.log_access("persons", case.person_id, f"api_case {case.number}")
    body = case_json(case)
    body["transitions"] = [{"from": t.from_status, "to": t.to_status, "at": t.at.isoformat(), "by_id": _s(t.by_id),
                            "reason": t.reason, "approval_id": _s(t.approval_id)} for t in case.transitions]
    body["plan_items"] = [{"service_type_code": i.service_type_code, "due_on": i.due_on.isoformat(),
                           "responsible_id": _s(i.responsible_id), "status": i.status} for i in case.plan_items]
    return jsonify(body)


@endpoint("/cases/<case_id>/assessments", summary="Assessments of a case (history included)", tag="cases",
          action="case.view", response={"type": "object", "properties": {"items": {"type": "array",
                                                                                     "items": ASSESSMENT}}})
def assessments_list(case_id: str) -> Any:
    case = load_case(case_id)
    audit.log_access("persons", case.person_id, f"api_assessments {case.number}")
    return jsonify({"items": [assessment_json(a) for a in case.assessments]})


@endpoint("/cases/<case_id>/assessments", ("POST",), summary="Record an assessment and ask for approval",
          tag="cases", action="case.edit", status=201, response=ASSESSMENT,
          body={"type": "object", "required": ["assessed_on", "needs"], "properties": {
              "assessed_on": {"type": "string"}, "needs": {"type": "array", "items": {"type": "string"}},
              "neglected": {"type": "boolean"}, "outside_institution": {"type": "boolean"},
              "notes": {"type": "string"}}})
def assessments_create(case_id: str) -> Any:
    case = load_case(case_id, "case.edit")
    data = json_body()
    needs = data.get("needs")
    if not isinstance(needs, list):
        raise APIError(422, "validation_error", "needs must be a list of codes.", {"needs": "must be a list"})
    assessment = casework.reassess(case, data.get("assessed_on") or "", [str(n) for n in needs],
                                   neglected=data.get("neglected", True) is not False,
                                   outside_institution=data.get("outside_institution", True) is not False,
                                   notes=data.get("notes"), assessor_id=api_user().id, source="api")
    approvals.request_assessment_approval(assessment, by_id=api_user().id)
    return jsonify(assessment_json(assessment)), 201


@endpoint("/cases/<case_id>/approvals", ("POST",), summary="Ask for plan (`plan`) or closure (`closure`) approval",
          tag="cases", action="case.edit", status=201, response=APPROVAL,
          body={"type": "object", "required": ["kind"], "properties": {
              "kind": {"enum": ["plan", "closure"]}, "close_reason": {"type": "string"}, "note": {"type": "string"}}})
def approvals_create(case_id: str) -> Any:
    case = load_case(case_id, "case.edit")
    data = json_body()
    kind = data.get("kind")
    if kind == "plan":
        approval = approvals.request_plan_approval(case, by_id=api_user().id)
    elif kind == "closure":
        approval = approvals.request_closure(case, str(data.get("close_reason") or ""), data.get("note"),
                                            by_id=api_user().id)
    else:
        raise APIError(422, "validation_error", "kind must be plan or closure.", {"kind": "plan or closure"})
    return jsonify(approval_json(approval)), 201


@endpoint("/approvals/<approval_id>/decision", ("POST",), summary="Approve or reject (supervisor)", tag="cases",
          action="case.approve", response=APPROVAL,
          body={"type": "object", "required": ["approve"], "properties": {
              "approve": {"type": "boolean"}, "comment": {"type": "string"}}})
def approvals_decide(approval_id: str) -> Any:
    try:
        approval = approvals.get_approval(approval_id)
    except NotFound:
        raise APIError(404, "not_found", "Approval not found.") from None
    load_case(str(approval.case_id), "case.approve")
    data = json_body()
    if not isinstance(data.get("approve"), bool):
        raise APIError(422, "validation_error", "approve must be true or false.", {"approve": "boolean"})
    approvals.decide_approval(approval, data["approve"], by_id=api_user().id, comment=data.get("comment"))
    return jsonify(approval_json(approval))


INTAKE = {"type": "object", "properties": {"person": PERSON, "case": CASE}}


@endpoint("/intake", ("POST",), summary="Register a person and open a case in one transaction (all or nothing: "
          "a refused case leaves no person; the case's errors are named `case.<field>`; 409 when the NIK is taken, "
          "`existing_id` only when the caller may open the holder's record)", tag="cases", action="case.edit",
          status=201, response=INTAKE,
          body={"type": "object", "required": ["case"], "description": PERSON_BODY["description"],
                "properties": {**PERSON_BODY["properties"],
                               "case": {"type": "object", "required": ["category_code", "intake_source"],
                                        "properties": CASE_FIELDS}}})
def intake_create() -> Any:
    data = json_body()
    case_data = data.get("case")
    if not isinstance(case_data, dict):
        raise APIError(422, "validation_error", "case is required.", {"case": "is required"})
    user = api_user()
    # One flush at the end (the sync's batch mode): the person, the case and its first step are
    # written together, and a refusal anywhere leaves nothing (the request is rolled back).
    with batch.flushes_deferred():
        errors: dict[str, str] = {}
        params: dict[str, Any] = {}
        category = None  # read (and held until the flush: the identity map is weak) before anything is
        try:  # pending, as a query then would flush the person on its own
            category = casework.get_category(str(case_data.get("category_code") or ""))
        except ValidationError as exc:
            errors.update({f"case.{k}": v for k, v in exc.fields.items()})
            params.update(exc.params)
        try:
            fields = registry.validate_person(person_fields({k: v for k, v in data.items() if k != "case"}),
                                              require_reason=True)
        except ValidationError as exc:
            errors.update(exc.fields)
            params.update(exc.params)
        if errors:  # every bad field at once, the person's and the case's
            raise ValidationError(errors, **params)
        if not registry.may_register(user, fields):
            raise APIError(403, "forbidden", "Your role or area does not allow this.")
        try:
            person = registry.register_person(fields)
        except Conflict as exc:
            raise _nik_taken(exc) from None
        require("case.edit", person)
        try:
            case = open_case_from(person, {**case_data, "category_code": category.code})  # type: ignore[union-attr]
        except ValidationError as exc:
            raise ValidationError({f"case.{k}": v for k, v in exc.fields.items()}, **exc.params) from None
        except APIError as exc:
            exc.fields = {f"case.{k}": v for k, v in (exc.fields or {}).items()}
            raise
        # Answered from memory: a person not yet written has no DTKS checks, and its only case is this one.
        person_answer = person_json(person, full=True)
    session.flush()
    return jsonify({"person": person_answer, "case": case_json(case)}), 201
