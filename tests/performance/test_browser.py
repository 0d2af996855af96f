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


PHONE = {"width": 390, "height": 844}


def _no_page_overflow(page, width: int) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= width


@pytest.mark.parametrize("viewport", [{"width": 800, "height": 1280}, PHONE], ids=["tablet", "phone"])
def test_pagu_per_iku_and_the_renstra_comparison(browser, live_server, viewport, tmp_path):
    context = browser.new_context(viewport=viewport, has_touch=True, base_url=live_server, locale="id-ID")
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    sign_in(page, "supervisor")
    page.goto("/kinerja/?year=2026&quarter=4")
    section = page.locator("section#pagu-iku")
    expect(section.get_by_role("heading", name="Pagu per IKU")).to_be_visible()
    iku = section.locator("#iku-IKU-01")
    expect(iku).to_contain_text("Persentase PPKS yang tertangani")
    expect(iku).to_contain_text("sub kegiatan pendukung")
    expect(iku).to_contain_text("Rp ")
    _no_page_overflow(page, viewport["width"])
    page.screenshot(path=str(tmp_path / f"kinerja-{viewport['width']}.png"), full_page=False)
    page.get_by_role("link", name="Renstra", exact=True).click()
    page.wait_for_load_state("networkidle")
    expect(page.get_by_role("heading", name="Renstra: target lima tahun dan realisasinya")).to_be_visible()
    row = page.locator("tr#rs-1\\.06\\.04\\.2\\.01\\.0001")
    expect(row).to_contain_text("Penyediaan Permakanan")
    summary = row.locator("details.renstra-years summary")
    assert summary.bounding_box()["height"] >= 44  # a touch target
    summary.click()
    expect(row.locator("details.renstra-years table")).to_contain_text("2029")
    _no_page_overflow(page, viewport["width"])
    page.screenshot(path=str(tmp_path / f"renstra-{viewport['width']}.png"), full_page=True)
    upload = page.get_by_role("button", name="Unggah dan muat")
    assert upload.bounding_box()["height"] >= 44
    assert not errors
    context.close()
