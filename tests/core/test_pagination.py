"""Page numbers beyond range never give a 500: every list (web and API) shows the last page."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import select

from service.core.pagination import paginate
from service.reference.models import Region

HUGE = str(10**20)


def test_paginate_clamps_to_the_last_page(db: Any) -> None:
    stmt = select(Region).where(Region.code.like("18.72.%")).order_by(Region.code)
    first = paginate(stmt, 1, 10)
    assert first.total > 10
    for raw in (10**20, first.pages + 5, -(10**20)):
        page = paginate(stmt, raw, 10)
        expected = first.pages if raw > 0 else 1
        assert page.page == expected and page.items, raw
    assert paginate(stmt, 1, 10**20).per_page == 200


def _list_rules(app: Any, prefix: str) -> list[str]:
    return sorted({r.rule for r in app.url_map.iter_rules()
                   if "GET" in r.methods and not r.arguments and r.rule.startswith(prefix)
                   and not r.rule.startswith("/static")})


@pytest.mark.parametrize("role", ["supervisor", "pimpinan", "operator", "admin", "auditor"])
def test_every_web_page_survives_a_huge_page_number(app: Any, logged_in: Any, role: str) -> None:
    client, _ = logged_in(role)
    failures = []
    for rule in _list_rules(app, "/"):
        if rule.startswith("/api/") or rule in ("/keluar",):
            continue
        resp = client.get(f"{rule}?page={HUGE}&per_page={HUGE}")
        if resp.status_code >= 500:
            failures.append(rule)
    assert not failures


@pytest.mark.parametrize("role", ["supervisor", "operator"])
def test_every_api_list_survives_a_huge_page_number(app: Any, api: Any, role: str) -> None:
    call = api(role)
    failures = []
    for rule in _list_rules(app, "/api/"):
        resp = call("GET", f"{rule}?page={HUGE}")
        if resp.status_code >= 500:
            failures.append(rule)
        elif resp.status_code == 200 and isinstance(resp.get_json(), dict) and "meta" in resp.get_json():
            meta = resp.get_json()["meta"]
            assert meta["page"] == meta["pages"], rule
    assert not failures
