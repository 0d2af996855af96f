"""What a device downloads to work offline: reference data and the worker's caseload (docs/offline.md).

The disaster area adds its own download (``service.disasters.sync_ops.events_bundle``).
"""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import select

from service.care.models.deliveries import Delivery
from service.casework import cases as casework
from service.casework.models import Case
from service.core import audit, settings
from service.core.access import can, scope_area
from service.core.db import session, utcnow
from service.offline.engine import require
from service.reference import regions
from service.reference.models import BasicService, PpksCategory, Region, ServiceType
from service.registry.models import Person
from service.registry.sync_ops import person_snapshot


def office_area(user: Any) -> str:
    return user.area_code or settings.get("office.region_code") or ""


def _other_needs(category: PpksCategory, memo: dict[str | None, list[str]]) -> list[str]:
    """The needs besides the SPM components an assessment of ``category`` may list
    (``casework.need_options``; the same for every category of one basic service)."""
    key = category.spm_service_code
    if key not in memo:
        memo[key] = [st.code for st in casework.need_options(category)[1]]
    return memo[key]


def reference_bundle(user: Any) -> dict[str, Any]:
    """Categories (with the needs each may list besides its SPM components), service types, SPM
    components and the villages of the user's area, for offline forms."""
    others: dict[str | None, list[str]] = {}
    area = office_area(user)
    villages = select(Region).where(Region.level == 4).order_by(Region.name)
    villages = villages.where(Region.code.like(area + ".%")) if area else villages.where(False)
    districts = {r.code: r.name for r in session.scalars(select(Region).where(Region.level == 3,
                                                                             Region.code.like(area + "%")))}
    return {
        "area": area,
        "area_label": regions.label(area) if area else "",
        "categories": [{"code": c.code, "name": c.name_id, "name_en": c.name_en, "spm_service": c.spm_service_code,
                        "sensitive": c.sensitive, "other_needs": _other_needs(c, others)}
                       for c in session.scalars(select(PpksCategory).where(PpksCategory.active)
                                                .order_by(PpksCategory.name_id))],
        "service_types": [{"code": s.code, "name": s.name_id, "name_en": s.name_en, "unit": s.unit}
                          for s in session.scalars(select(ServiceType).where(ServiceType.active)
                                                   .order_by(ServiceType.name_id))],
        "basic_services": [{"code": b.code, "name": b.name_id, "name_en": b.name_en, "components": b.component_codes}
                           for b in session.scalars(select(BasicService).order_by(BasicService.order))],
        "villages": [{"code": r.code, "name": r.name, "district": districts.get(r.parent_code or "", "")}
                     for r in session.scalars(villages)],
    }


def caseload(user: Any) -> dict[str, Any]:
    """The user's open cases and their persons ("take my caseload offline"); logged as access."""
    require(user, "case.view")
    stmt = (select(Case).where(Case.worker_id == user.id, Case.status != "closed",
                               scope_area(user, Case.area_code)).order_by(Case.intake_date))
    cases = [c for c in session.scalars(stmt) if can(user, "case.view", c)]
    persons: dict[uuid.UUID, Person] = {}
    for case in cases:
        if case.person_id not in persons and can(user, "person.view", case.person):
            persons[case.person_id] = case.person
    cases = [c for c in cases if c.person_id in persons]
    with audit.acting_as(audit.actor_for_user(user, "sync")):
        for pid in persons:
            audit.log_access("persons", pid, purpose="offline")
    show_nik = can(user, "person.view_nik")
    out_persons = []
    for p in persons.values():
        snap = person_snapshot(p)
        if not show_nik:
            snap["nik"] = None
        out_persons.append({"id": str(p.id), "version": p.version, **snap})
    out_cases = []
    for c in cases:
        latest = c.assessments[-1] if c.assessments else None
        given = session.scalars(select(Delivery).where(Delivery.case_id == c.id, Delivery.voided_at.is_(None))
                                .order_by(Delivery.delivered_on))
        out_cases.append({"id": str(c.id), "number": c.number, "person_id": str(c.person_id),
                          "kategori_ppks": c.category_code, "status": c.status, "version": c.version,
                          "kebutuhan": latest.need_codes if latest else [],
                          "tanggal_asesmen": latest.assessed_on.isoformat() if latest else None,
                          "layanan": [{"layanan": d.service_type_code, "jumlah": d.quantity,
                                       "tanggal_layanan": d.delivered_on.isoformat() if d.delivered_on else None}
                                      for d in given]})
    return {"user_id": str(user.id), "persons": out_persons, "cases": out_cases,
            "downloaded_at": utcnow().isoformat()}
