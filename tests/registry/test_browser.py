"""The intake wizard on a portrait tablet: register (with and without NIK), duplicate warning, case, assessment."""

from __future__ import annotations

import os
import re

import pytest
from playwright.sync_api import expect

from tests.browser import sign_in

pytestmark = pytest.mark.e2e


def _fill_person(page, name, sex, birth, village="Metro", nik=None, reason=None):
    page.goto("/orang/baru")
    page.get_by_label("Nama lengkap").fill(name)
    if nik:
        page.get_by_label("NIK", exact=True).fill(nik)
    if reason:
        page.get_by_label("Alasan tanpa NIK").select_option(label=reason)
    page.get_by_text(sex, exact=True).click()  # the two buttons "Laki-laki" / "Perempuan"
    page.get_by_label("Tanggal lahir", exact=True).fill(birth)
    # The peksos works in Metro Pusat: only its villages are offered, by name.
    expect(page.get_by_label("Kecamatan", exact=True)).to_have_count(0)
    page.get_by_label("Desa/kelurahan", exact=True).select_option(label=village)
    page.get_by_role("button", name="Periksa dan simpan").click()
    page.wait_for_load_state("networkidle")


def test_intake_wizard_on_a_tablet(tablet):
    page = tablet
    sign_in(page, "peksos")
    # 1. a person without NIK: saved, and the wizard moves on to opening a case
    _fill_person(page, "Karyo Utomo", "Laki-laki", "05/05/1949", reason="Belum terdaftar di Dukcapil")
    expect(page.get_by_role("heading", name="Buka kasus: Karyo Utomo")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 800
    # 2. a person with NIK
    _fill_person(page, "Sulastri", "Perempuan", "12/01/1952", nik="1872015201520009")
    expect(page.get_by_role("heading", name="Buka kasus: Sulastri")).to_be_visible()
    # 3. a likely duplicate of a demo person is shown before saving
    _fill_person(page, "Hj. Siti Rahayu", "Perempuan", "01/07/1950", reason="Dokumen hilang")
    expect(page.get_by_role("heading", name="Mungkin sudah terdaftar")).to_be_visible()
    expect(page.get_by_role("button", name="Simpan sebagai orang baru")).to_be_visible()
    choose = page.get_by_role("link", name="Pilih orang ini")
    assert choose.count() == 1 and choose.bounding_box()["height"] >= 44
    choose.click()
    # 4. open a case for the existing person
    expect(page.get_by_role("heading", name="Buka kasus: Siti Rahayu")).to_be_visible()
    page.get_by_label("Kategori PPKS").select_option(label="Penyandang Disabilitas")
    page.get_by_label("Sumber rujukan/penerimaan").select_option(label="Datang langsung")
    page.get_by_label("Persetujuan (informed consent) sudah diberikan").check()
    page.get_by_role("button", name="Buka kasus").click()
    page.wait_for_load_state("networkidle")
    # 5. record the assessment: it goes to the supervisor
    expect(page.get_by_role("heading", name="Asesmen: Siti Rahayu")).to_be_visible()
    page.get_by_label("Penyediaan Alat Bantu").check()
    page.get_by_role("button", name="Simpan dan ajukan persetujuan").click()
    page.wait_for_load_state("networkidle")
    expect(page.get_by_role("heading", name="Menunggu persetujuan")).to_be_visible()
    number = re.search(r"REH-2026-\d{5}", page.get_by_role("heading", level=1).inner_text()).group(0)
    assert page.evaluate("document.documentElement.scrollWidth") <= 800
    assert page.js_errors == []
    # 6. the supervisor approves it from the queue
    page.get_by_role("button", name="Keluar").click()
    sign_in(page, "supervisor")
    page.goto("/kasus/persetujuan")
    card = page.locator("section.card", has_text=number)
    card.get_by_role("button", name="Setujui").click()
    page.wait_for_load_state("networkidle")
    page.goto("/kasus?q=" + number)
    page.get_by_role("link", name=number).click()
    expect(page.get_by_role("cell", name="Disetujui").first).to_be_visible()
    assert page.js_errors == []


def test_operator_uploads_bnba_and_sees_progress_then_report(tablet, tmp_path):
    page = tablet
    sign_in(page, "operator")
    bad = tmp_path / "bnba-salah.csv"
    bad.write_text("nama,kode_wilayah,jenis_kelamin,tanggal_lahir,kategori_ppks,alasan_tanpa_nik\n"
                   "Tukiman,18.72.02.1001,L,1950-01-01,lanjut_usia_terlantar,belum_terdaftar\n"
                   "Tukinem,18.72.02.1001,X,1950-01-01,lanjut_usia_terlantar,belum_terdaftar\n"
                   "Tukijo,18.72.02.1001,L,1950-01-01,kategori_ngawur,belum_terdaftar\n")
    page.goto("/impor/bnba")
    page.get_by_label("Berkas BNBA (CSV atau XLSX)").set_input_files(str(bad))
    page.get_by_role("button", name="Unggah dan impor").click()
    page.get_by_text("Impor ditolak: 2 baris salah").wait_for(timeout=20000)
    expect(page.get_by_role("cell", name="3", exact=True)).to_be_visible()
    expect(page.get_by_role("cell", name="4", exact=True)).to_be_visible()
    assert page.locator("progress").get_attribute("value") == "100"
    good = tmp_path / "bnba.csv"
    good.write_text("nama,kode_wilayah,jenis_kelamin,tanggal_lahir,kategori_ppks,alasan_tanpa_nik\n"
                    "Tukiman,18.72.02.1001,L,1950-01-01,lanjut_usia_terlantar,Belum terdaftar di Dukcapil\n")
    page.goto("/impor/bnba")
    page.get_by_label("Berkas BNBA (CSV atau XLSX)").set_input_files(str(good))
    page.get_by_role("button", name="Unggah dan impor").click()
    page.get_by_text("Impor selesai: 1 baris").wait_for(timeout=20000)
    assert page.js_errors == []


SMALL_TARGETS = """() => [...document.querySelectorAll('main a, main button, main input, main select, main summary')]
  .filter((el) => el.offsetParent !== null && el.type !== 'hidden')
  .map((el) => [el.textContent.trim().slice(0, 40) || el.name || el.tagName, el.getBoundingClientRect()])
  .filter(([, r]) => r.height < 44 && !(r.width === 0 && r.height === 0))
  .map(([name, r]) => name + ' ' + Math.round(r.width) + 'x' + Math.round(r.height))"""


@pytest.mark.parametrize("size", [{"width": 800, "height": 1280}, {"width": 390, "height": 844}])
def test_bnba_import_page_fits_and_has_large_targets(tablet, tmp_path, size):
    """The import page (template, column help, code lists, upload, past imports) and a rejected run's report at
    a portrait tablet and a phone: no sideways scrolling, every control at least 44 px high."""
    page = tablet
    page.set_viewport_size(size)
    sign_in(page, "operator")
    bad = tmp_path / "bnba-salah.csv"
    bad.write_text("nama,kode_wilayah,tanggal_lahir,kategori_ppks,alasan_tanpa_nik\n"
                   "Tukinah,18.72.02.1001,bukan-tanggal,lanjut_usia_terlantar,\n")
    page.goto("/impor/bnba")
    page.get_by_label("Berkas BNBA (CSV atau XLSX)").set_input_files(str(bad))
    page.get_by_role("button", name="Unggah dan impor").click()
    page.get_by_text("Impor ditolak: 1 baris salah").wait_for(timeout=20000)
    expect(page.get_by_role("link", name="Unduh laporan kesalahan (XLSX)")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= size["width"]
    shots = os.environ.get("LINDUNG_SHOTS")  # set it to look at the pages (docs/registry.md)
    if shots:
        page.screenshot(path=f"{shots}/bnba-run-{size['width']}.png", full_page=True)
    page.goto("/impor/bnba")
    page.get_by_text("Penjelasan setiap kolom").click()
    page.get_by_text("Daftar kode: kategori PPKS dan kebutuhannya").click()
    expect(page.get_by_role("link", name="Unduh templat XLSX")).to_be_visible()
    expect(page.get_by_role("cell", name="bnba-salah.csv").first).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= size["width"]
    assert page.evaluate(SMALL_TARGETS) == []
    if shots:
        page.screenshot(path=f"{shots}/bnba-{size['width']}.png", full_page=True)
    with page.expect_download() as dl:
        page.get_by_role("link", name="Unduh templat XLSX").click()
    assert dl.value.suggested_filename == "templat-bnba.xlsx"
    assert page.js_errors == []
