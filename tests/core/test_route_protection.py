"""Every route is protected: anonymous visitors are sent to login (web) or get 401 (API),
a TAGANA volunteer reaches nothing outside the disaster module, and an auditor writes nothing.

The routes are enumerated from the app itself, so a new route is covered the day it is added.
Every POST carries a valid CSRF token of the same session, so the only thing that can refuse it
is the access check, and each test expects exactly one answer.
"""

from __future__ import annotations

import re
import uuid
from urllib.parse import urlsplit

import pytest

from tests.conftest import csrf_from

# Endpoints that need no login, on purpose.
PUBLIC = {
    "static", "accounts.login", "accounts.set_language", "home.health", "api.token", "api.openapi",
    "offline.service_worker", "offline.manifest", "offline.app_shell", "offline.app_session",
    "care.answer_link", "care.verify_letter",
    "complaints.public_form", "complaints.public_sent", "complaints.lookup",
    "protection.verify_letter",
}
# Where a signed-in user acts on their own account or session.
OWN = {"accounts.logout", "accounts.index", "accounts.password", "accounts.language", "offline.app_token"}


def _url(rule) -> str:
    def fill(m: re.Match) -> str:
        name = m.group(2)
        if name == "kind":
            return "spm"
        if name == "fmt":
            return "csv"
        if name == "code":
            return "xx"
        if name == "filename":
            return "css/app.css"
        return str(uuid.uuid4())

    return re.sub(r"<(?:([a-z]+):)?([a-z_]+)>", fill, rule.rule)


def _routes(app, method: str, with_rule: bool = False):
    for rule in app.url_map.iter_rules():
        if method in rule.methods:
            yield (rule.endpoint, _url(rule), rule) if with_rule else (rule.endpoint, _url(rule))


def _sent_to_login(resp) -> bool:
    return resp.status_code == 302 and urlsplit(resp.headers.get("Location", "")).path == "/masuk"


def test_anonymous_is_refused_everywhere(app, client):
    # A CSRF token of this (anonymous) session, from the login form: a POST then fails only
    # when the route checks the login.
    token = csrf_from(client.get("/masuk").get_data(as_text=True))
    leaks = []
    checked = 0
    for method in ("GET", "POST"):
        for endpoint, url in _routes(app, method):
            if endpoint in PUBLIC:
                continue
            checked += 1
            data = {"csrf_token": token} if method == "POST" else None
            resp = client.open(url, method=method, data=data)
            ok = resp.status_code == 401 if url.startswith("/api/") else _sent_to_login(resp)
            if not ok:
                leaks.append(f"{method} {url} -> {resp.status_code} {resp.headers.get('Location', '')}")
    assert leaks == []
    assert checked > 150  # the enumeration really walked the app


def test_public_pages_never_fail(app, client):
    for endpoint, url in _routes(app, "GET"):
        if endpoint in PUBLIC and endpoint != "static":
            assert client.get(url).status_code < 500, url


OUTSIDE_DISASTERS = re.compile(r"^/(orang|kasus|keluarga|impor|layanan|laporan|pengaduan|psks|sinkron/konflik|admin/(pengguna|audit|pengaturan))")


def test_tagana_reaches_nothing_outside_the_disaster_module(app, logged_in):
    client, _ = logged_in("tagana")
    reached = []
    checked = 0
    for _endpoint, url in _routes(app, "GET"):
        if OUTSIDE_DISASTERS.match(url):
            checked += 1
            resp = client.get(url)
            if resp.status_code != 403:  # the role check comes before any record is looked up
                reached.append(f"{url} -> {resp.status_code}")
    assert reached == []
    assert checked > 50


@pytest.mark.parametrize("role", ["auditor"])
def test_read_only_roles_write_nothing(app, logged_in, role):
    client, _ = logged_in(role)
    token = csrf_from(client.get("/admin/audit").get_data(as_text=True))
    wrote = []
    checked = 0
    for endpoint, url, rule in _routes(app, "POST", with_rule=True):
        if endpoint in PUBLIC or endpoint in OWN or url.startswith("/api/"):
            continue
        checked += 1
        resp = client.post(url, data={"csrf_token": token})
        # 403, the role check. Only a form page (GET and POST) that this role may read looks its
        # record up first and answers 404 for the made-up id in the URL — as its GET does.
        form_page_of_nothing = resp.status_code == 404 and "GET" in rule.methods and client.get(url).status_code == 404
        if resp.status_code != 403 and not form_page_of_nothing:
            wrote.append(f"{url} -> {resp.status_code}")
    assert wrote == []
    assert checked > 40
