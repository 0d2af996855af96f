"""Aid cards and distributions over the API: the office's public key(s), an event's cards,
issuing and verifying a card, handing out aid (``external_key`` makes a device's retry
idempotent; the guard answers 422 ``double_distribution``), cancelling a distribution."""

from __future__ import annotations

import datetime as dt
from typing import Any

from flask import jsonify

from blueprints.core.api import APIError, api_user, endpoint, json_body, require
from blueprints.disasters.api.common import (
    PAGE_PARAMS,
    TAG,
    by_code_or_id,
    event_or_404,
    found,
    in_event,
    list_of,
    page_args,
    victim_json,
)
from service.core.db import session
from service.core.pagination import paginate
from service.disasters import aid, cards, victims
from service.disasters.models.aid import AidCard, Distribution
from service.disasters.models.stock import StockItem, Warehouse

CARD_SCHEMA = {"type": "object", "properties": {"id": {"type": "string"}, "serial": {"type": "string"},
                                                "household_id": {"type": "string"}, "token": {"type": "string"},
                                                "revoked": {"type": "boolean"}}}
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


def _card_json(c: AidCard) -> dict[str, Any]:
    return {"id": str(c.id), "serial": c.serial, "household_id": str(c.household_id),
            "holder": (c.victim.person if c.victim else c.household.head).name, "token": c.token,
            "issued_at": c.issued_at.isoformat(), "revoked": c.revoked_at is not None}


def _dist_json(d: Distribution) -> dict[str, Any]:
    card = session.get(AidCard, d.card_id) if d.card_id else None
    return {"id": str(d.id), "household_id": str(d.household_id), "card_serial": card.serial if card else None,
            "item": d.item.code, "warehouse": d.warehouse.code, "quantity": d.quantity,
            "distributed_at": d.distributed_at.isoformat(), "place": d.place, "override_reason": d.override_reason,
            "cancelled_at": d.cancelled_at.isoformat() if d.cancelled_at else None,
            "cancel_reason": d.cancel_reason}


# ---------------------------------------------------------------- cards
@endpoint("/cards/public-key", summary="The office's Ed25519 public key(s) for offline card verification", tag=TAG,
          action="disaster.view")
def api_public_key() -> Any:
    return jsonify(cards.public_key_info())  # the first call makes the key pair; the request commits it


@endpoint("/disasters/<event_id>/cards", summary="Valid aid cards of an event (with revoked ids for devices)",
          tag=TAG, action="disaster.view", response=list_of(CARD_SCHEMA))
def api_cards(event_id: str) -> Any:
    event = event_or_404(event_id)
    return jsonify({"items": [_card_json(c) for c in session.scalars(cards.cards_stmt(event))],
                    "revoked": cards.revoked_ids(event)})


@endpoint("/disasters/<event_id>/households/<household_id>/card", ("POST",), summary="Issue (or re-issue with "
          "`reason`, revoking the old one) a household's aid card", tag=TAG, action="disaster.edit",
          body={"type": "object", "properties": {"reason": {"type": "string"}}}, response=CARD_SCHEMA, status=201)
def api_card_issue(event_id: str, household_id: str) -> Any:
    event = event_or_404(event_id, "disaster.edit")
    household = in_event(found(victims.get_household, household_id), event)
    card = cards.issue_card(household, reissue_reason=json_body(required=False).get("reason"))
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
                    "members": [victim_json(v) for v in card.household.members]})


# ---------------------------------------------------------------- distributions
def _distributed_at(raw: Any) -> dt.datetime | None:
    if not raw:
        return None
    try:
        when = dt.datetime.fromisoformat(str(raw))
        if when.tzinfo is None:
            raise ValueError
    except ValueError:
        raise APIError(422, "validation_error", "distributed_at must be an ISO timestamp with a time zone.",
                       {"distributed_at": "invalid"}) from None
    return when


@endpoint("/disasters/<event_id>/distributions", summary="Distributions of an event, newest first", tag=TAG,
          action="disaster.view", parameters=PAGE_PARAMS, response=list_of(DIST_SCHEMA))
def api_distributions(event_id: str) -> Any:
    page = paginate(aid.distributions_stmt(event_or_404(event_id)), *page_args())
    return jsonify({"items": [_dist_json(d) for d in page.items], "meta": page.as_meta()})


@endpoint("/disasters/<event_id>/distributions", ("POST",), summary="Hand out aid (card scan or household)",
          tag=TAG, action="disaster.distribute", body=DIST_BODY, response=DIST_SCHEMA, status=201)
def api_distribute(event_id: str) -> Any:
    event = event_or_404(event_id, "disaster.distribute")
    data = json_body()
    household = victim = None
    if data.get("household_id"):
        household = in_event(found(victims.get_household, data["household_id"]), event)
    if data.get("victim_id"):
        victim = in_event(found(victims.get_victim, data["victim_id"]), event)
    when = _distributed_at(data.get("distributed_at"))
    dist = aid.distribute(event, item=by_code_or_id(StockItem, data.get("item"), "item"),
                          warehouse=by_code_or_id(Warehouse, data.get("warehouse"), "warehouse"),
                          quantity=data.get("quantity", 1), household=household, victim=victim,
                          card_token=data.get("token"), place=data.get("place"), volunteer_user_id=api_user().id,
                          override_reason=data.get("override_reason"), distributed_at=when,
                          external_key=data.get("external_key"))
    return jsonify(_dist_json(dist)), 201


@endpoint("/disasters/<event_id>/distributions/<distribution_id>/cancel", ("POST",),
          summary="Cancel a wrong distribution: kept and marked cancelled, stock returned, its SPM deliveries voided",
          tag=TAG, action="disaster.cancel_distribution",
          body={"type": "object", "required": ["reason"], "properties": {"reason": {"type": "string"}}},
          response=DIST_SCHEMA)
def api_cancel_distribution(event_id: str, distribution_id: str) -> Any:
    event = event_or_404(event_id, "disaster.cancel_distribution")
    dist = found(lambda value: aid.event_distribution(event, value), distribution_id)
    aid.cancel_distribution(dist, str(json_body().get("reason") or ""), by_id=api_user().id)
    return jsonify(_dist_json(dist))
