"""Derived tables: tables computed from the records, kept exactly equal to them (docs/reports.md "Derived tables").

A derived table (:class:`DerivedTable`) is declared by the area that reads it, in
``service/<area>/derived.py`` (``TABLES``): the query computing its rows from the records
(for some keys, or all), its key column (the person id), which ORM writes change the rows
of which keys (:class:`Watch`) and which writes change every row (:class:`Rebuild`: reference
tables). :func:`install` — called by ``service.core.db.make_engine``, so by the web app, the
CLI, the jobs, the migrations and the tests alike — registers them with **one** ``after_flush``
hook that recomputes, in the same transaction, the rows of every key a flush touched.

Writes that bypass the ORM say what they touched: :func:`touch` (keys, e.g. the persons of a
merge made with Core UPDATEs) and :func:`tables_changed` (reference tables written with Core
statements, e.g. by the reference loader). Inside :func:`deferred` (a bulk import) the refreshes
wait for the end of the block and run once.
"""

from __future__ import annotations

import contextlib
import importlib
import importlib.util
import pkgutil
from collections.abc import Callable, Iterable, Iterator
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Table, bindparam, delete, event, func, insert, select
from sqlalchemy.orm import Session, attributes
from sqlalchemy.sql import visitors
from sqlalchemy.sql.elements import BindParameter

from service.core.db import session

CHUNK = 500


@dataclass(frozen=True)
class Watch:
    """ORM writes to ``model`` that change the derived rows of some keys.

    Inserted and deleted objects always count; an updated one when one of ``on`` changed
    (``None``: any update). The keys are every value ``attr`` had during the flush (before and
    after), or — with ``via`` — what the query ``via(values)`` selects (run after the flush).
    """

    model: type[Any]
    attr: str = "person_id"
    on: tuple[str, ...] | None = None
    via: Callable[[list[Any]], Any] | None = None
    # ``via`` reads rows that reference the object (``attr`` its primary key), and the table watches those
    # rows itself: an object inserted in this flush is skipped (what references it is new in the flush too).
    via_skips_new: bool = False


@dataclass(frozen=True)
class Rebuild:
    """Writes to ``model`` (a reference table) that change every row: the whole table is rebuilt.

    An updated object counts when one of ``on`` changed (``None``: any update); an inserted or
    deleted one when ``when(obj)`` holds (``None``: always). Core writes to the model's table
    count through :func:`tables_changed`.
    """

    model: type[Any]
    on: tuple[str, ...] | None = None
    when: Callable[[Any], bool] | None = None

    @property
    def table_name(self) -> str:
        return str(self.model.__table__.name)


@dataclass(frozen=True)
class DerivedTable:
    """A table whose rows are ``source(keys)`` for every key: never written by hand.

    ``source(keys)`` selects the table's columns, in the table's order, for those keys
    (``None``: all). ``store_in_key_order``: a rebuild inserts the rows sorted by the primary
    key (rows read together lie together on disk).
    """

    table: Table
    source: Callable[[list[Any] | None], Any]
    watches: tuple[Watch, ...]
    rebuilds: tuple[Rebuild, ...] = ()
    key: str = "person_id"
    store_in_key_order: bool = False
    # The model whose primary key the key column holds (a person): a key whose row is inserted in this
    # flush has no derived rows yet, so its refresh skips the DELETE.
    key_model: type[Any] | None = None
    # Models every row of a key is computed from (by their ``key`` attribute), for ``key_model``: a
    # fresh key none of whose rows of these models is in the flush has no rows at all (nothing to insert).
    rows_from: tuple[type[Any], ...] = ()

    @property
    def name(self) -> str:
        return str(self.table.name)

    @property
    def columns(self) -> list[str]:
        return [c.name for c in self.table.c]

    def refresh(self, keys: Iterable[Any], conn: Any = None, fresh: set[Any] | frozenset[Any] = frozenset()) -> None:
        """Recompute the rows of these keys (``fresh``: those known to have no rows yet)."""
        conn = conn if conn is not None else session.connection()
        remove, add = self.refresh_statements()
        for chunk in _chunks(keys):
            old = [k for k in chunk if k not in fresh]
            if old:
                conn.execute(remove, {"keys": old})
            conn.execute(add, {"keys": chunk})

    def refresh_statements(self) -> tuple[Any, Any]:
        """The DELETE and INSERT … SELECT of some keys (an expanding ``:keys`` parameter), built
        once per table: building a source query costs more than running it for one person
        (``source`` must only use its argument in ``column.in_(keys)``)."""
        if self.name not in _STATEMENTS:
            keys = bindparam("keys", expanding=True)
            _STATEMENTS[self.name] = (delete(self.table).where(self.table.c[self.key].in_(keys)),
                                      keys_only(insert(self.table).from_select(self.columns, self.source(keys))))
        return _STATEMENTS[self.name]

    def rebuild(self, conn: Any = None) -> dict[str, int]:
        """Recompute the whole table (after a bulk load, or when a reference table changed): {name: rows}."""
        conn = conn if conn is not None else session.connection()
        conn.execute(delete(self.table))
        rows = self.source(None)
        if self.store_in_key_order:
            src = rows.subquery("src")
            cols = list(src.c)
            rows = select(*cols).order_by(*[cols[i] for i, c in enumerate(self.table.c) if c.primary_key])
        conn.execute(insert(self.table).from_select(self.columns, rows))
        return {self.name: conn.execute(select(func.count()).select_from(self.table)).scalar_one()}


_STATEMENTS: dict[str, tuple[Any, Any]] = {}


def keys_only(stmt: Any) -> Any:
    """``stmt`` with every bound value but ``:keys`` written into its SQL text (``1``, ``''``, …).

    PostgreSQL plans a refresh's INSERT … SELECT anew on every run while it has other parameters
    than the keys: psycopg prepares it, but the server keeps choosing a custom plan (the generic
    one, blind to the constants, looks dearer), and planning the pair rule's three self-joins costs
    1.5–3 ms against 0.1 ms to run it for one person. With the keys its only parameter, the
    generic plan is taken from the sixth run on a connection."""
    def inline(element: Any) -> Any:
        if isinstance(element, BindParameter) and element.key != "keys" and not element.literal_execute:
            return element.render_literal_execute()
        return None

    return visitors.replacement_traverse(stmt, {}, inline)


def _chunks(keys: Iterable[Any]) -> Iterator[list[Any]]:
    ids = sorted({k for k in keys if k is not None}, key=str)
    for i in range(0, len(ids), CHUNK):
        yield ids[i:i + CHUNK]


# ---------------------------------------------------------------- registry
_TABLES: dict[str, DerivedTable] = {}


def install() -> None:
    """Register every area's derived tables (``service.<area>.derived.TABLES``) and the flush hook.

    Idempotent; ``service.core.db.make_engine`` calls it, so every engine the app, the CLI,
    the jobs and the tests configure keeps the derived tables exact.
    """
    import service

    for area in sorted(info.name for info in pkgutil.iter_modules(service.__path__) if info.ispkg):
        if area != "core" and importlib.util.find_spec(f"service.{area}.derived") is not None:
            for table in importlib.import_module(f"service.{area}.derived").TABLES:
                register(table)
    if not event.contains(Session, "after_flush", _after_flush):
        event.listen(Session, "after_flush", _after_flush)


def register(table: DerivedTable) -> None:
    _TABLES[table.name] = table


def tables() -> list[DerivedTable]:
    """The registered derived tables."""
    return list(_TABLES.values())


# ---------------------------------------------------------------- what a write touched
@dataclass
class _Touched:
    keys: dict[str, set[Any]] = field(default_factory=dict)  # derived table -> keys to refresh
    rebuild: set[str] = field(default_factory=set)  # derived tables to rebuild
    fresh: dict[str, set[Any]] = field(default_factory=dict)  # derived table -> keys with no rows yet

    def add(self, table: DerivedTable, keys: Iterable[Any], fresh: Iterable[Any] = ()) -> None:
        self.keys.setdefault(table.name, set()).update(k for k in keys if k is not None)
        self.fresh.setdefault(table.name, set()).update(fresh)

    def apply(self, conn: Any = None) -> None:
        for table in tables():
            if table.name in self.rebuild:
                table.rebuild(conn)
            elif self.keys.get(table.name):
                table.refresh(self.keys[table.name], conn, self.fresh.get(table.name, set()))


# While a bulk operation runs inside ``deferred()``, what each flush touched is collected here
# and applied once at the end, in the same transaction.
_pending: ContextVar[_Touched | None] = ContextVar("derived_pending", default=None)


def _record(touched: _Touched, conn: Any = None) -> None:
    pending = _pending.get()
    if pending is None:
        touched.apply(conn)
        return
    for name, keys in touched.keys.items():
        # a key is fresh when it was fresh the first time the block touched it (no refresh ran since)
        known = pending.keys.setdefault(name, set())
        pending.fresh.setdefault(name, set()).update(touched.fresh.get(name, set()) - known)
        known.update(keys)
    pending.rebuild |= touched.rebuild


def touch(keys: Iterable[Any], key: str = "person_id", conn: Any = None) -> None:
    """Refresh the derived rows of these keys: for writes that bypassed the ORM (Core UPDATE/DELETE)."""
    keys = list(keys)
    touched = _Touched()
    for table in tables():
        if table.key == key:
            touched.add(table, keys)
    _record(touched, conn)


def tables_changed(names: Iterable[str], conn: Any = None) -> None:
    """Rebuild the derived tables depending on these tables: for reference data written with Core statements."""
    names = set(names)
    touched = _Touched(rebuild={t.name for t in tables() if any(r.table_name in names for r in t.rebuilds)})
    _record(touched, conn)


@contextlib.contextmanager
def deferred() -> Iterator[None]:
    """Refresh the derived tables once, at the end of the block, for everything touched inside it.

    Figures read inside the block may be stale; they are exact again when it ends. On an
    exception nothing is refreshed — the caller rolls the transaction back anyway.
    """
    if _pending.get() is not None:  # nested: the outer block refreshes
        yield
        return
    touched = _Touched()
    token = _pending.set(touched)
    try:
        yield
    finally:
        _pending.reset(token)
    if touched.keys or touched.rebuild:
        session.flush()
        touched.apply()


# ---------------------------------------------------------------- the flush hook
def _values(obj: Any, attr: str) -> set[Any]:
    """Every value ``attr`` had on ``obj`` in this flush (before and after)."""
    hist = attributes.get_history(obj, attr, passive=attributes.PASSIVE_NO_INITIALIZE)
    values = set(hist.added or ()) | set(hist.unchanged or ()) | set(hist.deleted or ())
    current = obj.__dict__.get(attr)
    if current is not None:
        values.add(current)
    return values


def _changed(obj: Any, attrs: tuple[str, ...] | None) -> bool:
    if attrs is None:
        return True
    return any(attributes.get_history(obj, a, passive=attributes.PASSIVE_NO_INITIALIZE).has_changes() for a in attrs)


def _rebuilds(rule: Rebuild, obj: Any, inserted_or_deleted: bool) -> bool:
    if not isinstance(obj, rule.model):
        return False
    if inserted_or_deleted:
        return rule.when is None or rule.when(obj)
    return _changed(obj, rule.on)


def _after_flush(sess: Session, _ctx: Any) -> None:
    if not _TABLES:
        return
    # (object, inserted or deleted): an updated object counts only when a watched attribute changed
    writes = [(obj, True) for obj in (*sess.new, *sess.deleted)] + [(obj, False) for obj in sess.dirty]
    new = {id(obj) for obj in sess.new}
    touched = _Touched()
    conn = None
    for table in tables():
        if any(_rebuilds(r, obj, whole) for obj, whole in writes for r in table.rebuilds):
            touched.rebuild.add(table.name)
            continue
        keys: set[Any] = set()
        for watch in table.watches:
            values: set[Any] = set()
            for obj, inserted_or_deleted in writes:
                if watch.via_skips_new and id(obj) in new:
                    continue
                if isinstance(obj, watch.model) and (inserted_or_deleted or _changed(obj, watch.on)):
                    values |= _values(obj, watch.attr)
            values.discard(None)
            if not values:
                continue
            if watch.via is None:
                keys |= values
                continue
            conn = conn if conn is not None else sess.connection()
            for chunk in _chunks(values):
                keys |= set(conn.execute(watch.via(chunk)).scalars())
        if keys:
            fresh: set[Any] = set()
            if table.key_model is not None:
                fresh = {obj.id for obj in sess.new if isinstance(obj, table.key_model)} & keys
                if fresh and table.rows_from and _pending.get() is None:
                    sources = {getattr(obj, table.key, None) for obj, _ in writes if isinstance(obj, table.rows_from)}
                    keys -= fresh - sources  # new persons with no rows to compute from: nothing to write
            if keys:
                touched.add(table, keys, fresh)
    if touched.keys or touched.rebuild:
        _record(touched, sess.connection())
