"""XLSX exports in the offices' table layout: bold headers, number formats, frozen header, widths."""

from __future__ import annotations

import io
from collections.abc import Iterable
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from service.core.exports import table

HEADER_FILL = PatternFill("solid", fgColor="DDE7E2")
# "points": a signed difference of percentages (percentage points), e.g. the LAKIP's efficiency gap.
FORMATS = {"int": "#,##0", "pct": "0.00", "points": "+0.00;-0.00;0.00", "rupiah": '"Rp" #,##0', "text": "@"}


def append(ws: Any, values: list[Any]) -> None:
    """Append a row; every text cell is stored as text, never as a formula (formula injection)."""
    ws.append([table.cell_value(v) for v in values])
    for cell in ws[ws.max_row]:
        if isinstance(cell.value, str):
            cell.data_type = "s"
            if cell.value.startswith(table.FORMULA_START):
                cell.quotePrefix = True


def workbook(title: str, subtitle: str, columns: list[tuple[str, str, int]], rows: list[list[Any]]) -> bytes:
    """One sheet: title lines, a bold frozen header row, typed number formats."""
    wb = Workbook()
    fill_sheet(wb.active, title, subtitle, columns, rows)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def fill_sheet(ws: Any, title: str, subtitle: str, columns: list[tuple[str, str, int]], rows: list[list[Any]]) -> None:
    """Write one report table into ``ws`` (several sheets make a workbook such as the LAKIP tables)."""
    ws.title = title[:31]
    append(ws, [title])
    ws["A1"].font = Font(bold=True, size=13)
    append(ws, [subtitle])
    header_row = 3
    append(ws, [c[0] for c in columns])
    for i, (_label, _kind, width) in enumerate(columns, start=1):
        cell = ws.cell(row=header_row, column=i)
        cell.font = Font(bold=True)
        cell.fill = HEADER_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        ws.column_dimensions[get_column_letter(i)].width = width
    for values in rows:
        append(ws, values)
        r = ws.max_row
        for i, (_label, kind, _w) in enumerate(columns, start=1):
            cell = ws.cell(row=r, column=i)
            cell.number_format = FORMATS[kind]
            if kind == "text":
                cell.alignment = Alignment(wrap_text=True, vertical="top")
    ws.freeze_panes = ws.cell(row=header_row + 1, column=1)


def export(kind: str, rep: dict[str, Any], tr: table.Tr = table.indonesian,
           name: table.Name = table.indonesian_name) -> bytes:
    title, subtitle, columns, rows = table.build(kind, rep, tr, name)
    return workbook(title, subtitle, columns, rows)


def _streamed_cell(ws: Any, value: Any, kind: str | None = None, **style: Any) -> Any:
    cell = WriteOnlyCell(ws, value=table.cell_value(value))
    if isinstance(cell.value, str):
        cell.data_type = "s"  # never a formula (formula injection)
        if cell.value.startswith(table.FORMULA_START):
            cell.quotePrefix = True
    if kind is not None:
        cell.number_format = FORMATS[kind]
        if kind == "text":
            cell.alignment = WRAP
    for name, v in style.items():
        setattr(cell, name, v)
    return cell


WRAP = Alignment(wrap_text=True, vertical="top")


def write_streamed(path: str, title: str, subtitle: str, columns: list[tuple[str, str, int]],
                   rows: Iterable[list[Any]]) -> int:
    """The layout of ``workbook`` written row by row to ``path`` (openpyxl write-only mode): memory
    stays flat however many rows ``rows`` yields. Returns the number of data rows."""
    wb = Workbook(write_only=True)
    ws = wb.create_sheet(title[:31])
    for i, (_label, _kind, width) in enumerate(columns, start=1):
        ws.column_dimensions[get_column_letter(i)].width = width
    ws.freeze_panes = "A4"
    ws.append([_streamed_cell(ws, title, font=Font(bold=True, size=13))])
    ws.append([_streamed_cell(ws, subtitle)])
    ws.append([_streamed_cell(ws, c[0], font=Font(bold=True), fill=HEADER_FILL, alignment=WRAP) for c in columns])
    n = 0
    for values in rows:
        ws.append([_streamed_cell(ws, v, kind) for v, (_l, kind, _w) in zip(values, columns, strict=False)])
        n += 1
    wb.save(path)
    return n
