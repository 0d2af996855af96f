"""What a device downloads to work offline: reference data and the worker's caseload (docs/offline.md).

The disaster area adds its own download (``service.disasters.sync_ops.events_bundle``).
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import json
import uuid
from types import SimpleNamespace
from typing import Any

from sqlalchemy import CompoundSelect, Select, exists, or_, select
from sqlalchemy.orm import selectinload

from service.care.models.deliveries import Delivery
from service.casework import cases as casework
from service.casework.models import Assessment, AssessmentNeed, Case
from service.core import audit, settings
from service.core.access import can, scope_area
from service.core.db import session, utcnow
from service.core.errors import ValidationError
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


CASELOAD_LIMIT = 500  # the default and the largest page of the caseload download
CATCH_UP_MARGIN = dt.timedelta(minutes=1)  # clocks of several app servers may differ a little


def _open_cases(user: Any) -> Select[Any]:
    return select(Case.id).where(Case.worker_id == user.id, Case.status != "closed",
                                 scope_area(user, Case.area_code))


def encode_cursor(after: uuid.UUID, since: dt.datetime) -> str:
    raw = json.dumps({"a": after.hex, "s": since.isoformat()}, separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(cursor: str) -> tuple[uuid.UUID, dt.datetime]:
    """The last case id of the previous page and when the download began; 422 for anything else."""
    try:
        raw = json.loads(base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)))
        return uuid.UUID(hex=raw["a"]), dt.datetime.fromisoformat(raw["s"])
    except (ValueError, TypeError, KeyError, AttributeError, binascii.Error, UnicodeDecodeError):
        raise ValidationError({"cursor": "Kursor tidak dikenal; mulai lagi dari halaman pertama."}) from None


def caseload(user: Any, cursor: str | None = None, limit: int | None = None) -> dict[str, Any]:
    """The user's open cases and their persons ("take my caseload offline"); logged as access.

    Without ``cursor`` and ``limit``: the whole caseload in one document (what the app asked for
    before the download was paged; ``next_cursor`` is null). Otherwise one keyset page of at most
    ``limit`` cases (default and maximum ``CASELOAD_LIMIT``) in case id order, with the persons of
    those cases, and ``next_cursor`` for the next page (null on the last). The cursor carries when
    the download began: the last page also re-sends every case of the caseload already sent whose
    case, person, assessments or deliveries changed since then (and a case newly assigned with an
    id before the cursor), so nothing changed between pages is lost — the device keeps the latest
    copy of each id. A case that left the caseload half-way stays on the device until the next download.
    """
    require(user, "case.view")
    if cursor is None and limit is None:
        return _caseload_of(user, _open_cases(user)) | {"next_cursor": None}
    limit = max(1, min(CASELOAD_LIMIT, limit or CASELOAD_LIMIT))
    after, since = decode_cursor(cursor) if cursor else (None, utcnow() - CATCH_UP_MARGIN)
    page = _open_cases(user).order_by(Case.id).limit(limit + 1)
    if after is not None:
        page = page.where(Case.id > after)
    ids = list(session.scalars(page))
    more = len(ids) > limit
    ids = ids[:limit]
    chosen: Select[Any] = _open_cases(user).where(Case.id.in_(ids)) if ids else _open_cases(user).where(False)
    if not more and after is not None:
        chosen = chosen.union(_changed_since(user, after, since))
    out = _caseload_of(user, chosen)
    return out | {"next_cursor": encode_cursor(ids[-1], since) if more else None}


def _changed_since(user: Any, upto: uuid.UUID, since: dt.datetime) -> Select[Any]:
    """The cases up to ``upto`` (pages already sent) whose data changed since ``since``."""
    return _open_cases(user).where(Case.id <= upto, or_(
        Case.updated_at >= since, Case.created_at >= since,
        exists().where(Person.id == Case.person_id, Person.updated_at >= since),
        exists().where(Assessment.case_id == Case.id, Assessment.updated_at >= since),
        exists().where(Delivery.case_id == Case.id, Delivery.updated_at >= since)))


def _caseload_of(user: Any, case_ids: Select[Any] | CompoundSelect) -> dict[str, Any]:
    """Set-based: the cases with their persons and assessments in a few IN queries
    (``selectinload``), the deliveries of all of them in one query per 500 cases, and the
    access entries inserted in bulk — the number of statements does not grow with the caseload.
    """
    stmt = select(Case).where(Case.id.in_(case_ids)).order_by(Case.id).options(selectinload(Case.person))
    cases = [c for c in session.scalars(stmt) if can(user, "case.view", c)]
    # The person check reads the person's sensitive cases (need-to-know): for all of them at once.
    sensitive: dict[uuid.UUID, list[uuid.UUID | None]] = {}
    pids = list({c.person_id for c in cases})
    for i in range(0, len(pids), 500):
        for pid, worker in session.execute(select(Case.person_id, Case.worker_id)
                                           .where(Case.person_id.in_(pids[i:i + 500]), Case.is_sensitive)):
            sensitive.setdefault(pid, []).append(worker)
    persons: dict[uuid.UUID, Person] = {}
    for case in cases:
        if case.person_id in persons:
            continue
        p = case.person
        probe = SimpleNamespace(area_code=p.area_code, is_sensitive=case.person_id in sensitive,
                                assigned_user_ids=[w for w in sensitive.get(case.person_id, []) if w])
        if can(user, "person.view", probe):  # the same rule as can(user, "person.view", p)
            persons[case.person_id] = p
    cases = [c for c in cases if c.person_id in persons]
    with audit.acting_as(audit.actor_for_user(user, "sync")), audit.buffered():
        for pid in persons:
            audit.log_access("persons", pid, purpose="offline")
    show_nik = can(user, "person.view_nik")
    out_persons = []
    for p in persons.values():
        snap = person_snapshot(p)
        if not show_nik:
            snap["nik"] = None
        out_persons.append({"id": str(p.id), "version": p.version, **snap})
    given: dict[uuid.UUID, list[Any]] = {}
    ids = [c.id for c in cases]
    for i in range(0, len(ids), 500):
        rows = session.execute(
            select(Delivery.case_id, Delivery.service_type_code, Delivery.quantity, Delivery.delivered_on)
            .where(Delivery.case_id.in_(ids[i:i + 500]), Delivery.voided_at.is_(None))
            .order_by(Delivery.case_id, Delivery.delivered_on))
        for row in rows:
            given.setdefault(row.case_id, []).append(row)
    latest = _latest_assessments(ids)
    out_cases = []
    for c in cases:
        last = latest.get(c.id)
        out_cases.append({"id": str(c.id), "number": c.number, "person_id": str(c.person_id),
                          "kategori_ppks": c.category_code, "status": c.status, "version": c.version,
                          "kebutuhan": sorted(last[1]) if last else [],
                          "tanggal_asesmen": last[0].isoformat() if last else None,
                          "layanan": [{"layanan": d.service_type_code, "jumlah": d.quantity,
                                       "tanggal_layanan": d.delivered_on.isoformat() if d.delivered_on else None}
                                      for d in given.get(c.id, [])]})
    return {"user_id": str(user.id), "persons": out_persons, "cases": out_cases,
            "downloaded_at": utcnow().isoformat()}


def _latest_assessments(case_ids: list[uuid.UUID]) -> dict[uuid.UUID, tuple[dt.date, list[str]]]:
    """Each case's latest assessment (by date, then as recorded): its date and needs, in columns —
    not every assessment of every case loaded as objects (a page of 500 cases: ~2,000 objects)."""
    latest: dict[uuid.UUID, tuple[uuid.UUID, dt.date]] = {}
    for i in range(0, len(case_ids), 500):
        for cid, aid, on in session.execute(
                select(Assessment.case_id, Assessment.id, Assessment.assessed_on)
                .where(Assessment.case_id.in_(case_ids[i:i + 500]))
                .order_by(Assessment.case_id, Assessment.assessed_on, Assessment.created_at)):
            latest[cid] = (aid, on)
    needs: dict[uuid.UUID, list[str]] = {aid: [] for aid, _ in latest.values()}
    aids = list(needs)
    for i in range(0, len(aids), 500):
        for aid, code in session.execute(select(AssessmentNeed.assessment_id, AssessmentNeed.service_type_code)
                                         .where(AssessmentNeed.assessment_id.in_(aids[i:i + 500]))):
            needs[aid].append(code)
    return {cid: (on, needs[aid]) for cid, (aid, on) in latest.items()}
