"""The machinery every file import shares: reading a CSV/XLSX table with line numbers, the
line-numbered error report, and background runs with live progress (the ``import_runs`` row).

An area's importer (``service.registry.bnba.import_bnba``, the budget import …) is a function
``(data, filename, *, by_id, progress) -> report`` whose report has ``rows``, ``ok`` and
``as_dict()``; ``execute_run`` / ``run_in_background`` run it for an ``ImportRun``. See docs/registry.md.
"""

from __future__ import annotations

import contextvars
import csv
import datetime as dt
import io
import logging
import threading
import time
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from sqlalchemy import Select, or_, select, update
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session

from service.core import audit
from service.core.db import session, utcnow
from service.core.errors import N_, ServiceError, ValidationError, error_text
from service.core.import_liveness import ACTIVE_RUNS, reap_if_dead, worker_id
from service.core.models.imports import ImportRun

# Live progress is written to the ``import_runs`` row by ``ProgressWriter`` in its own short
# transactions, so whichever web worker answers the status poll reads it.
PROGRESS_INTERVAL = 0.5  # seconds between progress commits

ProgressFn = Callable[[int, int, str], None]


class Report(Protocol):
    rows: int

    @property
    def ok(self) -> bool: ...

    def as_dict(self) -> dict[str, Any]: ...


Importer = Callable[..., Report]


@dataclass
class RowError:
    line: int
    reason: str  # formatted Indonesian text (CLI output)
    # untranslated messages with their parameters, so the upload page shows them in the reader's language
    messages: list[dict[str, Any]] = field(default_factory=list)


# ---------------------------------------------------------------- reading
def cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def read_table(data: bytes, filename: str, columns: Iterable[str], required: Iterable[str],
               max_rows: int) -> list[tuple[int, dict[str, str]]]:
    """``[(line number, {column: text})]`` from a CSV or XLSX file; line 1 is the header.

    Only ``columns`` are kept; a missing ``required`` column or more than ``max_rows`` rows
    rejects the whole file.
    """
    known = set(columns)
    name = filename.lower()
    if name.endswith(".xlsx"):
        _check_xlsx_size(data)
        from openpyxl import load_workbook

        try:
            wb = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        except Exception:  # openpyxl raises many kinds for a damaged or non-XLSX file
            raise ValidationError({"file": N_("Berkas XLSX tidak dapat dibaca.")}) from None
        sheet = wb.worksheets[0]
        raw_rows: Iterable[list[str]] = ([cell(v) for v in row] for row in sheet.iter_rows(values_only=True))
    elif name.endswith(".csv"):
        text = _decode_csv(data)
        first = text.split("\n", 1)[0]
        delimiter = ";" if first.count(";") > first.count(",") else ","
        raw_rows = ([c.strip() for c in row] for row in csv.reader(io.StringIO(text), delimiter=delimiter))
    else:
        raise ValidationError({"file": N_("Berkas harus CSV atau XLSX.")})
    try:
        return _rows(iter(raw_rows), known, required, max_rows)
    except csv.Error as exc:
        raise ValidationError({"file": N_("Berkas CSV tidak dapat dibaca: {reason}.")}, reason=str(exc)) from None
    except ValidationError:
        raise
    except Exception:  # a damaged XLSX found while reading its rows (XML ParseError, zip errors, ...)
        raise ValidationError({"file": N_("Berkas XLSX tidak dapat dibaca.")}) from None


# Limits checked before (or while) parsing, so a small file cannot take the memory of the server.
MAX_UNCOMPRESSED = 50 * 1024 * 1024  # XLSX: the sum of its parts once unzipped
MAX_CELL = 1000                      # characters in one cell


def _check_xlsx_size(data: bytes) -> None:
    import zipfile

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            total = sum(info.file_size for info in zf.infolist())
    except (zipfile.BadZipFile, OSError, ValueError):
        raise ValidationError({"file": N_("Berkas XLSX tidak dapat dibaca.")}) from None
    if total > MAX_UNCOMPRESSED:
        raise ValidationError({"file": N_("Berkas XLSX terlalu besar setelah dibuka (maksimal {mb} MB).")},
                              mb=MAX_UNCOMPRESSED // (1024 * 1024))


def _decode_csv(data: bytes) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            raise ValidationError({"file": N_("Berkas CSV tidak dapat dibaca: pengodean UTF-16 rusak.")}) from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("latin-1")


def _rows(iterator: Any, known: set[str], required: Iterable[str], max_rows: int) -> list[tuple[int, dict[str, str]]]:
    header = next(iterator, None)
    if not header:
        raise ValidationError({"file": N_("Berkas kosong: baris judul kolom tidak ada.")})
    keys = [h.strip().lower() for h in header]
    missing = [c for c in required if c not in keys]
    if missing:
        raise ValidationError({"file": N_("Kolom wajib tidak ada: {columns}.")}, columns=", ".join(missing))
    rows = []
    for number, values in enumerate(iterator, start=2):
        if not any(values):
            continue
        if any(len(v) > MAX_CELL for v in values):
            raise ValidationError({"file": N_("Baris {line}: isi sel terlalu panjang (maksimal {max} karakter).")},
                                  line=number, max=MAX_CELL)
        row = {k: (values[i] if i < len(values) else "") for i, k in enumerate(keys) if k in known}
        rows.append((number, row))
        if len(rows) > max_rows:
            raise ValidationError({"file": N_("Terlalu banyak baris (maksimal {max}).")}, max=max_rows)
    return rows


# ---------------------------------------------------------------- the line-numbered report


def _json_param(value: Any) -> Any:
    return value if isinstance(value, (str, int, float, bool)) or value is None else str(value)


def messages_of(exc: ServiceError) -> list[dict[str, Any]]:
    """``[{field, message, params}]``: the untranslated (Indonesian source) messages of ``exc``."""
    if isinstance(exc, ValidationError):
        params = {k: _json_param(v) for k, v in exc.params.items()}
        return [{"field": name, "message": msg, "params": params} for name, msg in exc.fields.items()]
    return [{"field": "_", "message": str(exc), "params": {}}]


def row_error(line: int, exc: ServiceError) -> RowError:
    return RowError(line, error_text(exc), messages_of(exc))


def error_entry(line: int, exc: ServiceError) -> dict[str, Any]:
    return {"line": line, "reason": error_text(exc), "messages": messages_of(exc)}


# ---------------------------------------------------------------- background runs (upload pages)
def start_run(filename: str, by_id: uuid.UUID | None, kind: str = "bnba") -> ImportRun:
    run = ImportRun(kind=kind, filename=filename[:200], started_by_id=by_id, status="pending")
    session.add(run)
    session.flush()
    return run


def runs_query(user: Any, kind: str = "bnba") -> Select[Any]:
    """The runs ``user`` may see, newest first: their own; a reviewer (``import.review``) also those
    started by users whose area lies inside theirs."""
    from service.accounts.models import User
    from service.core.access import can, scope_area

    stmt = select(ImportRun).where(ImportRun.kind == kind)
    if can(user, "import.review"):
        starters = select(User.id).where(scope_area(user, User.area_code))
        stmt = stmt.where(or_(ImportRun.started_by_id == user.id, ImportRun.started_by_id.in_(starters)))
    else:
        stmt = stmt.where(ImportRun.started_by_id == user.id)
    return stmt.order_by(ImportRun.started_at.desc())


def starter_names(runs: Iterable[ImportRun]) -> dict[uuid.UUID, str]:
    """Who started each run, by name (the list of past imports)."""
    from service.accounts.models import User

    ids = {r.started_by_id for r in runs if r.started_by_id}
    if not ids:
        return {}
    return {u.id: u.full_name or u.username for u in session.scalars(select(User).where(User.id.in_(ids)))}


def may_see_run(user: Any, run: ImportRun) -> bool:
    """The single-run twin of ``runs_query``."""
    from service.accounts.models import User
    from service.core.access import can, in_area

    if run.started_by_id is not None and run.started_by_id == getattr(user, "id", None):
        return True
    if not can(user, "import.review"):
        return False
    starter = session.get(User, run.started_by_id) if run.started_by_id else None
    return starter is not None and in_area(getattr(user, "area_code", None), starter.area_code)


def get_run(run_id: uuid.UUID | str) -> ImportRun | None:
    """The run, with a run whose importing process died marked failed (``reap_if_dead``)."""
    try:
        rid = run_id if isinstance(run_id, uuid.UUID) else uuid.UUID(str(run_id))
    except ValueError:
        return None
    run = session.get(ImportRun, rid)
    if run is not None:
        reap_if_dead(run)
    return run


class ProgressWriter:
    """Write an import's progress to its ``import_runs`` row in separate, committed transactions.

    ``bind`` is the engine (a connection of its own per write), never the import's
    connection: the import stays one all-or-nothing transaction while other web workers
    read the progress. PostgreSQL: the import does not touch the run row until it ends, so
    the writes never wait. SQLite allows one writer at a time: while the import holds the
    write lock, a progress write gives up at once (short busy timeout) and the bar waits
    for the next tick or the final result.
    """

    def __init__(self, run_id: uuid.UUID, bind: Any, interval: float = PROGRESS_INTERVAL) -> None:
        self.run_id, self.bind, self.interval = run_id, bind, interval
        self.last = 0.0
        self.last_phase = ""

    def __call__(self, done: int, total: int, phase: str) -> None:
        now = time.monotonic()
        if phase == self.last_phase and now - self.last < self.interval:
            return
        if self.write(done, total, phase):
            self.last, self.last_phase = now, phase

    def write(self, done: int, total: int, phase: str) -> bool:
        LIVE_PROGRESS[self.run_id] = (done, total, phase)
        values = {"status": "running", "phase": phase, "progress_done": done, "progress_total": total,
                  "worker": worker_id(), "heartbeat_at": utcnow()}
        with Session(bind=self.bind) as s:
            conn = s.connection()
            sqlite = conn.dialect.name == "sqlite"
            if sqlite:
                conn.exec_driver_sql("PRAGMA busy_timeout=50")
            try:
                s.execute(update(ImportRun).where(ImportRun.id == self.run_id,
                                                  ImportRun.status.in_(("pending", "running"))).values(**values))
                written = True
            except OperationalError:
                if not sqlite:
                    raise
                written = False  # the import holds SQLite's write lock; skip this tick
                logging.getLogger(__name__).debug("import %s: progress write skipped (locked)", self.run_id)
            finally:
                # Restore the connection's normal timeout before it goes back to the pool.
                if sqlite:
                    conn.exec_driver_sql("PRAGMA busy_timeout=10000")
            if written:
                s.commit()
            else:
                s.rollback()
            return written


def execute_run(run: ImportRun, importer: Importer, data: bytes, progress: ProgressFn | None = None) -> Report | None:
    """Run ``importer`` for ``run`` in the current transaction; record its outcome on the run.

    The run row is only written here at the end (the live progress goes through
    ``progress``, e.g. a ``ProgressWriter``), so the import never waits on the progress writes.
    """
    report = None
    try:
        report = importer(data, run.filename, by_id=run.started_by_id, progress=progress)
        run.report = report.as_dict()
        run.total_rows = report.rows
        run.processed_rows = report.rows
        run.status = "done" if report.ok else "rejected"
    except ValidationError as exc:
        run.report = {"rows": 0, "ok": False, "errors": [error_entry(1, exc)]}
        run.status = "rejected"
    run.phase = "done"
    run.progress_total = run.progress_done = max(run.progress_total or 0, 2 * (report.rows if report else 0))
    run.finished_at = utcnow()
    session.flush()
    return report


def run_in_background(run_id: uuid.UUID, importer: Importer, data: bytes, actor: Any) -> threading.Thread:
    """Run the import in a thread with its own session; the run row records progress and outcome."""
    bind = session.get_bind()
    writer = ProgressWriter(run_id, getattr(bind, "engine", bind))

    ACTIVE_RUNS.add(run_id)

    def work() -> None:
        with audit.acting_as(actor):
            try:
                writer.write(0, 0, "check")
                # SQLite: hold the write lock for the whole import (see service.core.db); the progress
                # then reaches other processes only on PostgreSQL, this process's polls via LIVE_PROGRESS.
                session.connection(execution_options={"sqlite_begin": "IMMEDIATE"})
                run = session.get(ImportRun, run_id)
                if run is None:
                    return
                execute_run(run, importer, data, progress=writer)
                session.commit()
            except Exception:
                session.rollback()
                run = session.get(ImportRun, run_id)
                if run is not None:
                    run.status = "failed"
                    run.phase = "done"
                    run.finished_at = utcnow()
                    run.report = {"ok": False, "errors": [{"line": 0, "reason": "internal error",
                                                           "messages": [{"field": "_",
                                                                         "message": N_("Kesalahan internal."),
                                                                         "params": {}}]}]}
                    session.commit()
                raise
            finally:
                LIVE_PROGRESS.pop(run_id, None)
                ACTIVE_RUNS.discard(run_id)
                session.remove()

    thread = threading.Thread(target=contextvars.copy_context().run, args=(work,), daemon=True,
                              name=f"import-{run_id}")
    try:
        thread.start()
    except BaseException:
        ACTIVE_RUNS.discard(run_id)
        raise
    return thread


# Progress of imports running in this process: a fallback for when the run row cannot be
# written while the import holds SQLite's write lock (PostgreSQL always has the row).
LIVE_PROGRESS: dict[uuid.UUID, tuple[int, int, str]] = {}


def progress_of(run: ImportRun) -> dict[str, Any]:
    """The status poll's answer, read from the run row (written by the importing worker)."""
    reap_if_dead(run)
    if run.status in ("pending", "running"):
        done, total, phase = run.progress_done or 0, run.progress_total or 0, run.phase
        live = LIVE_PROGRESS.get(run.id)
        if live is not None and live[1] and (not total or live[0] / live[1] > done / total):
            done, total, phase = live
        percent = min(99, int(100 * done / total)) if total else 0
        return {"status": run.status, "percent": percent, "phase": phase or run.status, "report": None}
    return {"status": run.status, "percent": 100, "phase": run.phase or run.status,
            "report": run.report or None}


def read_file(path: str) -> bytes:
    return Path(path).read_bytes()
