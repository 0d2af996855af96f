"""The complaints desk over the API — the same use cases as the staff pages (docs/complaints.md)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from flask import jsonify, request

from blueprints.core.api import APIError, api_user, endpoint, json_body, query_int, require
from blueprints.core.security import AreaOnly
from service.accounts.models import User
from service.complaints import desk, stats
from service.complaints import intake as intake_svc
from service.complaints.models import Complaint
from service.core import audit
from service.core.access import can
from service.core.db import parse_uuid, session
from service.core.errors import NotFound
from service.core.interchange import person_fields
from service.core.pagination import paginate
from service.registry.models import Person

_S = {"type": "string"}
_NS = {"type": ["string", "null"]}
COMPLAINT = {"type": "object", "properties": {
    "id": _S, "number": _S, "channel": _S, "category_code": _S, "status": _S, "received_on": _S, "due_on": _S,
    "area_code": _S, "location": _NS, "description": _S, "complainant_name": _NS, "complainant_phone": _NS,
    "complainant_relation": _NS, "is_sensitive": {"type": "boolean"}, "assignee_id": _NS, "person_id": _NS,
    "case_id": _NS, "resolution": _NS, "resolved_on": _NS, "status_reason": _NS, "escalated": {"type": "boolean"},
    "overdue": {"type": "boolean"}, "version": {"type": "integer"}}}
CREATED = {"type": "object", "properties": {**COMPLAINT["properties"], "access_code": _S}}


def _s(value: Any) -> str | None:
    return str(value) if value is not None else None


def complaint_json(c: Complaint) -> dict[str, Any]:
    return {"id": str(c.id), "number": c.number, "channel": c.channel, "category_code": c.category_code,
            "status": c.status, "received_on": c.received_on.isoformat(), "due_on": c.due_on.isoformat(),
            "area_code": c.area_code, "location": c.location, "description": c.description,
            "complainant_name": c.complainant_name, "complainant_phone": c.complainant_phone,
            "complainant_relation": c.complainant_relation, "is_sensitive": c.is_sensitive,
            "assignee_id": _s(c.assignee_id), "person_id": _s(c.person_id), "case_id": _s(c.case_id),
            "resolution": c.resolution, "resolved_on": c.resolved_on.isoformat() if c.resolved_on else None,
            "status_reason": c.status_reason, "escalated": c.escalated_at is not None,
            "overdue": c.overdue(dt.date.today()), "version": c.version}


def load_complaint(complaint_id: str, action: str = "complaint.view") -> Complaint:
    try:
        complaint = desk.get_complaint(complaint_id)
    except NotFound:
        raise APIError(404, "not_found", "Complaint not found.") from None
    require(action, complaint, hide=True)
    return complaint


def _area_allowed(area: Any) -> None:
    if area and not can(api_user(), "complaint.record", AreaOnly(str(area))):
        raise APIError(403, "forbidden", "The area lies outside yours.")


@endpoint("/complaint-categories", summary="Complaint categories with their service-level deadline (days)",
          tag="complaints", action="complaint.view",
          response={"type": "object", "properties": {"items": {"type": "array", "items": {"type": "object"}}}})
def complaint_categories() -> Any:
    return jsonify({"items": [{"code": c.code, "name_id": c.name_id, "name_en": c.name_en, "sla_days": c.sla_days,
                               "ppks_category_code": c.ppks_category_code, "sensitive": c.sensitive,
                               "active": c.active} for c in desk.categories(active_only=False)]})


@endpoint("/complaints", summary="Complaints the caller may see (area and need-to-know)", tag="complaints",
          action="complaint.view",
          parameters=[{"name": n, "in": "query", "schema": _S}
                      for n in ("q", "status", "category", "view", "page", "per_page")],
          response={"type": "object", "properties": {"items": {"type": "array", "items": COMPLAINT}}})
def complaints_list() -> Any:
    a = request.args
    stmt = desk.complaint_query(api_user(), q=a.get("q"), status=a.get("status"), category=a.get("category"),
                                view=a.get("view"))
    page = paginate(stmt, query_int("page", minimum=1, default=1) or 1,
                    query_int("per_page", minimum=1, maximum=200, default=50) or 50)
    return jsonify({"items": [complaint_json(c) for c in page.items], **page.as_meta()})


@endpoint("/complaints", ("POST",), summary="Register a complaint from any channel; the access code is returned "
          "once", tag="complaints", action="complaint.record", status=201, response=CREATED,
          body={"type": "object", "required": ["channel", "category_code", "area_code", "description"],
                "properties": {k: _S for k in ("channel", "category_code", "received_on", "area_code", "location",
                                               "description", "complainant_name", "complainant_phone",
                                               "complainant_address", "complainant_relation")}})
def complaints_create() -> Any:
    data = json_body()
    _area_allowed(data.get("area_code"))
    complaint, code = desk.register_complaint(data, by_id=api_user().id)
    return jsonify({**complaint_json(complaint), "access_code": code}), 201


@endpoint("/complaints/<complaint_id>", summary="One complaint with its history", tag="complaints",
          action="complaint.view", response=COMPLAINT)
def complaints_get(complaint_id: str) -> Any:
    complaint = load_complaint(complaint_id)
    audit.log_access("complaints", complaint.id)
    body = complaint_json(complaint)
    body["events"] = [{"at": e.at.isoformat(), "kind": e.kind, "by_id": _s(e.by_id), "from_status": e.from_status,
                       "to_status": e.to_status, "note": e.note} for e in complaint.events]
    return jsonify(body)


@endpoint("/complaints/<complaint_id>/assign", ("POST",), summary="Assign the complaint to a worker",
          tag="complaints", action="complaint.assign", response=COMPLAINT,
          body={"type": "object", "required": ["assignee_id"], "properties": {"assignee_id": _S}})
def complaints_assign(complaint_id: str) -> Any:
    complaint = load_complaint(complaint_id, "complaint.assign")
    uid = parse_uuid(json_body().get("assignee_id"))
    desk.assign(complaint, session.get(User, uid) if uid else None, by_id=api_user().id)
    return jsonify(complaint_json(complaint))


@endpoint("/complaints/<complaint_id>/status", ("POST",), summary="Move the complaint along its workflow "
          "(resolving needs `resolution`; rejecting and reopening need `reason`)", tag="complaints",
          action="complaint.record", response=COMPLAINT,
          body={"type": "object", "required": ["to_status"],
                "properties": {"to_status": _S, "reason": _S, "resolution": _S, "resolved_on": _S}})
def complaints_status(complaint_id: str) -> Any:
    complaint = load_complaint(complaint_id, "complaint.record")
    data = json_body()
    desk.change_status(complaint, str(data.get("to_status") or ""), by_id=api_user().id, reason=data.get("reason"),
                       resolution=data.get("resolution"), resolved_on=data.get("resolved_on"))
    return jsonify(complaint_json(complaint))


@endpoint("/complaints/<complaint_id>/intake", ("POST",), summary="Open a case from the complaint: an existing "
          "person (`person_id`) or a new one (`person`, the registry's fields)", tag="complaints",
          action="complaint.record", status=201,
          response={"type": "object", "properties": {"case_id": _S, "case_number": _S, "created": {"type": "boolean"},
                                                     "complaint": COMPLAINT}},
          body={"type": "object", "required": ["ppks_category_code"],
                "properties": {"ppks_category_code": _S, "person_id": _S, "person": {"type": "object"},
                               "worker_id": _S, "urgency": _S}})
def complaints_intake(complaint_id: str) -> Any:
    complaint = load_complaint(complaint_id, "complaint.record")
    require("case.edit")
    require("person.edit")
    data = json_body()
    person = None
    pid = parse_uuid(data.get("person_id"))
    if pid is not None:
        person = session.get(Person, pid)
        if person is None:
            raise APIError(404, "not_found", "Person not found.")
        require("person.view", person, hide=True)
    elif isinstance(data.get("person"), dict):
        _area_allowed(data["person"].get("village_code") or data["person"].get("kode_wilayah")
                      or complaint.area_code)
    wid = parse_uuid(data.get("worker_id"))
    case, created = intake_svc.intake(
        complaint, str(data.get("ppks_category_code") or ""), person=person,
        person_data={"area_code": complaint.area_code, **person_fields(data["person"])} if isinstance(data.get("person"), dict)
        else None, worker_id=wid if wid and session.get(User, wid) else None,
        urgency=str(data.get("urgency") or "normal"), by_id=api_user().id)
    return jsonify({"case_id": str(case.id), "case_number": case.number, "created": created,
                    "complaint": complaint_json(complaint)}), 201


@endpoint("/complaints/monthly", summary="Complaints received and resolved per month of a year (the caller's "
          "visible ones)", tag="complaints", action="complaint.view",
          parameters=[{"name": "year", "in": "query", "required": True, "schema": {"type": "integer"}}])
def complaints_monthly() -> Any:
    year = query_int("year", required=True, minimum=2000, maximum=2100)
    assert year is not None
    return jsonify(stats.monthly(year, desk.visible_filter(api_user())))
