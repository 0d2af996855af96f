"""Batch mode: the use cases a sync request runs hundreds of times, written once per chunk.

A use case flushes when it is done (``flush()`` here, not ``session.flush()``), so the web form
sees its errors and its derived rows at once. Inside :func:`flushes_deferred` (the sync engine's
chunk of operations, docs/offline.md) that flush waits: the chunk's rows are written by one flush
at the end of the chunk, one multi-row INSERT per table instead of one INSERT per row. Queries
still autoflush, so nothing a use case reads is stale; a database error surfaces at the chunk's
flush, and the engine then replays the chunk one operation at a time (each with its own flush).

While flushes wait, a new object gets its column defaults when it is constructed (not at the
flush): ``version`` is 1, ``status`` is its first state, a UUID key is set, and timestamps are
in the order the objects were made (a case's "opened" step before its "assessed" step).

:func:`memo` keeps what a use case reads from reference tables (the case lifecycle's rules, the
service types) for the block of :func:`cached`; outside it, it computes every time.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from contextvars import ContextVar
from typing import Any, TypeVar

from sqlalchemy import event, inspect

from service.core.db import Base, session

T = TypeVar("T")

_deferred: ContextVar[bool] = ContextVar("flushes_deferred", default=False)
_memo: ContextVar[dict[Any, Any] | None] = ContextVar("batch_memo", default=None)
_DEFAULTS: dict[type, list[tuple[str, Any]]] = {}


@contextlib.contextmanager
def flushes_deferred(deferred: bool = True) -> Iterator[None]:
    """Inside: :func:`flush` does nothing (the caller flushes at the end of the block);
    ``flushes_deferred(False)``: flushes happen again (for a use case not written for a chunk)."""
    token = _deferred.set(deferred)
    try:
        yield
    finally:
        _deferred.reset(token)


def deferring() -> bool:
    return _deferred.get()


def flush() -> None:
    """A use case's closing flush: now, or at the end of the enclosing :func:`flushes_deferred` block."""
    if not _deferred.get():
        session.flush()


@contextlib.contextmanager
def cached() -> Iterator[None]:
    """Reference data read through :func:`memo` is read once inside the block."""
    if _memo.get() is not None:
        yield
        return
    token = _memo.set({})
    try:
        yield
    finally:
        _memo.reset(token)


def memo(key: Any, compute: Callable[[], T]) -> T:
    """``compute()``, once per :func:`cached` block and key (every call outside one)."""
    holder = _memo.get()
    if holder is None:
        return compute()
    if key not in holder:
        holder[key] = compute()
    return holder[key]  # type: ignore[no-any-return]


_NEW_KEYS = "external_keys_not_stored"


def expect_new_keys(model: type, keys: set[str]) -> None:
    """Inside :func:`cached`: these external keys of ``model`` were just read as not stored (a bulk
    read by the caller, e.g. the BNBA import's), so the use case recording one skips its own lookup."""
    holder = _memo.get()
    if holder is not None:
        holder.setdefault((_NEW_KEYS, model), set()).update(keys)


def key_is_new(model: type, key: str) -> bool:
    """Whether ``key`` was declared by :func:`expect_new_keys` (once: the record made with it stores
    it, so a second call asks the database)."""
    holder = _memo.get()
    known = holder.get((_NEW_KEYS, model)) if holder is not None else None
    if known and key in known:
        known.discard(key)
        return True
    return False


def _python_defaults(cls: type) -> list[tuple[str, Any]]:
    if cls not in _DEFAULTS:
        found = []
        for prop in inspect(cls).column_attrs:
            default = prop.columns[0].default
            if default is None or default.is_sequence or default.is_clause_element:
                continue
            if default.is_callable and not hasattr(default.arg, "__wrapped__"):
                continue  # it reads the INSERT's other values (``context.get_current_parameters()``)
            found.append((prop.key, default))
        _DEFAULTS[cls] = found
    return _DEFAULTS[cls]


@event.listens_for(Base, "init", propagate=True)
def _defaults_at_construction(target: Any, _args: Any, kwargs: dict[str, Any]) -> None:
    if not _deferred.get():
        return
    for key, default in _python_defaults(type(target)):
        if key not in kwargs:
            setattr(target, key, default.arg(None) if default.is_callable else default.arg)
