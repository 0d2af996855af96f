"""A TAGANA volunteer offline: register a victim household, hand out a family kit by a scanned card,
the second kit is caught on the device, reload offline, back online, and the server has it all once."""

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
    form.get_by_label("Jenis kelamin").select_option("L")
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
