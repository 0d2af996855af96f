"""Disaster web pages: every route, its role and record checks, forms with errors beside fields."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import func, select

from service.disasters import aid, cards, events, shelters, stock
from service.disasters.models.aid import Distribution
from service.disasters.models.events import Victim
from service.disasters.models.volunteers import Volunteer
from tests.conftest import post_form
from tests.disasters.conftest import deploy_user, household


def _pages(ev, hh, card):
    return [f"/bencana/{ev.id}", f"/bencana/{ev.id}/korban", f"/bencana/{ev.id}/kk/{hh.id}",
            f"/bencana/{ev.id}/kartu", f"/bencana/{ev.id}/kartu?card={card.id}", f"/bencana/{ev.id}/pengungsian",
            f"/bencana/{ev.id}/layanan", f"/bencana/{ev.id}/laporan", f"/bencana/{ev.id}/kunci.json"]


def test_supervisor_sees_every_page(logged_in, event, warehouse, db):
    hh = household(event)
    card = cards.issue_card(hh)
    db.commit()
    client, _ = logged_in("supervisor")
    for url in ["/bencana/", "/bencana/baru", "/bencana/gudang", "/bencana/tagana",
                f"/bencana/{event.id}/distribusi", f"/bencana/{event.id}/korban/baru"] + _pages(event, hh, card):
        resp = client.get(url)
        assert resp.status_code == 200, url
    html = client.get(f"/bencana/{event.id}/korban").get_data(as_text=True)
    assert "Kepala Uji" in html and event.code in html


def test_anonymous_is_sent_to_login(client, event):
    resp = client.get(f"/bencana/{event.id}")
    assert resp.status_code == 302 and resp.headers["Location"].startswith("/masuk?next=")


@pytest.mark.parametrize("role", ["peksos", "admin"])
def test_roles_without_disaster_module_get_403(logged_in, event, role):
    client, _ = logged_in(role, "18.72.01" if role == "peksos" else None)
    assert client.get("/bencana/").status_code == 403
    assert client.get(f"/bencana/{event.id}").status_code == 403


def test_tagana_only_reaches_events_deployed_to(logged_in, event, warehouse, db):
    hh = household(event)
    card = cards.issue_card(hh)
    other = events.create_event({"name": "Longsor Lain", "event_type": "longsor", "area_code": "18.72",
                                    "started_on": event.started_on})
    db.commit()
    client, me = logged_in("tagana")
    # not deployed: the list is empty and every event page is 404
    assert event.code not in client.get("/bencana/").get_data(as_text=True)
    for url in _pages(event, hh, card) + [f"/bencana/{event.id}/distribusi"]:
        assert client.get(url).status_code == 404, url
    deploy_user(event, me)
    db.commit()
    listing = client.get("/bencana/").get_data(as_text=True)
    assert event.code in listing and other.code not in listing
    assert client.get(f"/bencana/{event.id}/distribusi").status_code == 200
    assert client.get(f"/bencana/{other.id}").status_code == 404
    # never the office pages
    assert client.get("/bencana/gudang").status_code == 403
    assert client.get("/bencana/tagana").status_code == 403
    assert client.get("/bencana/baru").status_code == 403


def test_auditor_reads_but_cannot_write(logged_in, event, db):
    hh = household(event)
    db.commit()
    client, _ = logged_in("auditor")
    assert client.get(f"/bencana/{event.id}/korban").status_code == 200
    assert client.get(f"/bencana/{event.id}/korban/baru").status_code == 403
    resp = post_form(client, f"/bencana/{event.id}/kk/{hh.id}", {"m-name": "X"},
                     form_page=f"/bencana/{event.id}/korban")
    assert resp.status_code == 404
    assert client.get(f"/bencana/{event.id}/distribusi").status_code == 403


def test_area_limited_supervisor_cannot_open_event_elsewhere(logged_in, event, db):
    client, _ = logged_in("supervisor", "18.72.01")
    assert client.get(f"/bencana/{event.id}").status_code == 404
    assert client.get("/bencana/not-a-uuid").status_code == 404


def test_create_event_and_errors_beside_fields(logged_in):
    client, _ = logged_in("operator")
    resp = post_form(client, "/bencana/baru", {"name": "", "event_type": "banjir", "category": "",
                                               "area_code": "99.99", "status": "tanggap_darurat"})
    assert resp.status_code == 422
    html = resp.get_data(as_text=True)
    assert "Kode wilayah 99.99 tidak dikenal." in html and "Tanggal wajib diisi." in html
    resp = post_form(client, "/bencana/baru", {"name": "Banjir Web", "event_type": "banjir", "category": "",
                                               "area_code": "18.72.05", "started_on": "2026-01-02",
                                               "status": "tanggap_darurat", "village_codes": "18.72.05.1001"})
    assert resp.status_code == 302
    assert events.get_event_by_code("BNJ-2026-001") is not None


def test_register_household_conflict_offers_existing_person(logged_in, event, db):
    from service.registry import persons as registry

    known = registry.register_person({"name": "Warsini", "nik": "1872056011480001", "sex": "P",
                                      "birth_date": "1948-11-20", "village_code": "18.72.05.1001"})
    db.commit()
    client, _ = logged_in("operator")
    url = f"/bencana/{event.id}/korban/baru"
    data = {"name": "Warsini", "nik": "1872056011480001", "sex": "P", "birth_date": "1948-11-20",
            "village_code": "18.72.05.1001", "status": "mengungsi", "damage_level": "rusak_berat",
            "vulnerable_groups": "lansia", "needs": ["bencana_makanan", "bencana_sandang"]}
    resp = post_form(client, url, {**data, "name": "Sutinah"})  # the NIK of someone else
    assert resp.status_code == 422
    html = resp.get_data(as_text=True)
    # the operator may open the holder's record: offered beside the message
    assert "NIK ini sudah terdaftar" in html and "Warsini" in html and "Gunakan data orang ini" in html
    resp = post_form(client, url, {"use_person_id": str(known.id), "status": "mengungsi",
                                   "damage_level": "rusak_berat", "needs": ["bencana_makanan"]})
    assert resp.status_code == 302
    victim = db.scalar(select(Victim).where(Victim.person_id == known.id))
    assert victim is not None and victim.household.damage_level == "rusak_berat"
    # invalid member: 422, errors beside fields, nothing written
    resp = post_form(client, f"/bencana/{event.id}/kk/{victim.household_id}",
                     {"m-name": "", "m-status": "mengungsi", "m-relationship_code": "anak",
                      "m-needs": "bencana_makanan"})
    assert resp.status_code == 422
    assert "Nama wajib diisi." in resp.get_data(as_text=True)


def test_distribution_guard_asks_for_reason_then_records(logged_in, event, items, warehouse, db):
    hh = household(event)
    card = cards.issue_card(hh)
    db.commit()
    client, me = logged_in("tagana")
    deploy_user(event, me)
    db.commit()
    url = f"/bencana/{event.id}/distribusi"
    data = {"token": card.token, "item_id": str(items["family_kit"].id), "warehouse_id": str(warehouse.id),
            "quantity": "1", "place": "Posko"}
    assert post_form(client, url, data).status_code == 302
    resp = post_form(client, url, data)
    assert resp.status_code == 422
    assert "sudah diberikan untuk kejadian ini" in resp.get_data(as_text=True)
    assert db.scalar(select(func.count()).select_from(Distribution)) == 1
    resp = post_form(client, url, {**data, "override_reason": "Kit pertama hanyut"})
    assert resp.status_code == 302
    dists = list(db.scalars(aid.distributions_stmt(event)))
    assert len(dists) == 2 and dists[0].volunteer_user_id == me.id
    assert stock.on_hand(warehouse, items["family_kit"]) == 8
    # a tampered token is refused beside the field
    resp = post_form(client, url, {**data, "token": card.token[:-4] + "AAAA"})
    assert resp.status_code == 422 and "tanda tangan digital tidak cocok" in resp.get_data(as_text=True)


def test_search_fallback_and_keys_never_include_private_key(logged_in, event, db):
    household(event, "Ponirah")
    db.commit()
    client, _ = logged_in("operator")
    html = client.get(f"/bencana/{event.id}/distribusi?q=ponirah").get_data(as_text=True)
    assert "Ponirah" in html
    body = client.get(f"/bencana/{event.id}/kunci.json").get_json()
    assert body["algorithm"] == "Ed25519" and "private_key" not in str(body)


def test_report_pdf_and_xlsx(logged_in, event, items, warehouse, db):
    hh = household(event, members=2)
    aid.distribute(event, item=items["family_kit"], warehouse=warehouse, household=hh)
    db.commit()
    client, _ = logged_in("pimpinan")
    page = client.get(f"/bencana/{event.id}/laporan").get_data(as_text=True)
    assert re.search(r'data-total="persons">3<', page)
    pdf = client.get(f"/bencana/{event.id}/laporan?format=pdf")
    assert pdf.status_code == 200 and pdf.data.startswith(b"%PDF")
    xlsx = client.get(f"/bencana/{event.id}/laporan?format=xlsx")
    assert xlsx.status_code == 200
    import io

    from openpyxl import load_workbook

    ws = load_workbook(io.BytesIO(xlsx.data)).active
    values = [[c.value for c in row] for row in ws.iter_rows()]
    assert ["Total", 3] in [r[:2] for r in values]  # the same total label as the page and the PDF
    assert ["Family kit", "paket", 1, 1, 0, 9] in values


def test_warehouse_receipt_and_negative_stock_error(logged_in, items, warehouse, event, db):
    client, _ = logged_in("operator")
    base = {"which": "issue", "i-warehouse_id": str(warehouse.id), "i-item_id": str(items["family_kit"].id),
            "i-quantity": "50", "i-event_id": str(event.id)}
    resp = post_form(client, "/bencana/gudang", base)
    assert resp.status_code == 422 and "tidak cukup" in resp.get_data(as_text=True)
    resp = post_form(client, "/bencana/gudang", {"which": "receipt", "r-warehouse_id": str(warehouse.id),
                                                 "r-item_id": str(items["beras"].id), "r-quantity": "100",
                                                 "r-source": "donatur", "r-document_ref": ""})
    assert resp.status_code == 422
    html = resp.get_data(as_text=True)
    assert "Nomor dokumen (BAST/surat) wajib diisi." in html and "Tanggal kedaluwarsa wajib" in html


def test_shelter_over_capacity_warning_and_kitchen(logged_in, event, db):
    hh = household(event, members=1)
    shelter = shelters.create_shelter(event, "Pos Kecil", 1)
    shelters.check_in(shelter, hh.members[0])
    db.commit()
    client, _ = logged_in("operator")
    url = f"/bencana/{event.id}/pengungsian"
    resp = post_form(client, url, {"which": "checkin", "ci-shelter_id": str(shelter.id),
                                   "ci-victim_id": str(hh.members[1].id)}, follow_redirects=True)
    assert "melebihi kapasitas" in resp.get_data(as_text=True)
    resp = post_form(client, url, {"which": "kitchen", "k-shelter_id": str(shelter.id), "k-meals_served": "1",
                                   "k-feed_all": "y"})
    assert resp.status_code == 422 and "lebih kecil dari jumlah orang" in resp.get_data(as_text=True)
    resp = post_form(client, url, {"which": "kitchen", "k-shelter_id": str(shelter.id), "k-meals_served": "6",
                                   "k-feed_all": "y"})
    assert resp.status_code == 302


def test_roster_create_and_deploy(logged_in, event, make_user, db):
    vol_user = make_user("tagana", username="relawan1")
    client, _ = logged_in("supervisor")
    resp = post_form(client, "/bencana/tagana", {"which": "volunteer", "v-member_number": "TGN-9",
                                                 "v-name": "Relawan Satu", "v-area_code": "18.72.05",
                                                 "v-username": "relawan1", "v-training": "Diklat dasar"})
    assert resp.status_code == 302
    vol = db.scalar(select(Volunteer).where(Volunteer.member_number == "TGN-9"))
    resp = post_form(client, "/bencana/tagana", {"which": "deploy", "d-volunteer_id": str(vol.id),
                                                 "d-event_id": str(event.id), "d-role": "Logistik"})
    assert resp.status_code == 302
    db.expire_all()
    assert vol_user.id in db.get(type(event), event.id).assigned_user_ids()
    resp = post_form(client, "/bencana/tagana", {"which": "volunteer", "v-member_number": "TGN-9", "v-name": "X",
                                                 "v-area_code": "18.72.05"})
    assert resp.status_code == 422 and "sudah terdaftar" in resp.get_data(as_text=True)


def test_edit_event_and_change_victim_status(logged_in, event, db):
    hh = household(event, members=1)
    eid, hid, vid = event.id, hh.id, hh.members[1].id
    db.commit()
    client, _ = logged_in("supervisor")
    url = f"/bencana/{eid}/ubah"
    assert client.get(url).status_code == 200
    resp = post_form(client, url, {"name": "Banjir Uji (diperbarui)", "category": "", "area_code": "18.72.05",
                                   "started_on": event.started_on.isoformat(), "status": "pemulihan",
                                   "emergency_end": "2000-01-01", "emergency_start": "2000-01-05"})
    assert resp.status_code == 422 and "Akhir masa tanggap darurat sebelum awalnya." in resp.get_data(as_text=True)
    resp = post_form(client, url, {"name": "Banjir Uji (diperbarui)", "category": "", "area_code": "18.72.05",
                                   "started_on": event.started_on.isoformat(), "status": "pemulihan"})
    assert resp.status_code == 302
    ev = db.get(type(event), eid)
    assert (ev.name, ev.status, ev.event_type) == ("Banjir Uji (diperbarui)", "pemulihan", "banjir")
    page = f"/bencana/{eid}/kk/{hid}"
    resp = post_form(client, f"/bencana/{eid}/korban/{vid}/status", {"status": "meninggal"}, form_page=page)
    assert resp.status_code == 302
    victim = db.get(Victim, vid)
    assert victim.status == "meninggal" and victim.person.deceased_on is not None
    # now compensation can be recorded for the heirs
    resp = post_form(client, f"/bencana/{eid}/layanan", {"which": "compensation", "c-victim_id": str(vid),
                                                       "c-amount": "15.000.000", "c-recipient_name": "Ahli Waris",
                                                       "c-recipient_relationship": "Ibu", "c-document_ref": "SK/1"})
    assert resp.status_code == 302
    assert "Rp 15.000.000" in client.get(f"/bencana/{eid}/layanan").get_data(as_text=True)


def test_status_change_and_edit_denied_to_readers(logged_in, event, db):
    hh = household(event)
    eid, hid, vid = event.id, hh.id, hh.members[0].id
    db.commit()
    client, _ = logged_in("auditor")
    assert client.get(f"/bencana/{eid}/ubah").status_code == 403
    resp = post_form(client, f"/bencana/{eid}/korban/{vid}/status", {"status": "hilang"},
                     form_page=f"/bencana/{eid}/kk/{hid}")
    assert resp.status_code == 403
    assert db.get(Victim, vid).status == "mengungsi"


def test_refused_check_out_and_card_reissue_answer_422_on_the_page(logged_in, event, db):
    hh = household(event)
    shelter = shelters.create_shelter(event, "Pos Uji", 5)
    stay, _over = shelters.check_in(shelter, hh.members[0])
    card = cards.issue_card(hh)
    shelters.check_out(stay)
    db.commit()
    client, _ = logged_in("operator")
    page = f"/bencana/{event.id}/pengungsian"
    resp = post_form(client, f"/bencana/{event.id}/pengungsian/keluar/{stay.id}", {}, form_page=page)
    assert resp.status_code == 422 and "Sudah keluar dari pos pengungsian." in resp.get_data(as_text=True)
    resp = post_form(client, f"/bencana/{event.id}/kk/{hh.id}/kartu", {"c-reason": ""},
                     form_page=f"/bencana/{event.id}/kk/{hh.id}")
    assert resp.status_code == 422
    field = resp.get_data(as_text=True).split('id="c-reason"', 1)[1].split("</div>", 1)[0]
    assert "isi alasan penggantian" in field
    assert cards.valid_card(db.get(type(hh), hh.id)).id == card.id


def test_status_di_pos_pengungsian_on_the_household_page_asks_which_shelter(logged_in, event, db):
    hh = household(event, members=1)
    pos = shelters.create_shelter(event, "Balai Desa Uji", 30)
    eid, hid, vid, pid, name = event.id, hh.id, hh.members[1].id, pos.id, hh.members[1].person.name
    db.commit()
    client, _ = logged_in("supervisor")
    page = f"/bencana/{eid}/kk/{hid}"
    html = client.get(page).get_data(as_text=True)
    assert "Balai Desa Uji (0/30 orang)" in html
    resp = post_form(client, f"/bencana/{eid}/korban/{vid}/status", {"status": "di_pengungsian"}, form_page=page,
                     follow_redirects=True)
    assert "Pilih pos pengungsian tempat korban tinggal." in resp.get_data(as_text=True)
    assert db.get(Victim, vid).status != "di_pengungsian"
    resp = post_form(client, f"/bencana/{eid}/korban/{vid}/status",
                     {"status": "di_pengungsian", "shelter_id": str(pid)}, form_page=page)
    assert resp.status_code == 302
    assert db.get(Victim, vid).status == "di_pengungsian"
    shelters_page = client.get(f"/bencana/{eid}/pengungsian").get_data(as_text=True)
    assert name in shelters_page
    report = client.get(f"/bencana/{eid}/laporan").get_data(as_text=True)
    assert re.search(r'data-total="shelter_occupancy">1<', report)
    assert re.search(r'data-status="di_pengungsian">1<', report)


def test_registering_a_victim_into_a_shelter_from_the_form(logged_in, event, db):
    pos = shelters.create_shelter(event, "Masjid Uji", 50)
    eid, pid = event.id, pos.id
    db.commit()
    client, _ = logged_in("operator")
    url = f"/bencana/{eid}/korban/baru"
    data = {"name": "Paijo Uji", "sex": "L", "age": "40", "village_code": "18.72.05.1001",
            "no_nik_reason": "dokumen_hilang", "status": "di_pengungsian", "damage_level": "rusak_berat", "needs": ["bencana_penampungan"]}
    resp = post_form(client, url, data)
    assert resp.status_code == 422 and "Pilih pos pengungsian tempat korban tinggal." in resp.get_data(as_text=True)
    resp = post_form(client, url, {**data, "shelter_id": str(pid)})
    assert resp.status_code == 302
    victim = db.scalar(select(Victim).where(Victim.event_id == eid))
    assert victim.status == "di_pengungsian" and shelters.current_stay(victim).shelter_id == pid


def test_distribution_stays_with_the_household_and_shows_stock_on_hand(logged_in, event, items, warehouse, db):
    hh = household(event, name="Kepala Tetap")
    card = cards.issue_card(hh)
    db.commit()
    client, me = logged_in("tagana")
    deploy_user(event, me)
    db.commit()
    url = f"/bencana/{event.id}/distribusi"
    page = client.get(url).get_data(as_text=True)
    assert "Family kit (paket) · stok 10" in page  # each item says what is on hand
    assert "Gudang Uji" in page and "50 " in page  # the stock table
    resp = post_form(client, url, {"token": card.token, "item_id": str(items["family_kit"].id),
                                   "warehouse_id": str(warehouse.id), "quantity": "1", "place": "Posko A"})
    assert resp.status_code == 302
    # the next item: the same household, warehouse and place are already chosen — no second scan
    page = client.get(resp.headers["Location"]).get_data(as_text=True)
    assert "Penerima: <strong>Kepala Tetap</strong>" in page
    assert f'name="household_id" type="hidden" value="{hh.id}"' in page
    assert f'<option selected value="{warehouse.id}">' in page
    assert 'value="Posko A"' in page
    assert "Family kit (paket) · stok 9" in page
    resp = post_form(client, resp.headers["Location"], {
        "household_id": str(hh.id), "item_id": str(items["makanan_siap_saji"].id),
        "warehouse_id": str(warehouse.id), "quantity": "2", "place": "Posko A"})
    assert resp.status_code == 302
    given = {(d.household_id, d.item.code, d.quantity) for d in db.scalars(aid.distributions_stmt(event))}
    assert given == {(hh.id, "family_kit", 1), (hh.id, "makanan_siap_saji", 2)}
    # "Penerima lain" starts afresh
    assert f'href="/bencana/{event.id}/distribusi">Penerima lain' in page


def test_the_victim_form_picks_the_village_by_name_within_the_event_area(logged_in, event, db):
    client, _ = logged_in("operator")
    html = client.get(f"/bencana/{event.id}/korban/baru").get_data(as_text=True)
    assert 'type="hidden"' in re.search(r'<input[^>]*name="village_code"[^>]*>', html).group(0)
    assert 'data-root="18.72.05"' in html and 'for="pk-desa"' in html and 'for="pk-kec"' not in html

