"""Reference data over the API (the offline app caches these)."""

from __future__ import annotations

from typing import Any

from flask import jsonify, request
from sqlalchemy import select

from blueprints.core.api import endpoint
from service.core.db import session
from service.reference import regions
from service.reference.models import BasicService, PpksCategory, ServiceType


@endpoint("/reference/categories", summary="PPKS categories", tag="reference", action="reference.view")
def categories() -> Any:
    rows = session.scalars(select(PpksCategory).where(PpksCategory.active).order_by(PpksCategory.name_id))
    return jsonify({"items": [
        {"code": c.code, "name_id": c.name_id, "name_en": c.name_en, "spm_service": c.spm_service_code,
         "sensitive": c.sensitive} for c in rows]})


@endpoint("/reference/service-types", summary="Service types", tag="reference", action="reference.view")
def service_types() -> Any:
    rows = session.scalars(select(ServiceType).where(ServiceType.active).order_by(ServiceType.code))
    return jsonify({"items": [
        {"code": s.code, "name_id": s.name_id, "name_en": s.name_en, "group": s.group, "unit": s.unit,
         "renja_code_spm": s.renja_code_spm, "renja_code_other": s.renja_code_other} for s in rows]})


@endpoint("/reference/basic-services", summary="SPM basic services and their components", tag="reference",
          action="reference.view")
def basic_services() -> Any:
    rows = session.scalars(select(BasicService).order_by(BasicService.order))
    return jsonify({"items": [
        {"code": b.code, "order": b.order, "name_id": b.name_id, "name_en": b.name_en,
         "components": b.component_codes} for b in rows]})


@endpoint("/reference/regions", summary="Regions: children of `parent` (provinces when absent), or a name search `q`",
          tag="reference", action="reference.view",
          parameters=[{"name": "parent", "in": "query", "schema": {"type": "string"}},
                      {"name": "q", "in": "query", "schema": {"type": "string"}}])
def region_list() -> Any:
    q = (request.args.get("q") or "").strip()
    rows = regions.search(q) if q else regions.children(request.args.get("parent") or None)
    return jsonify({"items": [{"code": r.code, "name": r.name, "level": r.level} for r in rows]})
