"""Formula injection: text that a spreadsheet would evaluate is written as text in every export."""

from __future__ import annotations

import csv
import io

import pytest
from openpyxl import load_workbook

from service.core.exports import csv as csv_export
from service.core.exports import xlsx

EVIL = ["=HYPERLINK(\"http://x\",\"klik\")", "+62812", "-1+2", "@SUM(A1)", "\tx", "\rx"]


def test_xlsx_cells_starting_like_a_formula_are_text():
    data = xlsx.workbook("Judul", "=1+1", [("=Kolom", "text", 10), ("Angka", "int", 8)],
                         [[v, -5] for v in EVIL])
    ws = load_workbook(io.BytesIO(data)).active
    cells = [c for row in ws.iter_rows() for c in row if c.value is not None]
    for c in cells:
        if isinstance(c.value, str):
            assert c.data_type == "s", (c.coordinate, c.value)
    texts = [c.value for c in cells if isinstance(c.value, str)]
    for v in EVIL[:5] + ["=1+1", "=Kolom"]:  # (XML turns a lone CR into LF)
        assert v in texts  # kept as the person typed it, but as text
    assert [c.value for c in ws["B"] if isinstance(c.value, int)] == [-5] * len(EVIL)  # numbers stay numbers


@pytest.mark.parametrize("value", EVIL)
def test_csv_cells_starting_like_a_formula_get_an_apostrophe(value):
    body = csv_export.rows(["Nama", "Jumlah"], [[value, -5]]).decode("utf-8-sig")
    row = list(csv.reader(io.StringIO(body, newline=""), delimiter=";"))[1]
    assert row == ["'" + value, "-5"]
