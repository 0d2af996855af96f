"""Referrals through the pages: the letter, its QR, the public verification page and answer link."""

from __future__ import annotations

import re

from sqlalchemy import select

from service.care import referrals
from service.care.models.deliveries import Delivery
from service.care.models.referrals import Referral
from service.core import clock
from tests import factories as f
from tests.care.pages import login_as, pdf_text
from tests.conftest import csrf_from, post_form


def test_referral_letter_link_and_verification(client, world, db):
    worker, c = world
    name = c.person.name
    inst = f.institution(name="RSUD Jend. Ahmad Yani")
    db.commit()
    login_as(client, worker)
    resp = post_form(client, f"/layanan/kasus/{c.id}/rujukan/baru",
                     {"institution_id": str(inst.id), "reason": "Perlu rawat inap", "summary": "Sesak napas",
                      "consent_checked": "y"})
    assert resp.status_code == 302
    ref = db.scalar(select(Referral).where(Referral.case_id == c.id))
    page = f"/layanan/rujukan/{ref.id}"
    assert post_form(client, f"{page}/kirim", {}, form_page=page).status_code == 302
    db.expire_all()
    ref = db.get(Referral, ref.id)
    assert ref.status == "sent" and ref.letter_number
    pdf = client.get(f"{page}/surat.pdf")
    assert pdf.status_code == 200 and pdf.data.startswith(b"%PDF")
    text = pdf_text(pdf.data)
    assert ref.letter_number in text and "RSUD Jend. Ahmad Yani" in text
    # long URLs wrap anywhere in the PDF's text: join the pieces (token lengths are fixed)
    flat = re.sub(r"\s", "", text)
    answer_url = re.search(r"/rujukan/jawab/[A-Za-z0-9_-]{43}", flat).group(0)
    verify_url = re.search(r"/verifikasi/surat/[A-Za-z0-9_-]{16}", flat).group(0)
    assert verify_url == f"/verifikasi/surat/{ref.verify_code}"
    # the public pages: a fresh client without login
    anon = client.application.test_client()
    ok = anon.get(verify_url)
    body = ok.get_data(as_text=True)
    assert ok.status_code == 200 and "Surat ini asli dan terdaftar." in body and ref.letter_number in body
    assert name not in body and "Sesak" not in body
    forged = anon.get(verify_url[:-3] + "zzz")
    assert forged.status_code == 404 and "Surat tidak terdaftar" in forged.get_data(as_text=True)
    form = anon.get(answer_url)
    assert form.status_code == 200 and name not in form.get_data(as_text=True)
    bad = anon.post(answer_url, data={"csrf_token": csrf_from(form.get_data(as_text=True)), "decision": "decline",
                                      "responder": "dr. Sari"})
    assert bad.status_code == 422 and "Alasan penolakan wajib diisi." in bad.get_data(as_text=True)
    done = anon.post(answer_url, data={"csrf_token": csrf_from(form.get_data(as_text=True)), "decision": "accept",
                                       "responder": "dr. Sari, IGD"})
    assert done.status_code == 200 and "Diterima" in done.get_data(as_text=True)
    again = anon.get(answer_url)
    assert again.status_code == 410 and "sudah digunakan" in again.get_data(as_text=True)
    assert anon.get("/rujukan/jawab/tidak-dikenal").status_code == 404
    # staff complete it: the rujukan delivery appears
    resp = post_form(client, f"{page}/selesai", {"c-completed_on": clock.today().strftime("%d/%m/%Y")},
                     form_page=page)
    assert resp.status_code == 302
    assert db.scalar(select(Delivery).where(Delivery.case_id == c.id, Delivery.service_type_code == "rujukan"))


def test_letter_qr_encodes_the_verification_url(app, world, db):
    from blueprints.care.letters import qr_data_uri, render_letter_html
    from service.core import settings

    _, c = world
    ref = f.referral(c)
    token = referrals.send_referral(ref)
    settings.put("office.base_url", "https://lindung.metrokota.go.id/")
    # The QR carries the office's configured address, not the Host the request came with.
    with app.test_request_context("/", base_url="http://attacker.example"):
        html = render_letter_html(ref, token)
        verify_url = f"https://lindung.metrokota.go.id/verifikasi/surat/{ref.verify_code}"
        assert qr_data_uri(verify_url) in html  # the QR is exactly this URL, generated offline
        assert qr_data_uri(verify_url + "x") not in html
    assert "data:image/svg+xml;base64," in html and "http" not in html.split("data:image/svg+xml;base64,")[1][:200]
    assert c.person.nik is None or c.person.nik not in html


def test_referral_without_consent_cannot_be_sent(client, world, db):
    worker, c = world
    ref = f.referral(c, consent=False)
    db.commit()
    login_as(client, worker)
    page = f"/layanan/rujukan/{ref.id}"
    resp = post_form(client, f"{page}/kirim", {}, form_page=page, follow_redirects=True)
    assert "Persetujuan orang yang dirujuk" in resp.get_data(as_text=True)
    db.expire_all()
    assert db.get(Referral, ref.id).status == "draft"


def test_staff_record_a_decline_and_referral_denials(client, world, db, make_user):
    worker, c = world
    ref = f.referral(c)
    referrals.send_referral(ref)
    number = ref.letter_number
    db.commit()
    other = make_user("peksos", "18.72.05")
    login_as(client, other)
    assert client.get(f"/layanan/rujukan/{ref.id}").status_code == 403
    assert number not in client.get("/layanan/rujukan").get_data(as_text=True)
    client.post("/keluar", data={"csrf_token": csrf_from(client.get("/layanan/").get_data(as_text=True))})
    login_as(client, worker)
    page = f"/layanan/rujukan/{ref.id}"
    bad = post_form(client, f"{page}/jawaban", {"ans-decision": "decline", "ans-responder": "Admisi"}, form_page=page)
    assert bad.status_code == 422 and "Alasan penolakan wajib diisi." in bad.get_data(as_text=True)
    post_form(client, f"{page}/jawaban", {"ans-decision": "decline", "ans-responder": "Admisi",
                                          "ans-decline_reason": "Kamar penuh"}, form_page=page)
    db.expire_all()
    assert db.get(Referral, ref.id).status == "declined"
    html = client.get("/layanan/rujukan?status=declined").get_data(as_text=True)
    assert number in html


def test_letter_without_stored_copy_is_printed_again_without_link(client, world, db):
    worker, c = world
    ref = f.referral(c)
    referrals.send_referral(ref)
    rid = ref.id
    db.commit()
    login_as(client, worker)
    pdf = client.get(f"/layanan/rujukan/{rid}/surat.pdf")
    assert pdf.status_code == 200 and pdf.data.startswith(b"%PDF")
    assert "/rujukan/jawab/" not in pdf_text(pdf.data)
    draft = f.referral(c)
    db.commit()
    assert client.get(f"/layanan/rujukan/{draft.id}/surat.pdf").status_code == 404


def test_new_answer_link_replaces_the_old_one(client, world, db):
    worker, c = world
    ref = f.referral(c)
    old = referrals.send_referral(ref)
    rid = ref.id
    db.commit()
    login_as(client, worker)
    page = f"/layanan/rujukan/{rid}"
    resp = post_form(client, f"{page}/tautan-baru", {}, form_page=page, follow_redirects=True)
    assert "Tautan jawaban baru dibuat" in resp.get_data(as_text=True)
    assert client.application.test_client().get(f"/rujukan/jawab/{old}").status_code == 404
    text = pdf_text(client.get(f"{page}/surat.pdf").data)
    assert "/rujukan/jawab/" in text
