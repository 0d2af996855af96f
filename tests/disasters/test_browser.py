"""A TAGANA volunteer on a tablet: register a household, issue its card, hand out a family kit
by the card's token; a second kit is caught and needs an override reason."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.browser import open_menu, sign_in

pytestmark = pytest.mark.e2e


def choose_item(page, name: str) -> None:
    """Pick an aid item by its name (each option also says its stock on hand: "… · stok 9")."""
    picker = page.get_by_label("Barang")
    label = picker.locator("option", has_text=name).first.inner_text()
    assert label.startswith(name + " · stok "), label
    picker.select_option(label=label)


def test_volunteer_registers_household_and_distributes_with_guard(tablet):
    sign_in(tablet, "tagana")
    open_menu(tablet).get_by_role("link", name="Bencana").click()
    tablet.get_by_role("link", name=re.compile(r"BNJ-\d{4}-\d{3}")).first.click()
    tablet.get_by_role("link", name="Korban", exact=True).click()
    tablet.get_by_role("link", name="Daftarkan rumah tangga").click()
    tablet.get_by_label("Nama lengkap").fill("Suryani Tablet")
    tablet.get_by_text("Perempuan", exact=True).tap()  # a large button, not a select
    tablet.get_by_label("Perkiraan umur (tahun)").fill("44")
    tablet.get_by_label("Alasan tanpa NIK").select_option("dokumen_hilang")  # an explicit choice, no default
    # The village by name, within the event's district (no code to type).
    expect(tablet.get_by_label("Kecamatan", exact=True)).to_have_count(0)
    tablet.get_by_label("Desa/kelurahan", exact=True).select_option("18.72.05.1002")
    tablet.get_by_label("Kerusakan rumah").select_option("rusak_berat")
    tablet.get_by_role("button", name="Daftarkan").click()
    expect(tablet.get_by_role("heading", name="Rumah tangga Suryani Tablet")).to_be_visible()
    assert tablet.evaluate("document.documentElement.scrollWidth") <= 800

    tablet.get_by_role("button", name="Terbitkan kartu").click()
    qr = tablet.get_by_role("img", name=re.compile("Kode QR kartu"))
    token = qr.get_attribute("data-token")
    assert token and token.startswith("LDG1.")

    tablet.get_by_role("link", name="Distribusi", exact=True).click()
    if not tablet.evaluate("'BarcodeDetector' in window"):
        # no QR scanner in this browser: no dead camera button, the fallback is explained
        expect(tablet.get_by_role("button", name="Buka kamera")).not_to_be_visible()
        expect(tablet.get_by_text("ketik kode kartu atau cari nama/NIK")).to_be_visible()
    # the scanned token: verified offline in the page, then by the server
    tablet.get_by_label("Kode kartu (hasil pindai)").fill(token)
    status = tablet.locator("#scan-result")
    status.filter(has_text=re.compile("Suryani Tablet|server akan memeriksanya")).wait_for()
    assert "tidak sah" not in status.inner_text()
    choose_item(tablet, "Family kit (paket)")
    box = tablet.get_by_role("button", name="Catat & serahkan").bounding_box()
    assert box["height"] >= 44
    tablet.get_by_role("button", name="Catat & serahkan").click()
    expect(tablet.get_by_text("Family kit × 1 diberikan kepada rumah tangga Suryani Tablet.")).to_be_visible()
    # the same kit again: caught, a reason is required
    tablet.get_by_label("Kode kartu (hasil pindai)").fill(token)
    choose_item(tablet, "Family kit (paket)")
    tablet.get_by_role("button", name="Catat & serahkan").click()
    # the guard's reason beside its field, and in the summary at the top that links to it
    expect(tablet.locator("#distribution-form .error", has_text="Family kit sudah diberikan untuk kejadian ini")).to_be_visible()
    expect(tablet.locator(".error-summary").get_by_role("link", name=re.compile("Family kit sudah diberikan"))).to_be_visible()
    tablet.get_by_label("Alasan tetap diberikan").fill("Kit pertama hanyut terbawa arus")
    tablet.get_by_role("button", name="Catat & serahkan").click()
    expect(tablet.get_by_text("Family kit × 1 diberikan kepada rumah tangga Suryani Tablet.")).to_be_visible()
    recent = tablet.locator("section", has=tablet.get_by_role("heading", name="Distribusi terakhir"))
    expect(recent.get_by_text("Pengecualian").first).to_be_visible()
    assert tablet.evaluate("document.documentElement.scrollWidth") <= 800
    # the guard answers 422 on purpose (Chromium logs that); nothing else may fail (CSP, scripts)
    assert [e for e in tablet.js_errors if "status of 422" not in e] == []


def test_tagana_cannot_reach_office_pages_or_case_files(tablet):
    sign_in(tablet, "tagana")
    resp = tablet.goto("/bencana/gudang")
    assert resp.status == 403
    nav = open_menu(tablet)
    expect(nav.get_by_role("link", name="Bencana")).to_be_visible()
    # Beranda, Bencana and the offline field app only: no people, cases or reports
    names = sorted(nav.get_by_role("link").all_inner_texts())
    assert names == ["Aplikasi offline", "Bencana", "Beranda"]


def test_head_of_office_prints_situation_report(tablet):
    sign_in(tablet, "kadis")
    tablet.goto("/bencana/")
    tablet.get_by_role("link", name=re.compile(r"BNJ-\d{4}-\d{3}")).first.click()
    tablet.get_by_role("link", name="Laporan situasi").click()
    expect(tablet.get_by_role("heading", name=re.compile("Laporan situasi"))).to_be_visible()
    with tablet.expect_download() as dl:
        tablet.get_by_role("link", name="PDF").click()
    assert dl.value.suggested_filename.endswith(".pdf")
    assert tablet.evaluate("document.documentElement.scrollWidth") <= 800


# Every word of the report's tables on one line: a header such as "Didistribusikan" broken into
# "Didistribu-/sikan" is what a phone showed before the wide tables stacked.
BROKEN_WORDS = """() => {
  const broken = [];
  for (const cell of document.querySelectorAll('.report th, .report td')) {
    const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const re = /\\S+/g; let m;
      while ((m = re.exec(node.data))) {
        const range = document.createRange();
        range.setStart(node, m.index); range.setEnd(node, m.index + m[0].length);
        const tops = new Set([...range.getClientRects()].filter(r => r.width > 0).map(r => Math.round(r.top)));
        if (tops.size > 1) broken.push(m[0]);
      }
    }
  }
  return broken;
}"""


def test_situation_report_on_a_phone_keeps_words_whole(browser, live_server):
    context = browser.new_context(viewport={"width": 390, "height": 844}, has_touch=True, base_url=live_server,
                                  locale="id-ID")
    page = context.new_page()
    try:
        sign_in(page, "kadis")
        page.goto("/bencana/")
        page.get_by_role("link", name=re.compile(r"BNJ-\d{4}-\d{3}")).first.click()
        page.get_by_role("link", name="Laporan situasi").click()
        expect(page.get_by_role("heading", name="3. Bantuan dan stok")).to_be_visible()
        assert page.evaluate(BROKEN_WORDS) == []
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
        # each figure of the stock table sits under its own label on the phone
        first = page.locator(".report table.stack tbody tr").first
        expect(first.locator("td[data-label='Sisa stok gudang']")).to_be_visible()
    finally:
        context.close()
