"""The UI shell in a real browser at tablet size."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser import TABLET_LANDSCAPE, sign_in

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
    tablet.get_by_role("link", name="Pengguna").first.click()
    expect(tablet.get_by_role("heading", name="Pengguna")).to_be_visible()
    expect(tablet.get_by_role("cell", name="peksos2")).to_be_visible()
    assert tablet.evaluate("document.documentElement.scrollWidth") <= 1280


def test_wrong_password_stays_on_login_with_message(tablet):
    sign_in(tablet, "supervisor", "salah-sekali")
    assert tablet.get_by_role("alert").inner_text() == "Nama pengguna atau kata sandi salah."


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
