"""Performance API: the performance report (INTERFACES.md) and budget payments (docs/performance.md)."""

from __future__ import annotations

from typing import Any

from flask import jsonify

from blueprints.core.api import endpoint, json_body, query_int, require
from blueprints.core.security import AreaOnly
from service.performance import indicators, payments
from service.performance import report as performance

OFFICE = AreaOnly(None)  # budget figures are office-wide: a user limited to an area gets 403
NUM = {"type": ["number", "null"]}
INT = {"type": ["integer", "null"]}
STR = {"type": ["string", "null"]}
YEAR = {"name": "year", "in": "query", "required": True, "schema": {"type": "integer", "minimum": 2000,
                                                                     "maximum": 2100}}
PERFORMANCE_SCHEMA = {"type": "object", "required": ["year", "quarter", "rows"], "properties": {
    "year": {"type": "integer"}, "quarter": {"type": "integer"},
    "rows": {"type": "array", "items": {"type": "object", "properties": {
        "code": {"type": "string"}, "level": {"type": "string"}, "name": {"type": "string"},
        "indicator": {"type": "string"}, "unit": {"type": "string"}, "target": INT, "realised": INT,
        "realised_pct": NUM, "rating": STR, "budget": INT, "planned_budget": INT, "spent": {"type": "integer"},
        "spent_pct": NUM, "spent_rating": STR, "unit_cost": INT,
        "quarters": {"type": "array", "items": INT}, "spent_quarters": {"type": "array", "items": {"type": "integer"}},
        "flags": {"type": "array", "items": {"type": "string"}}}}}}}
PAYMENT_SCHEMA = {"type": "object", "properties": {
    "id": {"type": "string"}, "code": {"type": "string"}, "paid_on": {"type": "string", "format": "date"},
    "amount": {"type": "integer"}, "funding_source": {"type": "string"}, "document_no": {"type": "string"},
    "description": {"type": "string"}, "reason": STR}}
PAYMENT_BODY = {"type": "object", "required": ["code", "paid_on", "amount", "funding_source", "document_no"],
                "properties": {"code": {"type": "string"}, "paid_on": {"type": "string", "format": "date"},
                               "amount": {"type": "integer"}, "funding_source": {"type": "string",
                                                                                 "enum": ["APBD", "APBN", "DAK",
                                                                                          "DBH", "lainnya"]},
                               "document_no": {"type": "string"}, "description": {"type": "string"},
                               "reason": {"type": "string"}}}


def payment_json(p: Any) -> dict[str, Any]:
    return {"id": str(p.id), "code": p.code, "paid_on": p.paid_on.isoformat(), "amount": p.amount,
            "funding_source": p.funding_source, "document_no": p.document_no, "description": p.description,
            "reason": p.reason}


@endpoint("/reports/performance", summary="Capaian kinerja and serapan anggaran per plan row, cumulative "
          "through `quarter` (spec PERFORMANCE.md)", tag="reports", action="performance.view",
          response=PERFORMANCE_SCHEMA,
          parameters=[YEAR, {"name": "quarter", "in": "query", "required": True,
                             "schema": {"type": "integer", "minimum": 1, "maximum": 4}}])
def report_performance() -> Any:
    require("performance.view", OFFICE)
    year = query_int("year", required=True, minimum=2000, maximum=2100)
    quarter = query_int("quarter", required=True, minimum=1, maximum=4)
    return jsonify(performance.report_json(performance.report(year, quarter)))


@endpoint("/budget/payments", summary="Payments of a year (optionally of one sub-activity `code`)", tag="performance",
          action="budget.view", response={"type": "object", "properties": {
              "year": {"type": "integer"}, "total": {"type": "integer"},
              "payments": {"type": "array", "items": PAYMENT_SCHEMA}}},
          parameters=[YEAR, {"name": "code", "in": "query", "required": False, "schema": {"type": "string"}}])
def list_payments() -> Any:
    from flask import request

    from service.core.db import session

    require("budget.view", OFFICE)
    year = query_int("year", required=True, minimum=2000, maximum=2100)
    code = (request.args.get("code") or "").strip() or None
    items = list(session.scalars(payments.payments_query(year, code).limit(5000)))
    return jsonify({"year": year, "total": sum(p.amount for p in items), "payments": [payment_json(p) for p in items]})


@endpoint("/budget/payments", ("POST",), summary="Record a payment (negative amount: a correction with `reason`)",
          tag="performance", action="budget.record", body=PAYMENT_BODY, response=PAYMENT_SCHEMA, status=201)
def create_payment() -> Any:
    require("budget.record", OFFICE)
    data = json_body()
    p = payments.record_payment(data.get("code"), data.get("paid_on"), data.get("amount"), data.get("funding_source"),
                                data.get("document_no"), data.get("description") or "", data.get("reason"),
                                source="api")
    return jsonify(payment_json(p)), 201


INDICATOR_SCHEMA = {"type": "object", "properties": {"year": {"type": "integer"}, "indicators": {"type": "array", "items": {
    "type": "object", "properties": {
        "code": {"type": "string"}, "name": {"type": "string"}, "type": {"type": "string"}, "iku": {"type": "boolean"},
        "unit": {"type": "string"}, "polarity": {"type": "string", "enum": ["positive", "negative"]},
        "formula": {"type": "string"}, "source": {"type": "string"}, "baseline": NUM, "renstra_target": NUM,
        "pk_target": NUM, "realised": NUM, "numerator": NUM, "denominator": NUM, "capaian": NUM, "rating": STR}}}}}


@endpoint("/reports/indicators", summary="Performance indicators (IKU and others) of `year`: targets, realisation, "
          "capaian by polarity and rating", tag="reports", action="performance.view", response=INDICATOR_SCHEMA,
          parameters=[YEAR])
def report_indicators() -> Any:
    require("performance.view", OFFICE)
    year = query_int("year", required=True, minimum=2000, maximum=2100)
    rep = indicators.report(year)
    return jsonify({"year": rep["year"], "indicators": [r.as_json() for r in rep["rows"]]})


RENSTRA_SCHEMA = {"type": "object", "required": ["year", "quarter", "period", "rows"], "properties": {
    "year": {"type": "integer"}, "quarter": {"type": "integer"},
    "period": {"type": ["array", "null"], "items": {"type": "integer"}},
    "rows": {"type": "array", "items": {"type": "object", "properties": {
        "code": {"type": "string"}, "renja_code": {"type": "string"}, "level": {"type": "string"},
        "name": {"type": "string"}, "unit": {"type": "string"}, "baseline": NUM, "final_target": NUM,
        "cumulative": NUM, "cumulative_pct": NUM, "rating": STR, "budget_total": INT, "spent_total": INT,
        "spent_pct": NUM, "years": {"type": "array", "items": {"type": "object", "properties": {
            "year": {"type": "integer"}, "renstra_target": NUM, "renstra_budget": INT, "renja_target": NUM,
            "renja_budget": INT, "realised": NUM, "spent": INT, "capaian": NUM}}}}}}}}


@endpoint("/reports/renstra", summary="The Renstra covering `year`: each year's Renstra target and pagu beside the "
          "Renja target, the realisation and the spending; cumulative attainment (spec PERFORMANCE.md)",
          tag="reports", action="performance.view", response=RENSTRA_SCHEMA,
          parameters=[YEAR, {"name": "quarter", "in": "query", "required": True,
                             "schema": {"type": "integer", "minimum": 1, "maximum": 4}}])
def report_renstra() -> Any:
    from service.performance import renstra_compare

    require("performance.view", OFFICE)
    year = query_int("year", required=True, minimum=2000, maximum=2100)
    quarter = query_int("quarter", required=True, minimum=1, maximum=4)
    return jsonify(renstra_compare.comparison_json(renstra_compare.comparison(year, quarter)))
