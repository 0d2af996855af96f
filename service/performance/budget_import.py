"""Budget realisation import (CSV or XLSX, first sheet) — shared spec INTERFACES.md.

Columns by header name, case-insensitive, any order: ``kode``, ``tanggal``, ``jumlah``,
``sumber_dana``, ``nomor_bukti``, ``uraian``. Every row is checked first; if any row is bad
nothing is written and the report lists every bad row with its line number. A row whose
(``kode``, ``nomor_bukti``) is already recorded is skipped, so re-importing the same file, or an
overlapping one, changes nothing. Rows are recorded by ``payments.record_payment`` (the form's
use case). The upload page runs it in the background with the BNBA import's run and progress
machinery (``import_runs``, ``ProgressWriter``).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import threading
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from service.core.db import session, utcnow
from service.core.errors import N_, ServiceError, ValidationError
from service.core.models.imports import ImportRun
from service.performance import payments
from service.registry.bnba import LIVE_PROGRESS, ProgressWriter, RowError, _error_entry, _row_error

COLUMNS = ("kode", "tanggal", "jumlah", "sumber_dana", "nomor_bukti", "uraian")
REQUIRED_COLUMNS = ("kode", "tanggal", "jumlah", "sumber_dana", "nomor_bukti")
# the use case's field names -> the file's column names (for the line-numbered report)
FIELD_COLUMNS = {"code": "kode", "paid_on": "tanggal", "amount": "jumlah", "funding_source": "sumber_dana",
                 "document_no": "nomor_bukti", "reason": "uraian", "description": "uraian"}
MAX_ROWS = 50_000
MAX_BYTES = 20 * 1024 * 1024
KIND = "budget"

ProgressFn = Callable[[int, int, str], None]


@dataclass
class BudgetImportReport:
    rows: int = 0
    errors: list[RowError] = field(default_factory=list)
    created: int = 0
    skipped: int = 0  # (kode, nomor_bukti) already recorded, or repeated in the file
    total_amount: int = 0  # sum of the created amounts

    @property
    def ok(self) -> bool:
        return not self.errors

    def as_dict(self) -> dict[str, Any]:
        return {"rows": self.rows, "ok": self.ok, "created": self.created, "skipped": self.skipped,
                "total_amount": self.total_amount,
                "errors": [{"line": e.line, "reason": e.reason, "messages": e.messages} for e in self.errors]}

    def lines(self) -> list[str]:
        if self.errors:
            out = [f"REJECTED: {len(self.errors)} bad row(s) of {self.rows}; nothing was imported."]
            return out + [f"  line {e.line}: {e.reason}" for e in self.errors]
        return [f"imported {self.rows} row(s): {self.created} payment(s) recorded (Rp {self.total_amount:,}), "
                f"{self.skipped} already recorded".replace(",", ".")]


def _cell(value: Any) -> Any:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, (dt.date, int, float)):
        return value
    return "" if value is None else str(value).strip()


def read_rows(data: bytes, filename: str) -> list[tuple[int, dict[str, Any]]]:
    """``[(line number, {column: value})]``; line 1 is the header."""
    if len(data) > MAX_BYTES:
        raise ValidationError({"file": N_("Berkas terlalu besar (maksimum 20 MB).")})
    name = (filename or "").lower()
    if name.endswith(".xlsx"):
        from openpyxl import load_workbook

        try:
            wb = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
            raw = [[_cell(v) for v in row] for row in wb.worksheets[0].iter_rows(values_only=True)]
        except Exception:  # openpyxl raises many kinds for a damaged or non-XLSX file
            raise ValidationError({"file": N_("Berkas XLSX tidak dapat dibaca.")}) from None
    elif name.endswith(".csv"):
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            text = data.decode("latin-1")
        first = text.split("\n", 1)[0]
        delimiter = ";" if first.count(";") > first.count(",") else ","
        raw = [[c.strip() for c in row] for row in csv.reader(io.StringIO(text), delimiter=delimiter)]
    else:
        raise ValidationError({"file": N_("Berkas harus CSV atau XLSX.")})
    if not raw or not any(str(v) for v in raw[0]):
        raise ValidationError({"file": N_("Berkas kosong: baris judul kolom tidak ada.")})
    keys = [str(h or "").strip().lower() for h in raw[0]]
    missing = [c for c in REQUIRED_COLUMNS if c not in keys]
    if missing:
        raise ValidationError({"file": N_("Kolom wajib tidak ada: {columns}.")}, columns=", ".join(missing))
    rows = []
    for number, values in enumerate(raw[1:], start=2):
        if not any(v not in ("", None) for v in values):
            continue
        rows.append((number, {k: (values[i] if i < len(values) else "") for i, k in enumerate(keys) if k in COLUMNS}))
        if len(rows) > MAX_ROWS:
            raise ValidationError({"file": N_("Terlalu banyak baris (maksimal {max}).")}, max=MAX_ROWS)
    return rows


def _as_columns(exc: ValidationError) -> ValidationError:
    return ValidationError({FIELD_COLUMNS.get(k, k): v for k, v in exc.fields.items()}, **exc.params)


def import_budget(data: bytes, filename: str, *, today: dt.date | None = None,
                  progress: ProgressFn | None = None) -> BudgetImportReport:
    """Check every row, then record all new payments in one savepoint — or none."""
    today = today or dt.date.today()
    rows = read_rows(data, filename)
    report = BudgetImportReport(rows=len(rows))
    tick = progress or (lambda done, total, phase: None)
    total = 2 * len(rows)
    checked: list[tuple[int, dict[str, Any]]] = []
    seen: dict[tuple[str, str], tuple[int, dict[str, Any]]] = {}
    for i, (line, row) in enumerate(rows):
        negative_reason = row.get("uraian")  # a correction's uraian is its reason
        try:
            values = payments.check_payment(row.get("kode"), row.get("tanggal"), row.get("jumlah"),
                                            row.get("sumber_dana"), row.get("nomor_bukti"), row.get("uraian"),
                                            negative_reason, today=today)
        except ValidationError as exc:
            report.errors.append(_row_error(line, _as_columns(exc)))
            continue
        key = (values["code"], values["document_no"])
        if key in seen:
            first_line, first = seen[key]
            if first != values:
                report.errors.append(_row_error(line, ValidationError(
                    {"nomor_bukti": N_("Nomor bukti {number} sudah ada di baris {first} dengan isi berbeda.")},
                    number=values["document_no"], first=first_line)))
                continue
            report.skipped += 1
            continue
        seen[key] = (line, values)
        checked.append((line, values))
        if i % 250 == 0:
            tick(i, total, "check")
    if report.errors:
        return report
    savepoint = session.begin_nested()
    try:
        for i, (line, v) in enumerate(checked):
            if payments.find_payment(v["code"], v["document_no"]) is not None:
                report.skipped += 1
                continue
            try:
                payments.record_payment(v["code"], v["paid_on"], v["amount"], v["funding_source"], v["document_no"],
                                        v["description"], v["reason"] if v["amount"] < 0 else None, today=today,
                                        source="import")
            except ValidationError as exc:
                report.errors.append(_row_error(line, _as_columns(exc)))
                break
            report.created += 1
            report.total_amount += v["amount"]
            if i % 250 == 0:
                tick(len(rows) + i, total, "import")
    except Exception:
        savepoint.rollback()
        raise
    if report.errors:
        savepoint.rollback()
        report.created = report.skipped = report.total_amount = 0
    else:
        savepoint.commit()
    tick(total, total, "done")
    return report


# ---------------------------------------------------------------- background runs (upload page)
def start_run(filename: str, by_id: uuid.UUID | None) -> ImportRun:
    run = ImportRun(kind=KIND, filename=filename[:200], started_by_id=by_id, status="pending")
    session.add(run)
    session.flush()
    return run


def execute_run(run: ImportRun, data: bytes, progress: ProgressFn | None = None) -> BudgetImportReport | None:
    """Run the import for ``run`` in the current transaction; record its outcome on the run."""
    report = None
    try:
        report = import_budget(data, run.filename, progress=progress)
        run.report = report.as_dict()
        run.total_rows = run.processed_rows = report.rows
        run.status = "done" if report.ok else "rejected"
    except ValidationError as exc:
        run.report = {"rows": 0, "ok": False, "errors": [_error_entry(1, exc)]}
        run.status = "rejected"
    run.phase = "done"
    run.progress_total = run.progress_done = max(run.progress_total or 0, 2 * (report.rows if report else 0))
    run.finished_at = utcnow()
    session.flush()
    return report


def run_in_background(run_id: uuid.UUID, data: bytes, actor: Any) -> threading.Thread:
    """The import in a thread with its own session (as the BNBA upload); the run row records the outcome."""
    import contextvars

    from service.core import audit

    bind = session.get_bind()
    writer = ProgressWriter(run_id, getattr(bind, "engine", bind))

    def work() -> None:
        with audit.acting_as(actor):
            try:
                writer.write(0, 0, "check")
                session.connection(execution_options={"sqlite_begin": "IMMEDIATE"})
                run = session.get(ImportRun, run_id)
                if run is not None:
                    execute_run(run, data, progress=writer)
                    session.commit()
            except Exception:
                session.rollback()
                run = session.get(ImportRun, run_id)
                if run is not None:
                    run.status, run.phase, run.finished_at = "failed", "done", utcnow()
                    run.report = {"ok": False, "errors": [_error_entry(0, ServiceError(N_("Kesalahan internal.")))]}
                    session.commit()
                raise
            finally:
                LIVE_PROGRESS.pop(run_id, None)
                session.remove()

    thread = threading.Thread(target=contextvars.copy_context().run, args=(work,), daemon=True,
                              name=f"budget-{run_id}")
    thread.start()
    return thread
