"""Offline sync over the API: ``POST /api/v1/sync`` (docs/offline.md, docs/api.md) and what the
offline app downloads (reference bundle, the worker's caseload, the disaster events)."""

from __future__ import annotations

from typing import Any

from flask import jsonify, request

from blueprints.core.api import api_user, endpoint, json_body, query_int
from blueprints.core.i18n import tr_fields
from service.disasters import sync_ops as disaster_sync
from service.offline import downloads, engine


def _op_descriptions() -> str:
    lines = [f"- `{name}`: {spec.description}" for name, spec in engine.op_types().items()]
    return "\n".join(lines)


SYNC_BODY = {
    "type": "object",
    "required": ["device_id", "operations"],
    "description": "The device's outbox. Operation types:\n" + _op_descriptions(),
    "properties": {
        "device_id": {"type": "string", "minLength": 1, "maxLength": 100,
                      "description": "The device's own opaque identifier (a UUID, an Android ID, a serial number)."},
        "operations": {"type": "array", "maxItems": engine.MAX_BATCH, "items": {
            "type": "object", "x-settled-alone": True, "required": ["op_id", "type", "entity_id", "data"],
            "properties": {
                "op_id": {"type": "string", "format": "uuid"},
                "type": {"type": "string", "enum": sorted(engine.op_types())},
                "entity_id": {"type": "string", "format": "uuid"},
                "base_version": {"type": "integer", "minimum": 1},
                "data": {"oneOf": [dict(spec.data_schema, title=name) for name, spec in engine.op_types().items()]},
            }}},
    },
}
SYNC_RESPONSE = {
    "type": "object",
    "properties": {
        "device_id": {"type": "string"}, "server_time": {"type": "string", "format": "date-time"},
        "results": {"type": "array", "items": {"type": "object", "required": ["op_id", "status", "entity_id", "version"],
                                               "properties": {
            "op_id": {"type": "string"}, "entity_id": {"type": "string"}, "version": {"type": ["integer", "null"]},
            "status": {"enum": ["applied", "duplicate", "conflict", "rejected"]},
            "first_status": {"type": "string", "description": "for `duplicate`: the first answer's status"},
            "conflict_id": {"type": "string", "description": "for `conflict`: the supervisor's inbox item"},
            "errors": {"type": "object", "additionalProperties": {"type": "string"}},
            "retryable": {"type": "boolean", "description": "rejected only because a referenced record has "
                                                           "not arrived yet: resend later"}}}}},
}


@endpoint("/sync", ("POST",), summary="Apply a device's outbox: one result per operation, in order; idempotent "
                                      "per op_id", tag="sync", action="sync.push", body=SYNC_BODY,
          response=SYNC_RESPONSE)
def sync_push() -> Any:
    body = json_body()
    out = engine.sync_batch(api_user(), body, ip=request.remote_addr,
                          label=request.headers.get("User-Agent", "")[:200])
    for result in out["results"]:
        params = result.pop("params", None) or {}
        if "errors" in result:
            result["errors"] = tr_fields(result["errors"], params)
    return jsonify(out)


@endpoint("/sync/reference", summary="Reference bundle for offline forms: categories (with `other_needs`, the "
                                     "needs besides the SPM components), service types, SPM components, villages "
                                     "of the user's area", tag="sync", action="sync.push",
          response={"type": "object", "properties": {
              "area": {"type": "string"}, "categories": {"type": "array"}, "service_types": {"type": "array"},
              "basic_services": {"type": "array"}, "villages": {"type": "array"}}})
def sync_reference() -> Any:
    return jsonify(downloads.reference_bundle(api_user()))


@endpoint("/sync/caseload", summary="The signed-in worker's open cases and their persons, to work offline "
                                    "(each person's download is logged as an access). With `limit` and/or "
                                    "`cursor`: one keyset page of at most `limit` cases (default and maximum 500) "
                                    "in case id order; follow `next_cursor` until it is null (the last page also "
                                    "re-sends what changed since the first page). Without either: the whole "
                                    "caseload in one document. A cursor the server did not issue: 422.",
          tag="sync", action="sync.push",
          parameters=[{"name": "cursor", "in": "query", "schema": {"type": "string"}},
                      {"name": "limit", "in": "query", "schema": {"type": "integer", "minimum": 1,
                                                                  "maximum": downloads.CASELOAD_LIMIT}}],
          response={"type": "object", "properties": {"user_id": {"type": "string"}, "persons": {"type": "array"},
                                                     "cases": {"type": "array"},
                                                     "next_cursor": {"type": ["string", "null"]}}})
def sync_caseload() -> Any:
    cursor = request.args.get("cursor")
    limit = query_int("limit", minimum=1, maximum=downloads.CASELOAD_LIMIT)
    return jsonify(downloads.caseload(api_user(), cursor=cursor if cursor != "" else None, limit=limit))


@endpoint("/sync/events", summary="Take my events offline: the disaster events the user works on (TAGANA: the "
                                  "ones deployed to), their households and victims, earlier distributions, items "
                                  "with their guard rules, warehouses, the office's public keys and revoked cards "
                                  "(each victim's download is logged as an access)", tag="sync", action="sync.push",
          response={"type": "object", "properties": {
              "events": {"type": "array", "items": {"type": "object", "properties": {
                  "id": {"type": "string"}, "code": {"type": "string"}, "households": {"type": "array"},
                  "distributions": {"type": "array"}, "revoked": {"type": "array", "items": {"type": "string"}}}}},
              "items": {"type": "array"}, "warehouses": {"type": "array"}, "needs": {"type": "array"},
              "keys": {"type": "object", "properties": {"algorithm": {"type": "string"}, "keys": {"type": "array"}}}}})
def sync_events() -> Any:
    return jsonify(disaster_sync.events_bundle(api_user()))
