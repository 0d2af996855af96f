"""The audit trail, written in the same transaction as the change it records.

A ``before_flush`` hook on every ORM session writes one ``AuditLog`` row per
created, changed or deleted record (with before/after values), so no write can
forget to audit itself. Who is acting is kept in a context variable that each
door sets: the web request, the API token, the CLI, a job or the sync endpoint.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import decimal
import enum
import uuid
from collections.abc import Iterator
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any

from sqlalchemy import event, insert, inspect
from sqlalchemy.orm import Session

from service.core.db import Base, Timestamps, session, utcnow
from service.core.models.audit import AuditLog


@dataclass(frozen=True)
class Actor:
    id: uuid.UUID | None
    name: str
    source: str = ""
    ip: str | None = None


SYSTEM = Actor(None, "system", "system")
_actor: ContextVar[Actor] = ContextVar("lindung_actor", default=SYSTEM)
# Inside ``buffered()``: the write entries waiting to be inserted in bulk.
_buffer: ContextVar[list[dict[str, Any]] | None] = ContextVar("lindung_audit_buffer", default=None)


def set_actor(actor: Actor) -> None:
    _actor.set(actor)


def current_actor() -> Actor:
    return _actor.get()


@contextlib.contextmanager
def acting_as(actor: Actor) -> Iterator[None]:
    token = _actor.set(actor)
    try:
        yield
    finally:
        _actor.reset(token)


@contextlib.contextmanager
def buffered() -> Iterator[list[dict[str, Any]]]:
    """Collect the write entries of the flushes inside and insert them in bulk when the block ends.

    For a batch of many small writes (a sync request): one INSERT per thousand entries instead
    of one per flush. The entries still go into the same transaction; if the block raises, none
    is written. A caller that rolls back a SAVEPOINT inside the block drops the entries written
    since (``del rows[mark:]``), as the rollback dropped the records.
    """
    rows: list[dict[str, Any]] = []
    token = _buffer.set(rows)
    try:
        yield rows
    finally:
        _buffer.reset(token)
    if rows:
        # Core executemany (the ORM would split the rows in runs by which values are None).
        session.execute(insert(AuditLog.__table__), rows)


def pending() -> list[dict[str, Any]] | None:
    """The entries ``buffered()`` is holding (None outside it)."""
    return _buffer.get()


def actor_for_user(user: Any, source: str, ip: str | None = None) -> Actor:
    return Actor(user.id, user.username, source, ip)


def _jsonable(value: Any) -> Any:
    if value is None or isinstance(value, bool | int | str):
        return value
    if isinstance(value, float):
        return value
    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return str(value)
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, list | tuple | set):
        return [_jsonable(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, bytes):
        return f"<{len(value)} bytes>"
    return str(value)


_SKIP = {"created_at", "updated_at", "created_by_id", "updated_by_id"}


def _entity_id(obj: Any) -> str | None:
    ident = inspect(obj).identity
    if ident:
        return ",".join(str(i) for i in ident)
    mapper = inspect(type(obj))
    values = [getattr(obj, c.key, None) for c in mapper.primary_key]
    return ",".join(str(v) for v in values) if all(v is not None for v in values) else None


def _column_attrs(obj: Any) -> list[str]:
    return [a.key for a in inspect(type(obj)).column_attrs]


def _redacted(obj: Any) -> set[str]:
    return set(getattr(type(obj), "__audit_redact__", ()))


def _assign_uuid_pk(obj: Any) -> None:
    mapper = inspect(type(obj))
    for col in mapper.primary_key:
        attr = mapper.get_property_by_column(col).key
        if getattr(obj, attr, None) is None and col.default is not None and callable(getattr(col.default, "arg", None)):
            if col.type.python_type is uuid.UUID:
                setattr(obj, attr, uuid.uuid4())


def _audited(obj: Any) -> bool:
    return isinstance(obj, Base) and getattr(type(obj), "__audit__", True)


@event.listens_for(Session, "before_flush")
def _audit_before_flush(sess: Session, _ctx: Any, _instances: Any) -> None:
    actor = current_actor()
    now = utcnow()
    entries: list[dict[str, Any]] = []
    for obj in list(sess.new):
        if not _audited(obj):
            continue
        _assign_uuid_pk(obj)
        if isinstance(obj, Timestamps):
            obj.created_by_id = obj.created_by_id or actor.id
            obj.updated_by_id = actor.id
        entries.append(_entry(actor, now, "create", obj, {k: [None, v] for k, v in _values(obj).items()}))
    for obj in list(sess.dirty):
        if not _audited(obj) or not sess.is_modified(obj, include_collections=False):
            continue
        state = inspect(obj)
        redact = _redacted(obj)
        changes = {}
        for key in _column_attrs(obj):
            if key in _SKIP or key == "version":
                continue
            hist = state.attrs[key].history
            if not hist.has_changes():
                continue
            before = hist.deleted[0] if hist.deleted else None
            after = hist.added[0] if hist.added else None
            if key in redact:
                changes[key] = ["***", "***"]
            else:
                changes[key] = [_jsonable(before), _jsonable(after)]
        # Bookkeeping columns (``__audit_quiet__``, e.g. a user's last sign-in) do not make an entry
        # of their own: the event that changed them ("login", "logout") is the entry.
        if not changes or set(changes) <= set(getattr(type(obj), "__audit_quiet__", ())):
            continue
        if isinstance(obj, Timestamps):
            obj.updated_by_id = actor.id
        entries.append(_entry(actor, now, "update", obj, changes))
    for obj in list(sess.deleted):
        if not _audited(obj):
            continue
        entries.append(_entry(actor, now, "delete", obj, {k: [v, None] for k, v in _values(obj).items()}))
    pending = _buffer.get()
    if pending is not None:
        pending.extend(entries)  # type: ignore[arg-type]
        return
    if entries:
        # One Core INSERT in the flush's transaction (as ``buffered`` does), not ORM objects: the entries
        # are never read back through the session, and the unit of work stays smaller.
        sess.connection().execute(insert(AuditLog.__table__), entries)


def _values(obj: Any) -> dict[str, Any]:
    """A record's column values as the trail keeps them (secrets as ``***``)."""
    redact = _redacted(obj)
    values = {}
    for key in _column_attrs(obj):
        if key in _SKIP:
            continue
        val = getattr(obj, key, None)
        values[key] = "***" if key in redact and val is not None else _jsonable(val)
    return values


def _entry(actor: Actor, now: dt.datetime, action: str, obj: Any, changes: dict[str, Any]) -> dict[str, Any]:
    return {"id": uuid.uuid4(), "at": now, "actor_id": actor.id, "actor_name": actor.name, "action": action,
            "entity_type": type(obj).__tablename__, "entity_id": _entity_id(obj), "changes": changes,
            "source": actor.source, "ip": actor.ip}


def log_event(action: str, entity_type: str, entity_id: Any = None, details: dict[str, Any] | None = None) -> AuditLog:
    """Record a non-write event (a view, a login, an export) in the current transaction."""
    actor = current_actor()
    entry = AuditLog(
        id=uuid.uuid4(),
        at=utcnow(),
        actor_id=actor.id,
        actor_name=actor.name,
        action=action,
        entity_type=entity_type,
        entity_id=str(entity_id) if entity_id is not None else None,
        changes=_jsonable(details or {}),
        source=actor.source,
        ip=actor.ip,
    )
    pending = _buffer.get()
    if pending is not None:  # inside buffered(): written with the others at the end
        pending.append({c.key: getattr(entry, c.key) for c in AuditLog.__table__.columns})
    else:
        session.add(entry)
    return entry


def log_access(entity_type: str, entity_id: Any, purpose: str = "view") -> AuditLog:
    """Viewing a person's record is logged as an access (UU PDP)."""
    return log_event("view", entity_type, entity_id, {"purpose": purpose})


def search_stmt(
    actor: str | None = None,
    action: str | None = None,
    entity_type: str | None = None,
    entity_id: str | None = None,
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
) -> Any:
    """Newest-first audit entries matching the filters (for the audit page)."""
    from sqlalchemy import func, select

    stmt = select(AuditLog).order_by(AuditLog.at.desc(), AuditLog.id)
    if actor:
        stmt = stmt.where(func.lower(AuditLog.actor_name).like(f"%{actor.strip().lower()}%"))
    if action:
        stmt = stmt.where(AuditLog.action == action)
    if entity_type:
        stmt = stmt.where(AuditLog.entity_type == entity_type)
    if entity_id:
        stmt = stmt.where(AuditLog.entity_id == entity_id.strip())
    if date_from:
        stmt = stmt.where(AuditLog.at >= dt.datetime.combine(date_from, dt.time.min, dt.UTC))
    if date_to:
        stmt = stmt.where(AuditLog.at < dt.datetime.combine(date_to + dt.timedelta(days=1), dt.time.min, dt.UTC))
    return stmt


def distinct_values(column: str) -> list[str]:
    from sqlalchemy import select

    col = getattr(AuditLog, column)
    return [v for v in session.scalars(select(col).distinct().order_by(col)) if v]
