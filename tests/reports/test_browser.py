"""Tablet: a supervisor opens the month page, closes the month (confirming) and sees the SPM table."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser import sign_in

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
