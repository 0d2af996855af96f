"""Budget realisation import (CSV or XLSX, first sheet) — shared spec INTERFACES.md.

Columns by header name, case-insensitive, any order: ``kode``, ``tanggal``, ``jumlah``,
``sumber_dana``, ``nomor_bukti``, ``uraian``. Every row is checked first; if any row is bad
nothing is written and the report lists every bad row with its line number. A row whose
(``kode``, ``nomor_bukti``) is already recorded is skipped, so re-importing the same file, or an
overlapping one, changes nothing. Rows are recorded by ``payments.record_payment`` (the form's
use case). The upload page runs it in the background with the shared import machinery
(``service.core.imports``: the ``import_runs`` row, ``ProgressWriter``, the status poll).
"""

from __future__ import annotations

import datetime as dt
import threading
import uuid
from dataclasses import dataclass, field
from typing import Any

from service.core import clock
from service.core import imports as runs
from service.core.db import session
from service.core.errors import N_, ValidationError
from service.core.imports import ProgressFn, RowError, row_error
from service.core.models.imports import ImportRun
from service.performance import payments

COLUMNS = ("kode", "tanggal", "jumlah", "sumber_dana", "nomor_bukti", "uraian")
REQUIRED_COLUMNS = ("kode", "tanggal", "jumlah", "sumber_dana", "nomor_bukti")
# the use case's field names -> the file's column names (for the line-numbered report)
FIELD_COLUMNS = {"code": "kode", "paid_on": "tanggal", "amount": "jumlah", "funding_source": "sumber_dana",
                 "document_no": "nomor_bukti", "reason": "uraian", "description": "uraian"}
MAX_ROWS = 50_000
MAX_BYTES = 20 * 1024 * 1024
KIND = "budget"


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


def read_rows(data: bytes, filename: str) -> list[tuple[int, dict[str, str]]]:
    """``[(line number, {column: text})]``; line 1 is the header (``service.core.imports.read_table``)."""
    if len(data) > MAX_BYTES:
        raise ValidationError({"file": N_("Berkas terlalu besar (maksimum 20 MB).")})
    return runs.read_table(data, filename or "", COLUMNS, REQUIRED_COLUMNS, MAX_ROWS)


def _as_columns(exc: ValidationError) -> ValidationError:
    return ValidationError({FIELD_COLUMNS.get(k, k): v for k, v in exc.fields.items()}, **exc.params)


def import_budget(data: bytes, filename: str, *, by_id: uuid.UUID | None = None, today: dt.date | None = None,
                  progress: ProgressFn | None = None) -> BudgetImportReport:
    """Check every row, then record all new payments in one savepoint — or none.

    ``by_id`` (the uploader) is accepted as every importer's is; the audit columns record who.
    """
    today = today or clock.today()
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
            report.errors.append(row_error(line, _as_columns(exc)))
            continue
        key = (values["code"], values["document_no"])
        if key in seen:
            first_line, first = seen[key]
            if first != values:
                report.errors.append(row_error(line, ValidationError(
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
                report.errors.append(row_error(line, _as_columns(exc)))
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
    return runs.start_run(filename, by_id, kind=KIND)


def execute_run(run: ImportRun, data: bytes, progress: ProgressFn | None = None) -> Any:
    """Run the import for ``run`` in the current transaction; record its outcome on the run."""
    return runs.execute_run(run, import_budget, data, progress)


def run_in_background(run_id: uuid.UUID, data: bytes, actor: Any) -> threading.Thread:
    return runs.run_in_background(run_id, import_budget, data, actor)
