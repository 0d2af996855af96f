"""Warehouse stock over the API: levels with expiry warnings and the catalogue, receipts,
issues to an event and transfers (never below zero: 422)."""

from __future__ import annotations

from typing import Any

from flask import jsonify

from blueprints.core.api import APIError, endpoint, json_body, require
from blueprints.disasters.api.common import TAG, by_code_or_id, event_or_404
from service.disasters import stock
from service.disasters.models.stock import RECEIPT_SOURCES, StockItem, Warehouse


@endpoint("/stock", summary="Stock on hand per warehouse and item, with expiry warnings", tag=TAG,
          action="disaster.view")
def api_stock() -> Any:
    rows = stock.levels()
    return jsonify({"items": [{"warehouse": r["warehouse"].code, "item": r["item"].code, "unit": r["item"].unit,
                               "quantity": r["quantity"],
                               "expires_on": r["expires_on"].isoformat() if r["expires_on"] else None,
                               "expiry": r["expiry"]} for r in rows],
                    "catalogue": [{"id": str(i.id), "code": i.code, "name": i.name, "name_en": i.name_en, "unit": i.unit,
                                   "spm_component": i.service_type_code, "guard": i.guard_period}
                                  for i in stock.items()]})


@endpoint("/stock/receipts", ("POST",), summary="Receive stock (ministry, province, donor…) with its document",
          tag=TAG, action="disaster.stock", status=201,
          body={"type": "object", "required": ["warehouse", "item", "quantity", "source", "document_ref"],
                "properties": {"warehouse": {"type": "string"}, "item": {"type": "string"},
                               "quantity": {"type": "integer"},
                               "source": {"type": "string", "enum": list(RECEIPT_SOURCES)},
                               "document_ref": {"type": "string"}, "received_on": {"type": "string"},
                               "expires_on": {"type": "string", "format": "date"}}})
def api_receipt() -> Any:
    data = json_body()
    wh = by_code_or_id(Warehouse, data.get("warehouse"), "warehouse")
    require("disaster.stock", wh)
    item = by_code_or_id(StockItem, data.get("item"), "item")
    move = stock.receive(wh, item, data.get("quantity"), source=data.get("source") or "",
                         document_ref=data.get("document_ref") or "", received_on=data.get("received_on"),
                         expires_on=data.get("expires_on"))
    return jsonify({"id": str(move.id), "on_hand": stock.on_hand(wh, item)}), 201


@endpoint("/stock/issues", ("POST",), summary="Issue stock to an event, or transfer it to another warehouse "
          "(`to_warehouse`); never below zero (422)", tag=TAG, action="disaster.stock", status=201,
          body={"type": "object", "required": ["warehouse", "item", "quantity"],
                "properties": {"warehouse": {"type": "string"}, "item": {"type": "string"},
                               "quantity": {"type": "integer"}, "event_id": {"type": "string"},
                               "to_warehouse": {"type": "string"}, "document_ref": {"type": "string"}}})
def api_issue() -> Any:
    data = json_body()
    wh = by_code_or_id(Warehouse, data.get("warehouse"), "warehouse")
    require("disaster.stock", wh)
    item = by_code_or_id(StockItem, data.get("item"), "item")
    if data.get("to_warehouse"):
        target = by_code_or_id(Warehouse, data["to_warehouse"], "to_warehouse")
        require("disaster.stock", target)
        stock.transfer(wh, target, item, data.get("quantity"), document_ref=data.get("document_ref"))
    elif data.get("event_id"):
        stock.issue(wh, item, data.get("quantity"), event=event_or_404(data["event_id"]),
                    document_ref=data.get("document_ref"))
    else:
        raise APIError(422, "validation_error", "event_id or to_warehouse is required.", {"event_id": "required"})
    return jsonify({"on_hand": stock.on_hand(wh, item)}), 201
