"""The audit trail, the event summary and the conflict inbox in a real browser, on a portrait
tablet (800×1280) and a phone (390×844): no sideways scrolling, touch-sized controls, names not
codes. Screenshots go to ``LINDUNG_SCREENSHOTS`` (a folder) when set, else the test's tmp dir."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from tests.browser import sign_in

pytestmark = pytest.mark.e2e

UUID_RE = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", re.I)
SIZES = {"tablet": {"width": 800, "height": 1280}, "phone": {"width": 390, "height": 844}}


def _shots(tmp_path: Path) -> Path:
    out = Path(os.environ.get("LINDUNG_SCREENSHOTS") or tmp_path)
    out.mkdir(parents=True, exist_ok=True)
    return out


def _check(page, width: int) -> str:
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    small = page.evaluate("""() => [...document.querySelectorAll(
        'main a, main button, main summary, main select, main input:not([type=hidden])')]
        .filter(e => e.offsetParent !== null)
        .map(e => [e.textContent.trim() || e.name, e.getBoundingClientRect().height])
        .filter(([_, h]) => h < 44)""")
    assert small == [], small
    text = page.locator("main").inner_text()
    assert not UUID_RE.search(text), UUID_RE.search(text)
    return text


@pytest.mark.parametrize("size", list(SIZES))
def test_audit_trail_reads_in_words_at_both_sizes(tablet, size, tmp_path):
    tablet.set_viewport_size(SIZES[size])
    sign_in(tablet, "auditor")
    tablet.goto("/admin/audit")
    tablet.screenshot(path=str(_shots(tmp_path) / f"audit-{size}.png"), full_page=False)
    text = _check(tablet, SIZES[size]["width"])
    assert "Masuk" in text and "Pengguna" in text
    assert not re.search(r"\b(update|create) (users|persons|cases)\b", text)
    tablet.goto("/admin/audit?entity_type=persons")
    tablet.locator("main details summary").first.click()
    tablet.screenshot(path=str(_shots(tmp_path) / f"audit-persons-{size}.png"), full_page=False)
    text = _check(tablet, SIZES[size]["width"])
    assert "Orang" in text and not re.search(r"(?<!\d)\d{16}(?!\d)", text)  # NIKs masked


@pytest.mark.parametrize("size", list(SIZES))
def test_event_summary_and_conflicts_at_both_sizes(tablet, size, tmp_path):
    tablet.set_viewport_size(SIZES[size])
    sign_in(tablet, "supervisor")
    tablet.goto("/bencana/")
    tablet.locator("main table a").first.click()
    tablet.wait_for_load_state("networkidle")
    text = tablet.locator("main").inner_text()
    assert not re.search(r"\b\d\d\.\d\d\.\d\d\.\d{4}\b", text)  # no village codes
    tablet.screenshot(path=str(_shots(tmp_path) / f"event-{size}.png"), full_page=True)
    tablet.goto(tablet.url.rstrip("/") + "/laporan")
    tablet.screenshot(path=str(_shots(tmp_path) / f"report-{size}.png"), full_page=True)
    assert tablet.evaluate("document.documentElement.scrollWidth") <= SIZES[size]["width"]
    assert not re.search(r"\b20\d\d-[01]\d-[0-3]\d\b", tablet.locator("main").inner_text())
    tablet.goto("/sinkron/konflik?status=all")
    tablet.screenshot(path=str(_shots(tmp_path) / f"conflicts-{size}.png"), full_page=False)
    links = tablet.locator("main table a")
    if links.count():
        links.first.click()
        tablet.wait_for_load_state("networkidle")
        text = tablet.locator("main").inner_text()
        assert not UUID_RE.search(text)
        tablet.screenshot(path=str(_shots(tmp_path) / f"conflict-{size}.png"), full_page=True)
