"""The offline app on a tablet: a day without signal, then sync; a conflict resolved in the inbox."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.browser import TABLET_PORTRAIT, api_get, open_app, sign_in

pytestmark = pytest.mark.e2e


def take_caseload(page) -> None:
    page.get_by_role("button", name="Bawa beban kasus saya offline").click()
    page.get_by_text("Beban kasus tersimpan di perangkat").wait_for()


def test_a_day_offline_then_everything_arrives_once(tablet, live_server):
    sign_in(tablet, "peksos")
    open_app(tablet)
    take_caseload(tablet)
    tablet.context.set_offline(True)
    expect(tablet.get_by_text("Anda sedang offline")).to_be_visible()
    # register a person and open a case with an assessment
    tablet.get_by_role("button", name="Daftarkan orang").click()
    form = tablet.locator("#person-form")
    form.get_by_role("textbox", name="Nama", exact=True).fill("Wagiman Tanpa Sinyal")
    form.get_by_text("Laki-laki", exact=True).tap()  # sex as two large buttons, as on the web forms
    form.get_by_label("Tanggal lahir").fill("17/05/1944")
    form.get_by_label("Desa/kelurahan").select_option("18.72.01.1003")
    form.get_by_label("Alasan tanpa NIK").select_option("belum_terdaftar")  # no silent default
    form.get_by_label("Kategori PPKS").select_option("lanjut_usia_terlantar")
    form.get_by_role("button", name="Simpan di perangkat").click()
    expect(form.get_by_text("Pilih minimal satu kebutuhan.")).to_be_visible()  # checked on the device
    form.get_by_label("Penyediaan Permakanan").check()
    form.get_by_label("Penyediaan Sandang").check()
    form.get_by_role("button", name="Simpan di perangkat").click()
    expect(form.get_by_text("Catat persetujuan sebelum membuka kasus.")).to_be_visible()  # the consent, as on the web
    form.get_by_label("Persetujuan orang ini (atau walinya) sudah didapat").check()
    form.get_by_label("Persetujuan diberikan oleh").fill("yang bersangkutan")
    form.get_by_role("button", name="Simpan di perangkat").click()
    tablet.get_by_text("2 perubahan belum terkirim").wait_for()

    # record a delivery for the new person and one for a person of the downloaded caseload
    item = tablet.locator("li[data-person]", has_text="Wagiman Tanpa Sinyal")
    item.get_by_role("button", name="Catat layanan").click()
    delivery = tablet.locator("#delivery-form")
    delivery.get_by_label("Jenis layanan").select_option("permakanan")
    delivery.get_by_label("Jumlah").fill("3")
    delivery.get_by_role("button", name="Simpan layanan di perangkat").click()
    painem = tablet.locator("li[data-person]", has_text="Painem")
    painem.get_by_role("button", name="Catat layanan").click()
    delivery.get_by_label("Jenis layanan").select_option("permakanan")
    delivery.get_by_role("button", name="Simpan layanan di perangkat").click()
    tablet.get_by_text("4 perubahan belum terkirim").wait_for()

    # the tablet restarts without signal: the app and the outbox are still there
    tablet.reload()
    tablet.wait_for_selector("body[data-ready='1']")
    tablet.get_by_text("4 perubahan belum terkirim").wait_for()
    tablet.locator("li[data-person]", has_text="Wagiman Tanpa Sinyal").wait_for()
    assert tablet.evaluate("document.documentElement.scrollWidth") <= 800

    # signal returns: automatic sync
    tablet.context.set_offline(False)
    tablet.get_by_text("0 perubahan belum terkirim").wait_for(timeout=15000)
    expect(tablet.locator("#message")).to_have_text(re.compile("^" + re.escape("Sinkronisasi selesai: 4 diterima, 0 konflik")))  # set just after the counter
    tablet.get_by_role("button", name="Sinkronkan sekarang").click()  # again: nothing new, nothing doubled
    tablet.get_by_text("Sinkronisasi selesai: 0 diterima, 0 konflik").wait_for()

    load = api_get(live_server, "peksos", "/api/v1/sync/caseload")
    persons = {p["nama"]: p for p in load["persons"]}
    wagiman = persons["Wagiman Tanpa Sinyal"]
    assert (wagiman["kode_wilayah"], wagiman["tanggal_lahir"]) == ("18.72.01.1003", "1944-05-17")
    [case] = [c for c in load["cases"] if c["person_id"] == wagiman["id"]]
    assert case["kebutuhan"] == ["permakanan", "sandang"] and case["status"] == "assessment"
    assert [(d["layanan"], d["jumlah"]) for d in case["layanan"]] == [("permakanan", 3)]
    [painem_case] = [c for c in load["cases"] if c["person_id"] == persons["Painem"]["id"]]
    assert [d["layanan"] for d in painem_case["layanan"]] == ["permakanan"]
    assert tablet.js_errors == []


def test_two_tablets_conflict_and_the_supervisor_merges(browser, live_server):
    pages = []
    for _ in range(2):
        context = browser.new_context(viewport=TABLET_PORTRAIT, has_touch=True, base_url=live_server, locale="id-ID")
        page = context.new_page()
        sign_in(page, "peksos")
        open_app(page)
        take_caseload(page)
        page.context.set_offline(True)
        pages.append(page)
    first, second = pages
    for page, label, value in ((first, "Telepon", "0811-1111-222"), (second, "Alamat", "Jl. Cendana No. 9")):
        page.locator("li[data-person]", has_text="Kartosuwiryo").get_by_role("button", name="Ubah data").click()
        page.locator("#person-form").get_by_label(label).fill(value)
        page.locator("#person-form").get_by_role("button", name="Simpan di perangkat").click()
        page.get_by_text("1 perubahan belum terkirim").wait_for()
    first.context.set_offline(False)
    first.get_by_text("0 perubahan belum terkirim").wait_for(timeout=15000)
    second.context.set_offline(False)
    second.get_by_text("0 perubahan belum terkirim").wait_for(timeout=15000)
    second.get_by_text("Sinkronisasi selesai: 0 diterima, 1 konflik").wait_for()
    second.get_by_role("button", name="Antrean kirim").click()
    second.get_by_text("Konflik: Kartosuwiryo").wait_for()

    boss_context = browser.new_context(viewport=TABLET_PORTRAIT, has_touch=True, base_url=live_server,
                                       locale="id-ID")
    boss = boss_context.new_page()
    sign_in(boss, "supervisor")
    boss.goto("/sinkron/konflik?q=Kartosuwiryo")
    boss.get_by_role("link", name="Kartosuwiryo").click()
    assert boss.get_by_role("cell", name="0811-1111-222").count() >= 1
    boss.get_by_label("Pakai versi perangkat untuk Alamat").check()
    boss.on("dialog", lambda d: d.accept())
    boss.get_by_role("button", name="Simpan keputusan").click()
    expect(boss.get_by_text("Konflik diselesaikan.")).to_be_visible()
    load = api_get(live_server, "peksos", "/api/v1/sync/caseload")
    karto = next(p for p in load["persons"] if p["nama"] == "Kartosuwiryo")
    assert (karto["telepon"], karto["alamat"]) == ("0811-1111-222", "Jl. Cendana No. 9")
    for page in pages + [boss]:
        page.context.close()
