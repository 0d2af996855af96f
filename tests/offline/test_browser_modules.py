"""The offline app's ES modules, unit-tested in Chromium (docs/offline.md "Unit tests of the modules").

``/static/js/offline/tests/index.html`` imports the modules and runs the suites
``static/js/offline/tests/*.test.js``; the results are in ``window.__results``. Reloading the page runs
the checks that need a reload (the outbox survives it).
"""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.e2e

PAGE = "/static/js/offline/tests/index.html"


def run_page(page) -> dict:
    page.wait_for_function("() => window.__results && window.__results.done", timeout=30000)
    return page.evaluate("window.__results")


def test_the_modules_unit_tests_pass(tablet):
    tablet.goto(PAGE)
    first = run_page(tablet)
    tablet.reload()
    second = run_page(tablet)
    failed = [f"{f['name']}: {f['message']}" for f in first["failed"] + second["failed"]]
    assert failed == [], "\n\n".join(failed)
    assert (first["phase"], second["phase"]) == ("first", "after-reload")
    suites = {name.split(":")[0] for name in first["passed"]}
    assert suites == {"api", "checks", "events", "format", "outbox", "sync"} and len(first["passed"]) >= 30
    assert second["passed"] == ["outbox: reload (2/2): the outbox is still there, in order, with its owners"]
    assert tablet.js_errors == []
