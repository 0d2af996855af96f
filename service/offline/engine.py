"""The sync engine: apply a device's outbox exactly once (docs/offline.md) — owner of the sync tables.

``sync_batch`` is the use case behind ``POST /api/v1/sync`` (docs/api.md). Every operation:

* is idempotent per ``op_id``: a settled operation is stored with the answer
  given the first time; a resend gets that answer back as ``duplicate``;
* runs in its own SAVEPOINT, so one bad operation never spoils the batch and
  nothing is ever half-applied (optimistically the operations of a chunk of
  ``CHUNK`` share one SAVEPOINT and one flush, ``service.core.batch``; when any of
  them fails the chunk is rolled back and replayed with one SAVEPOINT per
  operation, so the outcome is the same);
* goes through the same use cases as the web forms (registry, casework, care, disasters):
  same validation, same audit, same SPM effect;
* is checked with ``service.core.access.can`` (``sync.push`` plus the record's own
  action and area);
* is ``rejected`` with ``retryable: true`` when it refers to an entity the
  server has not seen yet (the device resends it later), and never stored,
  so a reordered or split batch converges to the same state;
* on a stale ``base_version`` becomes a ``conflict``: nothing is overwritten,
  the device's version is kept in ``SyncConflict`` for a supervisor (``service.offline.conflicts``).

Operation types are a table: each area's ``sync_ops`` module adds its own with
``register_op_type`` (``person.upsert`` in registry, ``assessment.create`` in casework,
``delivery.create`` in care, ``victim.register`` and ``distribution.create`` in disasters);
:func:`op_types` finds them. Their data is in the interchange vocabulary
(``service.core.interchange``).
"""

from __future__ import annotations

import contextlib
import importlib
import importlib.util
import pkgutil
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import event, select
from sqlalchemy.exc import DataError, IntegrityError
from sqlalchemy.orm.exc import StaleDataError

import service
from service.core import audit, batch, derived, periods
from service.core.access import can
from service.core.db import parse_uuid, session, utcnow
from service.core.errors import N_, Conflict, NotFound, PermissionDenied, ServiceError, ValidationError
from service.core.interchange import to_interchange
from service.offline.context import Context, prefetch
from service.offline.models import SyncDevice, SyncOperation
from service.offline.rollback import forget_on_rollback, track_inserted
from service.registry.models import Person

MAX_BATCH = 1000
CHUNK = 25  # operations sharing one optimistic SAVEPOINT (replayed one by one when any fails)
MAX_DEVICE_ID = 100  # device_id: the device's own opaque identifier (INTERFACES.md "Sync")


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
class OpType:
    name: str
    handler: Callable[[Context, Operation], Outcome]
    description: str = ""
    data_schema: dict[str, Any] = field(default_factory=dict)
    # The model ``entity_id`` names (prefetched in bulk for the batch), if any.
    entity_model: type | None = None
    # False when the handler keeps ``Context.cases`` right itself (else its persons' entries are dropped).
    changes_cases: bool = True
    # Reads in bulk what the batch's operations of this type will look up: ``prefetch(ctx, datas)``.
    prefetch: Callable[[Context, list[dict[str, Any]]], None] | None = None
    # True when the handler's use cases may share a chunk's flush (``service.core.batch``): nothing it
    # reads needs its own rows flushed first. Other types flush as they go, as on the web form.
    batched: bool = False


_OP_TYPES: dict[str, OpType] = {}
_discovered = False


def register_op_type(name: str, handler: Callable[[Context, Operation], Outcome], description: str = "",
                     data_schema: dict[str, Any] | None = None, *, entity_model: type | None = None,
                     changes_cases: bool = True,
                     prefetch: Callable[[Context, list[dict[str, Any]]], None] | None = None,
                     batched: bool = False) -> None:
    """Add an operation type; each area's ``sync_ops`` module registers its own."""
    _OP_TYPES[name] = OpType(name, handler, description, data_schema or {}, entity_model, changes_cases, prefetch,
                             batched)


def op_types() -> dict[str, OpType]:
    """Every operation type: the first call imports each area's ``service.<area>.sync_ops`` module."""
    global _discovered
    if not _discovered:
        for area in sorted(info.name for info in pkgutil.iter_modules(service.__path__) if info.ispkg):
            if importlib.util.find_spec(f"service.{area}.sync_ops") is not None:
                importlib.import_module(f"service.{area}.sync_ops")
        _discovered = True
    return _OP_TYPES


# ---------------------------------------------------------------- helpers for operation types
def require(user: Any, action: str, thing: Any = None) -> None:
    """PermissionDenied unless ``can(user, action, thing)``."""
    if not can(user, action, thing):
        raise PermissionDenied(N_("Peran atau wilayah Anda tidak mengizinkan perubahan ini."))


@contextlib.contextmanager
def device_fields() -> Iterator[None]:
    """Report a use case's ValidationError under the device's (interchange) field names."""
    try:
        yield
    except ValidationError as exc:
        raise ValidationError(to_interchange(exc.fields), **exc.params) from None


def person_for(ctx: Context, op: Operation) -> Person:
    """The person ``data.person_id`` names (its survivor after a merge); retryable when not yet received."""
    pid = parse_uuid(op.data.get("person_id"))
    if pid is None:
        raise ValidationError({"person_id": N_("person_id wajib berupa UUID.")})
    person = ctx.person(pid)
    if person is None:
        raise MissingEntity("person_id", N_("Orang ini belum diterima server; kirim ulang setelah datanya masuk."))
    if person.merged_into_id is not None:
        survivor = session.get(Person, person.merged_into_id)
        person = survivor or person
    return person


# ---------------------------------------------------------------- the batch
def _parse(raw: Any) -> tuple[Operation | None, dict[str, str]]:
    if not isinstance(raw, dict):
        return None, {"_": N_("Operasi harus berupa objek JSON.")}
    errors: dict[str, str] = {}
    op_id, entity_id = parse_uuid(raw.get("op_id")), parse_uuid(raw.get("entity_id"))
    if op_id is None:
        errors["op_id"] = N_("op_id wajib berupa UUID.")
    if entity_id is None:
        errors["entity_id"] = N_("entity_id wajib berupa UUID.")
    if raw.get("type") not in op_types():
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


def touch_device(user: Any, key: str, label: str = "", batch_size: int = 0) -> SyncDevice:
    """The device with this identifier (its own opaque ``device_id``), registered on first sight."""
    device = session.scalar(select(SyncDevice).where(SyncDevice.key == key))
    if device is None:
        device = SyncDevice(id=uuid.uuid4(), key=key, user_id=user.id, label=label[:200])
        session.add(device)
    device.user_id = user.id
    device.last_seen_at = utcnow()
    device.last_batch_size = batch_size
    if label:
        device.label = label[:200]
    session.flush()
    return device


class _Replay(Exception):
    """An operation failed inside a chunk's shared savepoint: replay the chunk one by one."""


def _settle(ctx: Context, op: Operation, spec: OpType) -> dict[str, Any]:
    outcome = spec.handler(ctx, op)
    result = _result(op.op_id, outcome.status, outcome.entity_id, outcome.version,
                     conflict_id=str(outcome.conflict_id) if outcome.conflict_id else None)
    if outcome.status in ("applied", "conflict"):
        stored = SyncOperation(op_id=op.op_id, device_id=ctx.device_id, user_id=ctx.user.id,
                               type=op.type, entity_id=op.entity_id, base_version=op.base_version,
                               data=op.data, status=outcome.status, result=result)
        session.add(stored)
        batch.flush()
        ctx.settled[op.op_id] = stored
    if spec.changes_cases:
        for pid in (op.entity_id, parse_uuid(op.data.get("person_id"))):
            ctx.cases.pop(pid, None)  # type: ignore[arg-type]
    return result


def apply_operation(ctx: Context, raw: Any, *, shared: bool = False) -> dict[str, Any]:
    """Settle one operation in its own savepoint; return its result (never raises for bad input).

    ``shared``: the caller holds a savepoint for several operations; any failure raises
    ``_Replay`` (the caller rolls back and replays them one by one) instead of a ``rejected``.
    """
    op, errors = _parse(raw)
    if op is None:
        return _rejected(raw, errors)
    stored = ctx.settled.get(op.op_id)
    if stored is not None:
        return _duplicate(stored)
    spec = op_types()[op.type]
    if shared:
        try:
            if spec.batched:
                return _settle(ctx, op, spec)
            session.flush()  # the chunk's rows so far, then a use case that flushes as it goes
            with batch.flushes_deferred(False):
                return _settle(ctx, op, spec)
        except Exception as exc:
            raise _Replay() from exc
    try:
        with _savepoint(ctx):
            return _settle(ctx, op, spec)
    except ValidationError as exc:
        return _rejected(raw, exc.fields, exc.params)
    except MissingEntity as exc:
        return _rejected(raw, {exc.field_name: exc.message}, exc.params, retryable=True)
    except PermissionDenied as exc:
        return _rejected(raw, {"_": exc.message})
    except (NotFound, Conflict) as exc:
        return _rejected(raw, {"_": exc.message}, exc.params)
    except (DataError, OverflowError):
        # A number no bound in the domain caught (the database's own limit): this operation only.
        return _rejected(raw, {"_": N_("Ada angka di luar batas yang dapat disimpan.")})
    except (IntegrityError, StaleDataError):
        # A concurrent request settled the same op (or changed the record) first.
        stored = session.get(SyncOperation, op.op_id)
        if stored is not None:
            return _duplicate(stored)
        return _rejected(raw, {"_": N_("Data sedang diubah bersamaan; kirim ulang.")}, retryable=True)


@contextlib.contextmanager
def _savepoint(ctx: Context) -> Iterator[None]:
    """The operation's SAVEPOINT; when it rolls back, so do its buffered audit entries, its new rows
    and what it told the context (a case it opened is no longer the person's open case for the next
    operations)."""
    pending = audit.pending()
    mark = len(pending) if pending is not None else 0
    state = ctx._state()
    try:
        with forget_on_rollback(), session.begin_nested():
            yield
    except BaseException:
        if pending is not None:
            del pending[mark:]
        ctx._restore(state)
        raise


def _apply_chunk(ctx: Context, chunk: list[Any]) -> list[dict[str, Any]]:
    """The chunk's operations under one SAVEPOINT and one flush at its end (``service.core.batch``:
    one multi-row INSERT per table); when one of them fails, or the flush does, all of them one by one."""
    state = ctx._state()
    pending = audit.pending()
    mark = len(pending) if pending is not None else 0
    try:
        with forget_on_rollback(), session.begin_nested():
            with batch.flushes_deferred():
                results = [apply_operation(ctx, raw, shared=True) for raw in chunk]
            try:
                session.flush()
            except Exception as exc:
                raise _Replay() from exc
            return results
    except _Replay:
        if pending is not None:
            del pending[mark:]
        ctx._restore(state)
        return [apply_operation(ctx, raw) for raw in chunk]


@contextlib.contextmanager
def _keep_loaded(ctx: Context) -> Iterator[None]:
    sess = session()
    kept: list[Any] = []

    def keep(_sess: Any, instance: Any) -> None:
        kept.append(instance)

    event.listen(sess, "loaded_as_persistent", keep)
    try:
        yield
    finally:
        event.remove(sess, "loaded_as_persistent", keep)
        ctx.keep[("loaded", None)] = kept


def sync_batch(user: Any, body: Any, *, ip: str | None = None, label: str = "") -> dict[str, Any]:
    """``POST /api/v1/sync``: one result per operation, in order. Flushes; the door commits."""
    require(user, "sync.push")
    if not isinstance(body, dict):
        raise ValidationError({"_": N_("Isi permintaan harus objek JSON.")})
    device_key = body.get("device_id")
    ops = body.get("operations")
    errors: dict[str, str] = {}
    if not isinstance(device_key, str) or not device_key.strip() or len(device_key) > MAX_DEVICE_ID:
        errors["device_id"] = N_("device_id wajib berupa teks 1–{max_id} karakter.")
    if not isinstance(ops, list):
        errors["operations"] = N_("operations harus berupa daftar.")
    elif len(ops) > MAX_BATCH:
        errors["operations"] = N_("Paling banyak {max} operasi per kiriman.")
    if errors:
        raise ValidationError(errors, max=MAX_BATCH, max_id=MAX_DEVICE_ID)
    with audit.acting_as(audit.actor_for_user(user, "sync", ip)):
        device = touch_device(user, device_key, label, len(ops))  # type: ignore[arg-type]
        ctx = Context(user, device.id)
        ids = {parse_uuid(raw.get("op_id")) for raw in ops if isinstance(raw, dict)} - {None}  # type: ignore[union-attr]
        known = list(ids)
        for i in range(0, len(known), 500):
            for stored in session.scalars(select(SyncOperation).where(SyncOperation.op_id.in_(known[i:i + 500]))):
                ctx.settled[stored.op_id] = stored
        # The summary tables are refreshed once for the whole batch, not per operation; every row
        # loaded stays referenced until the batch ends, so a reference row (a service type, a
        # category, a region, a transition rule) or a person is read once per batch, not per operation.
        # Audit entries are inserted in bulk at the end of the batch (same transaction).
        # Operations share a SAVEPOINT per CHUNK (replayed one by one when one fails); entities,
        # persons and their open cases are prefetched; month-close states are read once; a case's
        # last activity is written once at the end, not per delivery.
        with derived.deferred(), _keep_loaded(ctx), track_inserted(), audit.buffered(), \
                periods.month_states_cached(), batch.cached():
            prefetch(ctx, ops, op_types())  # type: ignore[arg-type]
            results: list[dict[str, Any]] = []
            for i in range(0, len(ops), CHUNK):  # type: ignore[arg-type]
                results.extend(_apply_chunk(ctx, ops[i:i + CHUNK]))  # type: ignore[index]
            now = utcnow()
            for case, touched_at in ctx.touched_cases.values():
                if case.last_activity_at is None or case.last_activity_at < touched_at:  # nothing later did
                    case.last_activity_at = now
            session.flush()
    return {"device_id": device_key, "server_time": utcnow().isoformat(), "results": results}
