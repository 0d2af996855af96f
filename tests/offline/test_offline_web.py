"""The PWA shell, manifest, service worker, token exchange and the conflict inbox."""

from __future__ import annotations

import json
import posixpath
import re
import uuid
from pathlib import Path

from service.offline import engine
from service.offline.models import SyncConflict
from service.registry.models import Person
from tests.conftest import csrf_from
from tests.offline.conftest import new_id, person_op


def make_conflict(db, make_user, area="18.72.01"):
    worker, operator = make_user("peksos", area), make_user("operator")
    p = person_op(kode_wilayah=f"{area}.1002")
    engine.sync_batch(worker, {"device_id": new_id(), "operations": [p]})
    engine.sync_batch(operator, {"device_id": new_id(), "operations": [
        person_op(p["entity_id"], base_version=1, kode_wilayah=f"{area}.1002", telepon="0811")]})
    out = engine.sync_batch(worker, {"device_id": new_id(), "operations": [
        person_op(p["entity_id"], base_version=1, kode_wilayah=f"{area}.1002", telepon="0822", alamat="Baru")]})
    db.commit()
    return out["results"][0]["conflict_id"], p["entity_id"]


def test_shell_manifest_and_service_worker_are_public_and_hold_no_personal_data(client):
    page = client.get("/aplikasi")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert 'rel="manifest"' in html and "Sinkronkan sekarang" in html
    assert "<script>" not in html and "style=" not in html
    manifest = client.get("/aplikasi/manifest.webmanifest")
    assert manifest.mimetype == "application/manifest+json"
    body = manifest.get_json(force=True)
    assert body["start_url"] == "/aplikasi" and body["display"] == "standalone"
    assert {i["sizes"] for i in body["icons"]} >= {"192x192", "512x512"}
    for icon in body["icons"]:
        assert client.get(icon["src"]).status_code == 200
    sw = client.get("/sw.js")
    assert sw.status_code == 200 and sw.headers["Service-Worker-Allowed"] == "/"
    code = sw.get_data(as_text=True)
    assert "__ASSETS__" not in code and '"/aplikasi"' in code and "/static/js/offline/app.js" in code


def test_session_and_token_need_a_login_and_csrf(client, logged_in, make_user):
    assert client.get("/aplikasi/sesi").status_code == 401
    assert client.post("/aplikasi/token").status_code == 400  # the CSRF check comes first
    c, user = logged_in("peksos", "18.72.01")
    info = c.get("/aplikasi/sesi").get_json()
    assert info["user"]["id"] == str(user.id) and info["can_sync"] and not info["can_resolve"]
    assert c.post("/aplikasi/token").status_code == 400  # no CSRF token
    resp = c.post("/aplikasi/token", headers={"X-CSRFToken": info["csrf_token"]})
    assert resp.status_code == 200
    token = resp.get_json()["token"]
    assert c.get("/api/v1/me", headers={"Authorization": f"Bearer {token}"}).get_json()["username"] == user.username


def test_auditor_gets_no_token(client, logged_in):
    c, _ = logged_in("auditor")
    info = c.get("/aplikasi/sesi").get_json()
    assert info["can_sync"] is False
    assert c.post("/aplikasi/token", headers={"X-CSRFToken": info["csrf_token"]}).status_code == 403


def test_inbox_is_for_supervisors_only(client, logged_in, db, make_user):
    conflict_id, _ = make_conflict(db, make_user)
    assert client.get("/sinkron/konflik").status_code == 302  # to the login page
    for role in ("peksos", "operator", "auditor", "pimpinan"):
        c, _ = logged_in(role, "18.72.01" if role == "peksos" else None)
        assert c.get("/sinkron/konflik").status_code == 403, role
        assert c.get(f"/sinkron/konflik/{conflict_id}").status_code == 403, role
        c.post("/keluar", data={"csrf_token": csrf_from(c.get("/").get_data(as_text=True))})


def test_supervisor_of_another_area_cannot_open_it(logged_in, db, make_user):
    conflict_id, _ = make_conflict(db, make_user)
    c, _ = logged_in("supervisor", "18.72.05")
    assert "Sarinah" not in c.get("/sinkron/konflik").get_data(as_text=True)
    assert c.get(f"/sinkron/konflik/{conflict_id}").status_code == 403
    assert c.get(f"/sinkron/konflik/{uuid.uuid4()}").status_code == 404
    assert c.get("/sinkron/konflik/not-a-uuid").status_code == 404


def test_supervisor_sees_both_versions_and_merges(logged_in, db, make_user):
    conflict_id, person_id = make_conflict(db, make_user)
    c, boss = logged_in("supervisor")
    listing = c.get("/sinkron/konflik?q=sarin").get_data(as_text=True)
    assert "Sarinah" in listing
    page = c.get(f"/sinkron/konflik/{conflict_id}")
    html = page.get_data(as_text=True)
    assert "0811" in html and "0822" in html and "Baru" in html
    token = csrf_from(html)
    version = re.search(r'name="seen_version" value="(\d+)"', html).group(1)
    # a missing choice: 422, shown beside the field, nothing written
    bad = c.post(f"/sinkron/konflik/{conflict_id}", data={"csrf_token": token, "seen_version": version,
                                                          "choice_telepon": "device"})
    assert bad.status_code == 422 and "Pilih versi server atau perangkat." in bad.get_data(as_text=True)
    assert db.get(SyncConflict, uuid.UUID(conflict_id)).status == "open"
    ok = c.post(f"/sinkron/konflik/{conflict_id}", data={"csrf_token": token, "seen_version": version,
                                                         "choice_telepon": "device", "choice_alamat": "server",
                                                         "note": "Telepon terbaru dari keluarga"})
    assert ok.status_code == 302
    db.expire_all()
    person = db.get(Person, uuid.UUID(person_id))
    assert (person.phone, person.address) == ("0822", None)
    item = db.get(SyncConflict, uuid.UUID(conflict_id))
    assert (item.status, item.resolution, item.resolved_by_id) == ("resolved", "merged", boss.id)
    assert "Tidak ada konflik." in c.get("/sinkron/konflik").get_data(as_text=True)


def test_stale_page_is_refused_with_422(logged_in, db, make_user):
    conflict_id, _ = make_conflict(db, make_user)
    c, _ = logged_in("supervisor")
    html = c.get(f"/sinkron/konflik/{conflict_id}").get_data(as_text=True)
    resp = c.post(f"/sinkron/konflik/{conflict_id}", data={"csrf_token": csrf_from(html), "seen_version": "1",
                                                           "choice_telepon": "device", "choice_alamat": "device"})
    assert resp.status_code == 422 and "berubah lagi" in resp.get_data(as_text=True)


def test_menu_and_tiles(app, logged_in):
    c, _ = logged_in("supervisor")
    home = c.get("/").get_data(as_text=True)
    assert "/sinkron/konflik" in home and 'href="/aplikasi"' in home
    c.post("/keluar", data={"csrf_token": csrf_from(home)})
    c2, _ = logged_in("auditor")
    home = c2.get("/").get_data(as_text=True)
    assert "/sinkron/konflik" not in home and 'href="/aplikasi"' not in home


def test_every_module_of_the_app_is_in_the_shell_cache(client):
    """The app starts offline only when the service worker cached each module it imports."""
    root = Path(client.application.static_folder)
    code = client.get("/sw.js").get_data(as_text=True)
    assets = set(json.loads(re.search(r"const ASSETS = (\[.*?\]);", code).group(1)))
    html = client.get("/aplikasi").get_data(as_text=True)
    [entry] = re.findall(r'<script type="module" src="([^"]+)"', html)
    seen, todo = set(), [entry]
    while todo:
        url = todo.pop()
        if url in seen:
            continue
        seen.add(url)
        assert url in assets, url
        source = (root / url.removeprefix("/static/")).read_text(encoding="utf-8")
        base = url.rsplit("/", 1)[0]
        todo += [posixpath.normpath(f"{base}/{spec}") for spec in re.findall(r'^import .* from "([^"]+)";$', source, re.M)]
    assert len(seen) > 20 and "/static/js/offline/sync.js" in seen
    assert not [a for a in assets if "/tests/" in a]  # the unit tests are not part of the app


def test_the_worker_cache_is_named_after_the_shell_contents(tmp_path, client):
    """A deploy that changes any shell file renames the cache, so devices never keep a stale module."""
    from blueprints.offline import CACHE_PREFIX, content_digest

    a, b = tmp_path / "a.js", tmp_path / "b.js"
    a.write_text("export const x = 1;")
    b.write_text("export const y = 2;")
    before = content_digest([a, b])
    assert content_digest([a, b]) == before
    a.write_text("export const x = 3;")
    assert content_digest([a, b]) != before
    sw = client.get("/sw.js").get_data(as_text=True)
    assert CACHE_PREFIX in sw and "__CACHE_VERSION__" not in sw
