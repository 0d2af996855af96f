"""Return home over the API: plan one, one return, the handover, cancel."""

from __future__ import annotations

from typing import Any

from flask import jsonify

from blueprints.care.api.common import DATE, NSTR, REASON, STR, TAG, case_for, found, iso, text
from blueprints.core.api import api_user, endpoint, json_body
from service.care import returns
from service.care.models.returns import ReturnHome

RETURN = {"type": "object", "properties": {
    "id": STR, "case_id": STR, "kind": {"enum": list(returns.KIND_LABELS)}, "status": STR,
    "origin_region_code": STR, "destination_region_code": STR, "transport": STR, "cost": {"type": ["integer", "null"]},
    "escort": NSTR, "travel_on": DATE, "handed_over_on": DATE, "receiver_name": NSTR, "receiver_role": NSTR}}
RETURN_IN = {"type": "object", "required": ["kind", "origin_region_code", "destination_region_code", "transport",
                                             "travel_on"], "properties": {
    "kind": {"enum": list(returns.KIND_LABELS)}, "origin_region_code": STR, "destination_region_code": STR,
    "destination_address": STR, "transport": STR, "cost": {"type": "integer"}, "escort": STR, "travel_on": DATE,
    "notes": STR}}


def ser_return(r: ReturnHome) -> dict[str, Any]:
    return {"id": str(r.id), "case_id": str(r.case_id), "kind": r.kind, "status": r.status,
            "origin_region_code": r.origin_region_code, "destination_region_code": r.destination_region_code,
            "destination_address": r.destination_address, "transport": r.transport, "cost": r.cost,
            "escort": r.escort, "travel_on": iso(r.travel_on), "handed_over_on": iso(r.handed_over_on),
            "receiver_name": r.receiver_name, "receiver_role": r.receiver_role,
            "receiver_relationship": r.receiver_relationship, "delivery_id": text(r.delivery_id)}


@endpoint("/cases/<case_id>/returns", ("POST",), summary="Plan a return home (pemulangan)", tag=TAG,
          action="return.edit", body=RETURN_IN, response=RETURN, status=201)
def plan_return(case_id: str) -> Any:
    case = case_for(case_id, "return.edit")
    data = json_body()
    item = returns.plan_return(case, str(data.get("kind") or ""), str(data.get("origin_region_code") or ""),
                               str(data.get("destination_region_code") or ""), str(data.get("transport") or ""),
                               data.get("travel_on"), destination_address=data.get("destination_address"),
                               cost=data.get("cost"), escort=data.get("escort"), notes=data.get("notes"))
    return jsonify(ser_return(item)), 201


def _return(return_id: str, action: str) -> ReturnHome:
    return found(returns.get_return, return_id, action)  # type: ignore[no-any-return]


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
    return jsonify(ser_return(item))


@endpoint("/returns/<return_id>/cancel", ("POST",), summary="Cancel a planned return home", tag=TAG,
          action="return.edit", response=RETURN, body=REASON)
def cancel_return(return_id: str) -> Any:
    item = _return(return_id, "return.edit")
    returns.cancel_return(item, str(json_body().get("reason") or ""))
    return jsonify(ser_return(item))
