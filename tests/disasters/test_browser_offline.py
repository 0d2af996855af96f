"""A TAGANA volunteer offline: register a victim household, hand out a family kit by a scanned card,
the second kit is caught on the device, reload offline, back online, and the server has it all once;
a household head with family rows (one operation per person, a bad birth date refused on the device,
a member the server rejects kept in the outbox with its reason)."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.browser import api_get, open_app

pytestmark = pytest.mark.e2e


def server_state(base: str, event_id: str) -> dict:
    report = api_get(base, "supervisor", f"/api/v1/disasters/{event_id}/report")
    stock = api_get(base, "supervisor", "/api/v1/stock")["items"]
    events = api_get(base, "supervisor", "/api/v1/sync/events")["events"]
    return {
        "sandang": {r["code"]: r["persons"] for r in report["spm"]}["bencana_sandang"],
        "kits": sum(r["quantity"] for r in stock if r["item"] == "family_kit"),
        "dists": api_get(base, "supervisor", f"/api/v1/disasters/{event_id}/distributions?per_page=100")["items"],
        "households": {h["kepala"]: h for e in events if e["id"] == event_id for h in e["households"]},
    }


def test_tagana_offline_registration_and_distribution_with_card(tablet, live_server):
    [event] = [e for e in api_get(live_server, "supervisor", "/api/v1/disasters")["items"]
               if e["name"].startswith("Banjir Metro Selatan")]
    card = next(c for c in api_get(live_server, "supervisor", f"/api/v1/disasters/{event['id']}/cards")["items"]
                if c["holder"] == "Ponirah")
    before = server_state(live_server, event["id"])

    from tests.browser import sign_in

    sign_in(tablet, "tagana")
    open_app(tablet)
    tablet.get_by_role("button", name="Bencana").click()
    tablet.get_by_role("button", name="Bawa kejadian saya offline").click()
    tablet.get_by_text("Kejadian tersimpan di perangkat: 1 kejadian").wait_for()
    tablet.context.set_offline(True)
    expect(tablet.get_by_text("Anda sedang offline")).to_be_visible()

    # a new victim household
    tablet.get_by_role("button", name="Daftarkan KK korban").click()
    form = tablet.locator("#victim-form")
    form.get_by_role("button", name="Simpan korban di perangkat").click()
    expect(form.get_by_text("Wajib diisi.").first).to_be_visible()  # checked on the device
    form.get_by_role("textbox", name="Nama", exact=True).fill("Sukirman Luapan")
    form.get_by_text("Laki-laki", exact=True).tap()  # two large buttons, not a select
    form.get_by_label("Tanggal lahir").fill("02/04/1971")
    form.get_by_label("Desa/kelurahan").select_option("18.72.05.1002")
    form.get_by_label("Kerusakan rumah").select_option("rusak_berat")
    form.get_by_role("button", name="Simpan korban di perangkat").click()
    expect(form.get_by_text("Tanpa NIK: pilih alasannya.")).to_be_visible()  # checked on the device
    form.get_by_label("Alasan tanpa NIK").select_option("dokumen_hilang")
    form.get_by_role("button", name="Simpan korban di perangkat").click()
    tablet.get_by_text("1 perubahan belum terkirim").wait_for()
    expect(tablet.locator("li[data-household]", has_text="Sukirman Luapan")).to_be_visible()

    # a family kit by the scanned card (typed: headless Chromium has no camera; the same code path)
    tablet.get_by_role("button", name="Bagikan bantuan").first.click()
    dist = tablet.locator("#dist-form")
    dist.get_by_label("Kode kartu (hasil pindai)").fill(card["token"])
    expect(dist.get_by_text("Tanda tangan kartu sah: Ponirah")).to_be_visible()
    dist.get_by_label("Barang").select_option("family_kit")
    dist.get_by_role("button", name="Simpan distribusi di perangkat").click()
    tablet.get_by_text("2 perubahan belum terkirim").wait_for()

    # the same kit again: caught on the device, needs a reason
    tablet.get_by_role("button", name="Bagikan bantuan").first.click()
    dist.get_by_label("Kode kartu (hasil pindai)").fill(card["token"])
    dist.get_by_label("Barang").select_option("family_kit")
    dist.get_by_role("button", name="Simpan distribusi di perangkat").click()
    expect(dist.get_by_text("Family kit sudah diberikan untuk kejadian ini")).to_be_visible()
    tablet.get_by_text("2 perubahan belum terkirim").wait_for()
    dist.get_by_label("Alasan pengecualian").fill("Dua keluarga dalam satu rumah")
    dist.get_by_role("button", name="Simpan distribusi di perangkat").click()
    tablet.get_by_text("3 perubahan belum terkirim").wait_for()

    # restart without signal: the outbox and the events are still there
    tablet.reload()
    tablet.wait_for_selector("body[data-ready='1']")
    tablet.get_by_text("3 perubahan belum terkirim").wait_for()
    tablet.get_by_role("button", name="Bencana").click()
    expect(tablet.locator("li[data-household]", has_text="Sukirman Luapan")).to_be_visible()
    assert tablet.evaluate("document.documentElement.scrollWidth") <= 800

    tablet.context.set_offline(False)
    tablet.get_by_text("0 perubahan belum terkirim").wait_for(timeout=15000)
    expect(tablet.locator("#message")).to_have_text(re.compile("^" + re.escape("Sinkronisasi selesai: 3 diterima, 0 konflik")))  # set just after the counter

    after = server_state(live_server, event["id"])
    assert set(after["households"]) - set(before["households"]) == {"Sukirman Luapan"}
    new = [d for d in after["dists"] if d["id"] not in {x["id"] for x in before["dists"]}]
    ponirah = before["households"]["Ponirah"]["id"]
    assert sorted((d["item"], d["household_id"], d["card_serial"] is not None, d["override_reason"] or "") for d in new) == [
        ("family_kit", ponirah, True, ""), ("family_kit", ponirah, True, "Dua keluarga dalam satu rumah")]
    assert after["kits"] == before["kits"] - 2
    members = len(before["households"]["Ponirah"]["anggota"])
    assert after["sandang"] == before["sandang"] + members
    assert tablet.js_errors == []


def go_offline_to_new_household(tablet):
    from tests.browser import sign_in

    sign_in(tablet, "tagana")
    open_app(tablet)
    tablet.get_by_role("button", name="Bencana").click()
    tablet.get_by_role("button", name="Bawa kejadian saya offline").click()
    tablet.get_by_text("Kejadian tersimpan di perangkat: 1 kejadian").wait_for()
    tablet.context.set_offline(True)
    expect(tablet.get_by_text("Anda sedang offline")).to_be_visible()
    tablet.get_by_role("button", name="Daftarkan KK korban").click()
    return tablet.locator("#victim-form")


def fill_head(tablet, form, name: str) -> None:
    form.locator("#v-nama").fill(name)
    form.get_by_text("Laki-laki", exact=True).tap()
    form.get_by_label("Tanggal lahir").first.click()
    tablet.keyboard.type("05061970")
    expect(form.get_by_label("Tanggal lahir").first).to_have_value("05/06/1970")  # the slashes appear
    form.locator("#v-desa").select_option("18.72.05.1003")
    form.locator("#v-alamat").fill("Jl. Tanggul 7 RT 02")
    form.locator("#v-alasan").select_option("dokumen_hilang")
    form.get_by_label("Kerusakan rumah").select_option("rusak_berat")


def add_member(tablet, form, index: int, name: str, sex: str, born: str, nik: str = ""):
    form.get_by_role("button", name="Tambah anggota keluarga").tap()
    row = form.locator("[data-member-row]").nth(index)
    expect(row.get_by_label("Nama")).to_be_focused()  # straight into the new row
    tablet.keyboard.type(name)
    row.get_by_text(sex, exact=True).tap()
    row.get_by_label("Tanggal lahir").fill(born)
    if nik:
        row.get_by_label("NIK", exact=True).fill(nik)
    else:
        row.get_by_label("Alasan tanpa NIK").select_option("belum_terdaftar")
    return row


def family_on_server(base: str, event_id: str, head: str) -> list[dict]:
    victims, number = [], 1
    while True:
        got = api_get(base, "supervisor", f"/api/v1/disasters/{event_id}/victims?per_page=200&page={number}")
        victims += got["items"]
        if len(got["items"]) < 200:
            break
        number += 1
    [hh] = {v["household_id"] for v in victims if v["name"] == head}
    return [v for v in victims if v["household_id"] == hh]


def banjir_event(base: str) -> dict:
    return next(e for e in api_get(base, "supervisor", "/api/v1/disasters")["items"]
                if e["name"].startswith("Banjir Metro Selatan"))


def test_tagana_offline_registers_a_family_in_one_form(tablet, live_server):
    event = banjir_event(live_server)
    form = go_offline_to_new_household(tablet)
    fill_head(tablet, form, "Rusdi Bantaran")
    wife = add_member(tablet, form, 0, "Marni Bantaran", "Perempuan", "31/02/1990")
    expect(wife.get_by_label("Hubungan dengan kepala keluarga")).to_have_value("istri")  # the head is a man
    wife.get_by_text("Alamat dan desa/kelurahan").click()
    expect(wife.get_by_label("Alamat")).to_have_value("Jl. Tanggul 7 RT 02")  # inherited, editable
    expect(wife.get_by_label("Desa/kelurahan")).to_have_value("18.72.05.1003")
    child = add_member(tablet, form, 1, "Tono Bantaran", "Laki-laki", "12/08/2015")
    child.get_by_label("Hubungan dengan kepala keluarga").select_option("anak")

    # a birth date that is not in the calendar, then one in the future: refused beside the row's field
    form.get_by_role("button", name="Simpan korban di perangkat").click()
    expect(wife.get_by_text("Tanggal ini tidak ada di kalender: periksa hari dan bulannya.")).to_be_visible()
    expect(form.get_by_text("Periksa baris anggota keluarga yang ditandai.")).to_be_visible()
    expect(wife.get_by_label("Tanggal lahir")).to_be_focused()
    wife.get_by_label("Tanggal lahir").fill("01/01/2099")
    form.get_by_role("button", name="Simpan korban di perangkat").click()
    expect(wife.get_by_text("Tanggal tidak boleh di masa depan.")).to_be_visible()
    tablet.get_by_text("0 perubahan belum terkirim").wait_for()  # nothing queued while a row is wrong
    wife.get_by_label("Tanggal lahir").fill("14/02/1992")
    form.get_by_role("button", name="Simpan korban di perangkat").click()
    expect(tablet.locator("#message")).to_have_text(
        "Keluarga Rusdi Bantaran tersimpan di perangkat: 3 orang. Akan dikirim saat online.")
    tablet.get_by_text("3 perubahan belum terkirim").wait_for()
    expect(tablet.locator("li[data-household]", has_text="Rusdi Bantaran")).to_contain_text("3 jiwa")

    tablet.context.set_offline(False)
    tablet.get_by_text("0 perubahan belum terkirim").wait_for(timeout=15000)
    expect(tablet.locator("#message")).to_have_text(re.compile("^" + re.escape("Sinkronisasi selesai: 3 diterima, 0 konflik")))
    family = family_on_server(live_server, event["id"], "Rusdi Bantaran")
    assert sorted((v["name"], v["relationship"]) for v in family) == [
        ("Marni Bantaran", "istri"), ("Rusdi Bantaran", "kepala_keluarga"), ("Tono Bantaran", "anak")]
    persons = {v["name"]: api_get(live_server, "kadis", f"/api/v1/persons/{v['person_id']}") for v in family}
    assert {p["village_code"] for p in persons.values()} == {"18.72.05.1003"}
    assert {p["address"] for p in persons.values()} == {"Jl. Tanggul 7 RT 02"}
    assert (persons["Marni Bantaran"]["sex"], persons["Marni Bantaran"]["birth_date"]) == ("P", "1992-02-14")
    assert persons["Tono Bantaran"]["sex"] == "L"
    assert tablet.evaluate("document.documentElement.scrollWidth") <= 800
    assert tablet.js_errors == []


def test_a_member_without_a_birth_date_gets_an_age_and_their_own_vulnerable_groups(tablet, live_server):
    import datetime as dt

    event = banjir_event(live_server)
    form = go_offline_to_new_household(tablet)
    fill_head(tablet, form, "Karto Sungai")
    grandma = add_member(tablet, form, 0, "Mbah Sainem", "Perempuan", "")
    grandma.get_by_label("Hubungan dengan kepala keluarga").select_option("orang_tua")
    grandma.get_by_label("Perkiraan umur (tahun)").fill("150")  # nobody knows her birth date; a slip of the finger
    form.get_by_role("button", name="Simpan korban di perangkat").click()
    expect(grandma.get_by_text("Perkiraan umur harus angka 0–120.")).to_be_visible()
    expect(grandma.get_by_label("Perkiraan umur (tahun)")).to_be_focused()
    tablet.get_by_text("0 perubahan belum terkirim").wait_for()
    grandma.get_by_label("Perkiraan umur (tahun)").fill("72")
    lansia = grandma.get_by_label("Lanjut usia")
    lansia.tap()
    expect(lansia).to_be_checked()
    box = lansia.locator("xpath=..").bounding_box()  # the whole label is the touch target
    assert box and box["height"] >= 44
    form.get_by_role("button", name="Simpan korban di perangkat").click()
    expect(tablet.locator("#message")).to_have_text(
        "Keluarga Karto Sungai tersimpan di perangkat: 2 orang. Akan dikirim saat online.")

    tablet.context.set_offline(False)
    tablet.get_by_text("0 perubahan belum terkirim").wait_for(timeout=15000)
    family = {v["name"]: v for v in family_on_server(live_server, event["id"], "Karto Sungai")}
    assert family["Mbah Sainem"]["vulnerable_groups"] == ["lansia"]  # her own, not the head's
    assert family["Karto Sungai"]["vulnerable_groups"] == []
    person = api_get(live_server, "kadis", f"/api/v1/persons/{family['Mbah Sainem']['person_id']}")
    assert person["birth_date_estimated"] is True
    assert person["birth_date"] == f"{dt.date.today().year - 72}-07-01"  # the "umur 72" convention
    assert tablet.js_errors == []


def test_a_member_the_server_rejects_stays_in_the_outbox_with_the_reason(tablet, live_server):
    event = banjir_event(live_server)
    form = go_offline_to_new_household(tablet)
    fill_head(tablet, form, "Joko Tanggul")
    add_member(tablet, form, 0, "Wati Tanggul", "Perempuan", "03/03/1985")
    # the NIK of Sutrisno, already a victim of this event: the device cannot know, the server refuses
    add_member(tablet, form, 1, "Budi Tanggul", "Laki-laki", "04/04/2010", nik="1872051403750001")
    form.get_by_role("button", name="Simpan korban di perangkat").click()
    tablet.get_by_text("3 perubahan belum terkirim").wait_for()

    tablet.context.set_offline(False)
    tablet.get_by_text("1 perubahan belum terkirim").wait_for(timeout=15000)
    expect(tablet.locator("#message")).to_have_text(re.compile(
        "^" + re.escape("Sinkronisasi selesai: 2 diterima, 0 konflik, 1 perlu diperbaiki")))
    tablet.get_by_role("button", name="Antrean kirim").click()
    entry = tablet.locator("#outbox-list li[data-op]")
    expect(entry).to_have_count(1)
    expect(entry).to_contain_text("Budi Tanggul")
    expect(entry).to_contain_text("perlu diperbaiki")
    expect(entry.locator("p.error")).not_to_have_count(0)  # the server's reason, in words
    reason = entry.locator("p.error").first.inner_text()
    assert reason.strip() and "_" not in reason, reason
    assert sorted(v["name"] for v in family_on_server(live_server, event["id"], "Joko Tanggul")) == [
        "Joko Tanggul", "Wati Tanggul"]

    # Perbaiki: the member's own form (joining the head's household), the NIK replaced by a reason
    entry.get_by_role("button", name="Perbaiki").click()
    expect(form.locator("#v-family")).to_be_hidden()
    form.locator("#v-nik").fill("")
    form.locator("#v-alasan").select_option("belum_terdaftar")
    form.get_by_role("button", name="Simpan korban di perangkat").click()
    tablet.get_by_text("0 perubahan belum terkirim").wait_for(timeout=15000)
    assert sorted(v["name"] for v in family_on_server(live_server, event["id"], "Joko Tanggul")) == [
        "Budi Tanggul", "Joko Tanggul", "Wati Tanggul"]
    assert tablet.js_errors == []
