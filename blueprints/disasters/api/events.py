"""Disaster events over the API: list (TAGANA: only where deployed), create, one event, its
situation report."""

from __future__ import annotations

from typing import Any

from flask import jsonify, request

from blueprints.core.api import api_user, endpoint, json_body, require
from blueprints.disasters.api.common import PAGE_PARAMS, Q_PARAM, TAG, event_or_404, list_of, page_args
from service.core.pagination import paginate
from service.disasters import events, report
from service.disasters.models.events import EVENT_TYPES, DisasterEvent

EVENT_SCHEMA = {"type": "object", "properties": {
    "id": {"type": "string", "format": "uuid"}, "code": {"type": "string", "example": "BNJ-2026-001"},
    "name": {"type": "string"}, "event_type": {"type": "string", "enum": list(EVENT_TYPES)},
    "category": {"type": "string"}, "area_code": {"type": "string"}, "village_codes": {"type": "array"},
    "started_on": {"type": "string", "format": "date"}, "emergency_start": {"type": ["string", "null"]},
    "emergency_end": {"type": ["string", "null"]}, "status": {"type": "string"}, "summary": {"type": ["string", "null"]}}}
EVENT_BODY = {"type": "object", "required": ["name", "event_type", "area_code", "started_on"],
              "properties": {k: v for k, v in EVENT_SCHEMA["properties"].items() if k not in ("id", "code")}}


def event_json(e: DisasterEvent) -> dict[str, Any]:
    return {"id": str(e.id), "code": e.code, "name": e.name, "event_type": e.event_type, "category": e.category,
            "area_code": e.area_code, "village_codes": e.village_codes, "started_on": e.started_on.isoformat(),
            "emergency_start": e.emergency_start.isoformat() if e.emergency_start else None,
            "emergency_end": e.emergency_end.isoformat() if e.emergency_end else None, "status": e.status,
            "summary": e.summary}


@endpoint("/disasters", summary="Disaster events the caller may see (TAGANA: only where deployed)", tag=TAG,
          action="disaster.view", parameters=Q_PARAM + PAGE_PARAMS, response=list_of(EVENT_SCHEMA))
def api_events() -> Any:
    page = paginate(events.events_for(api_user(), request.args.get("q")), *page_args())
    return jsonify({"items": [event_json(e) for e in page.items], "meta": page.as_meta()})


@endpoint("/disasters", ("POST",), summary="Record a disaster event (readable code per type and year)", tag=TAG,
          action="disaster.manage", body=EVENT_BODY, response=EVENT_SCHEMA, status=201)
def api_event_create() -> Any:
    event = events.create_event(json_body())
    require("disaster.view", event)
    return jsonify(event_json(event)), 201


@endpoint("/disasters/<event_id>", summary="One event with its situation figures", tag=TAG,
          action="disaster.view", response=EVENT_SCHEMA)
def api_event(event_id: str) -> Any:
    return jsonify(event_json(event_or_404(event_id)))


@endpoint("/disasters/<event_id>/report", summary="Situation report figures (victims, shelters, aid vs stock, SPM)",
          tag=TAG, action="disaster.view")
def api_report(event_id: str) -> Any:
    r = report.situation_report(event_or_404(event_id))
    return jsonify({
        "event": r["event"].code, "date": r["today"].isoformat(), "victims": r["victims"],
        "shelters": [{"id": str(s["shelter"].id), "name": s["shelter"].name, "capacity": s["capacity"],
                      "occupancy": s["occupancy"]} for s in r["shelters"]],
        "items": [{"item": i["item"].code, "unit": i["item"].unit, "distributed": i["distributed"],
                   "distributions": i["distributions"], "bulk_issued": i["bulk_issued"], "on_hand": i["on_hand"]}
                  for i in r["items"]],
        "spm": r["spm"], "spm_served": r["spm_served"], "kitchen_meals": r["kitchen_meals"],
        "compensation_total": r["compensation_total"]})
