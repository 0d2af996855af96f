"""Family tracing over the API: the case's tracing, open it, contacts, attempts, status moves,
the reunification, and follow-up visits."""

from __future__ import annotations

from typing import Any

from flask import jsonify

from blueprints.care.api.common import DATE, STR, TAG, case_for, found, iso
from blueprints.core.api import APIError, api_user, endpoint, json_body
from service.care import tracing
from service.care.models.tracing import Tracing
from service.core import clock

TRACING = {"type": "object", "properties": {
    "id": STR, "case_id": STR, "status": {"enum": list(tracing.STATUS_LABELS)}, "opened_on": DATE,
    "contacts": {"type": "array"}, "attempts": {"type": "array"}, "reunification": {"type": ["object", "null"]}}}


def ser_tracing(t: Tracing) -> dict[str, Any]:
    r = t.reunification
    return {"id": str(t.id), "case_id": str(t.case_id), "status": t.status, "opened_on": iso(t.opened_on),
            "contacts": [{"id": str(c.id), "name": c.name, "relationship": c.relationship_to_person, "phone": c.phone,
                          "address": c.address} for c in t.contacts],
            "attempts": [{"id": str(a.id), "attempted_on": iso(a.attempted_on), "channel": a.channel,
                          "result": a.result} for a in t.attempts],
            "reunification": None if r is None else {
                "id": str(r.id), "reunified_on": iso(r.reunified_on), "relative_name": r.relative_name,
                "relationship": r.relationship_to_person, "place": r.place,
                "visits": [{"id": str(v.id), "months": v.months, "due_on": iso(v.due_on),
                            "visited_on": iso(v.visited_on), "outcome": v.outcome,
                            "missed": v.missed(clock.today())} for v in r.visits]}}


def _tracing(case_id: str, action: str = "tracing.edit") -> Tracing:
    t = tracing.tracing_for(case_for(case_id, action))
    if t is None:
        raise APIError(404, "not_found", "No tracing for this case.")
    return t


@endpoint("/cases/<case_id>/tracing", summary="The case's family tracing (404 when none)", tag=TAG,
          action="tracing.view", response=TRACING)
def get_tracing(case_id: str) -> Any:
    return jsonify(ser_tracing(_tracing(case_id, "tracing.view")))


@endpoint("/cases/<case_id>/tracing", ("POST",), summary="Open the family tracing of a case", tag=TAG,
          action="tracing.edit", response=TRACING, status=201,
          body={"type": "object", "properties": {"opened_on": DATE, "notes": STR}})
def open_tracing(case_id: str) -> Any:
    case = case_for(case_id, "tracing.edit")
    data = json_body(required=False)
    t = tracing.open_tracing(case, data.get("opened_on"), data.get("notes"))
    return jsonify(ser_tracing(t)), 201


@endpoint("/cases/<case_id>/tracing/contacts", ("POST",), summary="Add a family contact", tag=TAG,
          action="tracing.edit", response=TRACING, body={"type": "object", "required": ["name", "relationship"],
                                                         "properties": {"name": STR, "relationship": STR,
                                                                        "phone": STR, "address": STR}})
def add_contact(case_id: str) -> Any:
    t = _tracing(case_id)
    data = json_body()
    tracing.add_contact(t, str(data.get("name") or ""), str(data.get("relationship") or ""), phone=data.get("phone"),
                        address=data.get("address"))
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
    return jsonify(ser_tracing(t))


@endpoint("/cases/<case_id>/tracing/status", ("POST",), summary="Move the tracing status (allowed transitions only)",
          tag=TAG, action="tracing.edit", response=TRACING,
          body={"type": "object", "required": ["status"], "properties": {
              "status": {"enum": list(tracing.STATUS_LABELS)}, "on": DATE}})
def tracing_status(case_id: str) -> Any:
    t = _tracing(case_id)
    data = json_body()
    tracing.set_status(t, str(data.get("status") or ""), on=data.get("on"))
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
    return jsonify(ser_tracing(t)), 201


@endpoint("/visits/<visit_id>", ("POST",), summary="Record a follow-up visit and its outcome", tag=TAG,
          action="tracing.edit", response=TRACING,
          body={"type": "object", "required": ["visited_on", "outcome"], "properties": {
              "visited_on": DATE, "outcome": {"enum": list(tracing.VISIT_OUTCOMES)}, "notes": STR}})
def record_visit(visit_id: str) -> Any:
    visit = found(tracing.get_visit, visit_id, "tracing.edit")
    data = json_body()
    tracing.record_visit(visit, data.get("visited_on"), str(data.get("outcome") or ""), data.get("notes"),
                         by_id=api_user().id)
    return jsonify(ser_tracing(visit.reunification.tracing))
