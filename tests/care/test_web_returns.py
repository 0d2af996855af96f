"""Return home through the pages: plan, handover, printed record."""

from __future__ import annotations

from tests.care.pages import login_as
from tests.conftest import post_form


def test_return_home_pages(client, world, db):
    worker, c = world
    login_as(client, worker)
    bad = post_form(client, f"/layanan/kasus/{c.id}/pemulangan/baru",
                    {"kind": "stranded", "origin_region_code": "18.72", "destination_region_code": "00.00",
                     "transport": "Bus", "travel_on": "01/03/2026"})
    assert bad.status_code == 422 and "Kode wilayah tidak dikenal." in bad.get_data(as_text=True)
    resp = post_form(client, f"/layanan/kasus/{c.id}/pemulangan/baru",
                     {"kind": "stranded", "origin_region_code": "18.72", "destination_region_code": "18.71",
                      "transport": "Bus Puspa Jaya", "cost": "150000", "travel_on": "01/03/2026"})
    assert resp.status_code == 302
    url = resp.headers["Location"]
    done = post_form(client, url, {"which": "handover", "h-handed_over_on": "02/03/2026", "h-receiver_name": "Pak Lurah",
                                   "h-receiver_role": "village_official"}, follow_redirects=True)
    assert "Sudah diserahkan" in done.get_data(as_text=True)
    pdf = client.get(url + "/berita-acara.pdf")
    assert pdf.status_code == 200 and pdf.data.startswith(b"%PDF")
