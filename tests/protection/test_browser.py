"""Social protection on a portrait tablet (800x1280): an operator proposes a person to the DTKS with a
home visit, puts it into a batch and submits it; the head of office approves; the operator downloads
the file for the ministry's upload."""

from __future__ import annotations

import pytest

from tests.browser import TABLET_PORTRAIT, sign_in, submit

pytestmark = pytest.mark.e2e


def _status(page) -> str:
    return page.get_by_role("status").first.inner_text()


def test_propose_verify_batch_approve_and_export(tablet, browser, live_server):
    tablet.on("dialog", lambda d: d.accept())
    sign_in(tablet, "operator")
    tablet.goto("/perlindungan")
    assert tablet.get_by_role("heading", name="Perlindungan dan Jaminan Sosial").is_visible()
    tablet.get_by_role("link", name="Usulan DTKS", exact=True).click()
    tablet.get_by_role("link", name="Usulan baru").click()
    tablet.get_by_label("NIK orang").fill("1872010903520004")  # Muhammad Soleh, demo
    tablet.get_by_label("Jenis usulan").select_option(label="Usulan baru")
    tablet.get_by_label("Apa yang diusulkan dan alasannya").fill("Lansia tinggal sendiri, penghasilan tidak tetap")
    submit(tablet, "Simpan usulan")
    assert "Usulan dicatat" in _status(tablet)
    tablet.get_by_label("Jenis bukti").select_option(label="Verifikasi kunjungan rumah")
    tablet.get_by_label("Tanggal", exact=True).fill("01/12/2026")
    tablet.get_by_label("Petugas / pimpinan musyawarah").fill("Agus Setiawan")
    box = tablet.get_by_role("button", name="Simpan bukti").bounding_box()
    assert box["height"] >= 44
    submit(tablet, "Simpan bukti")
    tablet.get_by_text("Terverifikasi", exact=True).wait_for()
    tablet.get_by_role("link", name="‹ Usulan DTKS/DTSEN").click()
    tablet.get_by_role("link", name="Berkas usulan", exact=True).click()
    tablet.get_by_label("Periode (tahun-bulan)").fill("2026-10")
    submit(tablet, "Buat berkas")
    tablet.get_by_role("heading", name="Berkas usulan 2026-10").wait_for()
    tablet.get_by_label("Muhammad Soleh").check()
    submit(tablet, "Masukkan ke berkas")
    assert "1 usulan dimasukkan ke berkas." in _status(tablet)
    submit(tablet, "Ajukan ke Kepala Dinas")
    tablet.get_by_text("Menunggu persetujuan Kepala Dinas").first.wait_for()
    assert tablet.evaluate("document.documentElement.scrollWidth") <= TABLET_PORTRAIT["width"]
    batch_url = tablet.url

    head = browser.new_context(viewport=TABLET_PORTRAIT, has_touch=True, base_url=live_server, locale="id-ID").new_page()
    head.on("dialog", lambda d: d.accept())
    sign_in(head, "kadis")
    head.goto(batch_url)
    submit(head, "Setujui berkas")
    assert "Berkas disetujui." in _status(head)
    head.context.close()

    tablet.goto(batch_url)
    with tablet.expect_download() as dl:
        tablet.get_by_role("link", name="Unduh CSV").click()
    assert dl.value.suggested_filename == "usulan-dtks-2026-10.csv"
    content = open(dl.value.path(), encoding="utf-8-sig").read()
    assert "1872010903520004" in content and "BARU" in content
    tablet.goto("/perlindungan/program/periksa")
    tablet.get_by_text("Slamet Riyadi").first.wait_for()  # the deceased PBI-JK member of the demo
    assert tablet.js_errors == []
