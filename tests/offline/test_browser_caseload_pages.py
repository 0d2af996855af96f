"""The offline app downloads a caseload of several pages; a break half-way keeps the old one."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.browser import api_get, open_app, sign_in

pytestmark = pytest.mark.e2e

LATER_PAGE = re.compile(r".*/api/v1/sync/caseload\?limit=1&cursor=[^&]+")


def test_a_caseload_of_several_pages_arrives_whole_and_a_break_keeps_the_old_one(tablet, live_server):
    load = api_get(live_server, "peksos", "/api/v1/sync/caseload")
    names = sorted({p["nama"] for p in load["persons"]})
    assert len(load["cases"]) >= 3
    sign_in(tablet, "peksos")
    open_app(tablet)
    tablet.evaluate("localStorage.setItem('lindung.caseload_limit', '1')")  # the test hook: one case a page
    asked: list[str] = []
    tablet.on("request", lambda r: asked.append(r.url) if "/sync/caseload" in r.url else None)
    button = tablet.get_by_role("button", name="Bawa beban kasus saya offline")
    button.click()
    saved = f"Beban kasus tersimpan di perangkat: {len(load['persons'])} orang, {len(load['cases'])} kasus."
    expect(tablet.locator("#message")).to_have_text(saved)
    assert len(asked) == len(load["cases"])  # one request per page, the last with next_cursor null
    for name in names:
        expect(tablet.locator("li[data-person]", has_text=name).first).to_be_visible()

    # The signal breaks after the first page of the next download: the old caseload stays whole.
    asked.clear()
    tablet.route(LATER_PAGE, lambda route: route.abort())
    button.click()
    expect(tablet.locator("#message")).to_have_text(re.compile("^Server tidak terjangkau"))
    assert len(asked) == 2
    for name in names:
        expect(tablet.locator("li[data-person]", has_text=name).first).to_be_visible()
    staged = tablet.evaluate("""async () => {
      const { kvGet } = await import('/static/js/offline/storage.js');
      return await kvGet('caseload_partial');
    }""")
    assert staged["cursor"] and len(staged["cases"]) == 1

    # The next try resumes from the staged page and swaps the whole caseload in.
    tablet.unroute(LATER_PAGE)
    asked.clear()
    button.click()
    expect(tablet.locator("#message")).to_have_text(saved)
    assert "cursor=&" not in asked[0] + "&" and len(asked) == len(load["cases"]) - 1
    assert tablet.evaluate("""async () => {
      const { kvGet } = await import('/static/js/offline/storage.js');
      return await kvGet('caseload_partial');
    }""") is None
