"""The caseload download in keyset pages (``GET /api/v1/sync/caseload?cursor=&limit=``)."""

from __future__ import annotations

import base64
import datetime as dt
import uuid

import pytest

from service.casework.models import Case
from service.offline import downloads
from tests import factories


@pytest.fixture(autouse=True)
def _no_margin(monkeypatch):
    """Records made by the test just before the download are not "changed during the download"."""
    monkeypatch.setattr(downloads, "CATCH_UP_MARGIN", dt.timedelta(0))


def _caseload(db, worker, n: int) -> list[str]:
    cases = [factories.case(factories.person(nama=f"Warga Beban {i}"), worker_id=worker.id) for i in range(n)]
    db.commit()
    return sorted(str(c.id) for c in cases)


def _pages(call, limit: int) -> list[dict]:
    pages, cursor = [], ""
    while True:
        resp = call("GET", f"/api/v1/sync/caseload?limit={limit}&cursor={cursor}")
        assert resp.status_code == 200, resp.get_json()
        pages.append(resp.get_json())
        cursor = pages[-1]["next_cursor"]
        if cursor is None:
            return pages
        assert len(pages) < 20


def test_the_caseload_comes_in_pages_without_duplicates_or_gaps(api, db):
    call = api("peksos", "18.72.01")
    mine = _caseload(db, call.user, 7)
    colleague = api("peksos", "18.72.01")
    factories.case(worker_id=colleague.user.id)  # someone else's case
    away = factories.case(factories.person(village_code="18.72.05.1001"), worker_id=call.user.id)  # out of area
    closed = factories.case(worker_id=call.user.id)
    closed.status = "closed"
    db.commit()
    pages = _pages(call, 3)
    assert [len(p["cases"]) for p in pages] == [3, 3, 1]
    assert [p["next_cursor"] is None for p in pages] == [False, False, True]
    ids = [c["id"] for p in pages for c in p["cases"]]
    assert ids == mine  # in case id order, each once, none missing; only my open cases of my area
    assert str(away.id) not in ids and str(closed.id) not in ids
    for p in pages:  # each page carries the persons of its cases
        assert {c["person_id"] for c in p["cases"]} == {x["id"] for x in p["persons"]}
    # A client that sends neither cursor nor limit (the app before paging) gets the whole caseload.
    whole = call("GET", "/api/v1/sync/caseload").get_json()
    assert [c["id"] for c in whole["cases"]] == mine and whole["next_cursor"] is None
    assert sorted(x["id"] for x in whole["persons"]) == sorted(x["id"] for p in pages for x in p["persons"])
    # The colleague sees only their own case, paged or not.
    assert len(_pages(colleague, 3)[0]["cases"]) == 1


def test_a_bad_cursor_or_limit_is_422(api, db):
    call = api("peksos", "18.72.01")
    _caseload(db, call.user, 2)
    forged = base64.urlsafe_b64encode(b'{"a":"nope"}').decode()
    for query in ("cursor=zzz", "cursor=" + forged, "cursor=%00%ff", "limit=0", "limit=501", "limit=x"):
        resp = call("GET", f"/api/v1/sync/caseload?{query}")
        assert resp.status_code == 422, query
        assert set(resp.get_json()["error"]["fields"]) <= {"cursor", "limit"}, query
    assert api("auditor")("GET", "/api/v1/sync/caseload?limit=2").status_code == 403


def test_what_changes_between_pages_is_not_lost(api, db):
    call = api("peksos", "18.72.01")
    mine = _caseload(db, call.user, 5)
    first = call("GET", "/api/v1/sync/caseload?limit=2").get_json()
    sent = first["cases"][0]
    # Between pages: a person already sent is renamed, and a case is newly assigned to the worker.
    case = db.get(Case, uuid.UUID(sent["id"]))
    case.person.name = "Nama Baru"
    late = factories.case(factories.person(nama="Warga Terlambat"), worker_id=call.user.id)
    db.commit()
    rest, cursor = [], first["next_cursor"]
    while cursor:
        page = call("GET", f"/api/v1/sync/caseload?limit=2&cursor={cursor}").get_json()
        rest.append(page)
        cursor = page["next_cursor"]
    latest = {}
    for page in [first, *rest]:  # what the device does: the latest copy of each id wins
        latest.update({p["id"]: p for p in page["persons"]})
    assert latest[sent["person_id"]]["nama"] == "Nama Baru"
    got = {c["id"] for page in [first, *rest] for c in page["cases"]}
    assert got == set(mine) | {str(late.id)}
