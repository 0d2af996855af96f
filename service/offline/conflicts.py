"""The supervisor's sync inbox: version conflicts and flagged device records (docs/offline.md).

A person changed on a device since its ``base_version`` is kept here, side by side with the
server's version; the supervisor picks per field and the choice is written through the registry's
use case. Other kinds (a double distribution recorded offline) are flagged for review.
"""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import Select, func, or_, select

from service.core.access import can, scope_area
from service.core.db import parse_uuid, session, utcnow
from service.core.errors import N_, NotFound, PermissionDenied, ValidationError
from service.offline.engine import require
from service.offline.models import SyncConflict
from service.registry.models import Person
from service.registry.sync_ops import PERSON_FIELDS, apply_person_fields, person_snapshot


def flag_for_review(kind: str, entity_type: str, entity_id: uuid.UUID, area_code: str, summary: str, *,
                    device_data: dict[str, Any] | None = None, server_data: dict[str, Any] | None = None,
                    op_id: uuid.UUID | None = None, device_id: uuid.UUID | None = None,
                    submitted_by_id: uuid.UUID | None = None) -> SyncConflict:
    """Put something recorded from a device before a supervisor (e.g. a double distribution)."""
    item = SyncConflict(kind=kind, entity_type=entity_type, entity_id=entity_id, area_code=area_code,
                        summary=summary, device_data=device_data or {}, server_data=server_data or {},
                        op_id=op_id, device_id=device_id, submitted_by_id=submitted_by_id)
    session.add(item)
    session.flush()
    return item


def conflicts_stmt(user: Any, status: str = "open", q: str = "") -> Select[Any]:
    stmt = select(SyncConflict).where(scope_area(user, SyncConflict.area_code))
    if status in ("open", "resolved"):
        stmt = stmt.where(SyncConflict.status == status)
    if q.strip():
        stmt = stmt.where(or_(SyncConflict.summary.ilike(f"%{q.strip()}%"),
                              SyncConflict.entity_type.ilike(f"%{q.strip()}%")))
    return stmt.order_by(SyncConflict.created_at.desc(), SyncConflict.id)


def open_conflict_count(user: Any) -> int:
    return session.scalar(select(func.count()).select_from(conflicts_stmt(user).order_by(None).subquery())) or 0


def get_conflict(user: Any, conflict_id: Any) -> SyncConflict:
    cid = parse_uuid(conflict_id)
    item = session.get(SyncConflict, cid) if cid else None
    if item is None:
        raise NotFound(N_("Konflik tidak ditemukan."))
    if not can(user, "sync.resolve", item):
        raise PermissionDenied(N_("Peran atau wilayah Anda tidak mengizinkan perubahan ini."))
    return item


def conflict_rows(item: SyncConflict) -> tuple[list[dict[str, Any]], int | None]:
    """Side-by-side rows (field, label, base server value now, device value) and the current version."""
    if item.kind != "version" or item.entity_type != "persons":
        keys = sorted(set(item.server_data) | set(item.device_data))
        return [{"field": k, "label": k, "server": item.server_data.get(k), "device": item.device_data.get(k),
                 "differs": item.server_data.get(k) != item.device_data.get(k)} for k in keys], None
    person = session.get(Person, item.entity_id)
    current = person_snapshot(person) if person else item.server_data
    rows = []
    for key, label in PERSON_FIELDS:
        server, device = current.get(key), item.device_data.get(key)
        rows.append({"field": key, "label": label, "server": server, "device": device,
                     "differs": (server or None) != (device or None)})
    return rows, person.version if person else None


def resolve_conflict(user: Any, item: SyncConflict, choices: dict[str, str], *, seen_version: int | None = None,
                     note: str | None = None) -> SyncConflict:
    """Decide a conflict: per field keep the server's value or take the device's (a merge when mixed).

    The record is changed through ``registry.update_person`` (same validation and
    audit as the web form). If the record changed again since the supervisor
    looked (``seen_version``), nothing is written and they must look again.
    """
    require(user, "sync.resolve", item)
    if item.status != "open":
        raise ValidationError({"_": N_("Konflik ini sudah diselesaikan.")})
    now = utcnow()
    if item.kind != "version" or item.entity_type != "persons":
        item.status, item.resolution, item.resolved_by_id, item.resolved_at = "resolved", "acknowledged", user.id, now
        item.note = note or None
        session.flush()
        return item
    person = session.get(Person, item.entity_id)
    if person is None:
        raise NotFound(N_("Orang tidak ditemukan."))
    require(user, "person.edit", person)
    if seen_version is not None and seen_version != person.version:
        raise ValidationError({"_": N_("Data di server berubah lagi sejak Anda membuka halaman ini; periksa ulang.")})
    rows, _version = conflict_rows(item)
    bad = {r["field"]: N_("Pilih versi server atau perangkat.") for r in rows
           if r["differs"] and choices.get(r["field"]) not in ("server", "device")}
    if bad:
        raise ValidationError(bad)
    chosen = {r["field"]: (r["device"] if r["differs"] and choices[r["field"]] == "device" else r["server"])
              for r in rows}
    picks = {choices[r["field"]] for r in rows if r["differs"]}
    resolution = "merged" if len(picks) > 1 else (picks.pop() if picks else "server")
    if chosen != {r["field"]: r["server"] for r in rows}:
        apply_person_fields(person, chosen)
    item.status, item.resolution, item.resolved_by_id, item.resolved_at = "resolved", resolution, user.id, now
    item.resolved_data = chosen
    item.note = note or None
    session.flush()
    return item
