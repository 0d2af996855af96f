"""The services web area: every route, its denials (401/403/404/422) and what a user sees."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from sqlalchemy import select

from service.care import referrals, tracing
from service.care.models.deliveries import Delivery
from service.care.models.referrals import Referral
from service.core.models.periods import MonthClose
from tests import factories as f
from tests.conftest import csrf_from, post_form


@pytest.fixture
def world(db, make_user):
    worker = make_user("peksos", "18.72.01", full_name="Agus")
    c = f.case(worker_id=worker.id)
    f.assessment(c)
    db.commit()
    return worker, c


def login_as(client, user):
    from tests.conftest import login

    assert login(client, user.username).status_code == 302
    return client


# ---------------------------------------------------------------- access
def test_pages_need_login(client, world):
    _, c = world
    for url in ("/layanan/", f"/layanan/kasus/{c.id}", "/layanan/rujukan", "/layanan/tugas", "/layanan/lembaga"):
        resp = client.get(url)
        assert resp.status_code == 302 and "/masuk" in resp.headers["Location"], url


@pytest.mark.parametrize(("role", "area", "status"), [
    ("peksos", "18.72.01", 200), ("peksos", "18.72.05", 403), ("supervisor", None, 200), ("auditor", None, 200),
    ("tagana", None, 403), ("admin", None, 403)])
def test_case_services_page_by_role_and_area(logged_in, world, role, area, status):
    _, c = world
    client, _ = logged_in(role, area)
    assert client.get(f"/layanan/kasus/{c.id}").status_code == status


def test_unknown_or_malformed_ids_are_404(logged_in):
    client, _ = logged_in("supervisor")
    for url in ("/layanan/kasus/00000000-0000-0000-0000-000000000000", "/layanan/kasus/xyz",
                "/layanan/rujukan/xyz", "/layanan/pemulangan/00000000-0000-0000-0000-000000000000",
                "/layanan/lembaga/nope"):
        assert client.get(url).status_code == 404, url


def test_sensitive_case_only_for_its_worker_and_supervisors(logged_in, make_user, db):
    worker = make_user("peksos", "18.72.01")
    c = f.case(category="korban_trafficking", worker_id=worker.id)
    d = f.deliver(c.person, "sandang", case=c)
    db.commit()
    client, _ = logged_in("peksos", "18.72.01")
    assert client.get(f"/layanan/kasus/{c.id}").status_code == 403
    assert c.person.name not in client.get("/layanan/").get_data(as_text=True)
    client.post("/keluar", data={"csrf_token": csrf_from(client.get("/layanan/").get_data(as_text=True))})
    client2, _ = logged_in("supervisor")
    assert client2.get(f"/layanan/kasus/{c.id}").status_code == 200
    assert d.id


def test_auditor_sees_but_cannot_record_or_void(logged_in, world, db):
    _, c = world
    d = f.deliver(c.person, "sandang", case=c)
    db.commit()
    client, _ = logged_in("auditor")
    html = client.get(f"/layanan/kasus/{c.id}").get_data(as_text=True)
    assert "Catat layanan" not in html and "Batalkan" not in html
    assert client.get(f"/layanan/kasus/{c.id}/pemberian/baru").status_code == 403
    resp = post_form(client, f"/layanan/pemberian/{d.id}/batal", {"void_reason": "x"}, form_page=f"/layanan/kasus/{c.id}")
    assert resp.status_code == 403


# ---------------------------------------------------------------- deliveries
def test_record_a_delivery_and_see_it(client, world, db):
    worker, c = world
    login_as(client, worker)
    url = f"/layanan/kasus/{c.id}/pemberian/baru"
    resp = post_form(client, url, {"service_type_code": "alat_bantu", "delivered_on": "02/03/2026", "quantity": "1",
                                   "item_detail": "Kursi roda lipat", "cost": "1.250.000"})
    assert resp.status_code == 302
    html = client.get(f"/layanan/kasus/{c.id}").get_data(as_text=True)
    assert "Kursi roda lipat" in html and "Rp 1.250.000" in html and "02/03/2026" in html and "Diberikan" in html
    d = db.scalar(select(Delivery).where(Delivery.case_id == c.id))
    assert d.worker_id == worker.id and d.delivered


def test_bad_delivery_input_is_422_beside_the_field_and_writes_nothing(client, world, db):
    worker, c = world
    login_as(client, worker)
    resp = post_form(client, f"/layanan/kasus/{c.id}/pemberian/baru",
                     {"service_type_code": "sandang", "delivered_on": "31/02/2026", "quantity": "nol"})
    assert resp.status_code == 422
    html = resp.get_data(as_text=True)
    assert "Tanggal tidak ada di kalender." in html and "Jumlah harus bilangan bulat 1 atau lebih." in html
    assert db.scalar(select(Delivery).where(Delivery.case_id == c.id)) is None


def test_late_delivery_is_flagged_for_the_user(client, world, db):
    worker, c = world
    db.add(MonthClose(year=2026, month=1, status="closed"))
    db.commit()
    login_as(client, worker)
    resp = post_form(client, f"/layanan/kasus/{c.id}/pemberian/baru",
                     {"service_type_code": "sandang", "delivered_on": "15/01/2026", "quantity": "2"},
                     follow_redirects=True)
    html = resp.get_data(as_text=True)
    assert "ditandai terlambat dicatat" in html and "Terlambat dicatat" in html


def test_receipt_upload_and_download(client, world, db):
    import io

    worker, c = world
    login_as(client, worker)
    png = b"\x89PNG\r\n\x1a\n" + b"0" * 100
    page = client.get(f"/layanan/kasus/{c.id}/pemberian/baru")
    resp = client.post(f"/layanan/kasus/{c.id}/pemberian/baru", content_type="multipart/form-data", data={
        "csrf_token": csrf_from(page.get_data(as_text=True)), "service_type_code": "sandang",
        "delivered_on": "01/03/2026", "quantity": "1", "receipt": (io.BytesIO(png), "terima.png")})
    assert resp.status_code == 302
    d = db.scalar(select(Delivery).where(Delivery.case_id == c.id))
    got = client.get(f"/layanan/pemberian/{d.id}/bukti")
    assert got.status_code == 200 and got.data == png and got.mimetype == "image/png"
    page = client.get(f"/layanan/kasus/{c.id}/pemberian/baru")
    bad = client.post(f"/layanan/kasus/{c.id}/pemberian/baru", content_type="multipart/form-data", data={
        "csrf_token": csrf_from(page.get_data(as_text=True)), "service_type_code": "sandang",
        "delivered_on": "01/03/2026", "quantity": "1", "receipt": (io.BytesIO(b"MZ..."), "virus.png")})
    assert bad.status_code == 422 and "Isi berkas tidak sesuai jenisnya." in bad.get_data(as_text=True)


def test_void_with_reason_keeps_the_row(client, world, db):
    worker, c = world
    d = f.deliver(c.person, "sandang", case=c)
    db.commit()
    login_as(client, worker)
    page = f"/layanan/kasus/{c.id}"
    assert 'data-confirm="Batalkan data layanan ini?' in client.get(page).get_data(as_text=True)
    resp = post_form(client, f"/layanan/pemberian/{d.id}/batal", {"void_reason": ""}, form_page=page)
    assert resp.status_code == 422
    assert re.search(r'id="void-[^"]+-error">Alasan pembatalan wajib diisi\.', resp.get_data(as_text=True))
    db.expire_all()
    assert db.get(Delivery, d.id).voided_at is None
    resp = post_form(client, f"/layanan/pemberian/{d.id}/batal", {"void_reason": "Ganda"}, form_page=page,
                     follow_redirects=True)
    html = resp.get_data(as_text=True)
    assert "Dibatalkan" in html and "Ganda" in html
    db.expire_all()
    assert db.get(Delivery, d.id).void_reason == "Ganda"


def test_mark_a_planned_delivery_given(client, world, db):
    worker, c = world
    from service.care import deliveries as delivery

    d = delivery.record_delivery(c.person, "permakanan", planned_on="2026-03-01", case=c)
    db.commit()
    login_as(client, worker)
    resp = post_form(client, f"/layanan/pemberian/{d.id}/diberikan", {"delivered_on": "03/03/2026"},
                     form_page=f"/layanan/kasus/{c.id}")
    assert resp.status_code == 302
    db.expire_all()
    assert db.get(Delivery, d.id).delivered_on == dt.date(2026, 3, 3)
    d2 = delivery.record_delivery(c.person, "permakanan", planned_on="2026-04-01", case=c)
    db.commit()
    bad = post_form(client, f"/layanan/pemberian/{d2.id}/diberikan", {"delivered_on": "01/01/2099"},
                    form_page=f"/layanan/kasus/{c.id}")
    assert bad.status_code == 422 and "tidak boleh di masa depan" in bad.get_data(as_text=True)


def test_deliveries_list_searches(client, world, db):
    worker, c = world
    f.deliver(c.person, "sandang", case=c)
    other = f.case(f.person(nama="Zainab Lain"), worker_id=worker.id)
    f.deliver(other.person, "sandang", case=other)
    db.commit()
    login_as(client, worker)
    html = client.get("/layanan/?q=Zainab").get_data(as_text=True)
    assert "Zainab Lain" in html and c.person.name not in html


def test_placement_in_an_institution(client, world, db):
    worker, c = world
    inst = f.institution(kind="panti", name="Panti Werdha Tresna")
    db.commit()
    login_as(client, worker)
    resp = post_form(client, f"/layanan/kasus/{c.id}/penempatan",
                     {"pl-setting": "institution", "pl-institution_id": str(inst.id), "pl-date_in": "01/02/2026",
                      "pl-reason": "Tidak ada keluarga"}, form_page=f"/layanan/kasus/{c.id}", follow_redirects=True)
    assert "Panti Werdha Tresna" in resp.get_data(as_text=True)
    bad = post_form(client, f"/layanan/kasus/{c.id}/penempatan", {"pl-setting": "institution", "pl-date_in": "01/03/2026"},
                    form_page=f"/layanan/kasus/{c.id}")
    assert bad.status_code == 422 and "Pilih lembaga untuk penempatan di dalam lembaga." in bad.get_data(as_text=True)


# ---------------------------------------------------------------- tracing
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


# ---------------------------------------------------------------- referrals, letter, public pages
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
    text = _pdf_text(pdf.data)
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
    resp = post_form(client, f"{page}/selesai", {"c-completed_on": dt.date.today().strftime("%d/%m/%Y")},
                     form_page=page)
    assert resp.status_code == 302
    assert db.scalar(select(Delivery).where(Delivery.case_id == c.id, Delivery.service_type_code == "rujukan"))


def _pdf_text(data: bytes) -> str:
    """Text of a WeasyPrint PDF (pypdf, a dev dependency)."""
    import io

    from pypdf import PdfReader

    return " ".join(p.extract_text() for p in PdfReader(io.BytesIO(data)).pages)


def test_letter_qr_encodes_the_verification_url(app, world, db):
    from blueprints.care.letters import qr_data_uri, render_letter_html

    _, c = world
    ref = f.referral(c)
    token = referrals.send_referral(ref)
    with app.test_request_context("/", base_url="https://lindung.metrokota.go.id"):
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


# ---------------------------------------------------------------- institutions, returns, tasks, settings
def test_institution_register_permissions(logged_in, db):
    client, _ = logged_in("peksos", "18.72.01")
    assert client.get("/layanan/lembaga").status_code == 200
    assert client.get("/layanan/lembaga/baru").status_code == 403


def test_operator_adds_an_institution(logged_in, db):
    client2, _ = logged_in("operator")
    bad = post_form(client2, "/layanan/lembaga/baru", {"name": "X", "kind": "hospital", "region_code": "99.99"})
    assert bad.status_code == 422 and "Kode wilayah 99.99 tidak dikenal." in bad.get_data(as_text=True)
    ok = post_form(client2, "/layanan/lembaga/baru", {"name": "RSJ Kurungan Nyawa", "kind": "mental_hospital",
                                                      "region_code": "18.71", "active": "y"}, follow_redirects=True)
    assert "RSJ Kurungan Nyawa" in ok.get_data(as_text=True)


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


def test_task_list_and_overview(client, world, db, make_user, logged_in):
    worker, c = world
    c.last_activity_at = c.last_activity_at - dt.timedelta(days=45)
    db.commit()
    login_as(client, worker)
    html = client.get("/layanan/tugas").get_data(as_text=True)
    assert "Kasus tanpa kegiatan" in html and c.number in html
    client.post("/keluar", data={"csrf_token": csrf_from(html)})
    other = make_user("peksos", "18.72.01")
    login_as(client, other)
    assert c.number not in client.get("/layanan/tugas").get_data(as_text=True)
    assert client.get("/layanan/tugas/ringkasan").status_code == 403
    client.post("/keluar", data={"csrf_token": csrf_from(client.get("/layanan/tugas").get_data(as_text=True))})
    sup = make_user("supervisor", full_name="Rina")
    login_as(client, sup)
    html = client.get("/layanan/tugas/ringkasan").get_data(as_text=True)
    assert "Agus" in html and c.number in html


def test_area_settings_admin_only(logged_in):
    client, _ = logged_in("peksos", "18.72.01")
    assert client.get("/layanan/pengaturan").status_code == 403


def test_admin_edits_area_settings(logged_in):
    client2, _ = logged_in("admin")
    bad = post_form(client2, "/layanan/pengaturan", {"letter_number_format": "{code}", "letter_code": "460",
                                                     "followup_months": "1,3,6", "answer_days": "7", "link_days": "30",
                                                     "inactive_days": "30"})
    assert bad.status_code == 422 and "Format nomor surat harus memuat {seq} dan {year}." in bad.get_data(as_text=True)
    ok = post_form(client2, "/layanan/pengaturan", {"letter_number_format": "{seq}/{code}/{year}", "letter_code": "460",
                                                    "followup_months": "1, 2", "answer_days": "5", "link_days": "10",
                                                    "inactive_days": "20"})
    assert ok.status_code == 302
    assert tracing.followup_months() == [1, 2]


def test_letter_without_stored_copy_is_printed_again_without_link(client, world, db):
    worker, c = world
    ref = f.referral(c)
    referrals.send_referral(ref)
    rid = ref.id
    db.commit()
    login_as(client, worker)
    pdf = client.get(f"/layanan/rujukan/{rid}/surat.pdf")
    assert pdf.status_code == 200 and pdf.data.startswith(b"%PDF")
    assert "/rujukan/jawab/" not in _pdf_text(pdf.data)
    draft = f.referral(c)
    db.commit()
    assert client.get(f"/layanan/rujukan/{draft.id}/surat.pdf").status_code == 404


def test_demo_seeder_is_idempotent(db):
    from sqlalchemy import func

    from service.care import demo as followup_demo
    from service.core import demo
    from service.core.models.audit import AuditLog

    demo.seed()
    counts = [db.scalar(select(func.count()).select_from(m)) for m in (AuditLog, Delivery, Referral)]
    followup_demo.seed()
    assert [db.scalar(select(func.count()).select_from(m)) for m in (AuditLog, Delivery, Referral)] == counts
    assert counts[1] >= 15 and counts[2] == 2


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
    text = _pdf_text(client.get(f"{page}/surat.pdf").data)
    assert "/rujukan/jawab/" in text


def test_case_services_page_in_english(client, world, db):
    worker, c = world
    f.deliver(c.person, "alat_bantu", case=c)
    db.commit()
    login_as(client, worker)
    page = client.get(f"/layanan/kasus/{c.id}")
    client.post("/bahasa/en", data={"csrf_token": csrf_from(page.get_data(as_text=True)), "next": "/"})
    html = client.get(f"/layanan/kasus/{c.id}").get_data(as_text=True)
    assert "Service deliveries" in html and "Record service" in html and "Assistive device" in html
    assert "Pemberian layanan" not in html


def test_demo_seeder_reuses_a_person_another_seeder_made(db):
    from sqlalchemy import func

    from service.core import demo
    from service.registry.models import Person

    p = f.person(nama="Sarinah", jenis_kelamin="P", tanggal_lahir="1948-05-12", nik="1872015205480001")
    c = f.case(p)
    demo.seed()
    assert db.scalar(select(func.count()).select_from(Person).where(Person.nik == "1872015205480001")) == 1
    assert db.scalar(select(func.count()).select_from(Delivery).where(Delivery.case_id == c.id)) >= 5
