"""Tablet: an operator uploads payments (progress page), a supervisor reads capaian beside serapan."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser import sign_in, submit

pytestmark = pytest.mark.e2e

CSV = ("kode,tanggal,jumlah,sumber_dana,nomor_bukti,uraian\n"
       "1.06.04.2.01.0011,2026-11-20,1.500.000,APBD,SP2D/E2E/1,Biaya penelusuran keluarga\n")


def test_upload_then_the_report_and_its_drill_down(tablet, tmp_path):
    path = tmp_path / "realisasi.csv"
    path.write_text(CSV)
    sign_in(tablet, "operator")
    tablet.goto("/kinerja/impor")
    tablet.get_by_label("Berkas realisasi anggaran (CSV atau XLSX)").set_input_files(str(path))
    submit(tablet, "Unggah dan impor")
    expect(tablet.get_by_text("1 pembayaran dicatat (Rp 1.500.000)")).to_be_visible(timeout=20000)
    tablet.context.clear_cookies()
    sign_in(tablet, "supervisor")
    tablet.goto("/kinerja/?year=2026&quarter=4")
    expect(tablet.get_by_role("heading", name="Kinerja dan anggaran")).to_be_visible()
    row = tablet.locator("tr#r-1\\.06\\.04\\.2\\.01\\.0011")
    expect(row.get_by_role("link", name="Rp 1.500.000")).to_be_visible()
    program = tablet.locator("details.perf-program").first
    program.locator("summary").first.click()  # collapse the first program
    assert program.evaluate("d => !d.open")
    row.get_by_role("link", name="Rp 1.500.000").click()
    tablet.wait_for_load_state("networkidle")
    expect(tablet.get_by_text("SP2D/E2E/1")).to_be_visible()
    expect(tablet.get_by_text("Biaya penelusuran keluarga")).to_be_visible()
    assert not tablet.js_errors
