"""The care pages: login, roles, areas, need-to-know, 404s, and the case page in English."""

from __future__ import annotations

import pytest

from tests import factories as f
from tests.care.pages import login_as
from tests.conftest import csrf_from, post_form


def test_pages_need_login(client, world):
    _, c = world
    for url in ("/layanan/", f"/layanan/kasus/{c.id}", "/layanan/rujukan", "/layanan/tugas", "/layanan/lembaga"):
        resp = client.get(url)
        assert resp.status_code == 302 and "/masuk" in resp.headers["Location"], url


@pytest.mark.parametrize(("role", "area", "status"), [
    ("peksos", "18.72.01", 200), ("peksos", "18.72.05", 403), ("supervisor", None, 200), ("auditor", None, 200),
    ("tagana", None, 403), ("admin", None, 403)])
def test_case_care_page_by_role_and_area(logged_in, world, role, area, status):
    _, c = world
    client, _ = logged_in(role, area)
    assert client.get(f"/layanan/kasus/{c.id}").status_code == status


def test_unknown_or_malformed_ids_are_404(logged_in):
    client, _ = logged_in("supervisor")
    for url in ("/layanan/kasus/00000000-0000-0000-0000-000000000000", "/layanan/kasus/xyz",
                "/layanan/rujukan/xyz", "/layanan/pemulangan/00000000-0000-0000-0000-000000000000",
                "/layanan/lembaga/nope"):
        assert client.get(url).status_code == 404, url


def test_sensitive_case_only_for_its_worker_and_supervisors(logged_in, make_user, db):
    worker = make_user("peksos", "18.72.01")
    c = f.case(category="korban_trafficking", worker_id=worker.id)
    d = f.deliver(c.person, "sandang", case=c)
    db.commit()
    client, _ = logged_in("peksos", "18.72.01")
    assert client.get(f"/layanan/kasus/{c.id}").status_code == 403
    assert c.person.name not in client.get("/layanan/").get_data(as_text=True)
    client.post("/keluar", data={"csrf_token": csrf_from(client.get("/layanan/").get_data(as_text=True))})
    client2, _ = logged_in("supervisor")
    assert client2.get(f"/layanan/kasus/{c.id}").status_code == 200
    assert d.id


def test_auditor_sees_but_cannot_record_or_void(logged_in, world, db):
    _, c = world
    d = f.deliver(c.person, "sandang", case=c)
    db.commit()
    client, _ = logged_in("auditor")
    html = client.get(f"/layanan/kasus/{c.id}").get_data(as_text=True)
    assert "Catat layanan" not in html and "Batalkan" not in html
    assert client.get(f"/layanan/kasus/{c.id}/pemberian/baru").status_code == 403
    resp = post_form(client, f"/layanan/pemberian/{d.id}/batal", {"void_reason": "x"}, form_page=f"/layanan/kasus/{c.id}")
    assert resp.status_code == 403


def test_case_care_page_in_english(client, world, db):
    worker, c = world
    f.deliver(c.person, "alat_bantu", case=c)
    db.commit()
    login_as(client, worker)
    page = client.get(f"/layanan/kasus/{c.id}")
    client.post("/bahasa/en", data={"csrf_token": csrf_from(page.get_data(as_text=True)), "next": "/"})
    html = client.get(f"/layanan/kasus/{c.id}").get_data(as_text=True)
    assert "Service deliveries" in html and "Record service" in html and "Assistive device" in html
    assert "Pemberian layanan" not in html
