"""The institutions register over the API: search it, add to it."""

from __future__ import annotations

from typing import Any

from flask import jsonify, request

from blueprints.care.api.common import PAGE, STR, TAG, page_of
from blueprints.core.api import endpoint, json_body
from service.care import institutions


@endpoint("/institutions", summary="Institutions register (search with q)", tag=TAG, action="institution.view",
          parameters=[{"name": "q", "in": "query", "schema": STR}, *PAGE])
def list_institutions() -> Any:
    page = page_of(institutions.institutions_stmt(request.args.get("q")))
    return jsonify({"items": [{"id": str(i.id), "name": i.name, "kind": i.kind, "region_code": i.region_code,
                               "address": i.address, "contact_person": i.contact_person, "phone": i.phone,
                               "email": i.email, "active": i.active} for i in page.items], "meta": page.as_meta()})


@endpoint("/institutions", ("POST",), summary="Add an institution", tag=TAG, action="institution.manage", status=201,
          body={"type": "object", "required": ["name", "kind"], "properties": {
              "name": STR, "kind": {"enum": list(institutions.KIND_LABELS)}, "region_code": STR, "address": STR,
              "contact_person": STR, "phone": STR, "email": STR}})
def create_institution() -> Any:
    inst = institutions.create_institution(json_body())
    return jsonify({"id": str(inst.id), "name": inst.name, "kind": inst.kind}), 201
