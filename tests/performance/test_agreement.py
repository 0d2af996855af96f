"""Perjanjian Kinerja: the year's IKU targets signed by the head of office, a PDF, who and when."""

from __future__ import annotations

from service.core import settings
from service.performance import agreement, demo, indicators
from tests.conftest import post_form


def test_head_of_office_signs_once_and_the_signed_targets_stay(db, logged_in, app, make_user):
    settings.put("office.head_name", "Drs. Hendra Wijaya, M.Si.")
    settings.put("office.head_nip", "197001011990031001")
    demo.seed_indicators()
    db.commit()
    supervisor = app.test_client()
    from tests.conftest import login

    login(supervisor, make_user("supervisor").username)
    assert post_form(supervisor, "/kinerja/perjanjian/tandatangani?year=2026", {},
                     form_page="/kinerja/perjanjian?year=2026").status_code == 403
    client, head = logged_in("pimpinan")
    page = client.get("/kinerja/perjanjian?year=2026").get_data(as_text=True)
    assert "Belum ditandatangani" in page and "Persentase PPKS yang tertangani" in page
    assert "Rata-rata waktu" not in page  # not an IKU
    resp = post_form(client, "/kinerja/perjanjian/tandatangani?year=2026", {}, form_page="/kinerja/perjanjian?year=2026")
    assert resp.status_code == 302
    pk = agreement.get(2026)
    assert pk.signed_by_id == head.id and pk.signer_nip == "197001011990031001"
    assert pk.targets == [{"code": "IKU-01", "name": "Persentase PPKS yang tertangani", "unit": "%",
                           "polarity": "positive", "pk_target": "80"}]
    indicators.set_targets(indicators.get_indicator("IKU-01"), 2026, "75", "90")  # a later edit
    assert agreement.get(2026).targets[0]["pk_target"] == "80"
    html = client.get("/kinerja/perjanjian?year=2026").get_data(as_text=True)
    assert "Ditandatangani" in html and ">80<" in html
    again = post_form(client, "/kinerja/perjanjian/tandatangani?year=2026", {}, follow_redirects=True,
                      form_page="/kinerja/perjanjian?year=2026")
    assert "sudah ditandatangani" in again.get_data(as_text=True)
    pdf = client.get("/kinerja/perjanjian.pdf?year=2026")
    assert pdf.status_code == 200 and pdf.data.startswith(b"%PDF-")


def test_nothing_to_sign_without_pk_targets(db, logged_in):
    client, _ = logged_in("pimpinan")
    resp = post_form(client, "/kinerja/perjanjian/tandatangani?year=2027", {}, follow_redirects=True,
                     form_page="/kinerja/perjanjian?year=2027")
    assert "Belum ada IKU dengan target" in resp.get_data(as_text=True) and agreement.get(2027) is None
    assert client.get("/kinerja/perjanjian.pdf?year=2027").data.startswith(b"%PDF-")  # a draft prints
