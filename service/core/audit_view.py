"""What a reader of the audit trail may see of it (the audit page and its export).

The trail keeps everything; its readers (admin, auditor) see it through the same rules as
every other page:

- **NIKs masked**: a reader without ``person.view_nik`` sees every NIK in an entry masked
  (``mask_nik``), under a ``nik`` key or anywhere in a text (16 digits in a row, e.g. a KK number).
- **Need to know and area**: an entry about a record the reader may not open (a sensitive case,
  its person, an assessment or delivery of it, a record outside the reader's area) is shown as
  *who, when, what kind of record, which action* only: the record's id and its values are withheld.

The record an entry is about is found from its ``entity_type`` (the table) and ``entity_id``;
records hanging off a case or a person (by a foreign key to a table whose model knows
``is_sensitive``) are judged by that case or person too. A deleted record is judged by the
values the entry kept.
"""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass
from types import SimpleNamespace
from typing import Any

from service.core.access import can, mask_nik
from service.core.db import Base, session
from service.core.models.audit import AuditLog

_NIK_IN_TEXT = re.compile(r"(?<!\d)\d{16}(?!\d)")
_NIK_KEY = re.compile(r"^(.*_)?nik$")


@dataclass
class EntryView:
    at: Any
    actor_name: str
    source: str
    ip: str | None
    action: str
    entity_type: str
    entity_id: str | None
    changes: dict[str, Any]
    withheld: bool


def mask_value(value: Any, key: str = "") -> Any:
    """``value`` with every NIK in it masked (recursively through lists and dicts)."""
    if isinstance(value, str):
        if _NIK_KEY.match(key):
            return mask_nik(value)
        return _NIK_IN_TEXT.sub(lambda m: mask_nik(m.group(0)), value)
    if isinstance(value, list | tuple):
        return [mask_value(v, key) for v in value]
    if isinstance(value, dict):
        return {k: mask_value(v, str(k)) for k, v in value.items()}
    return value


def _model_for(table: str) -> Any:
    for mapper in Base.registry.mappers:
        if getattr(mapper.local_table, "name", None) == table:
            return mapper.class_
    return None


def _get(cls: Any, raw_id: Any) -> Any:
    pk = cls.__mapper__.primary_key
    if len(pk) != 1 or raw_id in (None, ""):
        return None
    try:
        kind = pk[0].type.python_type
        ident = uuid.UUID(str(raw_id)) if kind is uuid.UUID else kind(raw_id)
    except (ValueError, TypeError, NotImplementedError):
        return None
    return session.get(cls, ident)


def _guarded(cls: Any) -> bool:
    """Records of this model carry their own access attributes (area, sensitivity)."""
    return hasattr(cls, "is_sensitive") or hasattr(cls, "area_code")


def _parents(cls: Any, values: dict[str, Any], depth: int) -> list[Any]:
    """The guarded records that a record (given by its column values) hangs off."""
    found = []
    if depth <= 0:
        return found
    for col in cls.__table__.columns:
        for fk in col.foreign_keys:
            target = _model_for(fk.column.table.name)
            if target is None or target is cls or not hasattr(target, "is_sensitive"):
                continue
            parent = _get(target, values.get(col.key))
            if parent is not None:
                found.append(parent)
                found.extend(_parents(target, {c.key: getattr(parent, c.key, None)
                                               for c in target.__table__.columns}, depth - 1))
    return found


def _subjects(entry: AuditLog) -> list[Any]:
    cls = _model_for(entry.entity_type)
    if cls is None:
        return []
    obj = _get(cls, entry.entity_id)
    if obj is not None:
        values = {c.key: getattr(obj, c.key, None) for c in cls.__table__.columns}
        own = [obj] if _guarded(cls) else []
    else:  # deleted (or never stored): judge by the values the entry kept
        values = {}
        for k, v in (entry.changes or {}).items():
            values[k] = (v[0] if v[0] is not None else v[1]) if isinstance(v, list) and len(v) == 2 else v
        own = []
        if "area_code" in values or "is_sensitive" in values:
            own = [SimpleNamespace(area_code=values.get("area_code"), is_sensitive=bool(values.get("is_sensitive")),
                                   assigned_user_ids=())]
    return own + _parents(cls, values, 2)


def may_see(user: Any, entry: AuditLog) -> bool:
    """May ``user`` see the record an entry is about (area and need to know)?"""
    return all(can(user, "audit.view", thing) for thing in _subjects(entry))


def present(user: Any, entries: list[AuditLog]) -> list[EntryView]:
    """The entries as ``user`` may see them: NIKs masked, withheld where need-to-know says so."""
    show_nik = can(user, "person.view_nik")
    views = []
    for e in entries:
        visible = may_see(user, e)
        changes = dict(e.changes or {}) if visible else {}
        if not show_nik:
            changes = mask_value(changes)
        views.append(EntryView(e.at, e.actor_name, e.source, e.ip, e.action, e.entity_type,
                               e.entity_id if visible else None, changes, not visible))
    return views


EXPORT_LIMIT = 50_000


def table(views: list[EntryView], withheld_label: str) -> tuple[list[str], list[list[Any]]]:
    """The export's header and rows (the values of a write as ``field: before → after``)."""
    header = ["Waktu (UTC)", "Pelaku", "Sumber", "Alamat IP", "Aksi", "Jenis data", "ID data", "Perubahan"]
    rows = []
    for v in views:
        if v.withheld:
            detail = withheld_label
        else:
            parts = []
            for k, val in v.changes.items():
                if isinstance(val, list) and len(val) == 2:
                    parts.append(f"{k}: {_show(val[0])} → {_show(val[1])}")
                else:
                    parts.append(f"{k}: {_show(val)}")
            detail = "; ".join(parts)
        rows.append([v.at.strftime("%d/%m/%Y %H:%M:%S"), v.actor_name, v.source, v.ip or "", v.action,
                     v.entity_type, v.entity_id or "", detail])
    return header, rows


def _show(value: Any) -> str:
    return "∅" if value is None else str(value)
