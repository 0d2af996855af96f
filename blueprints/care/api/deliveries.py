"""Deliveries over the API: a case's list, recording one, one delivery, void, mark delivered."""

from __future__ import annotations

from typing import Any

from flask import jsonify

from blueprints.care.api.common import DATE, NSTR, REASON, STR, TAG, case_for, iso, text
from blueprints.core.api import api_user, endpoint, json_body, require
from service.care import deliveries
from service.care.models.deliveries import Delivery

DELIVERY = {"type": "object", "properties": {
    "id": STR, "person_id": STR, "case_id": NSTR, "service_type_code": STR, "planned_on": DATE, "delivered_on": DATE,
    "delivered": {"type": "boolean", "description": "derived: a delivery date is set and it is not voided"},
    "quantity": {"type": "integer"}, "unit": STR, "item_detail": NSTR, "place": NSTR,
    "cost": {"type": ["integer", "null"]}, "late": {"type": "boolean"}, "voided": {"type": "boolean"},
    "void_reason": NSTR, "source": STR, "version": {"type": "integer"}}}
DELIVERY_IN = {"type": "object", "required": ["service_type_code"], "properties": {
    "service_type_code": STR, "delivered_on": DATE, "planned_on": DATE, "quantity": {"type": "integer"},
    "unit": STR, "item_detail": STR, "place": STR, "cost": {"type": "integer"}, "notes": STR}}


def ser_delivery(d: Delivery) -> dict[str, Any]:
    return {"id": str(d.id), "person_id": str(d.person_id), "case_id": text(d.case_id),
            "service_type_code": d.service_type_code, "planned_on": iso(d.planned_on),
            "delivered_on": iso(d.delivered_on), "delivered": d.delivered, "quantity": d.quantity, "unit": d.unit,
            "item_detail": d.item_detail, "place": d.place, "cost": d.cost, "late": d.late, "voided": d.voided,
            "void_reason": d.void_reason, "source": d.source, "version": d.version}


@endpoint("/cases/<case_id>/deliveries", summary="Deliveries of a case (voided ones included, flagged)", tag=TAG,
          action="care.view", response={"type": "object", "properties": {"items": {"type": "array",
                                                                                     "items": DELIVERY}}})
def case_deliveries(case_id: str) -> Any:
    case = case_for(case_id, "care.view")
    return jsonify({"items": [ser_delivery(d) for d in deliveries.case_deliveries(case)]})


@endpoint("/cases/<case_id>/deliveries", ("POST",), summary="Record a delivery (delivered when delivered_on is set)",
          tag=TAG, action="care.record", body=DELIVERY_IN, response=DELIVERY, status=201)
def create_delivery(case_id: str) -> Any:
    case = case_for(case_id, "care.record")
    data = json_body()
    d = deliveries.record_delivery(
        case.person, data.get("service_type_code") or "", delivered_on=data.get("delivered_on"),
        planned_on=data.get("planned_on"), quantity=data.get("quantity", 1), case=case, unit=data.get("unit"),
        item_detail=data.get("item_detail"), place=data.get("place"), worker_id=api_user().id,
        cost=data.get("cost"), notes=data.get("notes"), source="api")
    return jsonify(ser_delivery(d)), 201


def _delivery(delivery_id: str, action: str) -> Delivery:
    d = deliveries.get_delivery(delivery_id)
    require(action, deliveries.access_target(d))
    return d


@endpoint("/deliveries/<delivery_id>", summary="One delivery", tag=TAG, action="care.view", response=DELIVERY)
def get_delivery(delivery_id: str) -> Any:
    return jsonify(ser_delivery(_delivery(delivery_id, "care.view")))


@endpoint("/deliveries/<delivery_id>/void", ("POST",), summary="Void a delivery with a reason (kept, never counted)",
          tag=TAG, action="care.void", response=DELIVERY, body=REASON)
def void_delivery(delivery_id: str) -> Any:
    d = _delivery(delivery_id, "care.void")
    deliveries.void_delivery(d, str(json_body().get("reason") or ""), api_user().id)
    return jsonify(ser_delivery(d))


@endpoint("/deliveries/<delivery_id>/deliver", ("POST",), summary="A planned delivery was given on a date", tag=TAG,
          action="care.record", response=DELIVERY,
          body={"type": "object", "required": ["delivered_on"], "properties": {"delivered_on": DATE}})
def deliver(delivery_id: str) -> Any:
    d = _delivery(delivery_id, "care.record")
    deliveries.mark_delivered(d, json_body().get("delivered_on"))
    return jsonify(ser_delivery(d))
