"""The TAGANA registration page (issue 11): a head and the family rows in one request, members
inheriting the head's address and village, dd/mm/yyyy dates, sex as buttons, all or nothing."""

from __future__ import annotations

from sqlalchemy import select

from service.casework.models import Assessment
from service.disasters.models.events import Victim, VictimHousehold
from tests.conftest import post_form
from tests.disasters.conftest import deploy_user

HEAD = {"name": "Slamet", "sex": "L", "birth_date": "17/08/1976", "village_code": "18.72.05.1002",
        "no_nik_reason": "dokumen_hilang",
        "address": "Jl. Kenanga 12", "status": "mengungsi", "damage_level": "rusak_berat",
        "needs": ["bencana_makanan", "bencana_sandang"]}


def _members(*rows: dict[str, str]) -> dict[str, str]:
    out: dict[str, str] = {}
    for i, row in enumerate(rows):
        out.update({f"members-{1000 + i}-{k}": v for k, v in row.items()})
    return out


def test_head_and_family_in_one_post(logged_in, event, db):
    client, volunteer = logged_in("tagana")
    deploy_user(event, volunteer)
    db.commit()
    url = f"/bencana/{event.id}/korban/baru"
    page = client.get(url).get_data(as_text=True)
    assert 'type="date"' not in page  # no browser-locale date widget
    assert 'placeholder="dd/mm/yyyy"' in page and 'inputmode="numeric"' in page
    assert 'type="radio"' in page and "Laki-laki" in page and "Perempuan" in page
    assert "Tambah anggota keluarga" in page and "members-__i__-name" in page  # the row to copy
    data = {**HEAD, **_members(
        {"no_nik_reason": "dokumen_hilang", "name": "Sri", "sex": "P", "birth_date": "14/02/1980", "relationship_code": "istri"},
        {"no_nik_reason": "dokumen_hilang", "name": "Adi", "sex": "L", "age": "12", "relationship_code": "anak", "address": "Asrama Putra"},
        {"name": "", "nik": ""},  # an empty row added by mistake is ignored
        {"no_nik_reason": "dokumen_hilang", "name": "Kartini", "sex": "P", "birth_date": "01/01/1950", "relationship_code": "orang_tua",
         "village_code": "18.72.05.1001", "vulnerable_groups": "lansia"})}
    resp = post_form(client, url, data)
    assert resp.status_code == 302, resp.get_data(as_text=True)
    hh = db.scalar(select(VictimHousehold).where(VictimHousehold.event_id == event.id))
    members = {v.person.name: v for v in hh.members}
    assert set(members) == {"Slamet", "Sri", "Adi", "Kartini"}
    assert members["Slamet"].person.birth_date.isoformat() == "1976-08-17"
    assert members["Sri"].person.village_code == "18.72.05.1002" and members["Sri"].person.address == "Jl. Kenanga 12"
    assert members["Sri"].person.sex == "P" and members["Sri"].relationship_code == "istri"
    assert members["Adi"].person.address == "Asrama Putra"  # the inherited address was editable
    assert members["Kartini"].person.village_code == "18.72.05.1001" and members["Kartini"].vulnerable_groups == ["lansia"]
    sri = db.get(Assessment, members["Sri"].assessment_id)
    assert sorted(sri.need_codes) == ["bencana_makanan", "bencana_sandang"]  # the head's needs
    page = client.get(resp.headers["Location"], follow_redirects=True).get_data(as_text=True)
    assert "Rumah tangga Slamet terdaftar: 4 orang." in page and "Margorejo" in page


def test_a_bad_row_keeps_nothing_and_says_which(logged_in, event, db):
    client, _ = logged_in("operator")
    url = f"/bencana/{event.id}/korban/baru"
    data = {**HEAD, **_members({"no_nik_reason": "dokumen_hilang", "name": "Sri", "sex": "P", "birth_date": "14/02/1980", "relationship_code": "istri"},
                               {"no_nik_reason": "dokumen_hilang", "name": "Adi", "birth_date": "31/02/2010", "relationship_code": "anak"})}
    resp = post_form(client, url, data)
    assert resp.status_code == 422
    html = resp.get_data(as_text=True)
    assert "Tanggal tidak ada di kalender." in html
    assert 'value="31/02/2010"' in html and 'value="Sri"' in html  # what was typed stays, row by row
    assert db.scalar(select(Victim)) is None  # the head was not kept either
    data["members-1001-birth_date"] = "2010"
    html = post_form(client, url, data).get_data(as_text=True)
    assert "Format tanggal harus DD/MM/YYYY" in html
    data.update({"members-1001-birth_date": "", "members-1001-nik": "12345"})  # the domain's reason, on that row
    resp = post_form(client, url, data)
    assert resp.status_code == 422 and db.scalar(select(Victim)) is None
    html = resp.get_data(as_text=True)
    row = html[html.index('id="members-1-nik"'):]  # rows come back renumbered from 0
    assert "NIK" in row[:1500] and 'class="error"' in row[:1500]


def test_member_form_on_household_page_starts_with_heads_address(logged_in, event, db):
    client, _ = logged_in("operator")
    resp = post_form(client, f"/bencana/{event.id}/korban/baru", HEAD)
    assert resp.status_code == 302
    html = client.get(resp.headers["Location"]).get_data(as_text=True)
    assert 'name="m-address" type="text" value="Jl. Kenanga 12"' in html
    assert 'name="m-village_code" type="hidden" value="18.72.05.1002"' in html


def test_family_rows_need_a_volunteer_of_the_event(logged_in, event, db):
    client, _ = logged_in("tagana")  # not deployed to this event
    url = f"/bencana/{event.id}/korban/baru"
    assert client.get(url).status_code == 404
    client.post(url, data={**HEAD, **_members({"no_nik_reason": "dokumen_hilang", "name": "Sri", "relationship_code": "istri"})})
    assert db.scalar(select(Victim)) is None


def test_family_rows_are_not_for_readers(logged_in, event, db):
    client, _ = logged_in("auditor")
    assert client.get(f"/bencana/{event.id}/korban/baru").status_code == 403


def test_region_search_by_name_is_scoped(logged_in, db):
    client, _ = logged_in("peksos", area="18.72.01")
    found = client.get("/wilayah/cari?q=metro").get_json()
    assert found and all(r["code"].startswith("18.72.01.") for r in found)  # only inside the user's area
    found = client.get("/wilayah/cari?q=margo&root=18.72.05").get_json()
    assert all(r["code"].startswith("18.72.01.") for r in found)  # a root outside the area is ignored
    assert client.get("/wilayah/cari?q=m").get_json() == []
    assert client.get("/wilayah/cari?q=%25%25").get_json() == []  # "%" is a character, not a wildcard



def test_region_search_finds_districts_and_villages_by_name(logged_in, db):
    client, _ = logged_in("operator")
    names = {r["name"] for r in client.get("/wilayah/cari?q=metro").get_json()}
    assert {"Metro Pusat", "Metro Selatan"} <= names
    found = client.get("/wilayah/cari?q=margod&root=18.72.05").get_json()
    assert [r["name"] for r in found] == ["Margodadi"] and "Metro Selatan" in found[0]["context"]


def test_a_family_row_without_nik_needs_its_reason(logged_in, event, db):
    client, _ = logged_in("operator")
    url = f"/bencana/{event.id}/korban/baru"
    resp = post_form(client, url, {**HEAD, **_members({"name": "Tanpa Alasan", "sex": "P", "age": "9",
                                                       "relationship_code": "anak"})})
    assert resp.status_code == 422 and "Tanpa NIK: pilih alasannya." in resp.get_data(as_text=True)
    assert db.scalar(select(VictimHousehold).where(VictimHousehold.event_id == event.id)) is None
