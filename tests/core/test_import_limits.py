"""Imports: size and cell caps before parsing; every parser error is a one-line reason."""

from __future__ import annotations

import io
import zipfile

import pytest

from service.core.errors import ValidationError
from service.core.imports import MAX_CELL, read_table

COLS, REQ = ("nama", "nik"), ("nama",)


def _reason(data: bytes, name: str) -> str:
    with pytest.raises(ValidationError) as exc:
        read_table(data, name, COLS, REQ, 100)
    return str(exc.value)


def test_an_xlsx_that_unzips_huge_is_refused_before_parsing() -> None:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("xl/worksheets/sheet1.xml", b"<a>" + b" " * (60 * 1024 * 1024) + b"</a>")
    assert len(buf.getvalue()) < 1024 * 1024
    assert "terlalu besar" in _reason(buf.getvalue(), "bom.xlsx")


def test_damaged_files_give_one_line_reasons() -> None:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("[Content_Types].xml", b"<Types><unclosed")
    for data, name in ((buf.getvalue(), "x.xlsx"), (b"not a zip", "x.xlsx"), (b"nama\n\"" + b"x" * 200_000 + b"\"\n", "x.csv"),
                       (b"\xff\xfe" + "nama\nBudi\n".encode("utf-16-le")[:-1], "x.csv")):
        reason = _reason(data, name)
        assert "\n" not in reason and reason


def test_utf16_csv_is_read_and_long_cells_are_refused_with_the_line() -> None:
    rows = read_table("nama,nik\nBudi,1\n".encode("utf-16"), "x.csv", COLS, REQ, 100)
    assert rows == [(2, {"nama": "Budi", "nik": "1"})]
    assert "Baris 3" in _reason(("nama\nBudi\n" + "x" * (MAX_CELL + 1) + "\n").encode(), "x.csv")
