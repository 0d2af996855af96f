"""Registry and casework web pages: the flows, and the denials per role and area."""

from __future__ import annotations

import io
import re

import pytest
from sqlalchemy import select

from service.casework import approvals
from service.casework.models import Assessment, Case, CaseApproval
from service.core.models.audit import AuditLog
from service.registry.models import Person
from tests import factories
from tests.conftest import csrf_from, post_form

PERSON = {"name": "Ahmad Fauzi", "sex": "L", "birth_date": "12/03/1950", "village_code": "18.72.01.1001",
          "no_nik_reason": "belum_terdaftar"}


def test_intake_registers_without_nik_then_opens_case_and_assessment(logged_in, db):
    client, worker = logged_in("peksos", "18.72.01")
    resp = post_form(client, "/orang/baru", PERSON)
    assert resp.status_code == 302 and "/kasus/baru?person_id=" in resp.headers["Location"]
    person = db.scalar(select(Person).where(Person.name == "Ahmad Fauzi"))
    assert person.nik is None and person.no_nik_reason == "belum_terdaftar"
    case_url = resp.headers["Location"]
    resp = post_form(client, "/kasus/baru", {"person_id": str(person.id), "category_code": "lanjut_usia_terlantar",
                                            "intake_source": "outreach", "intake_date": "01/11/2026",
                                            "urgency": "normal", "worker_id": str(worker.id),
                                            "consent_given": "y", "consent_by": "yang bersangkutan"},
                     form_page=case_url)
    assert resp.status_code == 302, resp.get_data(as_text=True)
    case = db.scalar(select(Case).where(Case.person_id == person.id))
    assert case.number.startswith("REH-2026-")
    resp = post_form(client, f"/kasus/{case.id}/asesmen",
                     {"assessed_on": "02/11/2026", "neglected": "y", "outside_institution": "y",
                      "needs": ["permakanan", "sandang"], "notes": "tinggal sendiri"})
    assert resp.status_code == 302
    db.expire_all()
    a = db.scalar(select(Assessment).where(Assessment.case_id == case.id))
    assert a.need_codes == ["permakanan", "sandang"] and a.status == "submitted"
    assert db.scalar(select(CaseApproval).where(CaseApproval.subject_id == a.id)).status == "pending"
    page = client.get(f"/kasus/{case.id}").get_data(as_text=True)
    assert "Menunggu persetujuan" in page and case.number in page


def test_intake_shows_likely_duplicates_before_saving(logged_in, db):
    client, _ = logged_in("peksos", "18.72.01")
    existing = factories.person(nama="Muhammad Ali", tanggal_lahir="1950-03-12", kode_wilayah="18.72.01.1002")
    db.commit()
    resp = post_form(client, "/orang/baru", {**PERSON, "name": "Moh. Ali", "village_code": "18.72.01.1001"})
    html = resp.get_data(as_text=True)
    assert resp.status_code == 200 and "Mungkin sudah terdaftar" in html and f"person_id={existing.id}" in html
    assert db.scalar(select(Person).where(Person.name == "Moh. Ali")) is None
    # confirmed: saved as a new person
    resp = client.post("/orang/baru", data={**PERSON, "name": "Moh. Ali", "confirmed": "1",
                                            "csrf_token": csrf_from(html)})
    assert resp.status_code == 302
    assert db.scalar(select(Person).where(Person.name == "Moh. Ali")) is not None


def test_intake_errors_are_shown_beside_fields_with_422(logged_in, db):
    client, _ = logged_in("peksos", "18.72.01")
    resp = post_form(client, "/orang/baru", {**PERSON, "nik": "123", "birth_date": "31/02/1950"})
    html = resp.get_data(as_text=True)
    assert resp.status_code == 422 and "NIK harus 16 digit angka." in html and "Tanggal tidak ada di kalender." in html
    resp = post_form(client, "/orang/baru", {**PERSON, "village_code": "18.72.05.1001"})
    assert resp.status_code == 422 and "di luar wilayah kerja" in resp.get_data(as_text=True)


def test_taken_nik_links_to_the_existing_person(logged_in, db):
    client, _ = logged_in("peksos", "18.72.01")
    existing = factories.person(nik="1872011203500001", tanggal_lahir="1950-03-12")
    db.commit()
    resp = post_form(client, "/orang/baru", {**PERSON, "nik": "1872011203500001", "confirmed": "1"})
    html = resp.get_data(as_text=True)
    assert resp.status_code in (200, 422) and f"person_id={existing.id}" in html


def test_person_page_logs_access_and_masks_nik_for_auditor(logged_in, db):
    p = factories.person(nik="1872011203500002", tanggal_lahir="1950-03-12")
    db.commit()
    client, _ = logged_in("auditor")
    html = client.get(f"/orang/{p.id}").get_data(as_text=True)
    assert "187201**********" in html and "1872011203500002" not in html
    assert db.scalar(select(AuditLog).where(AuditLog.entity_id == str(p.id), AuditLog.action == "view"))
    client.post("/keluar", data={"csrf_token": csrf_from(html)})
    client2, _ = logged_in("supervisor")
    assert "1872011203500002" in client2.get(f"/orang/{p.id}").get_data(as_text=True)
    listing = client2.get("/orang?q=500002").get_data(as_text=True)
    assert "187201**********" in listing and "1872011203500002" not in listing


@pytest.mark.parametrize("role, area, status", [
    ("peksos", "18.72.05", 403), ("tagana", None, 403), ("peksos", "18.72.01", 200), ("admin", None, 403)])
def test_person_page_denials(logged_in, db, role, area, status):
    p = factories.person()
    db.commit()
    client, _ = logged_in(role, area)
    assert client.get(f"/orang/{p.id}").status_code == status


def test_sensitive_case_only_for_assigned_worker_and_supervisors(logged_in, make_user, db):
    assigned = make_user("peksos", "18.72.01")
    case = factories.case(category="korban_trafficking", worker_id=assigned.id)
    db.commit()
    client, _ = logged_in("peksos", "18.72.01")
    assert client.get(f"/kasus/{case.id}").status_code == 403
    assert client.get(f"/orang/{case.person_id}").status_code == 403
    assert case.number not in client.get("/kasus").get_data(as_text=True)
    client.post("/keluar", data={"csrf_token": csrf_from(client.get("/kasus").get_data(as_text=True))})
    client2, _ = logged_in("pimpinan")
    assert client2.get(f"/kasus/{case.id}").status_code == 200


def test_unknown_records_are_404_and_anonymous_is_redirected(client, logged_in, db):
    assert client.get("/orang").status_code == 302
    assert client.get("/kasus").status_code == 302
    c, _ = logged_in("supervisor")
    assert c.get("/orang/not-a-uuid").status_code == 404
    assert c.get("/kasus/00000000-0000-0000-0000-000000000000").status_code == 404


def test_supervisor_approves_from_queue_and_worker_cannot(logged_in, make_user, db):
    case = factories.case()
    a = factories.assessment(case)
    approval = approvals.request_assessment_approval(a)
    db.commit()
    worker, _ = logged_in("peksos", "18.72.01")
    assert worker.get("/kasus/persetujuan").status_code == 403
    resp = post_form(worker, f"/kasus/persetujuan/{approval.id}", {"decision": "approve"}, form_page="/kasus")
    assert resp.status_code == 403
    worker.post("/keluar", data={"csrf_token": csrf_from(worker.get("/kasus").get_data(as_text=True))})
    sup, _ = logged_in("supervisor")
    assert case.number in sup.get("/kasus/persetujuan").get_data(as_text=True)
    resp = post_form(sup, f"/kasus/persetujuan/{approval.id}", {"decision": "approve", "comment": "ok", "back": "queue"},
                     form_page="/kasus/persetujuan")
    assert resp.status_code == 302
    db.expire_all()
    assert db.get(Assessment, a.id).status == "approved"


def test_plan_closure_flow_through_web(logged_in, make_user, db):
    sup = make_user("supervisor")
    case = factories.case()
    a = factories.assessment(case)
    approvals.decide_approval(approvals.request_assessment_approval(a), True, by_id=sup.id)
    db.commit()
    client, worker = logged_in("peksos", "18.72.01")
    url = f"/kasus/{case.id}"
    resp = post_form(client, f"{url}/rencana", {"plan-service_type_code": "permakanan", "plan-due_on": "30/11/2026",
                                             "plan-responsible_id": str(worker.id)}, form_page=url)
    assert resp.status_code == 302
    db.expire_all()
    assert db.get(Case, case.id).status == "plan"
    assert post_form(client, f"{url}/rencana/ajukan", {}, form_page=url).status_code == 302
    assert post_form(client, f"{url}/tutup", {"close-close_reason": "moved"}, form_page=url).status_code == 302
    db.expire_all()
    kinds = {x.kind for x in db.scalars(select(CaseApproval).where(CaseApproval.case_id == case.id,
                                                                    CaseApproval.status == "pending"))}
    assert kinds == {"plan", "closure"}
    html = client.get(url).get_data(as_text=True)
    assert "Riwayat kasus" in html and "Rencana" in html


def test_case_list_filters_and_my_caseload(logged_in, db):
    client, worker = logged_in("peksos", "18.72.01")
    mine = factories.case(worker_id=worker.id)
    other = factories.case()
    db.commit()
    html = client.get("/kasus?mine=1").get_data(as_text=True)
    assert mine.number in html and other.number not in html
    html = client.get("/kasus?status=closed").get_data(as_text=True)
    assert mine.number not in html


def test_duplicates_queue_merge_and_denial(logged_in, db):
    a = factories.person(nama="Sri Wahyuni", tanggal_lahir="1955-03-03")
    b = factories.person(nama="Sri Wahyuni", tanggal_lahir="1955-03-03", kode_wilayah="18.72.01.1003")
    c = factories.case(b)
    db.commit()
    worker, _ = logged_in("peksos", "18.72.01")
    assert worker.get("/orang/duplikat").status_code == 403
    worker.post("/keluar", data={"csrf_token": csrf_from(worker.get("/orang").get_data(as_text=True))})
    sup, _ = logged_in("supervisor")
    assert "Sri Wahyuni" in sup.get("/orang/duplikat").get_data(as_text=True)
    resp = post_form(sup, "/orang/duplikat/gabung", {"survivor_id": str(a.id), "merged_id": str(b.id),
                                                       "reason": "sama"}, form_page="/orang/duplikat")
    assert resp.status_code == 302
    db.expire_all()
    assert db.get(Case, c.id).person_id == a.id
    assert "Tidak ada dugaan duplikat." in sup.get("/orang/duplikat").get_data(as_text=True)


def test_photo_upload_and_access_checked_download(logged_in, db, app):
    from PIL import Image

    p = factories.person()
    db.commit()
    client, _ = logged_in("peksos", "18.72.01")
    page = client.get(f"/orang/{p.id}").get_data(as_text=True)
    token = csrf_from(page)
    bad = client.post(f"/orang/{p.id}/foto", data={"csrf_token": token,
                                                     "photo-photo": (io.BytesIO(b"not an image"), "x.jpg")},
                      content_type="multipart/form-data", follow_redirects=True)
    assert "bukan gambar" in bad.get_data(as_text=True)
    buf = io.BytesIO()
    Image.new("RGB", (20, 20), "blue").save(buf, "PNG")
    buf.seek(0)
    client.post(f"/orang/{p.id}/foto", data={"csrf_token": token, "photo-photo": (buf, "f.png")},
                content_type="multipart/form-data")
    got = client.get(f"/orang/{p.id}/foto")
    assert got.status_code == 200 and got.mimetype == "image/jpeg"
    client.post("/keluar", data={"csrf_token": token})
    far, _ = logged_in("peksos", "18.72.05")
    assert far.get(f"/orang/{p.id}/foto").status_code == 403


def test_household_create_and_add_member(logged_in, db):
    head, child = factories.person(), factories.person(nama="Anak Uji")
    db.commit()
    client, _ = logged_in("peksos", "18.72.01")
    resp = post_form(client, f"/orang/{head.id}/keluarga", {"hh-kk_number": "1872010101000009"},
                     form_page=f"/orang/{head.id}")
    assert resp.status_code == 302
    hh_url = resp.headers["Location"]
    html = client.get(hh_url + "?q=Anak Uji").get_data(as_text=True)
    assert "Anak Uji" in html
    resp = client.post(hh_url, data={"person_id": str(child.id), "relationship_code": "anak",
                                     "csrf_token": csrf_from(html)})
    assert resp.status_code == 302
    assert "Anak Uji" in client.get(hh_url).get_data(as_text=True)


def test_bnba_upload_reports_bad_rows(logged_in, db):
    client, _ = logged_in("operator")
    page = client.get("/impor/bnba").get_data(as_text=True)
    data = "nama,kode_wilayah,nik,alasan_tanpa_nik\nBaik,18.72.01.1001,,dokumen_hilang\n,18.72.01.1001,,dokumen_hilang\n" \
           "Salah,18.72.01.1001,99,\n"
    resp = client.post("/impor/bnba", data={"csrf_token": csrf_from(page),
                                             "file": (io.BytesIO(data.encode()), "bnba.csv")},
                       content_type="multipart/form-data", follow_redirects=True)
    html = resp.get_data(as_text=True)
    assert "Impor ditolak" in html and 'data-label="Baris">3</td>' in html and 'data-label="Baris">4</td>' in html
    assert db.scalar(select(Person).where(Person.name == "Baik")) is None
    run_url = resp.request.path
    assert client.get(run_url + "/status").get_json()["status"] == "rejected"


def test_bnba_upload_denied_for_peksos(logged_in):
    client, _ = logged_in("peksos", "18.72.01")
    assert client.get("/impor/bnba").status_code == 403


def test_without_nik_the_reason_is_a_required_choice_not_a_silent_default(logged_in, db):
    client, _ = logged_in("peksos", "18.72.01")
    page = client.get("/orang/baru").get_data(as_text=True)
    box = page[page.index('id="no_nik_reason"'):]
    box = box[:box.index("</select>")]
    assert "selected" not in box.replace('selected value=""', "")  # nothing chosen for the user
    assert box.index('<option') == box.index('<option value="">') or '<option selected value="">' in box
    resp = post_form(client, "/orang/baru", {**PERSON, "name": "Tanpa Alasan", "no_nik_reason": ""})
    assert resp.status_code == 422 and "Tanpa NIK: pilih alasannya." in resp.get_data(as_text=True)
    assert db.scalar(select(Person).where(Person.name == "Tanpa Alasan")) is None
    resp = post_form(client, "/orang/baru", {**PERSON, "name": "Dengan Alasan", "no_nik_reason": "dokumen_hilang"})
    assert resp.status_code == 302
    assert db.scalar(select(Person).where(Person.name == "Dengan Alasan")).no_nik_reason == "dokumen_hilang"


def test_the_village_picker_offers_only_the_users_area_by_name(logged_in, client, db):
    """A peksos limited to 18.72.01 is offered that district's villages, never a code to type."""
    from service.core import settings

    settings.put("office.region_code", "18.72")
    db.commit()
    client, _ = logged_in("peksos", "18.72.01")
    html = client.get("/orang/baru").get_data(as_text=True)
    assert 'data-root="18.72.01"' in html and 'for="pk-desa"' in html and 'for="pk-kec"' not in html
    assert 'type="hidden"' in re.search(r'<input[^>]*name="village_code"[^>]*>', html).group(0)
    assert "Metro Pusat" in html  # the scope by name
    villages = client.get("/wilayah/turunan?parent=18.72.01").get_json()
    assert villages and all(v["code"].startswith("18.72.01.") and v["name"] for v in villages)
