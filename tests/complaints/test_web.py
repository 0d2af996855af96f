"""The staff pages of the complaints desk, and who may not use them."""

from __future__ import annotations

import re

from service.casework.models import Case
from service.complaints.models import Complaint
from service.core.models.audit import AuditLog
from tests.complaints.conftest import make_complaint
from tests.conftest import post_form


def _new_data(**kw):
    data = {"channel": "phone", "category_code": "laporan_orang_terlantar", "received_on": "01/12/2026",
            "area_code": "18.72.01.1003", "location": "Pos ronda RT 05", "description": "Nenek tidur di pos ronda.",
            "complainant_name": "Ketua RT 05", "complainant_phone": "0852-7900-3344",
            "complainant_relation": "village_official"}
    data.update(kw)
    return data


def test_register_shows_the_code_once_on_the_receipt(logged_in, db):
    client, _ = logged_in("operator")
    resp = post_form(client, "/pengaduan/baru", _new_data())
    assert resp.status_code == 302 and "/tanda-terima" in resp.headers["Location"]
    first = client.get(resp.headers["Location"]).get_data(as_text=True)
    code = re.search(r"<strong>([A-Z2-9]{5}-[A-Z2-9]{5})</strong>", first).group(1)
    complaint = db.query(Complaint).one()
    assert complaint.number in first and complaint.channel == "phone"
    again = client.get(resp.headers["Location"]).get_data(as_text=True)
    assert code not in again and "Buat kode akses baru" in again


def test_register_errors_stay_beside_the_fields(logged_in, db):
    client, _ = logged_in("operator")
    resp = post_form(client, "/pengaduan/baru", _new_data(description="", area_code=""))
    html = resp.get_data(as_text=True)
    assert resp.status_code == 422 and "Uraikan pengaduan" in html and "Pilih wilayah" in html
    assert db.query(Complaint).count() == 0


def test_worker_outside_the_area_cannot_register_there(logged_in, db):
    client, _ = logged_in("peksos", "18.72.05")
    resp = post_form(client, "/pengaduan/baru", _new_data(area_code="18.72.01.1003"))
    assert resp.status_code == 422 and db.query(Complaint).count() == 0


def test_assign_resolve_and_history(logged_in, make_user, db):
    client, sup = logged_in("supervisor")
    worker = make_user("peksos", "18.72.01")
    c, _ = make_complaint()
    db.commit()
    url = f"/pengaduan/{c.id}"
    resp = post_form(client, f"{url}/petugas", {"as-assignee_id": str(worker.id)}, form_page=url)
    assert resp.status_code == 302
    resp = post_form(client, f"{url}/status", {"st-to_status": "resolved", "st-resolution": "",
                                              "st-resolved_on": "02/11/2026"}, form_page=url)
    assert resp.status_code == 422 and "Tuliskan apa yang sudah dilakukan" in resp.get_data(as_text=True)
    resp = post_form(client, f"{url}/status", {"st-to_status": "resolved", "st-resolution": "Didampingi ke bank",
                                              "st-resolved_on": "02/11/2026"}, form_page=url)
    assert resp.status_code == 302
    got = db.get(Complaint, c.id)
    assert got.status == "resolved" and got.assignee_id == worker.id and got.resolved_by_id == sup.id
    html = client.get(url).get_data(as_text=True)
    assert "Didampingi ke bank" in html and "Ditugaskan" in html
    assert db.query(AuditLog).filter_by(action="view", entity_type="complaints", entity_id=str(c.id)).count() >= 1


def test_intake_in_one_step_with_the_duplicate_check(logged_in, db):
    from tests import factories as f

    client, _ = logged_in("peksos", "18.72.01")
    existing = f.person(nama="Ponirah", jenis_kelamin="P", tanggal_lahir="1948-07-01", kode_wilayah="18.72.01.1003")
    c, _ = make_complaint(category_code="laporan_orang_terlantar", area_code="18.72.01.1003")
    db.commit()
    url = f"/pengaduan/{c.id}/intake"
    data = {"in-name": "Ponirah", "in-sex": "P", "in-age": "78", "in-village_code": "18.72.01.1003",
            "in-ppks_category_code": "lanjut_usia_terlantar", "in-urgency": "high", "in-worker_id": ""}
    first = post_form(client, url, data)
    html = first.get_data(as_text=True)
    assert first.status_code == 200 and "Mungkin sudah terdaftar" in html and str(existing.id) in html
    resp = post_form(client, url, {**data, "in-confirmed": "1", "in-person_id": str(existing.id)})
    assert resp.status_code == 302 and "/kasus/" in resp.headers["Location"]
    case = db.query(Case).filter_by(person_id=existing.id).one()
    got = db.get(Complaint, c.id)
    assert (got.case_id, got.person_id, case.intake_source) == (case.id, existing.id, "complaint")


def test_recap_and_categories(logged_in, db):
    client, _ = logged_in("pimpinan")
    make_complaint()
    db.commit()
    html = client.get("/pengaduan/rekap?year=2026").get_data(as_text=True)
    assert "Rekap pengaduan" in html and "11/2026" in html
    assert client.get("/pengaduan/kategori").status_code == 200
    assert post_form(client, "/pengaduan/kategori", {}, form_page="/pengaduan/kategori").status_code == 403


def test_admin_sets_a_category_deadline(logged_in, db):
    client, _ = logged_in("admin")
    resp = post_form(client, "/pengaduan/kategori", {"sla-lainnya": "10", "active-lainnya": "1"})
    assert resp.status_code == 302
    from service.complaints.models import ComplaintCategory

    assert db.get(ComplaintCategory, "lainnya").sla_days == 10
    assert db.get(ComplaintCategory, "bansos_tidak_diterima").active is False  # unticked
    assert client.get("/pengaduan").status_code == 403  # no case files for the admin


def test_tagana_sees_none_of_it(logged_in, db):
    client, _ = logged_in("tagana")
    c, _ = make_complaint()
    db.commit()
    for url in ("/pengaduan", "/pengaduan/baru", f"/pengaduan/{c.id}", f"/pengaduan/{c.id}/tanda-terima",
                "/pengaduan/rekap", f"/pengaduan/{c.id}/intake"):
        assert client.get(url).status_code in (403, 404), url
    assert "/pengaduan" not in client.get("/").get_data(as_text=True)


def test_peksos_sees_only_their_area_and_need_to_know(logged_in, make_user, db):
    client, me = logged_in("peksos", "18.72.01")
    mine, _ = make_complaint(description="Di wilayah saya")
    other, _ = make_complaint(area_code="18.72.05.1001", description="Di Metro Selatan")
    secret, _ = make_complaint(category_code="laporan_kekerasan", description="Kekerasan dalam rumah tangga")
    db.commit()
    html = client.get("/pengaduan").get_data(as_text=True)
    assert mine.number in html and other.number not in html and secret.number not in html
    assert client.get(f"/pengaduan/{other.id}").status_code == 404
    assert client.get(f"/pengaduan/{secret.id}").status_code == 404
    from service.complaints import desk

    desk.assign(db.get(Complaint, secret.id), db.get(type(me), me.id))
    db.commit()
    assert client.get(f"/pengaduan/{secret.id}").status_code == 200  # assigned: now theirs to see


def test_auditor_reads_but_writes_nothing(logged_in, db):
    client, _ = logged_in("auditor")
    c, _ = make_complaint()
    db.commit()
    assert client.get(f"/pengaduan/{c.id}").status_code == 200
    html = client.get(f"/pengaduan/{c.id}").get_data(as_text=True)
    assert "Ubah status" not in html and "Tugaskan" not in html
    assert post_form(client, f"/pengaduan/{c.id}/status", {"st-to_status": "rejected", "st-reason": "x"},
                     form_page=f"/pengaduan/{c.id}").status_code == 403
    assert client.get("/pengaduan/baru").status_code == 403
