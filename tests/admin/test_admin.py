"""Administration pages: who may open them, and what they do."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import select

from service.accounts.models import ROLES, User
from service.core import settings
from service.core.models.audit import AuditLog
from tests.conftest import csrf_from, login, post_form

ADMIN_PAGES = {
    "/admin/pengguna": {"admin"},
    "/admin/pengguna/baru": {"admin"},
    "/admin/pengaturan": {"admin"},
    "/admin/audit": {"admin", "auditor"},
    "/admin/referensi": set(ROLES),
    "/admin/referensi/wilayah?parent=18.72": set(ROLES),
}


@pytest.mark.parametrize("role", ROLES)
def test_admin_pages_per_role(logged_in, role):
    client, _ = logged_in(role)
    for url, allowed in ADMIN_PAGES.items():
        expected = 200 if role in allowed else 403
        assert client.get(url).status_code == expected, (role, url)


def test_anonymous_is_sent_to_login(client):
    for url in ADMIN_PAGES:
        resp = client.get(url)
        assert resp.status_code == 302 and "/masuk" in resp.headers["Location"]


def test_admin_creates_user_who_can_then_log_in(logged_in, app, db):
    client, _ = logged_in("admin")
    resp = post_form(client, "/admin/pengguna/baru", {
        "username": "wati", "full_name": "Wati", "role": "peksos", "area_code": "18.72.02",
        "password": "kata-sandi-1"})
    assert resp.status_code == 302
    row = next(r for r in client.get("/admin/pengguna").get_data(as_text=True).split("<tr>") if ">wati<" in r)
    assert "Metro Utara" in row and "18.72.02" not in row  # the area by name, not its code
    created = db.scalar(select(User).where(User.username == "wati"))
    assert created.area_code == "18.72.02" and created.role == "peksos"
    other = app.test_client()
    assert login(other, "wati", "kata-sandi-1").status_code == 302


def test_create_user_shows_errors_beside_fields(logged_in, db):
    client, _ = logged_in("admin")
    resp = post_form(client, "/admin/pengguna/baru", {
        "username": "wati2", "role": "peksos", "area_code": "99.99", "password": "kata-sandi-1"})
    assert resp.status_code == 422
    assert "Kode wilayah 99.99 tidak dikenal." in resp.get_data(as_text=True)
    assert db.scalar(select(User).where(User.username == "wati2")) is None
    resp = post_form(client, "/admin/pengguna/baru", {
        "username": "wati3", "role": "peksos", "area_code": "", "password": "pendek"})
    assert resp.status_code == 422 and "minimal 10 karakter" in resp.get_data(as_text=True)


def test_duplicate_username_is_refused(logged_in, make_user):
    client, _ = logged_in("admin")
    existing = make_user("peksos")
    resp = post_form(client, "/admin/pengguna/baru", {
        "username": existing.username, "role": "peksos", "password": "kata-sandi-1"})
    assert resp.status_code == 422 and "sudah dipakai" in resp.get_data(as_text=True)


def test_change_role_and_area(logged_in, make_user, db):
    client, _ = logged_in("admin")
    target = make_user("peksos", "18.72.01")
    resp = post_form(client, f"/admin/pengguna/{target.id}", {
        "full_name": "Nama Baru", "nip": "", "role": "supervisor", "area_code": ""})
    assert resp.status_code == 302
    target = db.get(User, target.id)
    assert (target.role, target.area_code, target.full_name) == ("supervisor", None, "Nama Baru")


def test_deactivate_ends_the_users_session(logged_in, make_user, app, db):
    client, _ = logged_in("admin")
    target = make_user("peksos")
    other = app.test_client()
    login(other, target.username)
    assert other.get("/").status_code == 200
    page = client.get("/admin/pengguna")
    resp = client.post(f"/admin/pengguna/{target.id}/aktif", data={"csrf_token": csrf_from(page.get_data(as_text=True))})
    assert resp.status_code == 302
    assert db.get(User, target.id).active is False
    assert other.get("/").status_code == 302


def test_reset_password(logged_in, make_user, app, db):
    client, _ = logged_in("admin")
    target = make_user("peksos")
    resp = post_form(client, f"/admin/pengguna/{target.id}/kata-sandi", {"password": "baru-sekali-9"},
                     form_page=f"/admin/pengguna/{target.id}")
    assert resp.status_code == 302
    assert login(app.test_client(), target.username, "baru-sekali-9").status_code == 302


def test_refused_password_reset_says_why(logged_in, make_user, app):
    client, _ = logged_in("admin")
    target = make_user("peksos")
    resp = post_form(client, f"/admin/pengguna/{target.id}/kata-sandi", {"password": "pendek"},
                     form_page=f"/admin/pengguna/{target.id}", follow_redirects=True)
    assert "minimal 10 karakter" in resp.get_data(as_text=True)
    assert login(app.test_client(), target.username).status_code == 302  # the old password still works


def test_admin_cannot_deactivate_self(logged_in, db):
    client, me = logged_in("admin")
    page = client.get("/admin/pengguna")
    client.post(f"/admin/pengguna/{me.id}/aktif", data={"csrf_token": csrf_from(page.get_data(as_text=True))})
    assert db.get(User, me.id).active is True


def test_settings_weights_and_bands(logged_in, db):
    client, _ = logged_in("admin")
    resp = post_form(client, "/admin/pengaturan", {"which": "weights", "w-recipients": "0.6", "w-quality": "0.3"})
    assert resp.status_code == 422 and "Jumlah kedua bobot harus 1." in resp.get_data(as_text=True)
    resp = post_form(client, "/admin/pengaturan", {"which": "weights", "w-recipients": "0.7", "w-quality": "0.3"})
    assert resp.status_code == 302
    from decimal import Decimal

    assert settings.spm_weights() == (Decimal("0.7"), Decimal("0.3"))
    bands = {"which": "bands"}
    for i, (low, label) in enumerate([("100", "Paripurna"), ("75", "Baik"), ("0", "Kurang")]):
        bands[f"b-bands-{i}-min"], bands[f"b-bands-{i}-label"] = low, label
    assert post_form(client, "/admin/pengaturan", bands).status_code == 302
    assert settings.category_for(Decimal("80")) == "Baik"


def test_settings_office(logged_in):
    client, _ = logged_in("admin")
    data = {"which": "office", "o-name": "Dinas Sosial Kabupaten Seruyan", "o-head_name": "Ibu Kepala",
            "o-head_nip": "197001011990032001"}
    assert post_form(client, "/admin/pengaturan", data).status_code == 302
    assert settings.office()["name"] == "Dinas Sosial Kabupaten Seruyan"


def test_audit_page_filters(logged_in, make_user):
    client, _ = logged_in("auditor")
    target = make_user("peksos", username="dicari")
    html = client.get(f"/admin/audit?entity_type=users&entity_id={target.id}").get_data(as_text=True)
    assert "create" in html and "dicari" in html
    html = client.get("/admin/audit?from=99/99/2026").get_data(as_text=True)
    assert "Format tanggal" in html or "Tanggal tidak ada" in html


def test_region_browser(logged_in):
    client, _ = logged_in("peksos")
    html = client.get("/admin/referensi/wilayah?parent=18.72.03").get_data(as_text=True)
    assert "Ganjar Agung" in html and "Kota Metro" in html
    html = client.get("/admin/referensi/wilayah?q=yosodadi").get_data(as_text=True)
    assert "18.72.04.1001" in html


def test_audit_shows_failed_logins(app, make_user, db):
    user = make_user("peksos")
    login(app.test_client(), user.username, "salah-sekali")
    entry = db.scalar(select(AuditLog).where(AuditLog.action == "login_failed",
                                             AuditLog.entity_id == str(user.id)))
    assert entry is not None


def test_home_tiles_and_menu_per_role(logged_in):
    client, _ = logged_in("admin")
    html = client.get("/").get_data(as_text=True)
    for href in ("/admin/pengguna", "/admin/referensi", "/admin/pengaturan", "/admin/audit"):
        assert f'href="{href}"' in html, href


def test_auditor_menu_has_no_user_management(logged_in):
    client, _ = logged_in("auditor")
    html = client.get("/").get_data(as_text=True)
    assert 'href="/admin/audit"' in html and 'href="/admin/pengguna"' not in html


def test_a_new_users_role_is_an_explicit_choice_never_admin_by_default(logged_in, db):
    client, _ = logged_in("admin")
    page = client.get("/admin/pengguna/baru").get_data(as_text=True)
    box = page[page.index('id="role" name="role"'):]
    box = box[:box.index("</select>")]
    options = re.findall(r'<option([^>]*)value="([^"]*)"', box)
    assert [v for _, v in options][:2] == ["", "tagana"] and options[-1][1] == "admin"
    assert "selected" not in "".join(attrs for attrs, v in options if v)
    assert "— Pilih peran —" in box
    resp = post_form(client, "/admin/pengguna/baru", {
        "username": "tanpaperan", "role": "", "area_code": "", "password": "kata-sandi-1"})
    assert resp.status_code == 422 and "Pilih peran pengguna." in resp.get_data(as_text=True)
    assert db.scalar(select(User).where(User.username == "tanpaperan")) is None


def test_a_users_area_is_chosen_by_name_not_typed(logged_in, db):
    settings.put("office.region_code", "18.72")
    db.commit()
    client, _ = logged_in("admin")
    html = client.get("/admin/pengguna/baru").get_data(as_text=True)
    assert 'type="hidden"' in re.search(r'<input[^>]*name="area_code"[^>]*>', html).group(0)
    assert 'data-root="18.72"' in html and 'for="pk-kec"' in html
    assert "Wilayah kerja: Kota Metro" in html
