"""Offline sync: apply a device's outbox exactly once — owner of ``service.offline.models``.

``sync_batch`` is the use case behind ``POST /api/v1/sync`` (shared spec
INTERFACES.md). Every operation:

* is idempotent per ``op_id``: a settled operation is stored with the answer
  given the first time; a resend gets that answer back as ``duplicate``;
* runs in its own SAVEPOINT, so one bad operation never spoils the batch and
  nothing is ever half-applied;
* goes through the same service functions as the web forms (registry,
  casework, delivery): same validation, same audit, same SPM effect;
* is checked with ``service.core.access.can`` (``sync.push`` plus the record's own
  action and area);
* is ``rejected`` with ``retryable: true`` when it refers to an entity the
  server has not seen yet (the device resends it later), and never stored,
  so a reordered or split batch converges to the same state;
* on a stale ``base_version`` becomes a ``conflict``: nothing is overwritten,
  the device's version is kept in ``SyncConflict`` for a supervisor.

Operation types are a table (``OP_TYPES``): ``service.disasters.sync_ops`` adds
``victim.register`` and ``distribution.create`` with one ``register_op_type``
call each; it flags a double distribution with :func:`flag_for_review`.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from types import SimpleNamespace
from typing import Any

from sqlalchemy import Select, or_, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm.exc import StaleDataError

from service.care.deliveries import record_delivery
from service.care.models.deliveries import Delivery
from service.casework import cases as casework
from service.casework.models import Assessment, Case
from service.core import audit, settings
from service.core.access import can, scope_area
from service.core.db import session, utcnow
from service.core.errors import N_, Conflict, NotFound, PermissionDenied, ServiceError, ValidationError
from service.offline.models import SyncConflict, SyncDevice, SyncOperation
from service.reference import regions
from service.reference.models import BasicService, PpksCategory, Region, ServiceType
from service.registry import persons as registry
from service.registry.models import Person

MAX_BATCH = 1000

# Service-layer field names -> the BNBA vocabulary the device speaks.
FIELD_NAMES = {
    "name": "nama", "sex": "jenis_kelamin", "birth_date": "tanggal_lahir", "village_code": "kode_wilayah",
    "category_code": "kategori_ppks", "assessed_on": "tanggal_asesmen", "intake_date": "tanggal_asesmen",
    "needs": "kebutuhan", "service_type_code": "layanan", "delivered_on": "tanggal_layanan", "quantity": "jumlah",
}

# Person fields a device may edit, in the BNBA vocabulary, with their labels (conflict inbox).
PERSON_FIELDS: list[tuple[str, str]] = [
    ("nama", N_("Nama")),
    ("nik", N_("NIK")),
    ("jenis_kelamin", N_("Jenis kelamin")),
    ("tanggal_lahir", N_("Tanggal lahir")),
    ("kode_wilayah", N_("Desa/kelurahan")),
    ("alamat", N_("Alamat")),
    ("telepon", N_("Telepon")),
]


class MissingEntity(ServiceError):
    """The operation refers to a record the server has not received yet (retryable)."""

    code = "missing_entity"
    status = 422

    def __init__(self, field_name: str, message: str, **params: Any) -> None:
        super().__init__(message, **params)
        self.field_name = field_name


@dataclass
class Operation:
    op_id: uuid.UUID
    type: str
    entity_id: uuid.UUID
    base_version: int | None
    data: dict[str, Any]


@dataclass
class Outcome:
    status: str  # applied / duplicate / conflict
    entity_id: uuid.UUID
    version: int | None
    conflict_id: uuid.UUID | None = None


@dataclass
class Context:
    user: Any
    device_id: uuid.UUID
    # Settled operations of this batch and before (prefetched in one query).
    settled: dict[uuid.UUID, SyncOperation] = field(default_factory=dict)
    # Strong references: the session's identity map is weak, and a batch touches the same rows often.
    keep: dict[Any, Any] = field(default_factory=dict)

    def components(self, category_code: str) -> set[str]:
        key = ("components", category_code)
        if key not in self.keep:
            category = session.get(PpksCategory, category_code)
            service = session.get(BasicService, category.spm_service_code) \
                if category is not None and category.spm_service_code else None
            self.keep[key] = set(service.component_codes) if service is not None else set()
        return self.keep[key]  # type: ignore[no-any-return]

    def person(self, person_id: uuid.UUID) -> Person | None:
        person = self.keep.get(("person", person_id)) or session.get(Person, person_id)
        if person is not None:
            self.keep[("person", person_id)] = person
        return person


@dataclass
class OpType:
    name: str
    handler: Callable[[Context, Operation], Outcome]
    description: str = ""
    data_schema: dict[str, Any] = field(default_factory=dict)


OP_TYPES: dict[str, OpType] = {}


def register_op_type(name: str, handler: Callable[[Context, Operation], Outcome], description: str = "",
                     data_schema: dict[str, Any] | None = None) -> None:
    """Add an operation type (one entry per type; the disaster module adds its own)."""
    OP_TYPES[name] = OpType(name, handler, description, data_schema or {})


# ---------------------------------------------------------------- helpers
def _uuid(value: Any) -> uuid.UUID | None:
    if isinstance(value, uuid.UUID):
        return value
    try:
        return uuid.UUID(str(value))
    except (TypeError, ValueError, AttributeError):
        return None


def _require(user: Any, action: str, thing: Any = None) -> None:
    if not can(user, action, thing):
        raise PermissionDenied(N_("Peran atau wilayah Anda tidak mengizinkan perubahan ini."))


def _renamed(fields: dict[str, str]) -> dict[str, str]:
    return {FIELD_NAMES.get(k, k): v for k, v in fields.items()}


def person_snapshot(person: Person) -> dict[str, Any]:
    """A person's editable fields in the device's (BNBA) vocabulary."""
    snap: dict[str, Any] = {
        "nama": person.name,
        "nik": person.nik,
        "jenis_kelamin": person.sex,
        "tanggal_lahir": person.birth_date.isoformat() if person.birth_date else None,
        "kode_wilayah": person.village_code,
        "alamat": person.address,
        "telepon": person.phone,
    }
    return snap


def _person_input(person: Person | None, data: dict[str, Any]) -> registry.PersonInput:
    """Validate the device's fields over the server's current ones (nothing else is lost)."""
    merged: dict[str, Any] = {}
    if person is not None:
        merged.update(person_snapshot(person))
        merged.update({"birth_place": person.birth_place, "no_nik_reason": person.no_nik_reason,
                       "disability_types": list(person.disability_types or [])})
        if not person.village_code:
            merged["area_code"] = person.area_code
    keys = {k for k, _ in PERSON_FIELDS} | {"area_code", "no_nik_reason", "birth_place", "address", "phone", "age"}
    merged.update({k: v for k, v in data.items() if k in keys})
    for alias, key in (("address", "alamat"), ("phone", "telepon")):
        if alias in data:
            merged[key] = data[alias]
    if merged.get("alamat") is not None:
        merged["address"] = merged["alamat"]
    if merged.get("telepon") is not None:
        merged["phone"] = merged["telepon"]
    try:
        return registry.validate_person(merged)
    except ValidationError as exc:
        raise ValidationError(_renamed(exc.fields), **exc.params) from None


def _changed_fields(person: Person, data: dict[str, Any]) -> list[str]:
    current = person_snapshot(person)
    out = []
    for key, _label in PERSON_FIELDS:
        if key in data and (data.get(key) or None) != (current.get(key) or None):
            out.append(key)
    return out


# ---------------------------------------------------------------- operation handlers
def _person_upsert(ctx: Context, op: Operation) -> Outcome:
    person = session.get(Person, op.entity_id)
    fields = _person_input(person, op.data)
    if person is None:
        _require(ctx.user, "person.edit", SimpleNamespace(area_code=fields.area_code))
        try:
            person = registry.register_person(fields, person_id=op.entity_id)
        except Conflict as exc:
            raise ValidationError({"nik": exc.message}, **exc.params) from None
        ctx.keep[("person", person.id)] = person
        return Outcome("applied", person.id, person.version)
    _require(ctx.user, "person.edit", person)
    _require(ctx.user, "person.edit", SimpleNamespace(area_code=fields.area_code))
    normalised = {**op.data, "nik": fields.nik, "jenis_kelamin": fields.sex,
                  "tanggal_lahir": fields.birth_date.isoformat() if fields.birth_date else None}
    normalised = {k: v for k, v in normalised.items() if k in op.data}
    if op.base_version != person.version:
        if not _changed_fields(person, normalised):
            return Outcome("applied", person.id, person.version)  # the same values: nothing to decide
        conflict = SyncConflict(
            kind="version", op_id=op.op_id, device_id=ctx.device_id, submitted_by_id=ctx.user.id,
            entity_type="persons", entity_id=person.id, area_code=person.area_code,
            base_version=op.base_version, server_version=person.version,
            device_data={**person_snapshot(person), **normalised}, server_data=person_snapshot(person),
            summary=person.name,
        )
        session.add(conflict)
        session.flush()
        return Outcome("conflict", person.id, person.version, conflict.id)
    try:
        registry.update_person(person, fields)
    except Conflict as exc:
        raise ValidationError({"nik": exc.message}, **exc.params) from None
    return Outcome("applied", person.id, person.version)


def _person_for(ctx: Context, op: Operation) -> Person:
    pid = _uuid(op.data.get("person_id"))
    if pid is None:
        raise ValidationError({"person_id": N_("person_id wajib berupa UUID.")})
    person = ctx.person(pid)
    if person is None:
        raise MissingEntity("person_id", N_("Orang ini belum diterima server; kirim ulang setelah datanya masuk."))
    if person.merged_into_id is not None:
        survivor = session.get(Person, person.merged_into_id)
        person = survivor or person
    return person


def _assessment_create(ctx: Context, op: Operation) -> Outcome:
    existing = session.get(Assessment, op.entity_id)
    if existing is not None:
        return Outcome("duplicate", existing.id, existing.version)
    person = _person_for(ctx, op)
    try:
        category = casework.get_category(op.data.get("kategori_ppks"))
    except ValidationError as exc:
        raise ValidationError(_renamed(exc.fields), **exc.params) from None
    needs = op.data.get("kebutuhan") or []
    if isinstance(needs, str):
        needs = [c for c in needs.split(";")]
    if not isinstance(needs, list):
        raise ValidationError({"kebutuhan": N_("Kebutuhan harus daftar kode.")})
    case = casework.open_case_for(person, category.code)
    try:
        if case is not None:
            _require(ctx.user, "case.edit", case)
        else:
            worker = ctx.user.id if ctx.user.role == "peksos" else None
            probe = SimpleNamespace(area_code=person.area_code, is_sensitive=category.sensitive,
                                    assigned_user_ids=lambda: [worker] if worker else [])
            _require(ctx.user, "case.edit", probe)
            case = casework.open_case(person, category.code, op.data.get("intake_source") or "outreach",
                                      op.data.get("tanggal_asesmen"), worker_id=worker, by_id=ctx.user.id,
                                      case_id=_uuid(op.data.get("case_id")))
        assessment = casework.record_assessment(
            case, op.data.get("tanggal_asesmen"), [str(c) for c in needs], assessor_id=ctx.user.id,
            source="sync", assessment_id=op.entity_id, notes=op.data.get("catatan") or None)
    except ValidationError as exc:
        raise ValidationError(_renamed(exc.fields), **exc.params) from None
    return Outcome("applied", assessment.id, assessment.version)


def _delivery_case(ctx: Context, person: Person, service_code: str, case_id: uuid.UUID | None) -> Case | None:
    user = ctx.user
    if case_id is not None:
        case = session.get(Case, case_id)
        if case is None:
            raise MissingEntity("case_id", N_("Kasus ini belum diterima server; kirim ulang setelah datanya masuk."))
        return case
    cases = list(session.scalars(select(Case).where(Case.person_id == person.id, Case.status != "closed")
                                 .order_by(Case.intake_date.desc())))
    cases = [c for c in cases if can(user, "service.record", c)]
    for case in cases:
        if service_code in ctx.components(case.category_code):
            return case
    return cases[0] if cases else None


def _delivery_create(ctx: Context, op: Operation) -> Outcome:
    existing = session.get(Delivery, op.entity_id)
    if existing is not None:
        return Outcome("duplicate", existing.id, existing.version)
    person = _person_for(ctx, op)
    code = str(op.data.get("layanan") or "")
    case = _delivery_case(ctx, person, code, _uuid(op.data.get("case_id")))
    _require(ctx.user, "service.record", case if case is not None else person)
    try:
        delivery = record_delivery(person, code, delivered_on=op.data.get("tanggal_layanan"),
                                   quantity=op.data.get("jumlah", 1), case=case, worker_id=ctx.user.id,
                                   source="sync", delivery_id=op.entity_id, notes=op.data.get("catatan") or None)
    except ValidationError as exc:
        raise ValidationError(_renamed(exc.fields), **exc.params) from None
    return Outcome("applied", delivery.id, delivery.version)


register_op_type(
    "person.upsert", _person_upsert,
    "Create the person `entity_id`, or update it when `base_version` equals the server's version "
    "(otherwise: `conflict`, kept for a supervisor). A NIK registered to someone else is `rejected`.",
    {"type": "object", "required": ["nama"], "properties": {
        "nik": {"type": ["string", "null"]}, "nama": {"type": "string"},
        "jenis_kelamin": {"enum": ["L", "P", None]}, "tanggal_lahir": {"type": ["string", "null"], "format": "date"},
        "kode_wilayah": {"type": "string"}, "alamat": {"type": ["string", "null"]},
        "telepon": {"type": ["string", "null"]}}},
)
register_op_type(
    "assessment.create", _assessment_create,
    "Record assessment `entity_id` of `person_id`; opens the person's case for the category if none is open "
    "(optional `case_id` names the new case). Unknown `person_id`: `rejected` with `retryable: true`.",
    {"type": "object", "required": ["person_id", "kategori_ppks", "tanggal_asesmen", "kebutuhan"], "properties": {
        "person_id": {"type": "string", "format": "uuid"}, "kategori_ppks": {"type": "string"},
        "tanggal_asesmen": {"type": "string", "format": "date"},
        "kebutuhan": {"type": "array", "items": {"type": "string"}},
        "case_id": {"type": "string", "format": "uuid"}, "intake_source": {"type": "string"},
        "catatan": {"type": "string"}}},
)
register_op_type(
    "delivery.create", _delivery_create,
    "Record delivery `entity_id` to `person_id` (under `case_id`, or the person's open case whose basic service "
    "includes the service type). Unknown `person_id`/`case_id`: `rejected` with `retryable: true`.",
    {"type": "object", "required": ["person_id", "layanan", "tanggal_layanan"], "properties": {
        "person_id": {"type": "string", "format": "uuid"}, "layanan": {"type": "string"},
        "tanggal_layanan": {"type": "string", "format": "date"}, "jumlah": {"type": "integer", "minimum": 1},
        "case_id": {"type": "string", "format": "uuid"}, "catatan": {"type": "string"}}},
)

# ---------------------------------------------------------------- the batch
def _parse(raw: Any) -> tuple[Operation | None, dict[str, str]]:
    if not isinstance(raw, dict):
        return None, {"_": N_("Operasi harus berupa objek JSON.")}
    errors: dict[str, str] = {}
    op_id, entity_id = _uuid(raw.get("op_id")), _uuid(raw.get("entity_id"))
    if op_id is None:
        errors["op_id"] = N_("op_id wajib berupa UUID.")
    if entity_id is None:
        errors["entity_id"] = N_("entity_id wajib berupa UUID.")
    if raw.get("type") not in OP_TYPES:
        errors["type"] = N_("Jenis operasi tidak dikenal.")
    base = raw.get("base_version")
    if base is not None and (not isinstance(base, int) or isinstance(base, bool) or base < 1):
        errors["base_version"] = N_("base_version harus bilangan bulat positif.")
    data = raw.get("data")
    if not isinstance(data, dict):
        errors["data"] = N_("data harus berupa objek JSON.")
    if errors:
        return None, errors
    return Operation(op_id, raw["type"], entity_id, base, data), {}  # type: ignore[arg-type]


def _result(op_id: Any, status: str, entity_id: Any, version: int | None, **extra: Any) -> dict[str, Any]:
    out: dict[str, Any] = {"op_id": str(op_id) if op_id is not None else None, "status": status,
                           "entity_id": str(entity_id) if entity_id is not None else None, "version": version}
    out.update({k: v for k, v in extra.items() if v is not None})
    return out


def _rejected(raw: Any, fields: dict[str, str], params: dict[str, Any] | None = None,
              retryable: bool = False) -> dict[str, Any]:
    raw = raw if isinstance(raw, dict) else {}
    return _result(raw.get("op_id"), "rejected", raw.get("entity_id"), None, errors=fields,
                   params=params or None, retryable=retryable)


def _duplicate(stored: SyncOperation) -> dict[str, Any]:
    return {**stored.result, "status": "duplicate", "first_status": stored.status}


def touch_device(user: Any, device_id: uuid.UUID, label: str = "", batch_size: int = 0) -> SyncDevice:
    device = session.get(SyncDevice, device_id)
    if device is None:
        device = SyncDevice(id=device_id, user_id=user.id, label=label[:200])
        session.add(device)
    device.user_id = user.id
    device.last_seen_at = utcnow()
    device.last_batch_size = batch_size
    if label:
        device.label = label[:200]
    session.flush()
    return device


def apply_operation(ctx: Context, raw: Any) -> dict[str, Any]:
    """Settle one operation in its own savepoint; return its result (never raises for bad input)."""
    op, errors = _parse(raw)
    if op is None:
        return _rejected(raw, errors)
    stored = ctx.settled.get(op.op_id)
    if stored is not None:
        return _duplicate(stored)
    spec = OP_TYPES[op.type]
    try:
        with session.begin_nested():
            outcome = spec.handler(ctx, op)
            result = _result(op.op_id, outcome.status, outcome.entity_id, outcome.version,
                             conflict_id=str(outcome.conflict_id) if outcome.conflict_id else None)
            if outcome.status in ("applied", "conflict"):
                stored = SyncOperation(op_id=op.op_id, device_id=ctx.device_id, user_id=ctx.user.id,
                                       type=op.type, entity_id=op.entity_id, base_version=op.base_version,
                                       data=op.data, status=outcome.status, result=result)
                session.add(stored)
                session.flush()
                ctx.settled[op.op_id] = stored
            return result
    except ValidationError as exc:
        return _rejected(raw, exc.fields, exc.params)
    except MissingEntity as exc:
        return _rejected(raw, {exc.field_name: exc.message}, exc.params, retryable=True)
    except PermissionDenied as exc:
        return _rejected(raw, {"_": exc.message})
    except (NotFound, Conflict) as exc:
        return _rejected(raw, {"_": exc.message}, exc.params)
    except (IntegrityError, StaleDataError):
        # A concurrent request settled the same op (or changed the record) first.
        stored = session.get(SyncOperation, op.op_id)
        if stored is not None:
            return _duplicate(stored)
        return _rejected(raw, {"_": N_("Data sedang diubah bersamaan; kirim ulang.")}, retryable=True)


def sync_batch(user: Any, body: Any, *, ip: str | None = None, label: str = "") -> dict[str, Any]:
    """``POST /api/v1/sync``: one result per operation, in order. Flushes; the door commits."""
    _require(user, "sync.push")
    if not isinstance(body, dict):
        raise ValidationError({"_": N_("Isi permintaan harus objek JSON.")})
    device_id = _uuid(body.get("device_id"))
    ops = body.get("operations")
    errors: dict[str, str] = {}
    if device_id is None:
        errors["device_id"] = N_("device_id wajib berupa UUID.")
    if not isinstance(ops, list):
        errors["operations"] = N_("operations harus berupa daftar.")
    elif len(ops) > MAX_BATCH:
        errors["operations"] = N_("Paling banyak {max} operasi per kiriman.")
    if errors:
        raise ValidationError(errors, max=MAX_BATCH)
    with audit.acting_as(audit.actor_for_user(user, "sync", ip)):
        touch_device(user, device_id, label, len(ops))  # type: ignore[arg-type]
        ctx = Context(user, device_id)  # type: ignore[arg-type]
        ids = {_uuid(raw.get("op_id")) for raw in ops if isinstance(raw, dict)} - {None}  # type: ignore[union-attr]
        known = list(ids)
        for i in range(0, len(known), 500):
            for stored in session.scalars(select(SyncOperation).where(SyncOperation.op_id.in_(known[i:i + 500]))):
                ctx.settled[stored.op_id] = stored
        results = [apply_operation(ctx, raw) for raw in ops]  # type: ignore[union-attr]
    return {"device_id": str(device_id), "server_time": utcnow().isoformat(), "results": results}


# ---------------------------------------------------------------- what the device downloads
def office_area(user: Any) -> str:
    return user.area_code or settings.get("office.region_code") or ""


def reference_bundle(user: Any) -> dict[str, Any]:
    """Categories, service types, SPM components and the villages of the user's area, for offline forms."""
    area = office_area(user)
    villages = select(Region).where(Region.level == 4).order_by(Region.name)
    villages = villages.where(Region.code.like(area + ".%")) if area else villages.where(False)
    districts = {r.code: r.name for r in session.scalars(select(Region).where(Region.level == 3,
                                                                             Region.code.like(area + "%")))}
    return {
        "area": area,
        "area_label": regions.label(area) if area else "",
        "categories": [{"code": c.code, "name": c.name_id, "name_en": c.name_en, "spm_service": c.spm_service_code,
                        "sensitive": c.sensitive}
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
    _require(user, "case.view")
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


# ---------------------------------------------------------------- the supervisor's inbox
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
    from sqlalchemy import func

    return session.scalar(select(func.count()).select_from(conflicts_stmt(user).order_by(None).subquery())) or 0


def get_conflict(user: Any, conflict_id: Any) -> SyncConflict:
    cid = _uuid(conflict_id)
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
    _require(user, "sync.resolve", item)
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
    _require(user, "person.edit", person)
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
        fields = _person_input(person, chosen)
        try:
            registry.update_person(person, fields)
        except Conflict as exc:
            raise ValidationError({"nik": exc.message}, **exc.params) from None
    item.status, item.resolution, item.resolved_by_id, item.resolved_at = "resolved", resolution, user.id, now
    item.resolved_data = chosen
    item.note = note or None
    session.flush()
    return item


# ---------------------------------------------------------------- demo
_DEMO_NS = uuid.UUID("6f1d1c2e-5b53-4c55-9a57-0a3f0e1d7a01")


def _demo_id(*parts: str) -> str:
    return str(uuid.uuid5(_DEMO_NS, "/".join(parts)))


def seed_demo(today: dt.date | None = None) -> None:
    """A day of offline work by ``peksos`` synced from a tablet, and one conflict with ``operator``.

    Deterministic ``op_id``s: a second run only gets ``duplicate`` answers.
    """
    from service.accounts.users import find_by_username

    peksos, operator = find_by_username("peksos"), find_by_username("operator")
    if peksos is None or operator is None:
        return
    today = today or dt.date.today()
    day = (today - dt.timedelta(days=3)).isoformat()
    people = [
        ("mbah-sarinah", "Sarinah", "P", "1941-03-12", "18.72.01.1002", "lanjut_usia_terlantar",
         ["permakanan", "sandang"], "permakanan"),
        ("pak-karto", "Kartosuwiryo", "L", "1946-08-01", "18.72.01.1003", "lanjut_usia_terlantar",
         ["permakanan", "alat_bantu"], "alat_bantu"),
        ("bu-painem", "Painem", "P", "1950-11-23", "18.72.01.1005", "lanjut_usia_terlantar",
         ["permakanan"], None),
    ]
    ops: list[dict[str, Any]] = []
    for key, name, sex, born, village, category, needs, delivered in people:
        pid = _demo_id("person", key)
        ops.append({"op_id": _demo_id("op", key, "person"), "type": "person.upsert", "entity_id": pid,
                    "data": {"nama": name, "jenis_kelamin": sex, "tanggal_lahir": born, "kode_wilayah": village}})
        ops.append({"op_id": _demo_id("op", key, "assessment"), "type": "assessment.create",
                    "entity_id": _demo_id("assessment", key),
                    "data": {"person_id": pid, "kategori_ppks": category, "tanggal_asesmen": day,
                             "kebutuhan": needs}})
        if delivered:
            ops.append({"op_id": _demo_id("op", key, "delivery"), "type": "delivery.create",
                        "entity_id": _demo_id("delivery", key),
                        "data": {"person_id": pid, "layanan": delivered, "tanggal_layanan": day, "jumlah": 1}})
    sync_batch(peksos, {"device_id": _demo_id("device", "peksos-tablet"), "operations": ops},
               label="Tablet Agus (demo)")
    first = _demo_id("person", "mbah-sarinah")
    # Both had version 1 on their tablets; the operator's change arrives first, the worker's is a conflict.
    sync_batch(operator, {"device_id": _demo_id("device", "operator-tablet"), "operations": [
        {"op_id": _demo_id("op", "operator-phone"), "type": "person.upsert", "entity_id": first, "base_version": 1,
         "data": {"telepon": "081234567890", "alamat": "Jl. Kenanga No. 4"}}]}, label="Tablet Siti (demo)")
    sync_batch(peksos, {"device_id": _demo_id("device", "peksos-tablet"), "operations": [
        {"op_id": _demo_id("op", "peksos-address"), "type": "person.upsert", "entity_id": first, "base_version": 1,
         "data": {"alamat": "Jl. Kenanga No. 14, RT 02 RW 05", "telepon": "081234567890"}}]},
               label="Tablet Agus (demo)")


def _register_demo() -> None:
    from service.core.demo import register_seeder

    register_seeder(60, "sync", seed_demo)


_register_demo()


# The disaster module's operation types (victim.register, distribution.create) register themselves.
from service.disasters import sync_ops as disaster_sync  # noqa: E402,F401
