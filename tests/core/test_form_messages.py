"""WTForms' built-in validation messages follow the interface language."""

from __future__ import annotations

from tests.conftest import csrf_from, post_form


def test_a_blank_required_field_says_so_in_indonesian_and_in_english(logged_in):
    client, _user = logged_in("admin")
    resp = post_form(client, "/admin/pengguna/baru", {"username": ""})
    assert resp.status_code == 422
    page = resp.get_data(as_text=True)
    assert "Wajib diisi." in page and "This field is required." not in page
    token = csrf_from(client.get("/admin/pengguna/baru").get_data(as_text=True))
    assert client.post("/bahasa/en", data={"csrf_token": token, "next": "/"}).status_code == 302
    resp = post_form(client, "/admin/pengguna/baru", {"username": ""})
    page = resp.get_data(as_text=True)
    assert "This field is required." in page and "Wajib diisi." not in page
