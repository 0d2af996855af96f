"""Family tracing, reunification, visits and the reunification PDF through the pages."""

from __future__ import annotations

from service.care import tracing
from tests.care.pages import login_as
from tests.conftest import post_form


def test_tracing_through_the_pages(client, world, db):
    worker, c = world
    login_as(client, worker)
    url = f"/layanan/kasus/{c.id}/penelusuran"
    assert post_form(client, url, {"which": "open", "o-opened_on": "01/02/2026"}).status_code == 302
    assert post_form(client, url, {"which": "contact", "c-name": "Sri", "c-relationship": "Adik"}).status_code == 302
    assert post_form(client, url, {"which": "attempt", "a-attempted_on": "03/02/2026", "a-channel": "phone",
                                   "a-result": "Tersambung"}).status_code == 302
    bad = post_form(client, url, {"which": "status", "s-status": "verified"})
    assert bad.status_code == 422  # searching → verified is not offered
    for step in ("found",):
        assert post_form(client, url, {"which": "status", "s-status": step}).status_code == 302
    t = tracing.tracing_for(c)
    tracing.set_status(t, "verified")
    db.commit()
    resp = post_form(client, url, {"which": "reunify", "r-reunified_on": "10/02/2026", "r-relative_name": "Sri",
                                   "r-relationship": "Adik", "r-place": "Rumah keluarga"}, follow_redirects=True)
    html = resp.get_data(as_text=True)
    assert "Sudah dipertemukan" in html and "10/03/2026" in html and "Terlewat" in html
    visit = t.reunification.visits[0] if t.reunification else tracing.tracing_for(c).reunification.visits[0]
    bad = post_form(client, f"/layanan/kunjungan/{visit.id}", {"v1-visited_on": "01/01/2026", "v1-outcome": "good"},
                    form_page=url)
    assert bad.status_code == 422 and "Kunjungan tidak boleh sebelum tanggal reunifikasi." in bad.get_data(as_text=True)
    pdf = client.get(f"/layanan/kasus/{c.id}/reunifikasi.pdf")
    assert pdf.status_code == 200 and pdf.data.startswith(b"%PDF")


def test_tracing_denied_to_operator_and_other_area(logged_in, world):
    _, c = world
    client, _ = logged_in("operator")
    assert client.get(f"/layanan/kasus/{c.id}/penelusuran").status_code == 200
    resp = post_form(client, f"/layanan/kasus/{c.id}/penelusuran", {"which": "open", "o-opened_on": "01/02/2026"})
    assert resp.status_code == 403
