"""Generated files follow the reader's language like the pages (Indonesian by default, English when the
user chose English); fixed interchange files (the BNBA template) are the same in both languages."""

from __future__ import annotations

import io

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from service.reference.models import BasicService
from service.reports import renja_plans
from tests.conftest import choose_language
from tests.reports.conftest import PLAN_FILE

MEALS = "1.06.04.2.01.0001"


def _reader(logged_in, lang: str, role: str = "auditor"):
    client, _ = logged_in(role)
    if lang != "id":
        choose_language(client, lang)
    return client


@pytest.mark.parametrize("lang", ["id", "en"])
def test_spm_xlsx_in_the_readers_language(scenario, logged_in, db, lang):
    client = _reader(logged_in, lang)
    resp = client.get("/laporan/ekspor/spm.xlsx?year=2026&month=3")
    assert resp.status_code == 200
    ws = load_workbook(io.BytesIO(resp.data)).active
    header = [c.value for c in ws[3]]
    rows = {r[0]: r for r in ws.iter_rows(min_row=4, values_only=True)}
    lansia = rows["lansia"]
    service = db.get(BasicService, "lansia")
    if lang == "en":
        assert ws["A1"].value == "Social affairs SPM attainment" and ws["A2"].value == "1 January – 31 March 2026"
        assert header[:3] == ["Code", "Basic service", "Target (persons)"] and "Needing (N)" in header
        assert lansia[1] == service.name_en != service.name_id
        assert rows[None][1] == "Overall SPM index"
        assert not {"Kode", "Layanan dasar", "Kategori"} & set(header)
    else:
        assert ws["A1"].value == "Capaian SPM Bidang Sosial" and ws["A2"].value == "1 Januari – 31 Maret 2026"
        assert header[:3] == ["Kode", "Layanan dasar", "Sasaran (orang)"] and "Membutuhkan (N)" in header
        assert lansia[1] == service.name_id
        assert rows[None][1] == "Indeks SPM keseluruhan"
    # the figures stay numbers, with their formats, in both languages
    assert lansia[3:8] == (4, 3, 75.0, 44.44, 68.89) and ws["F6"].number_format == "0.00"


@pytest.mark.parametrize("lang", ["id", "en"])
def test_renja_csv_in_the_readers_language(scenario, logged_in, db, lang):
    renja_plans.import_plan(PLAN_FILE.read_bytes(), PLAN_FILE.name, 2026)
    db.commit()
    client = _reader(logged_in, lang)
    text = client.get("/laporan/ekspor/renja.csv?year=2026&quarter=1").data.decode("utf-8-sig")
    lines = text.splitlines()
    header = lines[0].split(";")
    meals = next(line.split(";") for line in lines if line.startswith(MEALS))
    if lang == "en":
        assert header[:6] == ["Code", "Level", "Program / Activity / Sub-activity", "Indicator", "Unit", "Target"]
        assert "Realised Q1" in header and "Budget (Rp)" in header and meals[1] == "Sub-activity"
        assert "Kode" not in header and "Realisasi TW 1" not in header
    else:
        assert header[:6] == ["Kode", "Tingkat", "Program / Kegiatan / Sub Kegiatan", "Indikator", "Satuan", "Target"]
        assert "Realisasi TW 1" in header and "Pagu anggaran (Rp)" in header and meals[1] == "Sub Kegiatan"
    assert meals[5] == "110" and meals[6] == "5"  # numbers as numbers, same in both languages


@pytest.mark.parametrize("lang", ["id", "en"])
def test_spm_pdf_in_the_readers_language(scenario, logged_in, db, lang):
    client = _reader(logged_in, lang)
    resp = client.get("/laporan/ekspor/spm.pdf?year=2026&month=3")
    assert resp.status_code == 200
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(resp.data)).pages)
    text = " ".join(text.split())
    service = db.get(BasicService, "lansia")
    english = ("SOCIAL AFFAIRS SPM ATTAINMENT REPORT", "1 January – 31 March 2026", "Overall SPM index")
    indonesian = ("LAPORAN CAPAIAN SPM BIDANG SOSIAL", "1 Januari – 31 Maret 2026", "Indeks SPM keseluruhan")
    wanted, unwanted = (english, indonesian) if lang == "en" else (indonesian, english)
    for phrase in wanted:
        assert phrase in text, phrase
    for phrase in unwanted:
        assert phrase not in text, phrase
    first_words = " ".join((service.name_en if lang == "en" else service.name_id).split()[:3])
    assert first_words in text


def test_bnba_template_is_the_same_in_both_languages(logged_in, app):
    """The BNBA import columns are a fixed interchange format: the CSV template is byte-identical and the
    XLSX template's header and example rows are identical, whichever language the operator reads."""
    client, _ = logged_in("operator")
    csv_id = client.get("/impor/bnba/templat.csv").data
    xlsx_id = load_workbook(io.BytesIO(client.get("/impor/bnba/templat.xlsx").data))["BNBA"]
    choose_language(client, "en")
    assert "BNBA import" in client.get("/impor/bnba").get_data(as_text=True)  # the page itself is English
    csv_en = client.get("/impor/bnba/templat.csv").data
    xlsx_en = load_workbook(io.BytesIO(client.get("/impor/bnba/templat.xlsx").data))["BNBA"]
    assert csv_en == csv_id and csv_en.decode("utf-8-sig").startswith("nik;nama;jenis_kelamin;tanggal_lahir")
    rows_id = [list(r) for r in xlsx_id.iter_rows(min_row=1, max_row=2, values_only=True)]
    rows_en = [list(r) for r in xlsx_en.iter_rows(min_row=1, max_row=2, values_only=True)]
    assert rows_en == rows_id and rows_en[0][:2] == ["nik", "nama"]
