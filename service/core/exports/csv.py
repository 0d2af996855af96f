"""CSV exports (UTF-8 with BOM so spreadsheet programs read the accents), same columns as XLSX."""

from __future__ import annotations

import csv
import io
from typing import Any

from service.core.exports import table


def export(kind: str, rep: dict[str, Any]) -> bytes:
    _title, _subtitle, columns, rows = table.build(kind, rep)
    buf = io.StringIO()
    writer = csv.writer(buf)
    writer.writerow([table.csv_cell(c[0]) for c in columns])
    for values in rows:
        writer.writerow(["" if v is None else table.csv_cell(v) for v in values])
    return ("\ufeff" + buf.getvalue()).encode("utf-8")


def rows(header: list[str], body: list[list[Any]]) -> bytes:
    """Any table as CSV (UTF-8 with BOM)."""
    buf = io.StringIO()
    writer = csv.writer(buf)
    writer.writerow([table.csv_cell(h) for h in header])
    for values in body:
        writer.writerow(["" if v is None else table.csv_cell(v) for v in values])
    return ("\ufeff" + buf.getvalue()).encode("utf-8")
