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
    assert wb.sheetnames == ["Capaian IKU", "Kinerja dan Anggaran", "Perbandingan Tahun Lalu"]
    iku = [r for r in wb["Capaian IKU"].iter_rows(min_row=4, values_only=True)]
    assert [r[0] for r in iku] == ["IKU-01", "IK-02"] and iku[1][9] == 114.29 and iku[1][10] == "Sangat Tinggi"
    sheet = wb["Perbandingan Tahun Lalu"]
    header = [c.value for c in sheet[3]]
    rows = {r[0]: dict(zip(header, r, strict=True)) for r in sheet.iter_rows(min_row=4, values_only=True)}
    aids = rows[AIDS]
    assert (aids["Belanja 2025 (Rp)"], aids["Belanja 2026 (Rp)"], aids["Δ (Rp)"]) == (10000, 30000, 20000)
    assert aids["Serapan 2025 (%)"] == 20.0 and aids["Serapan 2026 (%)"] == 60.0 and aids["Tren serapan"] == "naik"
    assert rows[MEALS]["Realisasi 2025 (K)"] == 0 and rows[MEALS]["Δ (K)"] == 4
