"""Victims and shelters over the API: list and register victims (a device-made ``id`` is
idempotent; a NIK held by another person answers 409, with ``existing_id`` only for a caller who may open
that person), shelters with occupancy, check-in."""

from __future__ import annotations

import uuid
from typing import Any

from flask import jsonify, request
from sqlalchemy import select

from blueprints.core.api import APIError, api_user, endpoint, json_body
from blueprints.core.i18n import tr_error
from blueprints.disasters.api.common import (
    PAGE_PARAMS,
    Q_PARAM,
    TAG,
    event_or_404,
    found,
    in_event,
    list_of,
    page_args,
    victim_json,
)
from service.core.db import session
from service.core.errors import Conflict
from service.core.pagination import paginate
from service.disasters import shelters, victims
from service.disasters.models.events import DAMAGE_LEVELS, VICTIM_STATUSES, VULNERABLE_GROUPS, Victim
from service.registry import persons as registry

# The person's fields a victim is registered with (the domain's names, as the registry's own API).
PERSON_FIELDS = {
    "name": {"type": "string"}, "nik": {"type": "string"},
    "no_nik_reason": {"type": "string", "enum": ["belum_terdaftar", "dokumen_hilang", "identitas_tidak_diketahui"],
                      "description": "required when `nik` is empty (422 naming `no_nik_reason`; no default)"},
    "sex": {"type": "string", "enum": ["L", "P"]}, "birth_date": {"type": "string", "format": "date"},
    "age": {"type": "integer", "description": "estimated age when the birth date is unknown"},
    "birth_place": {"type": "string"}, "village_code": {"type": "string"}, "area_code": {"type": "string"},
    "address": {"type": "string"}, "phone": {"type": "string"},
    "disability_types": {"type": "array", "items": {"type": "string"}},
}
VICTIM_SCHEMA = {"type": "object", "properties": {
    "id": {"type": "string"}, "household_id": {"type": "string"}, "person_id": {"type": "string"},
    "name": {"type": "string"}, "nik_masked": {"type": "string"}, "relationship": {"type": "string"},
    "status": {"type": "string", "enum": list(VICTIM_STATUSES)},
    "vulnerable_groups": {"type": "array", "items": {"type": "string", "enum": list(VULNERABLE_GROUPS)}},
    "case_id": {"type": ["string", "null"]}, "registered_on": {"type": "string", "format": "date"}}}
VICTIM_BODY = {"type": "object", "description": "The person's fields (name, nik or no_nik_reason, sex, birth_date "
               "or age, village_code, …), or person_id of a registered person. Without household_id a new household "
               "is created with this person as head. A NIK registered with the same name and birth date registers that "
               "person; another holder gives 409 (`existing_id` only when the caller may open that person).",
               "properties": {
                   "id": {"type": ["string", "null"], "format": "uuid", "description": "victim id made on the device"},
                   "person_id": {"type": ["string", "null"]}, "household_id": {"type": ["string", "null"]}, **PERSON_FIELDS,
                   "relationship": {"type": "string", "enum": list(victims.RELATIONSHIPS)},
                   "status": {"type": "string", "enum": list(VICTIM_STATUSES)},
                   "shelter_id": {"type": "string", "description": "the event's shelter the victim is checked into; "
                                  "required with status di_pengungsian"},
                   "vulnerable_groups": {"type": "array", "items": {"type": "string"}},
                   "damage_level": {"type": "string", "enum": list(DAMAGE_LEVELS)},
                   "needs": {"type": "array", "items": {"type": "string"},
                             "description": "SPM bencana components; all when omitted"},
                   "registered_on": {"type": "string", "format": "date"}}}
SHELTER_SCHEMA = {"type": "object", "properties": {"id": {"type": "string"}, "name": {"type": "string"},
                                                   "capacity": {"type": "integer"}, "occupancy": {"type": "integer"}}}


@endpoint("/disasters/<event_id>/victims", summary="Victims of an event", tag=TAG, action="disaster.view",
          parameters=Q_PARAM + PAGE_PARAMS, response=list_of(VICTIM_SCHEMA))
def api_victims(event_id: str) -> Any:
    event = event_or_404(event_id)
    q = request.args.get("q")
    if q:
        rows = victims.search_victims(event, q, limit=200)
        return jsonify({"items": [victim_json(v) for v in rows], "meta": {"total": len(rows)}})
    page = paginate(select(Victim).where(Victim.event_id == event.id).order_by(Victim.created_at), *page_args())
    return jsonify({"items": [victim_json(v) for v in page.items], "meta": page.as_meta()})


def _device_id(data: dict[str, Any]) -> uuid.UUID | None:
    if not data.get("id"):
        return None
    try:
        return uuid.UUID(str(data["id"]))
    except ValueError:
        raise APIError(422, "validation_error", "id must be a UUID.", {"id": "must be a UUID"}) from None


@endpoint("/disasters/<event_id>/victims", ("POST",), summary="Register a victim (household head or member)",
          tag=TAG, action="disaster.edit", body=VICTIM_BODY, response=VICTIM_SCHEMA, status=201)
def api_victim_create(event_id: str) -> Any:
    event = event_or_404(event_id, "disaster.edit")
    data = json_body()
    household = None
    if data.get("household_id"):
        household = in_event(found(victims.get_household, data["household_id"]), event)
    person: Any = {k: data[k] for k in PERSON_FIELDS if k in data}
    if data.get("person_id"):
        person = found(registry.get_person, data["person_id"])
    victim_id = _device_id(data)
    if victim_id is not None:
        existing = session.get(Victim, victim_id)
        if existing is not None:  # the device sent it before: same answer
            return jsonify(victim_json(in_event(existing, event))), 200
    try:
        victim = victims.register_victim(
            event, person, household=household, relationship_code=data.get("relationship") or "kepala_keluarga",
            status=data.get("status") or victims.VICTIM_START_STATUS,
            vulnerable_groups=data.get("vulnerable_groups") or [], damage_level=data.get("damage_level"),
            needs=data.get("needs"), registered_on=data.get("registered_on"), by_id=api_user().id,
            victim_id=victim_id, require_reason=True,
            shelter=in_event(found(shelters.get_shelter, data["shelter_id"]), event) if data.get("shelter_id") else None)
    except Conflict as exc:  # the 409 rolls the request back
        if exc.field == "nik":  # a NIK held by another person: its id only for a caller who may open it
            holder = registry.nik_holder(api_user(), exc)
            raise APIError(409, "conflict", tr_error(exc), {"nik": tr_error(exc)},
                           holder.id if holder is not None else None) from None
        # already a victim of this event, which the caller edits: that victim's id
        raise APIError(409, "conflict", tr_error(exc), None, exc.existing_id) from None
    return jsonify(victim_json(victim)), 201


@endpoint("/disasters/<event_id>/shelters", summary="Shelters with current occupancy", tag=TAG,
          action="disaster.view", response=list_of(SHELTER_SCHEMA))
def api_shelters(event_id: str) -> Any:
    event = event_or_404(event_id)
    return jsonify({"items": [{"id": str(s.id), "name": s.name, "place": s.place, "capacity": s.capacity,
                               "occupancy": n, "over_capacity": n > s.capacity}
                              for s, n in shelters.shelters_with_occupancy(event)]})


@endpoint("/disasters/<event_id>/shelters", ("POST",), summary="Open a shelter", tag=TAG, action="disaster.edit",
          body={"type": "object", "required": ["name", "capacity"],
                "properties": {"name": {"type": "string"}, "capacity": {"type": "integer"},
                               "place": {"type": "string"}, "village_code": {"type": "string"}}},
          response=SHELTER_SCHEMA, status=201)
def api_shelter_create(event_id: str) -> Any:
    event = event_or_404(event_id, "disaster.edit")
    data = json_body()
    s = shelters.create_shelter(event, data.get("name") or "", data.get("capacity"), place=data.get("place"),
                                village_code=data.get("village_code"))
    return jsonify({"id": str(s.id), "name": s.name, "capacity": s.capacity, "occupancy": 0}), 201


@endpoint("/disasters/<event_id>/shelters/<shelter_id>/check-in", ("POST",), summary="Check a victim in "
          "(over capacity is warned in `over_capacity`, not refused)", tag=TAG, action="disaster.edit",
          body={"type": "object", "required": ["victim_id"], "properties": {
              "victim_id": {"type": "string"}, "date": {"type": "string", "format": "date"}}}, status=201)
def api_check_in(event_id: str, shelter_id: str) -> Any:
    event = event_or_404(event_id, "disaster.edit")
    shelter = in_event(found(shelters.get_shelter, shelter_id), event)
    data = json_body()
    victim = in_event(found(victims.get_victim, data.get("victim_id")), event)
    stay, over = shelters.check_in(shelter, victim, on=data.get("date"), by_id=api_user().id)
    return jsonify({"stay_id": str(stay.id), "occupancy": shelters.occupancy(shelter), "over_capacity": over}), 201
