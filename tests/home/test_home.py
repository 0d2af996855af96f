"""The home page per role, the region picker's data, the health check."""

from __future__ import annotations


def test_home_greets_and_offers_the_role_its_tiles(logged_in):
    client, user = logged_in("admin", full_name="Sari Admin")
    html = client.get("/").get_data(as_text=True)
    assert "Selamat datang, Sari Admin" in html
    assert 'class="tile" href="/admin/pengguna"' in html


def test_region_picker_data(logged_in):
    client, _ = logged_in("peksos")
    data = client.get("/wilayah/turunan?parent=18.72.01").get_json()
    assert {"code": "18.72.01.1001", "name": "Metro"} in data


def test_health_check_needs_no_login(client):
    resp = client.get("/healthz")
    assert resp.status_code == 200 and resp.get_json() == {"status": "ok"}
