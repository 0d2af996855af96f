"""Services over the API: deliveries, referrals, family tracing, return home, institutions, tasks.

Every endpoint calls the same service functions as the web forms; errors are
the standard ``{error: {code, message, fields}}`` (422 for bad input).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from flask import jsonify, request, url_for
from sqlalchemy import or_, select

from blueprints.core.api import APIError, api_user, endpoint, json_body, query_int, require
from service.care import deliveries as delivery_svc
from service.care import institutions, referrals, returns, tracing
from service.care import tasks as reminders
from service.care.models.followup import Referral
from service.casework import cases as casework
from service.casework.models import Case
from service.core.access import may_see_sensitive_unassigned, scope_area
from service.core.db import session
from service.core.pagination import paginate

TAG = "services"
STR = {"type": "string"}
NSTR = {"type": ["string", "null"]}
DATE = {"type": ["string", "null"], "format": "date"}
PAGE = [{"name": "page", "in": "query", "schema": {"type": "integer"}},
        {"name": "per_page", "in": "query", "schema": {"type": "integer"}}]

DELIVERY = {"type": "object", "properties": {
    "id": STR, "person_id": STR, "case_id": NSTR, "service_type_code": STR, "planned_on": DATE, "delivered_on": DATE,
    "delivered": {"type": "boolean", "description": "derived: a delivery date is set and it is not voided"},
    "quantity": {"type": "integer"}, "unit": STR, "item_detail": NSTR, "place": NSTR,
    "cost": {"type": ["integer", "null"]}, "late": {"type": "boolean"}, "voided": {"type": "boolean"},
    "void_reason": NSTR, "source": STR, "version": {"type": "integer"}}}
DELIVERY_IN = {"type": "object", "required": ["service_type_code"], "properties": {
    "service_type_code": STR, "delivered_on": DATE, "planned_on": DATE, "quantity": {"type": "integer"},
    "unit": STR, "item_detail": STR, "place": STR, "cost": {"type": "integer"}, "notes": STR}}
REFERRAL = {"type": "object", "properties": {
    "id": STR, "case_id": STR, "institution": {"type": "object"}, "status": {"enum": list(referrals.STATUS_LABELS)},
    "reason": STR, "summary": STR, "consent_checked": {"type": "boolean"}, "letter_number": NSTR,
    "letter_date": DATE, "verify_url": NSTR, "answered_by": NSTR, "answer_channel": NSTR, "decline_reason": NSTR,
    "completed_on": DATE, "cancel_reason": NSTR, "delivery_id": NSTR}}
TRACING = {"type": "object", "properties": {
    "id": STR, "case_id": STR, "status": {"enum": list(tracing.STATUS_LABELS)}, "opened_on": DATE,
    "contacts": {"type": "array"}, "attempts": {"type": "array"}, "reunification": {"type": ["object", "null"]}}}
RETURN = {"type": "object", "properties": {
    "id": STR, "case_id": STR, "kind": {"enum": list(returns.KIND_LABELS)}, "status": STR,
    "origin_region_code": STR, "destination_region_code": STR, "transport": STR, "cost": {"type": ["integer", "null"]},
    "escort": NSTR, "travel_on": DATE, "handed_over_on": DATE, "receiver_name": NSTR, "receiver_role": NSTR}}


def _d(value: Any) -> Any:
    return value.isoformat() if isinstance(value, dt.date) else value


def _s(value: Any) -> str | None:
    return str(value) if value is not None else None


def ser_delivery(d: Any) -> dict[str, Any]:
    return {"id": str(d.id), "person_id": str(d.person_id), "case_id": _s(d.case_id),
            "service_type_code": d.service_type_code, "planned_on": _d(d.planned_on),
            "delivered_on": _d(d.delivered_on), "delivered": d.delivered, "quantity": d.quantity, "unit": d.unit,
            "item_detail": d.item_detail, "place": d.place, "cost": d.cost, "late": d.late, "voided": d.voided,
            "void_reason": d.void_reason, "source": d.source, "version": d.version}


def ser_referral(r: Referral) -> dict[str, Any]:
    verify = url_for("care.verify_letter", code=r.verify_code, _external=True) if r.verify_code else None
    return {"id": str(r.id), "case_id": str(r.case_id),
            "institution": {"id": str(r.institution.id), "name": r.institution.name, "kind": r.institution.kind},
            "status": r.status, "reason": r.reason, "summary": r.summary, "consent_checked": r.consent_checked,
            "letter_number": r.letter_number, "letter_date": _d(r.letter_date), "verify_url": verify,
            "answered_by": r.answered_by, "answer_channel": r.answer_channel, "decline_reason": r.decline_reason,
            "completed_on": _d(r.completed_on), "cancel_reason": r.cancel_reason, "delivery_id": _s(r.delivery_id)}


def ser_tracing(t: Any) -> dict[str, Any]:
    r = t.reunification
    return {"id": str(t.id), "case_id": str(t.case_id), "status": t.status, "opened_on": _d(t.opened_on),
            "contacts": [{"id": str(c.id), "name": c.name, "relationship": c.relationship_to_person, "phone": c.phone,
                          "address": c.address} for c in t.contacts],
            "attempts": [{"id": str(a.id), "attempted_on": _d(a.attempted_on), "channel": a.channel,
                          "result": a.result} for a in t.attempts],
            "reunification": None if r is None else {
                "id": str(r.id), "reunified_on": _d(r.reunified_on), "relative_name": r.relative_name,
                "relationship": r.relationship_to_person, "place": r.place,
                "visits": [{"id": str(v.id), "months": v.months, "due_on": _d(v.due_on),
                            "visited_on": _d(v.visited_on), "outcome": v.outcome,
                            "missed": v.missed(dt.date.today())} for v in r.visits]}}


def ser_return(r: Any) -> dict[str, Any]:
    return {"id": str(r.id), "case_id": str(r.case_id), "kind": r.kind, "status": r.status,
            "origin_region_code": r.origin_region_code, "destination_region_code": r.destination_region_code,
            "destination_address": r.destination_address, "transport": r.transport, "cost": r.cost,
            "escort": r.escort, "travel_on": _d(r.travel_on), "handed_over_on": _d(r.handed_over_on),
            "receiver_name": r.receiver_name, "receiver_role": r.receiver_role,
            "receiver_relationship": r.receiver_relationship, "delivery_id": _s(r.delivery_id)}


def _case(case_id: str, action: str) -> Case:
    case = casework.get_case(case_id)
    require(action, case)
    return case


# ---------------------------------------------------------------- deliveries
@endpoint("/cases/<case_id>/deliveries", summary="Deliveries of a case (voided ones included, flagged)", tag=TAG,
          action="service.view", response={"type": "object", "properties": {"items": {"type": "array",
                                                                                     "items": DELIVERY}}})
def case_deliveries(case_id: str) -> Any:
    case = _case(case_id, "service.view")
    return jsonify({"items": [ser_delivery(d) for d in delivery_svc.case_deliveries(case)]})


@endpoint("/cases/<case_id>/deliveries", ("POST",), summary="Record a delivery (delivered when delivered_on is set)",
          tag=TAG, action="service.record", body=DELIVERY_IN, response=DELIVERY, status=201)
def create_delivery(case_id: str) -> Any:
    case = _case(case_id, "service.record")
    data = json_body()
    d = delivery_svc.record_delivery(
        case.person, data.get("service_type_code") or "", delivered_on=data.get("delivered_on"),
        planned_on=data.get("planned_on"), quantity=data.get("quantity", 1), case=case, unit=data.get("unit"),
        item_detail=data.get("item_detail"), place=data.get("place"), worker_id=api_user().id,
        cost=data.get("cost"), notes=data.get("notes"), source="api")
    session.commit()
    return jsonify(ser_delivery(d)), 201


def _delivery(delivery_id: str, action: str) -> Any:
    d = delivery_svc.get_delivery(delivery_id)
    require(action, session.get(Case, d.case_id) if d.case_id else d)
    return d


@endpoint("/deliveries/<delivery_id>", summary="One delivery", tag=TAG, action="service.view", response=DELIVERY)
def get_delivery(delivery_id: str) -> Any:
    return jsonify(ser_delivery(_delivery(delivery_id, "service.view")))


@endpoint("/deliveries/<delivery_id>/void", ("POST",), summary="Void a delivery with a reason (kept, never counted)",
          tag=TAG, action="service.void", response=DELIVERY,
          body={"type": "object", "required": ["reason"], "properties": {"reason": STR}})
def void_delivery(delivery_id: str) -> Any:
    d = _delivery(delivery_id, "service.void")
    delivery_svc.void_delivery(d, str(json_body().get("reason") or ""), api_user().id)
    session.commit()
    return jsonify(ser_delivery(d))


@endpoint("/deliveries/<delivery_id>/deliver", ("POST",), summary="A planned delivery was given on a date", tag=TAG,
          action="service.record", response=DELIVERY,
          body={"type": "object", "required": ["delivered_on"], "properties": {"delivered_on": DATE}})
def deliver(delivery_id: str) -> Any:
    d = _delivery(delivery_id, "service.record")
    delivery_svc.mark_delivered(d, json_body().get("delivered_on"))
    session.commit()
    return jsonify(ser_delivery(d))


# ---------------------------------------------------------------- referrals
REFERRAL_IN = {"type": "object", "required": ["institution_id", "reason", "summary"], "properties": {
    "institution_id": STR, "reason": STR, "summary": STR, "consent_checked": {"type": "boolean"}}}


@endpoint("/referrals", summary="Referrals the caller may see", tag=TAG, action="referral.view",
          parameters=[{"name": "status", "in": "query", "schema": {"enum": list(referrals.STATUS_LABELS)}}, *PAGE],
          response={"type": "object", "properties": {"items": {"type": "array", "items": REFERRAL},
                                                     "meta": {"type": "object"}}})
def list_referrals() -> Any:
    u = api_user()
    stmt = (select(Referral).join(Case, Referral.case_id == Case.id).where(scope_area(u, Referral.area_code))
            .order_by(Referral.created_at.desc()))
    if not may_see_sensitive_unassigned(u):
        stmt = stmt.where(or_(Referral.is_sensitive.is_(False), Case.worker_id == u.id))
    status = request.args.get("status")
    if status:
        if status not in referrals.STATUS_LABELS:
            raise APIError(422, "validation_error", "Unknown status.", {"status": "unknown"})
        stmt = stmt.where(Referral.status == status)
    page = paginate(stmt, query_int("page", minimum=1, default=1) or 1,
                    query_int("per_page", minimum=1, maximum=200, default=50) or 50)
    return jsonify({"items": [ser_referral(r) for r in page.items], "meta": page.as_meta()})


@endpoint("/cases/<case_id>/referrals", ("POST",), summary="Draft a referral", tag=TAG, action="referral.edit",
          body=REFERRAL_IN, response=REFERRAL, status=201)
def create_referral(case_id: str) -> Any:
    case = _case(case_id, "referral.edit")
    data = json_body()
    inst = institutions.get_institution(data["institution_id"]) if data.get("institution_id") else None
    ref = referrals.create_referral(case, inst, str(data.get("reason") or ""), str(data.get("summary") or ""),
                                    consent_checked=bool(data.get("consent_checked")), by_id=api_user().id)
    session.commit()
    return jsonify(ser_referral(ref)), 201


def _referral(referral_id: str, action: str) -> Referral:
    ref = referrals.get_referral(referral_id)
    require(action, ref)
    return ref


@endpoint("/referrals/<referral_id>", summary="One referral", tag=TAG, action="referral.view", response=REFERRAL)
def get_referral(referral_id: str) -> Any:
    return jsonify(ser_referral(_referral(referral_id, "referral.view")))


@endpoint("/referrals/<referral_id>/send", ("POST",),
          summary="Send: number the letter, make its PDF with QR and a one-time answer link (returned once)", tag=TAG,
          action="referral.edit",
          response={"type": "object", "properties": {"referral": REFERRAL, "answer_url": STR, "letter_url": STR}})
def send_referral(referral_id: str) -> Any:
    from blueprints.care import send_and_store

    ref = _referral(referral_id, "referral.edit")
    token = send_and_store(ref)
    session.commit()
    return jsonify({"referral": ser_referral(ref),
                    "answer_url": url_for("care.answer_link", token=token, _external=True),
                    "letter_url": url_for("care.referral_letter", referral_id=ref.id, _external=True)})


@endpoint("/referrals/<referral_id>/answer", ("POST",), summary="Record the institution's answer (staff)", tag=TAG,
          action="referral.edit", response=REFERRAL,
          body={"type": "object", "required": ["accept", "responder"], "properties": {
              "accept": {"type": "boolean"}, "responder": STR, "decline_reason": STR}})
def answer_referral(referral_id: str) -> Any:
    ref = _referral(referral_id, "referral.edit")
    data = json_body()
    if not isinstance(data.get("accept"), bool):
        raise APIError(422, "validation_error", "accept must be true or false.", {"accept": "must be a boolean"})
    referrals.record_answer(ref, data["accept"], str(data.get("responder") or ""), data.get("decline_reason"))
    session.commit()
    return jsonify(ser_referral(ref))


@endpoint("/referrals/<referral_id>/complete", ("POST",), summary="Complete: records the rujukan delivery", tag=TAG,
          action="referral.edit", response=REFERRAL,
          body={"type": "object", "required": ["completed_on"], "properties": {"completed_on": DATE}})
def complete_referral(referral_id: str) -> Any:
    ref = _referral(referral_id, "referral.edit")
    referrals.complete_referral(ref, json_body().get("completed_on"), worker_id=api_user().id)
    session.commit()
    return jsonify(ser_referral(ref))


@endpoint("/referrals/<referral_id>/cancel", ("POST",), summary="Cancel a referral with a reason", tag=TAG,
          action="referral.edit", response=REFERRAL,
          body={"type": "object", "required": ["reason"], "properties": {"reason": STR}})
def cancel_referral(referral_id: str) -> Any:
    ref = _referral(referral_id, "referral.edit")
    referrals.cancel_referral(ref, str(json_body().get("reason") or ""))
    session.commit()
    return jsonify(ser_referral(ref))


# ---------------------------------------------------------------- tracing
@endpoint("/cases/<case_id>/tracing", summary="The case's family tracing (404 when none)", tag=TAG,
          action="tracing.view", response=TRACING)
def get_tracing(case_id: str) -> Any:
    case = _case(case_id, "tracing.view")
    t = tracing.tracing_for(case)
    if t is None:
        raise APIError(404, "not_found", "No tracing for this case.")
    return jsonify(ser_tracing(t))


@endpoint("/cases/<case_id>/tracing", ("POST",), summary="Open the family tracing of a case", tag=TAG,
          action="tracing.edit", response=TRACING, status=201,
          body={"type": "object", "properties": {"opened_on": DATE, "notes": STR}})
def open_tracing(case_id: str) -> Any:
    case = _case(case_id, "tracing.edit")
    data = json_body(required=False)
    t = tracing.open_tracing(case, data.get("opened_on"), data.get("notes"))
    session.commit()
    return jsonify(ser_tracing(t)), 201


def _tracing(case_id: str) -> Any:
    case = _case(case_id, "tracing.edit")
    t = tracing.tracing_for(case)
    if t is None:
        raise APIError(404, "not_found", "No tracing for this case.")
    return t


@endpoint("/cases/<case_id>/tracing/contacts", ("POST",), summary="Add a family contact", tag=TAG,
          action="tracing.edit", response=TRACING, body={"type": "object", "required": ["name", "relationship"],
                                                         "properties": {"name": STR, "relationship": STR,
                                                                        "phone": STR, "address": STR}})
def add_contact(case_id: str) -> Any:
    t = _tracing(case_id)
    data = json_body()
    tracing.add_contact(t, str(data.get("name") or ""), str(data.get("relationship") or ""), phone=data.get("phone"),
                        address=data.get("address"))
    session.commit()
    return jsonify(ser_tracing(t))


@endpoint("/cases/<case_id>/tracing/attempts", ("POST",), summary="Log a tracing attempt", tag=TAG,
          action="tracing.edit", response=TRACING,
          body={"type": "object", "required": ["attempted_on", "channel", "result"], "properties": {
              "attempted_on": DATE, "channel": {"enum": list(tracing.CHANNEL_LABELS)}, "result": STR}})
def add_attempt(case_id: str) -> Any:
    t = _tracing(case_id)
    data = json_body()
    tracing.record_attempt(t, data.get("attempted_on"), str(data.get("channel") or ""), str(data.get("result") or ""),
                           by_id=api_user().id)
    session.commit()
    return jsonify(ser_tracing(t))


@endpoint("/cases/<case_id>/tracing/status", ("POST",), summary="Move the tracing status (allowed transitions only)",
          tag=TAG, action="tracing.edit", response=TRACING,
          body={"type": "object", "required": ["status"], "properties": {
              "status": {"enum": list(tracing.STATUS_LABELS)}, "on": DATE}})
def tracing_status(case_id: str) -> Any:
    t = _tracing(case_id)
    data = json_body()
    tracing.set_status(t, str(data.get("status") or ""), on=data.get("on"))
    session.commit()
    return jsonify(ser_tracing(t))


@endpoint("/cases/<case_id>/tracing/reunification", ("POST",),
          summary="Record the reunification (verified tracing); schedules follow-up visits", tag=TAG,
          action="tracing.edit", response=TRACING, status=201,
          body={"type": "object", "required": ["reunified_on", "relative_name", "relationship", "place"],
                "properties": {"reunified_on": DATE, "relative_name": STR, "relationship": STR, "place": STR,
                               "notes": STR}})
def reunify(case_id: str) -> Any:
    t = _tracing(case_id)
    data = json_body()
    tracing.reunify(t, data.get("reunified_on"), str(data.get("relative_name") or ""),
                    str(data.get("relationship") or ""), str(data.get("place") or ""), notes=data.get("notes"),
                    by_id=api_user().id)
    session.commit()
    return jsonify(ser_tracing(t)), 201


@endpoint("/visits/<visit_id>", ("POST",), summary="Record a follow-up visit and its outcome", tag=TAG,
          action="tracing.edit", response=TRACING,
          body={"type": "object", "required": ["visited_on", "outcome"], "properties": {
              "visited_on": DATE, "outcome": {"enum": list(tracing.VISIT_OUTCOMES)}, "notes": STR}})
def record_visit(visit_id: str) -> Any:
    visit = tracing.get_visit(visit_id)
    require("tracing.edit", visit)
    data = json_body()
    tracing.record_visit(visit, data.get("visited_on"), str(data.get("outcome") or ""), data.get("notes"),
                         by_id=api_user().id)
    session.commit()
    return jsonify(ser_tracing(visit.reunification.tracing))


# ---------------------------------------------------------------- return home
RETURN_IN = {"type": "object", "required": ["kind", "origin_region_code", "destination_region_code", "transport",
                                             "travel_on"], "properties": {
    "kind": {"enum": list(returns.KIND_LABELS)}, "origin_region_code": STR, "destination_region_code": STR,
    "destination_address": STR, "transport": STR, "cost": {"type": "integer"}, "escort": STR, "travel_on": DATE,
    "notes": STR}}


@endpoint("/cases/<case_id>/returns", ("POST",), summary="Plan a return home (pemulangan)", tag=TAG,
          action="return.edit", body=RETURN_IN, response=RETURN, status=201)
def plan_return(case_id: str) -> Any:
    case = _case(case_id, "return.edit")
    data = json_body()
    item = returns.plan_return(case, str(data.get("kind") or ""), str(data.get("origin_region_code") or ""),
                               str(data.get("destination_region_code") or ""), str(data.get("transport") or ""),
                               data.get("travel_on"), destination_address=data.get("destination_address"),
                               cost=data.get("cost"), escort=data.get("escort"), notes=data.get("notes"))
    session.commit()
    return jsonify(ser_return(item)), 201


def _return(return_id: str, action: str) -> Any:
    item = returns.get_return(return_id)
    require(action, item)
    return item


@endpoint("/returns/<return_id>", summary="One return home", tag=TAG, action="return.view", response=RETURN)
def get_return(return_id: str) -> Any:
    return jsonify(ser_return(_return(return_id, "return.view")))


@endpoint("/returns/<return_id>/complete", ("POST",), summary="Handover to the family or village official", tag=TAG,
          action="return.edit", response=RETURN,
          body={"type": "object", "required": ["handed_over_on", "receiver_name", "receiver_role"], "properties": {
              "handed_over_on": DATE, "receiver_name": STR, "receiver_role": {"enum": list(returns.RECEIVER_LABELS)},
              "receiver_relationship": STR}})
def complete_return(return_id: str) -> Any:
    item = _return(return_id, "return.edit")
    data = json_body()
    returns.complete_return(item, data.get("handed_over_on"), str(data.get("receiver_name") or ""),
                            str(data.get("receiver_role") or ""),
                            receiver_relationship=data.get("receiver_relationship"), worker_id=api_user().id)
    session.commit()
    return jsonify(ser_return(item))


@endpoint("/returns/<return_id>/cancel", ("POST",), summary="Cancel a planned return home", tag=TAG,
          action="return.edit", response=RETURN,
          body={"type": "object", "required": ["reason"], "properties": {"reason": STR}})
def cancel_return(return_id: str) -> Any:
    item = _return(return_id, "return.edit")
    returns.cancel_return(item, str(json_body().get("reason") or ""))
    session.commit()
    return jsonify(ser_return(item))


# ---------------------------------------------------------------- institutions, tasks
@endpoint("/institutions", summary="Institutions register (search with q)", tag=TAG, action="institution.view",
          parameters=[{"name": "q", "in": "query", "schema": STR}, *PAGE])
def list_institutions() -> Any:
    page = paginate(institutions.institutions_stmt(request.args.get("q")), query_int("page", minimum=1, default=1) or 1,
                    query_int("per_page", minimum=1, maximum=200, default=50) or 50)
    return jsonify({"items": [{"id": str(i.id), "name": i.name, "kind": i.kind, "region_code": i.region_code,
                               "address": i.address, "contact_person": i.contact_person, "phone": i.phone,
                               "email": i.email, "active": i.active} for i in page.items], "meta": page.as_meta()})


@endpoint("/institutions", ("POST",), summary="Add an institution", tag=TAG, action="institution.manage", status=201,
          body={"type": "object", "required": ["name", "kind"], "properties": {
              "name": STR, "kind": {"enum": list(institutions.KIND_LABELS)}, "region_code": STR, "address": STR,
              "contact_person": STR, "phone": STR, "email": STR}})
def create_institution() -> Any:
    inst = institutions.create_institution(json_body())
    session.commit()
    return jsonify({"id": str(inst.id), "name": inst.name, "kind": inst.kind}), 201


@endpoint("/tasks", summary="The caller's overdue items (task list)", tag=TAG, action="task.view",
          response={"type": "object", "properties": {"items": {"type": "array", "items": {"type": "object"}}}})
def my_tasks() -> Any:
    today = dt.date.today()
    return jsonify({"items": [{"kind": t.kind, "subject_id": str(t.subject_id), "case_id": str(t.case.id),
                               "case_number": t.case.number, "due": _d(t.due), "days_overdue": t.days_overdue(today),
                               "new": t.new} for t in reminders.tasks_for(api_user(), today)]})
