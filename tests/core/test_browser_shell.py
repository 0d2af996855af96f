"""The UI shell in a real browser at tablet size."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser import TABLET_LANDSCAPE, cut_off_hints, open_menu, sign_in

pytestmark = pytest.mark.e2e


def test_supervisor_signs_in_on_a_portrait_tablet(tablet, tmp_path):
    sign_in(tablet, "supervisor")
    expect(tablet.get_by_role("heading", name="Selamat datang, Rina Marlina, S.Sos.")).to_be_visible()
    # nothing wider than the screen, and the sign-out button is a real touch target
    assert tablet.evaluate("document.documentElement.scrollWidth") <= 800
    box = tablet.get_by_role("button", name="Keluar").bounding_box()
    assert box["height"] >= 44
    assert tablet.js_errors == []  # includes CSP violations
    tablet.screenshot(path=str(tmp_path / "home.png"))


def test_admin_home_and_menu_in_landscape(tablet):
    tablet.set_viewport_size(TABLET_LANDSCAPE)
    sign_in(tablet, "admin")
    open_menu(tablet, "Admin").get_by_role("link", name="Pengguna").click()
    expect(tablet.get_by_role("heading", name="Pengguna")).to_be_visible()
    expect(tablet.get_by_role("cell", name="peksos2")).to_be_visible()
    assert tablet.evaluate("document.documentElement.scrollWidth") <= 1280


def test_wrong_password_stays_on_login_with_message(tablet):
    sign_in(tablet, "supervisor", "salah-sekali")
    assert tablet.get_by_role("alert").inner_text().startswith("Nama pengguna atau kata sandi salah, atau akun")


def test_switch_to_english_and_back(tablet):
    sign_in(tablet, "supervisor")
    tablet.get_by_role("button", name="English").click()
    expect(tablet.get_by_role("heading", name="Welcome, Rina Marlina, S.Sos.")).to_be_visible()
    tablet.get_by_role("button", name="Bahasa Indonesia").click()
    expect(tablet.get_by_role("heading", name="Selamat datang, Rina Marlina, S.Sos.")).to_be_visible()


def test_confirmation_before_deactivating_a_user(tablet):
    sign_in(tablet, "admin")
    tablet.goto("/admin/pengguna?q=peksos2")
    dialogs = []
    tablet.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    tablet.get_by_role("button", name="Nonaktifkan").click()
    assert dialogs and "peksos2" in dialogs[0]
    # dismissed: still active
    expect(tablet.get_by_text("Aktif", exact=True)).to_be_visible()


@pytest.mark.parametrize("size", [{"width": 390, "height": 844}, {"width": 800, "height": 1280}])
def test_menu_folds_behind_a_button_on_phone_and_portrait_tablet(tablet, size):
    tablet.set_viewport_size(size)
    sign_in(tablet, "peksos")
    nav = tablet.get_by_role("navigation", name="Menu utama")
    toggle = nav.get_by_role("button", name="Menu")
    # folded: the bar is one row, no menu entry shows
    assert tablet.locator(".topbar").bounding_box()["height"] < 200
    expect(nav.get_by_role("link", name="Kasus")).to_be_hidden()
    assert toggle.bounding_box()["height"] >= 44
    toggle.click()
    expect(toggle).to_have_attribute("aria-expanded", "true")
    # grouped by area, only what a peksos may use (no admin pages, no duplicate review)
    titles = nav.locator(".navgroup-title").all_text_contents()
    assert titles[:2] == ["Orang & kasus", "Layanan"]
    assert "Admin" not in titles
    expect(nav.get_by_role("link", name="Kasus")).to_be_visible()
    assert nav.get_by_role("link", name="Pengguna").count() == 0
    for link in nav.get_by_role("link").all():
        assert link.bounding_box()["height"] >= 44
    assert tablet.evaluate("document.documentElement.scrollWidth") <= size["width"]
    nav.get_by_role("link", name="Kasus").click()
    expect(tablet.get_by_role("heading", name="Kasus", exact=True)).to_be_visible()
    expect(tablet.get_by_role("button", name="Menu · Kasus")).to_be_visible()  # where am I


def test_menu_is_a_row_of_groups_on_a_landscape_tablet(tablet):
    tablet.set_viewport_size(TABLET_LANDSCAPE)
    sign_in(tablet, "supervisor")
    nav = tablet.get_by_role("navigation", name="Menu utama")
    expect(nav.get_by_role("button", name="Menu")).to_be_hidden()
    expect(nav.get_by_role("link", name="Bencana")).to_be_visible()  # a group of one entry is a link
    expect(nav.get_by_role("button", name="Laporan")).to_be_visible()  # reports and performance (Kinerja)
    assert tablet.locator(".topbar").bounding_box()["height"] < 120  # one row of groups
    expect(nav.get_by_role("link", name="Kasus")).to_be_hidden()
    group = nav.get_by_role("button", name="Orang & kasus")
    group.click()
    expect(group).to_have_attribute("aria-expanded", "true")
    nav.get_by_role("link", name="Kasus").click()
    expect(tablet.get_by_role("heading", name="Kasus", exact=True)).to_be_visible()
    assert "current" in (tablet.get_by_role("button", name="Orang & kasus").get_attribute("class") or "")
    assert tablet.evaluate("document.documentElement.scrollWidth") <= 1280


def test_a_form_with_errors_says_what_to_fix_at_the_top_and_focuses_the_first_field(tablet):
    sign_in(tablet, "admin")
    tablet.goto("/admin/pengguna/baru")
    with tablet.expect_navigation():
        tablet.get_by_role("button", name="Simpan").click()
    summary = tablet.locator(".error-summary")
    expect(summary).to_be_visible()
    bad = tablet.locator("form .field.has-error")
    assert bad.count() >= 2
    expect(summary.get_by_role("heading")).to_have_text(f"Periksa isian berikut ({bad.count()})")
    links = summary.get_by_role("link")
    assert links.count() == bad.count()
    assert links.first.inner_text().startswith("Nama pengguna")
    first_input = bad.first.locator("input, select, textarea").first
    assert tablet.evaluate("document.activeElement.id") == first_input.get_attribute("id")
    # the summary's last link takes the user to its field
    links.last.click()
    last_input = bad.last.locator("input, select, textarea").first
    assert tablet.evaluate("document.activeElement.id") == last_input.get_attribute("id")
    assert [e for e in tablet.js_errors if "status of 422" not in e] == []  # the 422 answer is on purpose


PHONE_SEARCHES = {"supervisor": ["/layanan/", "/layanan/rujukan", "/layanan/lembaga", "/bencana/tagana"],
                  "admin": ["/admin/audit", "/admin/pengguna", "/layanan/lembaga"]}


@pytest.mark.parametrize("lang", ["id", "en"])
def test_search_hints_fit_a_phone_and_page_buttons_keep_their_gap(tablet, lang):
    """At 390 px every search box shows its whole hint, in both languages, and a page's buttons
    (wrapped under the heading) do not touch the search box below them."""
    tablet.set_viewport_size({"width": 390, "height": 844})
    cut: dict[str, list[str]] = {}
    for user, paths in PHONE_SEARCHES.items():
        tablet.context.clear_cookies()
        sign_in(tablet, user)
        if lang == "en":
            tablet.get_by_role("button", name="English").click()
        for path in paths:
            tablet.goto(path)
            cut.update({path: hints} if (hints := cut_off_hints(tablet)) else {})
            if path == "/layanan/":
                button = tablet.get_by_role("link", name="Daftar lembaga" if lang == "id" else "Institutions register")
                box, search = button.bounding_box(), tablet.get_by_role("search").bounding_box()
                assert search["y"] - (box["y"] + box["height"]) >= 8
    assert cut == {}


PHONE_LISTS = {"operator": ["/kasus", "/orang", "/pengaduan", "/psks/lembaga", "/perlindungan/usulan", "/bencana/gudang",
                            "/layanan/rujukan", "/admin/referensi"],
               "kadis": ["/kinerja/", "/kinerja/renstra", "/kinerja/pagu", "/layanan/tugas/ringkasan"],
               "admin": ["/admin/pengguna", "/layanan/lembaga"]}


def _walk(page, pages: dict[str, list[str]], script: str, and_first_record: bool = False) -> dict[str, list]:
    """What ``script`` finds on each page (the pages it finds nothing on left out), signed in as each
    user in turn; ``and_first_record``: also on the record the first page's first table link opens."""
    found: dict[str, list] = {}
    for user, paths in pages.items():
        page.context.clear_cookies()
        sign_in(page, user)
        for i, path in enumerate(paths):
            page.goto(path)
            record = page.locator("main td a").first.get_attribute("href") if and_first_record and i == 0 else None
            found.update({path: hits[:5]} if (hits := page.evaluate(script)) else {})
            if record:
                page.goto(record)
                found.update({record: hits[:5]} if (hits := page.evaluate(script)) else {})
    return found


SIDEWAYS = """() => [...document.querySelectorAll('main .table-wrap')]
    .filter(w => w.offsetParent && w.scrollWidth > w.clientWidth).map(w => w.scrollWidth)"""


@pytest.mark.parametrize("width", [390, 800])
def test_no_list_scrolls_sideways_wide_tables_become_cards(tablet, width):
    """On a phone and a portrait tablet no list scrolls sideways: a table too wide for the screen
    becomes one card per row, each value under its column's name; one that fits stays a table."""
    tablet.set_viewport_size({"width": width, "height": 1280})
    assert _walk(tablet, PHONE_LISTS, SIDEWAYS) == {}
    tablet.goto("/admin/pengguna")
    row = tablet.get_by_role("row").filter(has_text="peksos2")
    if width == 390:
        role = row.locator("td[data-label='Peran']")
        assert role.is_visible() and "Pekerja sosial" in role.inner_text()
        tablet.set_viewport_size({"width": 800, "height": 1280})  # turned to a tablet: the table comes back
    expect(tablet.get_by_role("columnheader", name="Peran")).to_be_visible()
    assert tablet.evaluate(SIDEWAYS) == []
    assert tablet.js_errors == []


SMALL_TARGETS = """() => [...document.querySelectorAll(
    'main a, main button, main summary, main select, main input:not([type=hidden]):not([type=checkbox]):not([type=radio])')]
    .filter(e => e.offsetParent !== null && !e.closest('p'))  // a link inside running text stays text
    .filter(e => e.getBoundingClientRect().height < 44).map(e => e.textContent.trim() || e.name)"""
TOUCH_PAGES = {"supervisor": ["/kasus", "/orang", "/pengaduan", "/layanan/rujukan", "/layanan/", "/perlindungan"],
               "kadis": ["/kinerja/", "/kinerja/indikator", "/psks"]}


@pytest.mark.parametrize("width", [390, 800])
def test_every_link_in_a_list_is_a_touch_target(tablet, width):
    """Links in tables, lists and cards are at least 44 px tall on a phone and a tablet."""
    tablet.set_viewport_size({"width": width, "height": 1280})
    assert _walk(tablet, TOUCH_PAGES, SMALL_TARGETS, and_first_record=True) == {}
