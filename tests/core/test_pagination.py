"""Page numbers beyond range never give a 500: every list (web and API) shows the last page."""

from __future__ import annotations

import re
from typing import Any

import pytest
from sqlalchemy import select

from service.core.pagination import paginate
from service.reference.models import Region
from service.registry.models import Person
from tests import factories as f

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


# ---------------------------------------------------------------- the count cap (issue 15)
def _persons(n: int) -> list[Any]:
    from tests import factories

    return [factories.person(nama=f"Warga Batas {i:03d}") for i in range(n)]


def _next_link(html: str) -> bool:
    return "Berikutnya" in html


def test_a_list_beyond_the_count_cap_says_more_than_and_still_pages_on(logged_in: Any, db: Any,
                                                                       monkeypatch: Any) -> None:
    from service.core import pagination

    monkeypatch.setattr(pagination, "COUNT_CAP", 30)
    _persons(56)
    db.commit()
    client, _ = logged_in("supervisor")
    seen: list[str] = []
    for n, more in ((1, True), (2, True), (3, False)):
        html = client.get(f"/orang?page={n}").get_data(as_text=True)
        assert "lebih dari 30 data" in html and f"Halaman {n}" in html, n
        assert f"Halaman {n} dari" not in html  # the number of pages is not known past the cap
        assert _next_link(html) is more, n
        seen += re.findall(r"Warga Batas \d{3}", html)
    assert sorted(set(seen)) == [f"Warga Batas {i:03d}" for i in range(56)]
    # A page beyond the end of a capped list counts once and shows the last page.
    html = client.get("/orang?page=9").get_data(as_text=True)
    assert "Halaman 3 dari 3" in html and "56 data" in html
    meta = pagination.paginate(select(Person).order_by(Person.name), 2, 25).as_meta()
    assert meta["total_capped"] is True and meta["has_next"] is True and meta["total"] == 30


def test_a_list_below_the_cap_counts_exactly(logged_in: Any, db: Any, monkeypatch: Any) -> None:
    from service.core import pagination

    monkeypatch.setattr(pagination, "COUNT_CAP", 30)
    _persons(30)
    db.commit()
    client, _ = logged_in("supervisor")
    html = client.get("/orang").get_data(as_text=True)
    assert "Halaman 1 dari 2 · 30 data" in html and "lebih dari" not in html
    assert _next_link(html)
    html = client.get("/orang?page=2").get_data(as_text=True)
    assert "Halaman 2 dari 2" in html and not _next_link(html)


@pytest.mark.parametrize("path", ["/orang?q=Warga", "/kasus?q=Warga", "/layanan/?q=Warga"])
def test_a_searched_list_counts_up_to_the_search_cap(logged_in: Any, db: Any, monkeypatch: Any, path: str) -> None:
    from service.core import pagination

    monkeypatch.setattr(pagination, "SEARCH_COUNT_CAP", 30)
    for p in _persons(56):
        f.deliver(p, "sandang", case=f.case(p))
    db.commit()
    client, _ = logged_in("supervisor")
    html = client.get(path).get_data(as_text=True)
    assert "lebih dari 30 data" in html and _next_link(html)  # the search's count stops at its cap
    assert len(set(re.findall(r"Warga Batas \d{3}", html))) == 25  # the page itself is full
    plain = client.get(path.split("?")[0]).get_data(as_text=True)
    assert "lebih dari" not in plain and "56 data" in plain  # unsearched: counted up to COUNT_CAP
