"""Tablet and phone: the supervisor closes a month; the report pages fit the screen; the Renja tree folds."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser import TABLET_LANDSCAPE, TABLET_PORTRAIT, sign_in

pytestmark = pytest.mark.e2e


def test_supervisor_closes_a_month_on_a_tablet(tablet):
    sign_in(tablet, "supervisor")
    tablet.goto("/laporan/bulan?year=2026&month=2")
    expect(tablet.get_by_role("heading", name="Bulan Februari 2026")).to_be_visible()
    expect(tablet.get_by_text("Belum ditutup")).to_be_visible()
    dialogs = []
    tablet.on("dialog", lambda d: (dialogs.append(d.message), d.accept()))
    tablet.get_by_role("button", name="Tutup bulan").click()
    tablet.wait_for_load_state("networkidle")
    assert dialogs and "snapshot" in dialogs[0]
    expect(tablet.get_by_text("Bulan ditutup; angka disimpan sebagai snapshot.")).to_be_visible()
    expect(tablet.get_by_role("button", name="Buka kembali bulan ini")).to_be_visible()
    table = tablet.locator("table.report").first
    expect(table.get_by_text("Indeks SPM keseluruhan")).to_be_visible()
    assert table.locator("tbody tr").count() == 5
    # no horizontal scroll at tablet width
    assert tablet.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    assert not tablet.js_errors


PHONE = {"width": 390, "height": 844}
REPORT_PAGES = ["/laporan/", "/laporan/spm?year=2026&month=1", "/laporan/bulan?year=2026&month=1",
                "/laporan/renja?year=2026&quarter=4", "/laporan/renja?year=2026&quarter=4&semua=1",
                "/laporan/iku?year=2026&filter=registered", "/laporan/dasbor?year=2026",
                "/laporan/spm/orang?service=lansia&year=2026&month=1",
                "/laporan/renja/orang?code=1.06.04.2.01.0001&year=2026&quarter=4"]
# Text nodes in figure cells that wrapped onto a second line ("68,89" / "%").
WRAPPED_FIGURES = """[...document.querySelectorAll('td.num')].filter(td => td.offsetParent).flatMap(td => {
  const out = [], walk = document.createTreeWalker(td, NodeFilter.SHOW_TEXT);
  for (let n = walk.nextNode(); n; n = walk.nextNode()) {
    if (!n.textContent.trim()) continue;
    const r = document.createRange(); r.selectNodeContents(n);
    const tops = new Set([...r.getClientRects()].filter(x => x.width > 0).map(x => Math.round(x.top)));
    if (tops.size > 1) out.push(n.textContent.trim());
  }
  return out; })"""
SCROLLING_BOXES = """[...document.querySelectorAll('.table-wrap')].filter(w => w.offsetParent
  && w.scrollWidth > w.clientWidth + 1).map(w => w.querySelector('th') ? w.querySelector('th').textContent : '?')"""
SMALL_TABLE_LINKS = """[...document.querySelectorAll('main table a, main details.renja-level > summary')]
  .filter(a => a.offsetParent).map(a => [a.textContent.trim(), a.getBoundingClientRect()])
  .filter(([t, r]) => r.height < 44 || r.width < 44).map(([t, r]) => t + ' ' + Math.round(r.width) + 'x' + Math.round(r.height))"""


@pytest.mark.parametrize("size", [TABLET_PORTRAIT, PHONE, TABLET_LANDSCAPE], ids=["800x1280", "390x844", "1280x800"])
def test_report_pages_fit_the_screen_without_sideways_scrolling(browser, live_server, size):
    """At 800×1280, 390×844 (and 1280×800) the SPM, month, Renja and IKU pages fit: the page never scrolls
    sideways, no table box scrolls or clips its figures, a percentage never wraps, links in the
    tables are 44 px touch targets."""
    context = browser.new_context(viewport=size, has_touch=True, base_url=live_server, locale="id-ID")
    page = context.new_page()
    try:
        sign_in(page, "supervisor")
        for url in REPORT_PAGES:
            resp = page.goto(url)
            assert resp.status == 200, url
            width = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
            assert width[0] <= width[1], (url, width)
            assert page.evaluate(SCROLLING_BOXES) == [], url
            assert page.evaluate(WRAPPED_FIGURES) == [], url
            assert page.evaluate(SMALL_TABLE_LINKS) == [], url
    finally:
        context.close()


def test_renja_tree_opens_and_closes_and_a_link_opens_its_row(tablet):
    sign_in(tablet, "kadis")
    tablet.goto("/laporan/renja?year=2026&quarter=4")
    kegiatan = tablet.locator("details.renja-kegiatan").first
    row = kegiatan.locator("table.renja tbody tr").first
    expect(kegiatan.locator("summary")).to_contain_text("Pagu")  # totals visible while closed
    expect(row).to_be_hidden()
    kegiatan.locator("summary").click()
    expect(row).to_be_visible()
    kegiatan.locator("summary").click()
    expect(row).to_be_hidden()
    # a link to a sub-activity (the home page's "behind pace" list) opens the tree down to it
    tablet.goto("/laporan/renja?year=2026&quarter=4#r-1.06.04.2.01.0002")
    expect(tablet.locator("[id='r-1.06.04.2.01.0002']")).to_be_visible()
    assert tablet.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    assert not tablet.js_errors
