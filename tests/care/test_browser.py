"""Care on a tablet: record a delivery for a case; a hospital answers a referral through its link."""

from __future__ import annotations

import re
import uuid

import pytest

from tests.browser import TABLET_PORTRAIT, sign_in

pytestmark = pytest.mark.e2e

NS = uuid.UUID("5b7f0c4e-6d1a-4e55-9a53-1f0a7e2c9b10")  # service.care.demo
SARINAH_CASE = uuid.uuid5(NS, "case/sarinah")
BUDI_CASE = uuid.uuid5(NS, "case/budi")


def test_worker_records_a_delivery_on_a_portrait_tablet(tablet):
    sign_in(tablet, "peksos")
    tablet.goto(f"/layanan/kasus/{SARINAH_CASE}")
    assert tablet.get_by_role("heading", name="Pemberian layanan").is_visible()
    tablet.get_by_role("link", name="Catat layanan").click()
    tablet.get_by_label("Jenis layanan").select_option("sandang")
    tablet.get_by_label("Tanggal diberikan").fill("05/11/2026")
    tablet.get_by_label("Jumlah").fill("2")
    tablet.get_by_label("Rincian barang").fill("Sarung dan kebaya, ukuran M")
    tablet.get_by_label("Biaya (Rp)").fill("185000")
    box = tablet.get_by_role("button", name="Simpan").bounding_box()
    assert box["height"] >= 44
    tablet.get_by_role("button", name="Simpan").click()
    assert tablet.get_by_role("status").first.inner_text() == "Layanan dicatat sebagai diberikan."
    row = tablet.get_by_role("row").filter(has_text="Sarung dan kebaya")
    assert row.get_by_text("05/11/2026").is_visible() and row.get_by_text("Rp 185.000").is_visible()
    assert tablet.evaluate("document.documentElement.scrollWidth") <= TABLET_PORTRAIT["width"]
    assert tablet.js_errors == []


def test_void_asks_for_confirmation(tablet):
    sign_in(tablet, "peksos")
    tablet.goto(f"/layanan/kasus/{SARINAH_CASE}")
    row = tablet.get_by_role("row").filter(has_text="Kursi roda lipat")
    row.get_by_label("Alasan pembatalan").fill("Salah orang")
    dialogs = []
    tablet.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    row.get_by_role("button", name="Batalkan").click()
    assert dialogs and "tidak dihitung" in dialogs[0]
    assert row.get_by_text("Diberikan", exact=True).is_visible()  # dismissed: still counted


def test_hospital_answers_through_the_one_time_link(tablet, browser, live_server):
    sign_in(tablet, "peksos2")
    tablet.goto(f"/layanan/kasus/{BUDI_CASE}")
    tablet.get_by_role("link", name="RS Jiwa Daerah Provinsi Lampung").click()
    tablet.on("dialog", lambda d: d.accept())
    tablet.get_by_role("button", name="Buat tautan jawaban baru").click()
    assert "Tautan jawaban baru dibuat" in tablet.get_by_role("status").first.inner_text()
    # the letter (PDF) carries the link; read it the way the hospital would
    pdf = tablet.request.get(tablet.url.rstrip("/") + "/surat.pdf").body()
    from tests.care.pages import pdf_text

    text = re.sub(r"\s", "", pdf_text(pdf))  # long URLs wrap anywhere in the PDF's text
    link = re.search(r"/rujukan/jawab/[A-Za-z0-9_-]{43}", text).group(0)  # token_urlsafe(32)
    # a fresh browser context: no account, no session
    hospital = browser.new_context(viewport=TABLET_PORTRAIT, has_touch=True, base_url=live_server, locale="id-ID")
    page = hospital.new_page()
    page.goto(link)
    assert page.get_by_role("heading", name="Jawaban rujukan").is_visible()
    assert "Budi" not in page.content()  # no personal data behind the link
    page.get_by_label("Jawaban").select_option("accept")
    page.get_by_label("Nama dan jabatan yang menjawab").fill("dr. Lestari, Sp.KJ")
    page.get_by_role("button", name="Kirim jawaban").click()
    assert "Jawaban Anda sudah tercatat: Diterima" in page.get_by_role("status").inner_text()
    page.goto(link)
    assert "sudah digunakan" in page.get_by_role("alert").inner_text()
    hospital.close()
    tablet.reload()
    assert tablet.get_by_text("dr. Lestari, Sp.KJ").is_visible()


def test_the_deliveries_list_is_one_card_per_delivery_on_a_phone(tablet):
    """At 390 px the list's rows stack (label beside value): nothing is cut off or scrolls sideways."""
    tablet.set_viewport_size({"width": 390, "height": 844})
    sign_in(tablet, "peksos")
    tablet.goto("/layanan/")
    first = tablet.locator("main table tbody tr").first
    assert first.locator("td[data-label='Jenis layanan']").is_visible()
    wrap = tablet.locator("main .table-wrap").first
    assert wrap.evaluate("el => el.scrollWidth <= el.clientWidth"), "the table scrolls sideways"
    box, frame = first.bounding_box(), wrap.bounding_box()
    assert box["x"] + box["width"] <= frame["x"] + frame["width"] + 1
    assert tablet.evaluate("document.documentElement.scrollWidth") <= 390
    assert tablet.js_errors == []
