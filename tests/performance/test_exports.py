"""The Renja evaluation / LAKIP table as XLSX and PDF: figures as on the page, K and Rp per triwulan."""

from __future__ import annotations

import io

from openpyxl import load_workbook

from service.core.models.audit import AuditLog
from tests.performance.conftest import MEALS


def test_xlsx_has_k_and_rp_per_quarter_and_both_ratings(scenario, logged_in, db):
    client, _ = logged_in("supervisor")
    resp = client.get("/kinerja/ekspor.xlsx?year=2026&quarter=2")
    assert resp.status_code == 200 and "kinerja-anggaran-2026-tw2.xlsx" in resp.headers["Content-Disposition"]
    ws = load_workbook(io.BytesIO(resp.data)).active
    assert ws["A1"].value == "Evaluasi Realisasi Kinerja dan Anggaran" and ws["A2"].value == "Tahun 2026 s.d. Triwulan 2"
    header = [c.value for c in ws[3]]
    assert header[5:7] == ["TW 1 (K)", "TW 2 (K)"] and "TW 2 (Rp)" in header and "Sisa anggaran (Rp)" in header
    rows = {r[0]: dict(zip(header, r, strict=True)) for r in ws.iter_rows(min_row=4, values_only=True)}
    meals = rows[MEALS]
    assert meals["Realisasi s.d. TW 2 (K)"] == 4 and meals["Capaian kinerja (%)"] == 50.0
    assert meals["Predikat kinerja"] == "Sangat Rendah" and meals["Predikat serapan"] == "Sangat Tinggi"
    assert (meals["TW 1 (Rp)"], meals["TW 2 (Rp)"], meals["Realisasi s.d. TW 2 (Rp)"]) == (90000, 91990, 181990)
    assert meals["Serapan anggaran (%)"] == 91.0 and meals["Sisa anggaran (Rp)"] == 18010
    assert meals["Biaya per satuan (Rp)"] == 45498
    assert rows["1.06.04"]["Realisasi s.d. TW 2 (Rp)"] == 211990 and rows["1.06.04"]["Predikat kinerja"] is None
    assert db.query(AuditLog).filter(AuditLog.action == "report.export", AuditLog.entity_type == "performance").count() == 1


def test_pdf_for_signature_and_denials(scenario, logged_in, client, make_user):
    supervisor, _ = logged_in("supervisor")
    resp = supervisor.get("/kinerja/ekspor.pdf?year=2026&quarter=2")
    assert resp.status_code == 200 and resp.data.startswith(b"%PDF-")
    assert supervisor.get("/kinerja/ekspor.doc?year=2026&quarter=2").status_code == 404
    assert supervisor.get("/kinerja/ekspor.xlsx?year=2026&quarter=9").status_code == 422


def test_lakip_workbook_iku_evaluation_and_previous_year_by_code(scenario, logged_in):
    from service.performance import demo
    from tests.performance.conftest import AIDS, D, pay

    demo.seed_indicators()
    pay(AIDS, D(2025, 3, 1), 10000, "SP2D-2025-1")
    client, _ = logged_in("supervisor")
    resp = client.get("/kinerja/lakip.xlsx?year=2026&quarter=2")
    assert resp.status_code == 200
    wb = load_workbook(io.BytesIO(resp.data))
    assert wb.sheetnames == ["Capaian IKU", "Kinerja dan Anggaran", "Perbandingan Tahun Lalu", "Perbandingan Renstra",
                             "Anggaran per IKU"]
    iku = [r for r in wb["Capaian IKU"].iter_rows(min_row=4, values_only=True)]
    assert [r[0] for r in iku] == ["IKU-01", "IK-02"] and iku[1][9] == 114.29 and iku[1][10] == "Sangat Tinggi"
    sheet = wb["Perbandingan Tahun Lalu"]
    header = [c.value for c in sheet[3]]
    rows = {r[0]: dict(zip(header, r, strict=True)) for r in sheet.iter_rows(min_row=4, values_only=True)}
    aids = rows[AIDS]
    assert (aids["Belanja 2025 (Rp)"], aids["Belanja 2026 (Rp)"], aids["Δ (Rp)"]) == (10000, 30000, 20000)
    assert aids["Serapan 2025 (%)"] == 20.0 and aids["Serapan 2026 (%)"] == 60.0 and aids["Tren serapan"] == "naik"
    assert rows[MEALS]["Realisasi 2025 (K)"] == 0 and rows[MEALS]["Δ (K)"] == 4


def _iku_supported_by_meals_and_aids() -> None:
    from service.performance import demo, indicators
    from tests.performance.conftest import AIDS

    demo.seed_indicators()
    indicators.set_supports(indicators.get_indicator("IKU-01"), f"{MEALS}, {AIDS}")
    # a hand-entered IKU: 68 against the PK target 80 -> capaian 85.00 %
    done = indicators.save_indicator("IKU-02", "Persentase pengaduan selesai tepat waktu", unit="%", is_iku=True)
    indicators.set_targets(done, 2026, "75", "80")
    indicators.enter_value(done, 2026, "68")
    indicators.set_supports(done, f"{MEALS} {AIDS}")


def test_pagu_per_iku_sums_its_sub_activities_beside_its_capaian(scenario, logged_in):
    """IKU-01 and IKU-02 are supported by Permakanan (pagu 200,000, spent 181,990) and Alat Bantu (50,000,
    30,000): pagu 250,000, spent 211,990 -> 84.80 % (Tinggi). IKU-02's capaian 85.00 % -> efficiency
    +0.20 points, efisien; IKU-01 has no realisation (no assessments) -> no efficiency."""
    from decimal import Decimal

    from service.performance import attribution, indicators
    from service.performance import report as performance

    _iku_supported_by_meals_and_aids()
    rows = attribution.per_iku(performance.report(2026, 2), indicators.report(2026))
    assert [b.row.indicator.code for b in rows] == ["IKU-01", "IKU-02"]  # IK-02 is not an IKU
    computed, hand = rows
    for iku in rows:
        assert (iku.budget, iku.spent, iku.spent_pct, iku.spent_rating, iku.remaining) == (
            250000, 211990, Decimal("84.80"), "Tinggi", 38010)
    assert computed.row.capaian is None and computed.efficiency_gap is None and computed.efficient is None
    assert hand.row.capaian == Decimal("85.00") and hand.efficiency_gap == Decimal("0.20") and hand.efficient
    client, _ = logged_in("pimpinan")
    html = client.get("/kinerja/?year=2026&quarter=2").get_data(as_text=True)
    assert "Pagu per IKU" in html and "Rp 250.000" in html and "Rp 211.990" in html and "84,80 %" in html
    assert "2 sub kegiatan pendukung" in html and "+0,20 poin" in html and "efisien" in html


def test_supporting_sub_activities_from_the_indicator_form(scenario, logged_in):
    from service.performance import demo, indicators
    from tests.conftest import post_form

    demo.seed_indicators()
    client, _ = logged_in("supervisor")
    data = {"i-code": "IKU-01", "i-name": "Persentase PPKS yang tertangani", "i-kind": "outcome", "i-unit": "%",
            "i-polarity": "positive", "i-is_iku": "y", "i-supports": "1.06.04.2.01, x.1"}
    resp = post_form(client, "/kinerja/indikator/baru?year=2026", data, form_page="/kinerja/indikator?year=2026")
    assert resp.status_code == 422 and "Kode sub kegiatan tidak valid: x.1" in resp.get_data(as_text=True)
    resp = post_form(client, "/kinerja/indikator/baru?year=2026", data | {"i-supports": "1.06.04.2.01"},
                     form_page="/kinerja/indikator?year=2026")
    assert resp.status_code == 302
    ind = indicators.get_indicator("IKU-01")
    assert ind.is_iku and indicators.supports_of(ind) == ["1.06.04.2.01"]
    html = client.get("/kinerja/?year=2026&quarter=2").get_data(as_text=True)
    assert "3 sub kegiatan pendukung" in html and "Rp 250.000" in html  # a kegiatan code: every sub-activity


def test_lakip_pdf_has_every_chapter_with_the_figures(scenario, logged_in, db):
    """Rendered with WeasyPrint and read back with pypdf: the key figures are in the text."""
    from pypdf import PdfReader

    from service.core import clock
    from tests.performance.conftest import AIDS, D, pay
    from tests.performance.test_renstra import load

    _iku_supported_by_meals_and_aids()
    load()
    pay(AIDS, D(2025, 3, 1), 12345, "SP2D-2025-1")
    client, _ = logged_in("supervisor")
    resp = client.get("/kinerja/lakip.pdf?year=2026&quarter=2")
    assert resp.status_code == 200 and resp.data.startswith(b"%PDF-") and "lakip-2026-tw2.pdf" in resp.headers[
        "Content-Disposition"]
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(resp.data)).pages)
    flat = " ".join(text.split())
    for heading in ("Capaian Indikator Kinerja Utama", "Realisasi kinerja dan anggaran per program",
                    "Perbandingan dengan tahun 2025", "Perbandingan dengan target Renstra",
                    "Realisasi anggaran dan efisiensi"):
        assert heading in flat, heading
    assert "Rp 250.000" in flat and "Rp 211.990" in flat and "84,80" in flat  # pagu per IKU, spent, serapan
    assert "IKU-02: capaian kinerja 85,00 % (Sangat Rendah)" not in flat
    assert "IKU-02: capaian kinerja 85,00 % (Tinggi) dengan serapan anggaran 84,80 % (Tinggi)" in flat
    assert "Rp 45.498" in flat and "91,00" in flat and "50,00" in flat  # unit cost, serapan and capaian of meals
    assert "Rp 12.345 Rp 30.000 Rp 17.655" in flat  # Alat Bantu 2025 and 2026 through Q2, and the Δ
    # the Renstra chapter: target 10 (Renja 8), realised 4 -> 40.00 %; cumulative 4 of 28 -> 14.29 %
    assert "Penyediaan Permakanan orang 10 8 4 40,00 Rp 200.000 Rp 200.000 Rp 181.990 4 28 14,29" in flat
    assert "Rp 38.010" in flat  # the remaining pagu (sisa) of the office: 250,000 − 211,990
    assert clock.today().strftime("%d/%m/%Y") in flat
    assert "0,20 efisien" in flat.replace("+0,20", "0,20") and "+0,20" in flat
    assert db.query(AuditLog).filter(AuditLog.action == "report.export", AuditLog.entity_id == "lakip").count() == 1
