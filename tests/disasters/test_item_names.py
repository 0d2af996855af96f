"""Stock items in the UI language: the English name from the reference data, the Indonesian one when empty;
the office edits both on the catalogue page (disaster.stock only)."""

from __future__ import annotations

from service.disasters import aid, stock
from tests.conftest import csrf_from, post_form
from tests.disasters.conftest import household


def _english(client) -> None:
    page = client.get("/bencana/gudang")
    client.post("/bahasa/en", data={"csrf_token": csrf_from(page.get_data(as_text=True)), "next": "/"})


def test_default_items_carry_their_english_name(items):
    assert items["beras"].name == "Beras" and items["beras"].name_en == "Rice"
    assert {r["code"] for r in stock.read_default_items()} == set(items)


def test_stock_page_and_situation_report_follow_the_language(logged_in, event, warehouse, items, db):
    hh = household(event)
    aid.distribute(event, item=items["makanan_siap_saji"], warehouse=warehouse, quantity=5, household=hh)
    items["family_kit"].name_en = None  # no English name: the Indonesian one is shown
    db.commit()
    client, _ = logged_in("supervisor")
    html = client.get("/bencana/gudang").get_data(as_text=True)
    assert ">Makanan siap saji<" in html and "Ready-to-eat meals" not in html
    _english(client)
    html = client.get("/bencana/gudang").get_data(as_text=True)
    assert ">Ready-to-eat meals<" in html and ">Makanan siap saji<" not in html
    assert ">Family kit<" in html  # fallback to the Indonesian name
    items_page = client.get("/bencana/gudang/barang").get_data(as_text=True)
    assert "Ready-to-eat meals" in items_page
    report = client.get(f"/bencana/{event.id}/laporan").get_data(as_text=True)
    assert "Ready-to-eat meals (paket)" in report and "Makanan siap saji (paket)" not in report
    form = client.get(f"/bencana/{event.id}/distribusi").get_data(as_text=True)
    assert "Ready-to-eat meals (paket)" in form


def test_office_edits_the_english_name(logged_in, items, db):
    client, _ = logged_in("operator")
    item = items["matras"]
    resp = post_form(client, f"/bencana/gudang/barang/{item.id}",
                     {"name": "Matras", "name_en": "Camping mat", "unit": "lembar", "guard_period": "event",
                      "active": "y"})
    assert resp.status_code == 302
    db.expire_all()
    assert stock.get_item(item.id).name_en == "Camping mat"
    _english(client)
    assert "Camping mat" in client.get("/bencana/gudang/barang").get_data(as_text=True)
    bad = post_form(client, f"/bencana/gudang/barang/{item.id}", {"name": "", "unit": "lembar",
                                                                 "guard_period": "event"})
    assert bad.status_code == 422


def test_catalogue_is_for_the_warehouse_roles(logged_in, items):
    client, _ = logged_in("tagana")
    assert client.get("/bencana/gudang/barang").status_code == 403
    assert client.get(f"/bencana/gudang/barang/{items['beras'].id}").status_code == 403
