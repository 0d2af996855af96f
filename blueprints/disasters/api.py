"""Disaster module over the API: events, victims, shelters, stock, aid cards, distributions,
situation report. Devices verify cards offline with ``GET /cards/public-key``."""

from __future__ import annotations

import datetime as dt
from typing import Any

from flask import jsonify, request
from sqlalchemy import select

from blueprints.core.api import APIError, api_user, endpoint, json_body, query_int, require
from service.core.db import session
from service.core.errors import Conflict, NotFound
from service.core.pagination import paginate
from service.disasters import aid, cards, stock
from service.disasters import events as disasters
from service.disasters.models.aid import AidCard, Distribution
from service.disasters.models.stock import StockItem, Warehouse

TAG = "disasters"
PAGE_PARAMS = [{"name": "page", "in": "query", "schema": {"type": "integer", "minimum": 1}},
               {"name": "per_page", "in": "query", "schema": {"type": "integer", "minimum": 1, "maximum": 200}}]
Q_PARAM = [{"name": "q", "in": "query", "schema": {"type": "string"}}]

EVENT_SCHEMA = {"type": "object", "properties": {
    "id": {"type": "string", "format": "uuid"}, "code": {"type": "string", "example": "BNJ-2026-001"},
    "name": {"type": "string"}, "event_type": {"type": "string", "enum": list(disasters.EVENT_TYPES)},
    "category": {"type": "string"}, "area_code": {"type": "string"}, "village_codes": {"type": "array"},
    "started_on": {"type": "string", "format": "date"}, "emergency_start": {"type": ["string", "null"]},
    "emergency_end": {"type": ["string", "null"]}, "status": {"type": "string"}, "summary": {"type": ["string", "null"]}}}
EVENT_BODY = {"type": "object", "required": ["name", "event_type", "area_code", "started_on"],
              "properties": {k: v for k, v in EVENT_SCHEMA["properties"].items() if k not in ("id", "code")}}
VICTIM_SCHEMA = {"type": "object", "properties": {
    "id": {"type": "string"}, "household_id": {"type": "string"}, "person_id": {"type": "string"},
    "name": {"type": "string"}, "nik_masked": {"type": "string"}, "relationship": {"type": "string"},
    "status": {"type": "string", "enum": list(disasters.VICTIM_STATUSES)},
    "vulnerable_groups": {"type": "array", "items": {"type": "string", "enum": list(disasters.VULNERABLE_GROUPS)}},
    "case_id": {"type": ["string", "null"]}, "registered_on": {"type": "string", "format": "date"}}}
VICTIM_BODY = {"type": "object", "description": "Person fields in the BNBA vocabulary (nik, nama, jenis_kelamin, "
               "tanggal_lahir, kode_wilayah), or person_id of a registered person. Without household_id a new "
               "household is created with this person as head. A NIK already registered gives 409 with existing_id.",
               "properties": {
                   "id": {"type": "string", "format": "uuid", "description": "victim id made on the device"},
                   "person_id": {"type": "string"}, "household_id": {"type": "string"},
                   "nik": {"type": "string"}, "nama": {"type": "string"}, "jenis_kelamin": {"type": "string"},
                   "tanggal_lahir": {"type": "string"}, "kode_wilayah": {"type": "string"},
                   "relationship": {"type": "string", "enum": list(disasters.RELATIONSHIPS)},
                   "status": {"type": "string", "enum": list(disasters.VICTIM_STATUSES)},
                   "vulnerable_groups": {"type": "array", "items": {"type": "string"}},
                   "damage_level": {"type": "string", "enum": list(disasters.DAMAGE_LEVELS)},
                   "kebutuhan": {"type": "array", "items": {"type": "string"}},
                   "registered_on": {"type": "string", "format": "date"}}}
DIST_SCHEMA = {"type": "object", "properties": {
    "id": {"type": "string"}, "household_id": {"type": "string"}, "card_serial": {"type": ["string", "null"]},
    "item": {"type": "string"}, "warehouse": {"type": "string"}, "quantity": {"type": "integer"},
    "distributed_at": {"type": "string", "format": "date-time"}, "place": {"type": ["string", "null"]},
    "override_reason": {"type": ["string", "null"]},
    "cancelled_at": {"type": ["string", "null"], "format": "date-time"}, "cancel_reason": {"type": ["string", "null"]}}}
DIST_BODY = {"type": "object", "required": ["item", "warehouse"],
             "description": "Give `token` (the scanned card) or `household_id`. A second distribution caught by the "
                            "item's guard rule gives 422 with code `double_distribution` and field "
                            "`override_reason`: repeat with a reason to proceed. Stock never goes negative (422).",
             "properties": {"token": {"type": "string"}, "household_id": {"type": "string"},
                            "victim_id": {"type": "string"},
                            "item": {"type": "string", "description": "item code or id"},
                            "warehouse": {"type": "string", "description": "warehouse code or id"},
                            "quantity": {"type": "integer", "minimum": 1}, "place": {"type": "string"},
                            "override_reason": {"type": "string"},
                            "distributed_at": {"type": "string", "format": "date-time"},
                            "external_key": {"type": "string", "description": "device operation id: idempotent"}}}


def _list(schema: dict[str, Any]) -> dict[str, Any]:
    return {"type": "object", "properties": {"items": {"type": "array", "items": schema}, "meta": {"type": "object"}}}


def _event_json(e: Any) -> dict[str, Any]:
    return {"id": str(e.id), "code": e.code, "name": e.name, "event_type": e.event_type, "category": e.category,
            "area_code": e.area_code, "village_codes": e.village_codes, "started_on": e.started_on.isoformat(),
            "emergency_start": e.emergency_start.isoformat() if e.emergency_start else None,
            "emergency_end": e.emergency_end.isoformat() if e.emergency_end else None, "status": e.status,
            "summary": e.summary}


def _victim_json(v: Any) -> dict[str, Any]:
    from service.core.access import can, mask_nik

    nik = v.person.nik
    return {"id": str(v.id), "household_id": str(v.household_id), "person_id": str(v.person_id),
            "name": v.person.name, "nik_masked": mask_nik(nik),
            **({"nik": nik} if can(api_user(), "person.view_nik") else {}),
            "relationship": v.relationship_code, "status": v.status, "vulnerable_groups": v.vulnerable_groups,
            "case_id": str(v.case_id) if v.case_id else None, "registered_on": v.registered_on.isoformat()}


def _dist_json(d: Distribution) -> dict[str, Any]:
    card = session.get(AidCard, d.card_id) if d.card_id else None
    return {"id": str(d.id), "household_id": str(d.household_id), "card_serial": card.serial if card else None,
            "item": d.item.code, "warehouse": d.warehouse.code, "quantity": d.quantity,
            "distributed_at": d.distributed_at.isoformat(), "place": d.place, "override_reason": d.override_reason,
            "cancelled_at": d.cancelled_at.isoformat() if d.cancelled_at else None,
            "cancel_reason": d.cancel_reason}


def _event(event_id: str, action: str = "disaster.view") -> Any:
    try:
        event = disasters.get_event(event_id)
    except NotFound:
        raise APIError(404, "not_found", "Not found.") from None
    require(action, event, hide=True)
    return event


def _in_event(thing: Any, event: Any) -> Any:
    if thing is None or thing.event_id != event.id:
        raise APIError(404, "not_found", "Not found.")
    return thing


def _get(fn: Any, value: Any) -> Any:
    try:
        return fn(value)
    except NotFound:
        raise APIError(404, "not_found", "Not found.") from None


def _by_code_or_id(model: Any, value: Any, field: str) -> Any:
    text = str(value or "").strip()
    row = session.scalar(select(model).where(model.code == text)) if text else None
    if row is None and text:
        try:
            import uuid

            row = session.get(model, uuid.UUID(text))
        except ValueError:
            row = None
    if row is None:
        raise APIError(422, "validation_error", f"Unknown {field}.", {field: "unknown"})
    return row


def _page() -> tuple[int, int]:
    return query_int("page", minimum=1, default=1) or 1, query_int("per_page", minimum=1, maximum=200, default=50) or 50


# ---------------------------------------------------------------- events
@endpoint("/disasters", summary="Disaster events the caller may see (TAGANA: only where deployed)", tag=TAG,
          action="disaster.view", parameters=Q_PARAM + PAGE_PARAMS, response=_list(EVENT_SCHEMA))
def api_events() -> Any:
    page = paginate(disasters.events_for(api_user(), request.args.get("q")), *_page())
    return jsonify({"items": [_event_json(e) for e in page.items], "meta": page.as_meta()})


@endpoint("/disasters", ("POST",), summary="Record a disaster event (readable code per type and year)", tag=TAG,
          action="disaster.manage", body=EVENT_BODY, response=EVENT_SCHEMA, status=201)
def api_event_create() -> Any:
    event = disasters.create_event(json_body())
    require("disaster.view", event)
    session.commit()
    return jsonify(_event_json(event)), 201


@endpoint("/disasters/<event_id>", summary="One event with its situation figures", tag=TAG,
          action="disaster.view", response=EVENT_SCHEMA)
def api_event(event_id: str) -> Any:
    return jsonify(_event_json(_event(event_id)))


@endpoint("/disasters/<event_id>/report", summary="Situation report figures (victims, shelters, aid vs stock, SPM)",
          tag=TAG, action="disaster.view")
def api_report(event_id: str) -> Any:
    r = disasters.situation_report(_event(event_id))
    return jsonify({
        "event": r["event"].code, "date": r["today"].isoformat(), "victims": r["victims"],
        "shelters": [{"id": str(s["shelter"].id), "name": s["shelter"].name, "capacity": s["capacity"],
                      "occupancy": s["occupancy"]} for s in r["shelters"]],
        "items": [{"item": i["item"].code, "unit": i["item"].unit, "distributed": i["distributed"],
                   "distributions": i["distributions"], "bulk_issued": i["bulk_issued"], "on_hand": i["on_hand"]}
                  for i in r["items"]],
        "spm": r["spm"], "spm_served": r["spm_served"], "kitchen_meals": r["kitchen_meals"],
        "compensation_total": r["compensation_total"]})


# ---------------------------------------------------------------- victims
@endpoint("/disasters/<event_id>/victims", summary="Victims of an event", tag=TAG, action="disaster.view",
          parameters=Q_PARAM + PAGE_PARAMS, response=_list(VICTIM_SCHEMA))
def api_victims(event_id: str) -> Any:
    event = _event(event_id)
    q = request.args.get("q")
    if q:
        rows = disasters.search_victims(event, q, limit=200)
        return jsonify({"items": [_victim_json(v) for v in rows], "meta": {"total": len(rows)}})
    stmt = select(disasters.Victim).where(disasters.Victim.event_id == event.id).order_by(disasters.Victim.created_at)
    page = paginate(stmt, *_page())
    return jsonify({"items": [_victim_json(v) for v in page.items], "meta": page.as_meta()})


@endpoint("/disasters/<event_id>/victims", ("POST",), summary="Register a victim (household head or member)",
          tag=TAG, action="disaster.edit", body=VICTIM_BODY, response=VICTIM_SCHEMA, status=201)
def api_victim_create(event_id: str) -> Any:
    import uuid

    from service.registry import persons as registry

    event = _event(event_id, "disaster.edit")
    data = json_body()
    household = None
    if data.get("household_id"):
        household = _in_event(_get(disasters.get_household, data["household_id"]), event)
    person: Any = data
    if data.get("person_id"):
        person = _get(registry.get_person, data["person_id"])
    victim_id = None
    if data.get("id"):
        try:
            victim_id = uuid.UUID(str(data["id"]))
        except ValueError:
            raise APIError(422, "validation_error", "id must be a UUID.", {"id": "must be a UUID"}) from None
        existing = session.get(disasters.Victim, victim_id)
        if existing is not None:  # the device sent it before: same answer
            return jsonify(_victim_json(_in_event(existing, event))), 200
    try:
        victim = disasters.register_victim(
            event, person, household=household, relationship_code=data.get("relationship") or "kepala_keluarga",
            status=data.get("status") or "mengungsi", vulnerable_groups=data.get("vulnerable_groups") or [],
            damage_level=data.get("damage_level"), needs=data.get("kebutuhan"),
            registered_on=data.get("registered_on"), by_id=api_user().id, victim_id=victim_id)
    except Conflict as exc:
        session.rollback()
        from blueprints.core.i18n import tr_error

        resp = jsonify({"error": {"code": "conflict", "message": tr_error(exc),
                                  "existing_id": str(exc.existing_id) if exc.existing_id else None}})
        return resp, 409
    session.commit()
    return jsonify(_victim_json(victim)), 201


# ---------------------------------------------------------------- shelters
SHELTER_SCHEMA = {"type": "object", "properties": {"id": {"type": "string"}, "name": {"type": "string"},
                                                   "capacity": {"type": "integer"}, "occupancy": {"type": "integer"}}}


@endpoint("/disasters/<event_id>/shelters", summary="Shelters with current occupancy", tag=TAG,
          action="disaster.view", response=_list(SHELTER_SCHEMA))
def api_shelters(event_id: str) -> Any:
    event = _event(event_id)
    return jsonify({"items": [{"id": str(s.id), "name": s.name, "place": s.place, "capacity": s.capacity,
                               "occupancy": n, "over_capacity": n > s.capacity}
                              for s, n in disasters.shelters_with_occupancy(event)]})


@endpoint("/disasters/<event_id>/shelters", ("POST",), summary="Open a shelter", tag=TAG, action="disaster.edit",
          body={"type": "object", "required": ["name", "capacity"],
                "properties": {"name": {"type": "string"}, "capacity": {"type": "integer"},
                               "place": {"type": "string"}, "village_code": {"type": "string"}}},
          response=SHELTER_SCHEMA, status=201)
def api_shelter_create(event_id: str) -> Any:
    event = _event(event_id, "disaster.edit")
    data = json_body()
    s = disasters.create_shelter(event, data.get("name") or "", data.get("capacity"), place=data.get("place"),
                                 village_code=data.get("village_code"))
    session.commit()
    return jsonify({"id": str(s.id), "name": s.name, "capacity": s.capacity, "occupancy": 0}), 201


@endpoint("/disasters/<event_id>/shelters/<shelter_id>/check-in", ("POST",), summary="Check a victim in "
          "(over capacity is warned in `over_capacity`, not refused)", tag=TAG, action="disaster.edit",
          body={"type": "object", "required": ["victim_id"], "properties": {
              "victim_id": {"type": "string"}, "date": {"type": "string", "format": "date"}}}, status=201)
def api_check_in(event_id: str, shelter_id: str) -> Any:
    event = _event(event_id, "disaster.edit")
    shelter = _in_event(_get(disasters.get_shelter, shelter_id), event)
    data = json_body()
    victim = _in_event(_get(disasters.get_victim, data.get("victim_id")), event)
    stay, over = disasters.check_in(shelter, victim, on=data.get("date"), by_id=api_user().id)
    session.commit()
    return jsonify({"stay_id": str(stay.id), "occupancy": disasters.occupancy(shelter), "over_capacity": over}), 201


# ---------------------------------------------------------------- stock
@endpoint("/stock", summary="Stock on hand per warehouse and item, with expiry warnings", tag=TAG,
          action="disaster.view")
def api_stock() -> Any:
    rows = stock.levels()
    return jsonify({"items": [{"warehouse": r["warehouse"].code, "item": r["item"].code, "unit": r["item"].unit,
                               "quantity": r["quantity"],
                               "expires_on": r["expires_on"].isoformat() if r["expires_on"] else None,
                               "expiry": r["expiry"]} for r in rows],
                    "catalogue": [{"id": str(i.id), "code": i.code, "name": i.name, "unit": i.unit,
                                   "spm_component": i.service_type_code, "guard": i.guard_period}
                                  for i in stock.items()]})


@endpoint("/stock/receipts", ("POST",), summary="Receive stock (ministry, province, donor…) with its document",
          tag=TAG, action="disaster.stock", status=201,
          body={"type": "object", "required": ["warehouse", "item", "quantity", "source", "document_ref"],
                "properties": {"warehouse": {"type": "string"}, "item": {"type": "string"},
                               "quantity": {"type": "integer"},
                               "source": {"type": "string", "enum": ["kementerian", "provinsi", "donatur", "apbd",
                                                                     "lainnya"]},
                               "document_ref": {"type": "string"}, "received_on": {"type": "string"},
                               "expires_on": {"type": "string", "format": "date"}}})
def api_receipt() -> Any:
    data = json_body()
    wh = _by_code_or_id(Warehouse, data.get("warehouse"), "warehouse")
    require("disaster.stock", wh)
    item = _by_code_or_id(StockItem, data.get("item"), "item")
    move = stock.receive(wh, item, data.get("quantity"), source=data.get("source") or "",
                         document_ref=data.get("document_ref") or "", received_on=data.get("received_on"),
                         expires_on=data.get("expires_on"))
    session.commit()
    return jsonify({"id": str(move.id), "on_hand": stock.on_hand(wh, item)}), 201


@endpoint("/stock/issues", ("POST",), summary="Issue stock to an event, or transfer it to another warehouse "
          "(`to_warehouse`); never below zero (422)", tag=TAG, action="disaster.stock", status=201,
          body={"type": "object", "required": ["warehouse", "item", "quantity"],
                "properties": {"warehouse": {"type": "string"}, "item": {"type": "string"},
                               "quantity": {"type": "integer"}, "event_id": {"type": "string"},
                               "to_warehouse": {"type": "string"}, "document_ref": {"type": "string"}}})
def api_issue() -> Any:
    data = json_body()
    wh = _by_code_or_id(Warehouse, data.get("warehouse"), "warehouse")
    require("disaster.stock", wh)
    item = _by_code_or_id(StockItem, data.get("item"), "item")
    if data.get("to_warehouse"):
        target = _by_code_or_id(Warehouse, data["to_warehouse"], "to_warehouse")
        require("disaster.stock", target)
        stock.transfer(wh, target, item, data.get("quantity"), document_ref=data.get("document_ref"))
    elif data.get("event_id"):
        stock.issue(wh, item, data.get("quantity"), event=_event(data["event_id"]),
                    document_ref=data.get("document_ref"))
    else:
        raise APIError(422, "validation_error", "event_id or to_warehouse is required.", {"event_id": "required"})
    session.commit()
    return jsonify({"on_hand": stock.on_hand(wh, item)}), 201


# ---------------------------------------------------------------- cards
CARD_SCHEMA = {"type": "object", "properties": {"id": {"type": "string"}, "serial": {"type": "string"},
                                                "household_id": {"type": "string"}, "token": {"type": "string"},
                                                "revoked": {"type": "boolean"}}}


def _card_json(c: AidCard) -> dict[str, Any]:
    return {"id": str(c.id), "serial": c.serial, "household_id": str(c.household_id),
            "holder": (c.victim.person if c.victim else c.household.head).name, "token": c.token,
            "issued_at": c.issued_at.isoformat(), "revoked": c.revoked_at is not None}


@endpoint("/cards/public-key", summary="The office's Ed25519 public key(s) for offline card verification", tag=TAG,
          action="disaster.view")
def api_public_key() -> Any:
    info = cards.public_key_info()
    session.commit()
    return jsonify(info)


@endpoint("/disasters/<event_id>/cards", summary="Valid aid cards of an event (with revoked ids for devices)",
          tag=TAG, action="disaster.view", response=_list(CARD_SCHEMA))
def api_cards(event_id: str) -> Any:
    event = _event(event_id)
    return jsonify({"items": [_card_json(c) for c in session.scalars(cards.cards_stmt(event))],
                    "revoked": cards.revoked_ids(event)})


@endpoint("/disasters/<event_id>/households/<household_id>/card", ("POST",), summary="Issue (or re-issue with "
          "`reason`, revoking the old one) a household's aid card", tag=TAG, action="disaster.edit",
          body={"type": "object", "properties": {"reason": {"type": "string"}}}, response=CARD_SCHEMA, status=201)
def api_card_issue(event_id: str, household_id: str) -> Any:
    event = _event(event_id, "disaster.edit")
    household = _in_event(_get(disasters.get_household, household_id), event)
    card = cards.issue_card(household, reissue_reason=json_body(required=False).get("reason"))
    session.commit()
    return jsonify(_card_json(card)), 201


@endpoint("/cards/verify", ("POST",), summary="Verify a scanned card token (signature, revocation, event)", tag=TAG,
          action="disaster.view", body={"type": "object", "required": ["token"],
                                        "properties": {"token": {"type": "string"}}})
def api_card_verify() -> Any:
    token = json_body().get("token") or ""
    verified = cards.verify_token(str(token))
    require("disaster.view", verified.card.event, hide=True)
    card = verified.card
    return jsonify({"valid": True, "card": _card_json(card), "event": card.event.code,
                    "members": [_victim_json(v) for v in card.household.members]})


# ---------------------------------------------------------------- distributions
@endpoint("/disasters/<event_id>/distributions", summary="Distributions of an event, newest first", tag=TAG,
          action="disaster.view", parameters=PAGE_PARAMS, response=_list(DIST_SCHEMA))
def api_distributions(event_id: str) -> Any:
    page = paginate(aid.distributions_stmt(_event(event_id)), *_page())
    return jsonify({"items": [_dist_json(d) for d in page.items], "meta": page.as_meta()})


@endpoint("/disasters/<event_id>/distributions", ("POST",), summary="Hand out aid (card scan or household)",
          tag=TAG, action="disaster.distribute", body=DIST_BODY, response=DIST_SCHEMA, status=201)
def api_distribute(event_id: str) -> Any:
    event = _event(event_id, "disaster.distribute")
    data = json_body()
    household = victim = None
    if data.get("household_id"):
        household = _in_event(_get(disasters.get_household, data["household_id"]), event)
    if data.get("victim_id"):
        victim = _in_event(_get(disasters.get_victim, data["victim_id"]), event)
    when = None
    if data.get("distributed_at"):
        try:
            when = dt.datetime.fromisoformat(str(data["distributed_at"]))
            if when.tzinfo is None:
                raise ValueError
        except ValueError:
            raise APIError(422, "validation_error", "distributed_at must be an ISO timestamp with a time zone.",
                           {"distributed_at": "invalid"}) from None
    dist = aid.distribute(event, item=_by_code_or_id(StockItem, data.get("item"), "item"),
                          warehouse=_by_code_or_id(Warehouse, data.get("warehouse"), "warehouse"),
                          quantity=data.get("quantity", 1), household=household, victim=victim,
                          card_token=data.get("token"), place=data.get("place"), volunteer_user_id=api_user().id,
                          override_reason=data.get("override_reason"), distributed_at=when,
                          external_key=data.get("external_key"))
    session.commit()
    return jsonify(_dist_json(dist)), 201


@endpoint("/disasters/<event_id>/distributions/<distribution_id>/cancel", ("POST",),
          summary="Cancel a wrong distribution: kept and marked cancelled, stock returned, its SPM deliveries voided",
          tag=TAG, action="disaster.cancel_distribution",
          body={"type": "object", "required": ["reason"], "properties": {"reason": {"type": "string"}}},
          response=DIST_SCHEMA)
def api_cancel_distribution(event_id: str, distribution_id: str) -> Any:
    event = _event(event_id, "disaster.cancel_distribution")
    dist = _get(lambda value: aid.event_distribution(event, value), distribution_id)
    aid.cancel_distribution(dist, str(json_body().get("reason") or ""), by_id=api_user().id)
    session.commit()
    return jsonify(_dist_json(dist))
