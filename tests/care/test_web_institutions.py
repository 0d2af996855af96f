"""The institutions register and a case's rehabilitation setting through the pages."""

from __future__ import annotations

from tests import factories as f
from tests.care.pages import login_as
from tests.conftest import post_form


def test_placement_in_an_institution(client, world, db):
    worker, c = world
    inst = f.institution(kind="panti", name="Panti Werdha Tresna")
    db.commit()
    login_as(client, worker)
    resp = post_form(client, f"/layanan/kasus/{c.id}/penempatan",
                     {"pl-setting": "institution", "pl-institution_id": str(inst.id), "pl-date_in": "01/02/2026",
                      "pl-reason": "Tidak ada keluarga"}, form_page=f"/layanan/kasus/{c.id}", follow_redirects=True)
    assert "Panti Werdha Tresna" in resp.get_data(as_text=True)
    bad = post_form(client, f"/layanan/kasus/{c.id}/penempatan", {"pl-setting": "institution", "pl-date_in": "01/03/2026"},
                    form_page=f"/layanan/kasus/{c.id}")
    assert bad.status_code == 422 and "Pilih lembaga untuk penempatan di dalam lembaga." in bad.get_data(as_text=True)


def test_institution_register_permissions(logged_in, db):
    client, _ = logged_in("peksos", "18.72.01")
    assert client.get("/layanan/lembaga").status_code == 200
    assert client.get("/layanan/lembaga/baru").status_code == 403


def test_operator_adds_an_institution(logged_in, db):
    client2, _ = logged_in("operator")
    bad = post_form(client2, "/layanan/lembaga/baru", {"name": "X", "kind": "hospital", "region_code": "99.99"})
    assert bad.status_code == 422 and "Kode wilayah 99.99 tidak dikenal." in bad.get_data(as_text=True)
    ok = post_form(client2, "/layanan/lembaga/baru", {"name": "RSJ Kurungan Nyawa", "kind": "mental_hospital",
                                                      "region_code": "18.71", "active": "y"}, follow_redirects=True)
    assert "RSJ Kurungan Nyawa" in ok.get_data(as_text=True)
    row = next(r for r in client2.get("/layanan/lembaga").get_data(as_text=True).split("<tr>") if "Kurungan" in r)
    assert "Kota Bandar Lampung" in row and "18.71" not in row  # the region by name, not its code
