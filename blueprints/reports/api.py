"""SPM, Renja and IKU figures (docs/reports.md "API"); area users get their area's figures."""

from __future__ import annotations

from typing import Any

from flask import jsonify

from blueprints.core.api import api_user, endpoint, query_int
from service.reports import iku, renja_realisation, spm

NUM = {"type": ["number", "null"]}
INT = {"type": ["integer", "null"]}
YEAR = {"name": "year", "in": "query", "required": True, "schema": {"type": "integer", "minimum": 2000,
                                                                     "maximum": 2100}}

SPM_SCHEMA = {"type": "object", "required": ["year", "month", "weights", "services", "overall_index"], "properties": {
    "year": {"type": "integer"}, "month": {"type": "integer"},
    "weights": {"type": "object", "properties": {"recipients": {"type": "number"}, "quality": {"type": "number"}}},
    "services": {"type": "array", "items": {"type": "object", "properties": {
        "code": {"type": "string"}, "needing": {"type": "integer"}, "served": {"type": "integer"},
        "recipients_pct": NUM, "quality_pct": NUM, "index": NUM, "category": {"type": ["string", "null"]},
        "target": INT, "target_pct": NUM}}},
    "overall_index": NUM}}
RENJA_SCHEMA = {"type": "object", "properties": {
    "year": {"type": "integer"}, "quarter": {"type": "integer"},
    "rows": {"type": "array", "items": {"type": "object", "properties": {
        "code": {"type": "string"}, "level": {"type": "string"}, "name": {"type": "string"},
        "indicator": {"type": "string"}, "unit": {"type": "string"}, "target": INT, "realised": INT,
        "realised_pct": NUM, "budget": INT, "quarters": {"type": "array", "items": INT},
        "source": {"type": "string"}, "children_budget": INT, "flags": {"type": "array",
                                                                        "items": {"type": "string"}}}}}}}
IKU_SCHEMA = {"type": "object", "properties": {"year": {"type": "integer"}, "registered": {"type": "integer"},
                                               "handled": {"type": "integer"}, "pct": NUM}}


@endpoint("/reports/spm", summary="SPM attainment, year to date through `month` (docs/reports.md)", tag="reports",
          action="report.view", response=SPM_SCHEMA,
          parameters=[YEAR, {"name": "month", "in": "query", "required": True,
                             "schema": {"type": "integer", "minimum": 1, "maximum": 12}}])
def report_spm() -> Any:
    year = query_int("year", required=True, minimum=2000, maximum=2100)
    month = query_int("month", required=True, minimum=1, maximum=12)
    return jsonify(spm.report_json(spm.report(year, month, api_user().area_code)))


@endpoint("/reports/renja", summary="Renja realisation, cumulative through `quarter`", tag="reports",
          action="report.view", response=RENJA_SCHEMA,
          parameters=[YEAR, {"name": "quarter", "in": "query", "required": True,
                             "schema": {"type": "integer", "minimum": 1, "maximum": 4}}])
def report_renja() -> Any:
    year = query_int("year", required=True, minimum=2000, maximum=2100)
    quarter = query_int("quarter", required=True, minimum=1, maximum=4)
    rep = renja_realisation.report(year, quarter, api_user().area_code)
    return jsonify({"year": rep["year"], "quarter": rep["quarter"], "rows": [r.as_json() for r in rep["rows"]]})


@endpoint("/reports/iku", summary="IKU: percentage of PPKS handled in `year`", tag="reports", action="report.view",
          response=IKU_SCHEMA, parameters=[YEAR])
def report_iku() -> Any:
    year = query_int("year", required=True, minimum=2000, maximum=2100)
    return jsonify(iku.report_json(iku.report(year, area=api_user().area_code)))
