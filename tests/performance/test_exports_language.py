"""The LAKIP and the Renja evaluation follow the reader's language (English when the user chose it):
sheet names, titles, headers and the words in the cells; numbers stay numbers with their formats."""

from __future__ import annotations

import io

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from tests.conftest import choose_language
from tests.performance.conftest import AIDS, MEALS, D, pay


def _lakip(scenario, logged_in, lang):
    from service.performance import demo

    demo.seed_indicators()
    pay(AIDS, D(2025, 3, 1), 10000, "SP2D-2025-1")
    client, _ = logged_in("supervisor")
    if lang == "en":
        choose_language(client, "en")
    return client


@pytest.mark.parametrize("lang", ["id", "en"])
def test_lakip_workbook_in_the_readers_language(scenario, logged_in, lang):
    client = _lakip(scenario, logged_in, lang)
    wb = load_workbook(io.BytesIO(client.get("/kinerja/lakip.xlsx?year=2026&quarter=2").data))
    previous = wb.worksheets[2]
    header = [c.value for c in previous[3]]
    rows = {r[0]: dict(zip(header, r, strict=True)) for r in previous.iter_rows(min_row=4, values_only=True)}
    iku = list(wb.worksheets[0].iter_rows(min_row=4, values_only=True))
    evaluation = wb.worksheets[1]
    if lang == "en":
        assert wb.sheetnames == ["KPI attainment", "Performance and budget", "Previous year", "Renstra comparison",
                                 "Budget per KPI"]
        assert evaluation["A1"].value == "Evaluation of Performance and Budget Realisation"
        assert evaluation["A2"].value == "Year 2026 through quarter 2"
        aids = rows[AIDS]
        assert (aids["Spent 2025 (Rp)"], aids["Spent 2026 (Rp)"]) == (10000, 30000) and aids["Absorption trend"] == "up"
        assert iku[1][10] == "Very high" and iku[1][4] == "negative"
        assert "Kode" not in header and "Tren serapan" not in header
    else:
        assert wb.sheetnames == ["Capaian IKU", "Kinerja dan Anggaran", "Perbandingan Tahun Lalu",
                                 "Perbandingan Renstra", "Anggaran per IKU"]
        assert evaluation["A1"].value == "Evaluasi Realisasi Kinerja dan Anggaran"
        aids = rows[AIDS]
        assert (aids["Belanja 2025 (Rp)"], aids["Belanja 2026 (Rp)"]) == (10000, 30000) and aids["Tren serapan"] == "naik"
        assert iku[1][10] == "Sangat Tinggi" and iku[1][4] == "negatif"
    assert iku[1][9] == 114.29  # a number in both languages
    meals = next(r for r in evaluation.iter_rows(min_row=4) if r[0].value == MEALS)
    assert [c.number_format for c in meals if c.value == 181990] == ['"Rp" #,##0']  # money stays Rp


@pytest.mark.parametrize("lang", ["id", "en"])
def test_evaluation_pdf_in_the_readers_language(scenario, logged_in, lang):
    client, _ = logged_in("supervisor")
    if lang == "en":
        choose_language(client, "en")
    resp = client.get("/kinerja/ekspor.pdf?year=2026&quarter=2")
    text = " ".join(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(resp.data)).pages).split())
    english = ("EVALUATION OF PERFORMANCE AND BUDGET REALISATION", "Performance rating", "Very low")
    indonesian = ("EVALUASI REALISASI KINERJA DAN ANGGARAN", "Predikat kinerja", "Sangat Rendah")
    wanted, unwanted = (english, indonesian) if lang == "en" else (indonesian, english)
    assert all(w in text for w in wanted), text[:600]
    assert not any(u in text for u in unwanted)
