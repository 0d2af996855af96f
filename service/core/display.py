"""Stored values as people read them: record names instead of ids, field labels instead of
column names, dates as 31/03/2026, money as Rp 1.250.000, region and reference codes as names,
NIKs masked — resolved **in bulk** (one query per table per page, not one per row).

Used by the audit trail (``service.core.audit_view``) and by any page that shows stored rows or
snapshots (the sync conflict page). The web layer passes ``tr`` (its translation function) and
``code_label`` (labels of coded values such as sex ``P`` -> "Perempuan"), so this module stays
free of Flask.

Access: a record's name is given only when the reader may open it (``can(user, "audit.view")``
on the record and the guarded records it hangs off: a sensitive case, its person). Otherwise
the name is "Rahasia (perlu tahu)".
"""

from __future__ import annotations

import datetime as dt
import functools
import re
import uuid
from collections import defaultdict
from collections.abc import Callable, Iterable
from types import SimpleNamespace
from typing import Any

from sqlalchemy import select

from service.core import clock
from service.core.access import can, mask_nik
from service.core.audit_labels import FIELD_LABELS, KIND_LABELS
from service.core.db import Base, session
from service.core.errors import N_
from service.core.formatting import format_date, format_datetime, format_rupiah

WITHHELD = N_("Rahasia (perlu tahu)")
EMPTY = "–"

NIK_COLUMNS = {"nik", "recipient_nik", "kk_number", "signer_nip_nik"}
MONEY_COLUMNS = {"amount", "cost", "budget", "previous_budget"}
REGION_COLUMNS = {"area_code", "village_code", "region_code", "origin_region_code", "destination_region_code",
                  "village_codes"}
# Columns that hold another record's id without a declared foreign key.
ID_TARGETS = {"disaster_event_id": "disaster_events", "event_id": "disaster_events", "victim_id": "victims",
              "victim_ids": "victims", "device_id": "sync_devices", "merged_id": "persons", "survivor_id": "persons",
              "person_id": "persons", "case_id": "cases", "household_id": "households"}
USER_COLUMNS = {"user_id", "worker_id", "assessor_id", "assignee_id", "responsible_id", "volunteer_user_id", "by_id",
                "actor_id"}
REF_COLUMNS = {"ppks_category_code": "ppks_categories", "service_type_code": "service_types",
               "basic_service_code": "basic_services", "spm_service_code": "basic_services",
               "programme_code": "aid_programmes", "category_code": "ppks_categories"}
NAME_COLUMNS = ("name", "full_name", "title", "number", "letter_number", "serial", "registration_number",
                "member_number", "label", "code")
_NIK_IN_TEXT = re.compile(r"(?<!\d)\d{16}(?!\d)")
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_ISO_DATETIME = re.compile(r"^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}")
_CODE = re.compile(r"^[a-z]+(_[a-z0-9]+)+$")
_UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$", re.I)


def _flatten(value: Any) -> Iterable[Any]:
    if isinstance(value, list | tuple):
        for v in value:
            yield from _flatten(v)
    elif value is not None:
        yield value


def _identity(text: str, **_params: Any) -> str:
    return text


_MODELS: dict[str, Any] = {}


def model_for(table: str) -> Any:
    if not _MODELS:
        for mapper in Base.registry.mappers:
            name = getattr(mapper.local_table, "name", None)
            if name:
                _MODELS[name] = mapper.class_
    return _MODELS.get(table)


def kind_label(table: str, tr: Callable[..., str] = _identity) -> str:
    text = KIND_LABELS.get(table)
    return tr(text) if text else humanize(table)


def field_label(column: str, tr: Callable[..., str] = _identity) -> str:
    text = FIELD_LABELS.get(column)
    return tr(text) if text else humanize(column)


def humanize(name: str) -> str:
    """Last resort for a key no label knows: ``open_months`` -> "Open months" (never snake_case)."""
    text = re.sub(r"[_.]+", " ", str(name)).strip()
    return text[:1].upper() + text[1:]


@functools.cache  # the schema's metadata and the constant maps below: never changes in a process
def target_of(table: str, column: str) -> str | None:
    """The table whose record a column of ``table`` points at (declared or by name), if any."""
    cls = model_for(table)
    col = cls.__table__.c.get(column) if cls is not None else None
    if col is not None and col.foreign_keys:
        return next(iter(col.foreign_keys)).column.table.name
    if column in REGION_COLUMNS or (table == "regions" and column == "parent_code"):
        return "regions"
    if column in ID_TARGETS:
        return ID_TARGETS[column]
    if column in USER_COLUMNS or column.endswith("_by_id"):
        return "users"
    if column in REF_COLUMNS:
        return REF_COLUMNS[column]
    return None


@functools.cache  # metadata only (the audit export asks it per cell)
def _column_kind(table: str, column: str) -> str:
    cls = model_for(table)
    col = cls.__table__.c.get(column) if cls is not None else None
    if col is None:
        return ""
    try:
        py = col.type.python_type
    except NotImplementedError:
        return ""
    if py is dt.datetime:
        return "datetime"
    if py is dt.date:
        return "date"
    if py is bool:
        return "bool"
    return ""


def _key(cls: Any, raw: Any) -> Any:
    pk = cls.__mapper__.primary_key
    if len(pk) != 1 or raw in (None, ""):
        return None
    try:
        kind = pk[0].type.python_type
        return uuid.UUID(str(raw)) if kind is uuid.UUID else kind(raw)
    except (ValueError, TypeError, NotImplementedError, AttributeError):
        return None


class Resolver:
    """Collects the ids a page needs (``want``), loads them in bulk (``load``), then names them."""

    def __init__(self, user: Any, tr: Callable[..., str] = _identity, lang: str = "id",
                 code_label: Callable[[str, str, Any], str | None] | None = None) -> None:
        self.user, self.tr, self.lang = user, tr, lang
        self.code_label = code_label or (lambda _t, _c, _v: None)
        self.show_nik = can(user, "person.view_nik")
        self._want: dict[str, set[Any]] = defaultdict(set)
        self._rows: dict[tuple[str, Any], Any] = {}
        self._sensitive: dict[Any, list[Any]] = {}  # person id -> workers of their sensitive cases

    # ------------------------------------------------------------ loading
    def want(self, table: str | None, raw: Any) -> None:
        cls = model_for(table) if table else None
        if cls is None:
            return
        for one in raw if isinstance(raw, list) else [raw]:
            ident = _key(cls, one)
            if ident is not None and (table, ident) not in self._rows:
                self._want[table].add(ident)

    def want_values(self, table: str, values: dict[str, Any]) -> None:
        """Want every record the (column -> value) pairs point at (values may be [before, after] pairs)."""
        for column, value in values.items():
            target = target_of(table, column)
            if target is not None:
                self.want(target, list(_flatten(value)))

    def load(self, rounds: int = 3) -> None:
        """Load every wanted record, then what those records need to be judged and named."""
        for _ in range(rounds):
            pending = {t: ids for t, ids in self._want.items() if ids}
            self._want = defaultdict(set)
            if not pending:
                return
            for table, ids in pending.items():
                cls = model_for(table)
                pk = cls.__mapper__.primary_key[0]
                found = {}
                id_list = list(ids)
                for i in range(0, len(id_list), 500):
                    for obj in session.scalars(select(cls).where(pk.in_(id_list[i:i + 500]))):
                        found[getattr(obj, pk.key)] = obj
                for ident in ids:
                    self._rows[(table, ident)] = found.get(ident)
                if table == "persons":
                    self._load_sensitivity(list(found))
                for obj in found.values():
                    for column, target in self._parent_columns(cls):
                        self.want(target, getattr(obj, column, None))

    def _load_sensitivity(self, person_ids: list[Any]) -> None:
        from service.casework.models import Case  # noqa: PLC0415 (the case table decides need-to-know)

        for pid in person_ids:
            self._sensitive.setdefault(pid, [])
        for i in range(0, len(person_ids), 500):
            rows = session.execute(select(Case.person_id, Case.worker_id)
                                   .where(Case.person_id.in_(person_ids[i:i + 500]), Case.is_sensitive))
            for pid, worker in rows:
                self._sensitive[pid].append(worker)

    @staticmethod
    @functools.cache  # metadata only: asked for every record of every audit row
    def _parent_columns(cls: Any) -> tuple[tuple[str, str], ...]:
        """Columns pointing at records that judge (cases, persons) or name this one."""
        out = []
        for col in cls.__table__.columns:
            target = target_of(cls.__tablename__, col.key)
            if target in ("persons", "cases", "victims", "victim_households", "households") and col.key != "merged_into_id":
                out.append((col.key, target))
        return tuple(out)

    def obj(self, table: str, raw: Any) -> Any:
        cls = model_for(table)
        return self._rows.get((table, _key(cls, raw))) if cls is not None else None

    # ------------------------------------------------------------ access
    def _guard(self, table: str, obj: Any) -> Any:
        if table == "persons":
            workers = self._sensitive.get(obj.id, [])
            return SimpleNamespace(area_code=obj.area_code, is_sensitive=bool(workers),
                                   assigned_user_ids=[w for w in workers if w])
        return obj

    def subjects(self, table: str, obj: Any, values: dict[str, Any] | None = None, depth: int = 2) -> list[Any]:
        """The guarded things (the record, its case, its person) that decide whether it may be seen."""
        cls = model_for(table)
        if cls is None:
            return []
        found = []
        if obj is not None:
            if hasattr(cls, "is_sensitive") or hasattr(cls, "area_code"):
                found.append(self._guard(table, obj))
            values = {c.key: getattr(obj, c.key, None) for c in cls.__table__.columns}
        elif values and ("area_code" in values or "is_sensitive" in values):
            found.append(SimpleNamespace(area_code=values.get("area_code"),
                                         is_sensitive=bool(values.get("is_sensitive")), assigned_user_ids=()))
        if depth <= 0:
            return found
        for column, target in self._parent_columns(cls):
            if target not in ("persons", "cases"):
                continue
            parent = self.obj(target, (values or {}).get(column))
            if parent is not None and parent is not obj:
                found.extend(self.subjects(target, parent, None, depth - 1))
        return found

    def visible(self, table: str, obj: Any, values: dict[str, Any] | None = None) -> bool:
        return all(can(self.user, "audit.view", s) for s in self.subjects(table, obj, values))

    # ------------------------------------------------------------ names
    def name(self, table: str, raw: Any) -> str:
        """The human name of a record (``raw`` its id), "Rahasia (perlu tahu)" when withheld."""
        obj = self.obj(table, raw)
        if obj is None:
            return self.tr(N_("(data tidak ada lagi)")) if model_for(table) is not None and raw else EMPTY
        if not self.visible(table, obj):
            return self.tr(WITHHELD)
        return self.own_name(table, obj) or kind_label(table, self.tr)

    def own_name(self, table: str, obj: Any) -> str:
        if table == "persons":
            return obj.name
        if table == "users":
            return f"{obj.full_name or obj.username} ({obj.username})"
        if table == "regions":
            return obj.name
        if hasattr(obj, "name_id"):
            return (getattr(obj, "name_en", None) if self.lang == "en" else None) or obj.name_id
        if table == "households":
            kk = obj.kk_number
            return self.tr(N_("KK {kk}"), kk=(kk if self.show_nik else mask_nik(kk))) if kk else ""
        for column in NAME_COLUMNS:
            value = getattr(obj, column, None)
            if value:
                return str(value)
        # A record without a name of its own is named by what it hangs off: a case, a person.
        for column, target in self._parent_columns(type(obj)):
            parent = self.obj(target, getattr(obj, column, None))
            if parent is not None:
                return f"{kind_label(table, self.tr)} · {self.own_name(target, parent)}"
        # Else by its first date (a ceremony, a kitchen day): "Upacara hari nasional · 17/08/2026".
        for col in type(obj).__table__.columns:
            value = getattr(obj, col.key, None)
            if col.key not in ("created_at", "updated_at") and isinstance(value, dt.date):
                shown = format_date(value) if not isinstance(value, dt.datetime) else format_datetime(value, clock.zone())
                return f"{kind_label(table, self.tr)} · {shown}"
        return ""

    # ------------------------------------------------------------ values
    def value(self, table: str, column: str, value: Any) -> str:
        """One stored value as a person reads it."""
        if value is None or value == "" or value == []:
            return EMPTY
        if value == "***":
            return self.tr(N_("(disembunyikan)"))
        if column in NIK_COLUMNS or column.endswith("_nik"):
            return str(value) if self.show_nik else mask_nik(str(value))
        if isinstance(value, list):
            return ", ".join(self.value(table, column, v) for v in value) or EMPTY
        if isinstance(value, dict):
            return "; ".join(f"{field_label(k, self.tr)}: {self.value(table, k, v)}" for k, v in value.items())
        target = target_of(table, column)
        if target is not None:
            return self.name(target, value)
        label = self.code_label(table, column, value)
        if label:
            return label
        kind = _column_kind(table, column)
        if isinstance(value, bool) or kind == "bool":
            return self.tr(N_("Ya")) if value in (True, "true", 1) else self.tr(N_("Tidak"))
        if column in MONEY_COLUMNS and isinstance(value, int | float):
            return format_rupiah(int(value))
        if isinstance(value, str):
            if _CODE.match(value):  # a code no label knows: words, not snake_case
                return humanize(value)
            return self.text(value, kind)
        return str(value)

    def text(self, value: str, kind: str = "") -> str:
        if (kind == "date" or _ISO_DATE.match(value)) and _ISO_DATE.match(value[:10]):
            try:
                return format_date(dt.date.fromisoformat(value[:10]))
            except ValueError:
                pass
        if kind == "datetime" or _ISO_DATETIME.match(value):
            try:
                return format_datetime(dt.datetime.fromisoformat(value), clock.zone())
            except ValueError:
                pass
        if _UUID.match(value):
            return self.tr(N_("(data lain)"))
        return value if self.show_nik else _NIK_IN_TEXT.sub(lambda m: mask_nik(m.group(0)), value)


def rows_of(resolver: Resolver, table: str, values: dict[str, Any], keys: Iterable[str] | None = None
            ) -> list[tuple[str, str]]:
    """(label, shown value) for each column of a stored snapshot."""
    return [(field_label(k, resolver.tr), resolver.value(table, k, values.get(k))) for k in (keys or values)]
