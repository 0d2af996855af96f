"""CSV exports for Indonesian-locale spreadsheets, same columns as XLSX.

Excel set to Indonesian reads ';' as the list separator and ',' as the decimal mark, so the file
uses both; UTF-8 with BOM so the accents survive.
"""

from __future__ import annotations

import csv
import io
from typing import Any

from service.core.exports import table


def _cell(v: Any) -> Any:
    if v is None:
        return ""
    v = table.csv_cell(v)  # text a spreadsheet would evaluate gets a leading apostrophe
    if isinstance(v, float):
        text = f"{v:.2f}".replace(".", ",")
        return text[:-3] if text.endswith(",00") else text
    return v


def export(kind: str, rep: dict[str, Any], tr: table.Tr = table.indonesian,
           name: table.Name = table.indonesian_name) -> bytes:
    _title, _subtitle, columns, rows = table.build(kind, rep, tr, name)
    buf = io.StringIO()
    writer = csv.writer(buf, delimiter=";")
    writer.writerow([table.csv_cell(c[0]) for c in columns])
    for values in rows:
        writer.writerow([_cell(v) for v in values])
    return ("\ufeff" + buf.getvalue()).encode("utf-8")


def rows(header: list[str], body: list[list[Any]]) -> bytes:
    """Any table as CSV for Indonesian-locale spreadsheets (';', decimal comma, UTF-8 with BOM)."""
    buf = io.StringIO()
    writer = csv.writer(buf, delimiter=";")
    writer.writerow([table.csv_cell(h) for h in header])
    for values in body:
        writer.writerow([_cell(v) for v in values])
    return ("\ufeff" + buf.getvalue()).encode("utf-8")
