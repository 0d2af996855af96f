"""The protection pages: the main flow through the forms, and who may not use them."""

from __future__ import annotations

import io

from service.protection import batches, cemetery, programmes
from service.protection.models import (
    CivilDocument,
    DtksBatch,
    DtksProposal,
    GraveMaintenance,
    PbiRecommendation,
)
from service.registry import households as reg_households
from tests import factories as f
from tests.conftest import post_form
from tests.protection.conftest import TODAY, approved_batch, proposal


def _logout(client):
    with client.session_transaction() as sess:
        sess.clear()


def _two_areas(db):
    north = proposal(p=f.person(nama="Warga Pusat", nik="1872014101500011", kode_wilayah="18.72.01.1001"))
    south = proposal(p=f.person(nama="Warga Selatan", nik="1872054101500012", kode_wilayah="18.72.05.1001"))
    db.commit()
    return north, south


def test_operator_proposes_adds_evidence_and_the_head_approves_the_batch(logged_in, client, db, make_user):
    p = f.person(nama="Mbok Sainem", nik="1872014101500021")
    db.commit()
    _c, _u = logged_in("operator")
    resp = post_form(client, "/perlindungan/usulan/baru", {"nik": "1872014101500021", "kind": "new",
                                                           "reason": "Lansia tunggal", "proposed_on": "01/12/2026"})
    assert resp.status_code == 302, resp.get_data(as_text=True)
    prop = db.query(DtksProposal).filter_by(person_id=p.id).one()
    page = client.get(f"/perlindungan/usulan/{prop.id}").get_data(as_text=True)
    assert "Mbok Sainem" in page and "Lampirkan berita acara" in page
    resp = post_form(client, f"/perlindungan/usulan/{prop.id}/bukti",
                     {"ev-kind": "home_visit", "ev-held_on": "01/12/2026", "ev-officer": "Agus"},
                     form_page=f"/perlindungan/usulan/{prop.id}")
    assert resp.status_code == 302
    db.expire_all()
    assert db.get(DtksProposal, prop.id).status == "verified"
    resp = post_form(client, "/perlindungan/berkas", {"period": "2026-12"})
    batch = db.query(DtksBatch).filter_by(period="2026-12").one()
    assert resp.status_code == 302
    resp = post_form(client, f"/perlindungan/berkas/{batch.id}/tambah", {"add-proposals": [str(prop.id)]},
                     form_page=f"/perlindungan/berkas/{batch.id}")
    assert resp.status_code == 302
    resp = post_form(client, f"/perlindungan/berkas/{batch.id}/ajukan", {}, form_page=f"/perlindungan/berkas/{batch.id}")
    db.expire_all()
    assert db.get(DtksBatch, batch.id).status == "submitted"
    # the operator cannot approve; the head of office can
    assert post_form(client, f"/perlindungan/berkas/{batch.id}/setujui", {},
                     form_page=f"/perlindungan/berkas/{batch.id}").status_code == 403
    _logout(client)
    logged_in("pimpinan")
    page = client.get(f"/perlindungan/berkas/{batch.id}").get_data(as_text=True)
    assert "Setujui berkas" in page
    assert post_form(client, f"/perlindungan/berkas/{batch.id}/setujui", {},
                     form_page=f"/perlindungan/berkas/{batch.id}").status_code == 302
    db.expire_all()
    assert db.get(DtksBatch, batch.id).status == "approved"


def test_ministry_upload_file_is_the_same_in_both_languages(logged_in, client, db):
    """The SIKS-NG upload columns are the ministry's fixed field names, whatever language the operator reads."""
    from openpyxl import load_workbook

    from tests.conftest import choose_language

    batch = approved_batch(props=[proposal(), proposal()])
    db.commit()
    logged_in("operator")
    url = f"/perlindungan/berkas/{batch.id}/unduh"
    csv_id, xlsx_id = client.get(url + ".csv").data, client.get(url + ".xlsx").data
    choose_language(client, "en")
    assert "Approve" in client.get(f"/perlindungan/berkas/{batch.id}").get_data(as_text=True)  # the page is English
    assert client.get(url + ".csv").data == csv_id
    sheets = [[list(r) for r in load_workbook(io.BytesIO(x)).active.iter_rows(values_only=True)]
              for x in (xlsx_id, client.get(url + ".xlsx").data)]
    assert sheets[0] == sheets[1] and "ID_USULAN" in sheets[1][2]


def test_export_and_the_ministry_answer_file_on_the_batch_page(logged_in, client, db):
    a, b = proposal(), proposal()
    batch = approved_batch(props=[a, b])
    db.commit()
    logged_in("operator")
    resp = client.get(f"/perlindungan/berkas/{batch.id}/unduh.csv")
    assert resp.status_code == 200 and "ID_USULAN" in resp.get_data(as_text=True)
    assert "attachment" in resp.headers["Content-Disposition"]
    assert client.get(f"/perlindungan/berkas/{batch.id}/unduh.xlsx").status_code == 200
    bad = f"ID_USULAN,HASIL\n{a.id},DITERIMA\nbukan-id,DITOLAK\n".encode()
    resp = post_form(client, f"/perlindungan/berkas/{batch.id}/jawaban",
                     {"up-file": (io.BytesIO(bad), "jawaban.csv")}, form_page=f"/perlindungan/berkas/{batch.id}",
                     content_type="multipart/form-data")
    assert resp.status_code == 422 and "Baris 3" in resp.get_data(as_text=True)
    db.expire_all()
    assert db.get(DtksProposal, a.id).answer is None  # nothing half-written
    good = f"ID_USULAN,HASIL,ALASAN\n{a.id},DITERIMA,\n{b.id},DITOLAK,Data ganda\n".encode()
    resp = post_form(client, f"/perlindungan/berkas/{batch.id}/jawaban",
                     {"up-file": (io.BytesIO(good), "jawaban.csv")}, form_page=f"/perlindungan/berkas/{batch.id}",
                     content_type="multipart/form-data")
    assert resp.status_code == 302
    page = client.get(f"/perlindungan/berkas/{batch.id}").get_data(as_text=True)
    assert "Sudah dijawab kementerian" in page and "Data ganda" in page


def test_peksos_sees_only_their_area_and_tagana_sees_nothing(logged_in, client, db):
    north, south = _two_areas(db)
    logged_in("peksos", "18.72.01")
    html = client.get("/perlindungan/usulan").get_data(as_text=True)
    assert "Warga Pusat" in html and "Warga Selatan" not in html
    assert "187201**********" in html and "1872014101500011" not in html  # NIK masked in lists
    assert client.get(f"/perlindungan/usulan/{south.id}").status_code == 404
    assert client.get(f"/perlindungan/usulan/{north.id}").status_code == 200
    batch = approved_batch(props=[north, south])
    db.commit()
    html = client.get(f"/perlindungan/berkas/{batch.id}").get_data(as_text=True)
    assert "Warga Pusat" in html and "Warga Selatan" not in html and "Unduh CSV" not in html
    resp = post_form(client, "/perlindungan/usulan/baru", {"nik": "1872054101500012", "kind": "update",
                                                           "reason": "x"})
    assert resp.status_code == 422 and "wilayah Anda" in resp.get_data(as_text=True)
    _logout(client)
    logged_in("tagana")
    for url in ("/perlindungan", "/perlindungan/usulan", "/perlindungan/berkas", "/perlindungan/program",
                "/perlindungan/rekomendasi-pbi", "/perlindungan/dokumen", "/perlindungan/makam",
                f"/perlindungan/usulan/{north.id}"):
        assert client.get(url).status_code == 403, url


def test_a_peksos_with_an_area_cannot_export_and_an_auditor_cannot_write(logged_in, client, db):
    batch = approved_batch()
    db.commit()
    logged_in("peksos", "18.72.01")
    assert client.get(f"/perlindungan/berkas/{batch.id}/unduh.csv").status_code == 403
    _logout(client)
    logged_in("auditor")
    assert client.get("/perlindungan/berkas").status_code == 200
    assert post_form(client, "/perlindungan/berkas", {"period": "2026-11"}).status_code == 403


def test_programmes_double_listing_letters_documents_and_cemetery_pages(logged_in, client, db):
    head = f.person(nama="Kepala Miskin", nik="1872014101500031")
    reg_households.create_household(head, "1872010101106666")
    dead = f.person(nama="Almarhumah Tumi", nik="1872014101500032")
    dead.deceased_on = TODAY
    programmes.enrol({"programme_code": "pbi_jk", "person_id": dead.id}, today=TODAY, from_ministry_list=True)
    db.commit()
    logged_in("operator")
    resp = post_form(client, "/perlindungan/program", {"en-programme_code": "pkh", "en-kk": "1872010101106666",
                                                       "en-stage": "2026 tahap 4", "en-started_on": "01/02/2026"})
    assert resp.status_code == 302
    assert "Kepala Miskin" in client.get("/perlindungan/program?programme=pkh").get_data(as_text=True)
    assert "Almarhumah Tumi" in client.get("/perlindungan/program/periksa").get_data(as_text=True)
    resp = post_form(client, "/perlindungan/rekomendasi-pbi", {"lt-nik": "1872014101500031",
                                                               "lt-addressed_to": "RSUD A. Yani",
                                                               "lt-reason": "Rawat inap"})
    assert resp.status_code == 302
    letter = db.query(PbiRecommendation).one()
    verify = client.get(f"/verifikasi/rekomendasi/{letter.verify_code}").get_data(as_text=True)
    assert letter.letter_number in verify and "Kepala Miskin" not in verify
    resp = post_form(client, f"/perlindungan/rekomendasi-pbi/{letter.id}",
                     {"ans-status": "rejected", "ans-responder": "BPJS", "ans-note": ""},
                     form_page=f"/perlindungan/rekomendasi-pbi/{letter.id}")
    assert resp.status_code == 422  # a rejection needs its reason
    resp = post_form(client, "/perlindungan/dokumen", {"doc-nik": "1872014101500031", "doc-kind": "kk",
                                                       "doc-number": "1872010101106666", "doc-obtained_on": "02/11/2026"})
    assert resp.status_code == 302 and db.query(CivilDocument).count() == 1
    resp = post_form(client, "/perlindungan/makam", {"form": "grave", "gr-cemetery": "TMP Uji", "gr-plot": "A-1",
                                                     "gr-hero_name": "Kapten Uji", "gr-area_code": "18.72.02"})
    assert resp.status_code == 302
    grave = cemetery.grave_query(type("U", (), {"area_code": None})()).where()
    g = db.scalars(grave).first()
    resp = post_form(client, "/perlindungan/makam", {"form": "maintenance", "mt-graves": [str(g.id)],
                                                     "mt-work": "cleaning", "mt-done_on": "05/11/2026"})
    assert resp.status_code == 302 and db.query(GraveMaintenance).count() == 1
    resp = post_form(client, "/perlindungan/makam", {"form": "ceremony", "cr-day": "pahlawan", "cr-held_on": "10/11/2026",
                                                     "cr-place": "", "cr-area_code": "18.72.02"})
    assert resp.status_code == 422 and "Tempat upacara wajib diisi" in resp.get_data(as_text=True)
    assert client.get("/verifikasi/rekomendasi/tebakan").status_code == 404



def test_the_pbi_letter_pdf_carries_number_signature_and_verifying_link(logged_in, client, db):
    from service.core import settings
    from service.protection import letters

    settings.put("office.head_name", "Drs. Kepala Dinas")
    settings.put("office.head_nip", "197003121995031002")
    p = f.person(nama="Pasien PBI")
    letter = letters.issue(p, {"addressed_to": "RSUD A. Yani", "reason": "Rawat inap", "letter_date": "2026-11-20"},
                           today=TODAY)
    db.commit()
    logged_in("peksos", "18.72.01")
    resp = client.get(f"/perlindungan/rekomendasi-pbi/{letter.id}/surat.pdf")
    assert resp.status_code == 200 and resp.mimetype == "application/pdf" and resp.data.startswith(b"%PDF")
    letter = db.get(type(letter), letter.id)
    with client.application.test_request_context():
        from flask import render_template, url_for

        from blueprints.care.letters import qr_data_uri
        url = url_for("protection.verify_letter", code=letter.verify_code, _external=True)
        html = render_template("protection/print/pbi_letter.html", **letters.letter_context(letter),
                               qr=qr_data_uri(url), verify_url=url)
    assert letter.letter_number in html and "NIP. 197003121995031002" in html and url in html
    _logout(client)
    logged_in("peksos", "18.72.05")
    assert client.get(f"/perlindungan/rekomendasi-pbi/{letter.id}/surat.pdf").status_code == 404


def test_the_pbi_letter_stays_in_indonesian_for_an_english_reader(logged_in, client, db):
    """An official letter to a hospital or BPJS is written in Bahasa Indonesia (UU 24/2009, art. 27),
    whatever language the worker reads the application in."""
    import io

    from pypdf import PdfReader

    from service.protection import letters
    from tests.conftest import choose_language

    letter = letters.issue(f.person(nama="Pasien PBI"), {"addressed_to": "RSUD A. Yani", "reason": "Rawat inap",
                                                         "letter_date": "2026-11-20"}, today=TODAY)
    db.commit()
    logged_in("peksos", "18.72.01")
    choose_language(client, "en")
    pdf = client.get(f"/perlindungan/rekomendasi-pbi/{letter.id}/surat.pdf").data
    text = " ".join(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages).split())
    assert "Dengan hormat" in text and "Perihal" in text and "Subject" not in text


def test_the_person_page_shows_the_dtks_history_to_those_who_may_see_it(logged_in, client, db):
    p = f.person(nama="Warga Riwayat", kode_wilayah="18.72.01.1001")
    prop = proposal(p=p)
    approved_batch(props=[prop])
    batches.record_answer(prop, "rejected", "NIK tidak padan", "2026-04-01", today=TODAY)
    db.commit()
    logged_in("peksos", "18.72.01")
    html = client.get(f"/orang/{p.id}").get_data(as_text=True)
    assert "Riwayat DTKS/DTSEN dan bantuan sosial" in html
    assert "Ditolak kementerian" in html and "NIK tidak padan" in html and "2026-03" in html
    assert "Usulkan ke DTKS/DTSEN" in html
    _logout(client)
    logged_in("auditor")
    html = client.get(f"/orang/{p.id}").get_data(as_text=True)
    assert "Ditolak kementerian" in html and "Usulkan ke DTKS/DTSEN" not in html  # read-only


def test_a_document_delivery_recorded_without_its_document_is_completed_on_the_documents_page(logged_in, client, db):
    import datetime as dt

    from service.reports.renja_sources import sources

    p = f.person(nama="Warga Tanpa Dokumen", kode_wilayah="18.72.01.1001")
    d = f.deliver(p, "dokumen_kependudukan", on=dt.date(2026, 6, 3))
    db.commit()
    year = (dt.date(2026, 1, 1), dt.date(2026, 12, 31))
    assert sources()["civil_documents"].count(*year) == 0
    logged_in("peksos", "18.72.05")
    assert "Warga Tanpa Dokumen" not in client.get("/perlindungan/dokumen").get_data(as_text=True)
    assert post_form(client, f"/perlindungan/dokumen/layanan/{d.id}", {"dl-kind": "akta"},
                     form_page="/perlindungan/dokumen").status_code == 404  # outside the area
    _logout(client)
    logged_in("peksos", "18.72.01")
    assert "Warga Tanpa Dokumen" in client.get("/perlindungan/dokumen").get_data(as_text=True)
    resp = post_form(client, f"/perlindungan/dokumen/layanan/{d.id}", {"dl-kind": "akta"},
                     form_page="/perlindungan/dokumen")
    assert resp.status_code == 302
    assert db.query(CivilDocument).filter_by(delivery_id=d.id).one().kind == "akta"
    assert sources()["civil_documents"].count(*year) == 1
    assert "tanpa dokumen tercatat" not in client.get("/perlindungan/dokumen").get_data(as_text=True)
