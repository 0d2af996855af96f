"""Old English UI paths redirect permanently to the Indonesian ones; the API keeps its paths."""

from __future__ import annotations

import re

import pytest
from werkzeug.exceptions import MethodNotAllowed, NotFound
from werkzeug.routing import RequestRedirect

from blueprints.core.legacy import RENAMES, new_path


def test_an_old_bookmark_lands_on_the_new_page_with_its_query(client):
    resp = client.get("/people?q=siti&page=2")
    assert resp.status_code == 308
    assert resp.headers["Location"] == "/orang?q=siti&page=2"


def test_an_old_form_still_posts_to_its_new_address(client):
    resp = client.post("/cases/0b0e5c8e-0000-4000-8000-000000000001/close", data={"x": "1"})
    assert resp.status_code == 308  # keeps the method and the body
    assert resp.headers["Location"] == "/kasus/0b0e5c8e-0000-4000-8000-000000000001/tutup"


def test_the_api_is_not_redirected(client):
    assert client.get("/api/v1/cases").status_code == 401


# Prefixes that are not pages themselves: an example below each.
BELOW = {"/households": "/x", "/reports/export": "/spm.xlsx", "/lang": "/en"}


@pytest.mark.parametrize("old, new", RENAMES)
def test_every_renamed_path_exists(app, old, new):
    sample = re.sub(r"\(\[\^/\]\+\)", "x", old).replace("\\", "")
    sample += BELOW.get(sample, "")
    target = new_path(sample)
    assert target is not None
    adapter = app.url_map.bind("localhost")
    try:
        adapter.match(target, method="GET")
    except (MethodNotAllowed, RequestRedirect):
        pass  # a POST-only action, or the page with its trailing slash: the rule exists
    except NotFound:
        pytest.fail(f"{old} redirects to {target}, which is not a page")
