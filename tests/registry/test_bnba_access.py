"""BNBA rows go through can() like the web forms (issue 12): area of the row's village, need-to-know of
an existing person or case, the importer's role; refused rows are reported by line number without
naming a record the importer may not open; who may open the import page at all."""

from __future__ import annotations

import datetime as dt
import io

from sqlalchemy import func, select

from service.care.models.deliveries import Delivery
from service.casework.models import Assessment, Case
from service.registry import bnba as imports
from service.registry.models import Person
from tests import factories as f
from tests.conftest import csrf_from

TODAY = dt.date(2026, 11, 22)
HEADER = ("nik,nama,jenis_kelamin,tanggal_lahir,kode_wilayah,kategori_ppks,tanggal_asesmen,kebutuhan,layanan,"
          "tanggal_layanan,jumlah,kejadian_bencana,alasan_tanpa_nik\n")


def counts(db):
    return tuple(db.scalar(select(func.count()).select_from(m)) for m in (Person, Case, Assessment, Delivery))


def run(data: str, user) -> imports.ImportReport:
    return imports.import_bnba(data.encode(), "bnba.csv", by_id=user.id, today=TODAY)


def test_row_in_another_district_is_rejected_with_its_line_and_nothing_is_written(db, make_user):
    operator = make_user("operator", "18.72.01")
    data = HEADER + (
        ",Di Wilayah,L,1950-01-01,18.72.01.1001,lanjut_usia_terlantar,2026-02-01,permakanan,permakanan,"
        "2026-02-02,1,,dokumen_hilang\n"
        ",Di Luar,L,1950-01-01,18.72.05.1001,lanjut_usia_terlantar,2026-02-01,permakanan,permakanan,"
        "2026-02-02,1,,dokumen_hilang\n")
    before = counts(db)
    report = run(data, operator)
    assert not report.ok and [e.line for e in report.errors] == [3]
    assert "di luar wilayah kerja Anda" in report.errors[0].reason and "18.72.05.1001" in report.errors[0].reason
    assert counts(db) == before
    assert db.scalar(select(Person).where(Person.name == "Di Luar")) is None


def test_existing_nik_in_another_area_is_refused_without_its_holders_name(db, make_user):
    holder = f.person(nama="Rahasia Wati", nik="1872054107700003", jenis_kelamin="P", tanggal_lahir="1970-07-01",
                      kode_wilayah="18.72.05.1001")
    db.commit()
    operator = make_user("operator", "18.72.01")
    data = HEADER + ("1872054107700003,Nama Lain,P,1970-07-01,18.72.01.1001,lanjut_usia_terlantar,2026-02-01,"
                     "permakanan,,,,,\n")
    report = run(data, operator)
    assert [e.line for e in report.errors] == [2]
    reason = report.errors[0].reason
    assert "NIK sudah terdaftar di luar wilayah Anda" in reason
    assert "Rahasia" not in reason and str(holder.id) not in reason and "18.72.05" not in reason
    assert db.scalar(select(func.count()).select_from(Case).where(Case.person_id == holder.id)) == 0


def test_assessment_on_a_sensitive_case_the_importer_is_not_assigned_to_is_refused(db, make_user):
    peksos = make_user("peksos", "18.72.01")
    person = f.person(nama="Klien Sensitif", nik="1872010101800002", jenis_kelamin="L", tanggal_lahir="1980-01-01",
                      kode_wilayah="18.72.01.1001")
    case = f.case(person, category="odha", worker_id=peksos.id)
    db.commit()
    assert case.is_sensitive
    operator = make_user("operator", "18.72.01")
    row = "1872010101800002,Klien Sensitif,L,1980-01-01,18.72.01.1001,odha,2026-02-01,permakanan,permakanan,2026-02-02,1,,\n"
    report = run(HEADER + row, operator)
    assert [e.line for e in report.errors] == [2]
    assert "tidak dapat Anda buka" in report.errors[0].reason and "Klien" not in report.errors[0].reason
    assert db.scalar(select(func.count()).select_from(Assessment).where(Assessment.case_id == case.id)) == 0
    assert db.scalar(select(func.count()).select_from(Delivery).where(Delivery.person_id == person.id)) == 0
    # the worker assigned to it (and a supervisor) may: the same rule as the case page
    supervisor = make_user("supervisor")
    report = run(HEADER + row, supervisor)
    assert report.ok, report.lines()
    assert report.assessments_created == 1 and report.deliveries_created == 1 and report.cases_opened == 0


def test_rows_in_the_importers_area_are_applied_to_new_and_existing_persons(db, make_user):
    known = f.person(nama="Sudah Ada", nik="1872014107500001", jenis_kelamin="P", tanggal_lahir="1950-07-01",
                     kode_wilayah="18.72.01.1001")
    db.commit()
    operator = make_user("operator", "18.72.01")
    data = HEADER + (
        "1872014107500001,Sudah Ada,P,1950-07-01,18.72.01.1001,lanjut_usia_terlantar,2026-02-01,permakanan,"
        "permakanan,2026-02-02,1,,\n"
        ",Orang Baru,L,1951-01-01,18.72.01.1002,lanjut_usia_terlantar,2026-02-01,permakanan,,,,,belum_terdaftar\n")
    report = run(data, operator)
    assert report.ok, report.lines()
    assert (report.persons_created, report.cases_opened, report.assessments_created, report.deliveries_created) \
        == (1, 2, 2, 1)
    assert db.scalar(select(Case).where(Case.person_id == known.id)).intake_source == "import"
    assert db.scalar(select(Person).where(Person.name == "Orang Baru")).no_nik_reason == "belum_terdaftar"


def test_nik_less_row_without_a_reason_is_stored_without_one_and_flagged(db, make_user, logged_in):
    """The BNBA columns are fixed (no reason column): such a row is accepted, with no reason stored —
    never a default — and the person is flagged for follow-up; a reason given must be a known one."""
    operator = make_user("operator")
    data = HEADER + ",Tanpa Alasan,L,1950-01-01,18.72.01.1001,,,,,,,,\n,Dengan Alasan,L,1950-01-01,18.72.01.1001," \
                    ",,,,,,,Dokumen hilang\n"
    report = run(data, operator)
    assert report.ok, report.lines()
    bare = db.scalar(select(Person).where(Person.name == "Tanpa Alasan"))
    assert bare.no_nik_reason is None
    assert db.scalar(select(Person).where(Person.name == "Dengan Alasan")).no_nik_reason == "dokumen_hilang"
    db.commit()
    client, _ = logged_in("operator")
    page = client.get(f"/orang/{bare.id}").get_data(as_text=True)
    assert "Tanpa NIK, alasan belum dicatat" in page and "Belum terdaftar" not in page
    wrong = run(HEADER + ",Alasan Aneh,L,1950-01-01,18.72.01.1001,,,,,,,,terbang\n", operator)
    assert [e.line for e in wrong.errors] == [2] and "alasan_tanpa_nik" in wrong.errors[0].reason
def test_admin_without_casework_rights_may_not_open_or_post_the_import_page(logged_in, db):
    client, _ = logged_in("admin")
    assert client.get("/impor/bnba").status_code == 403
    resp = client.post("/impor/bnba", data={"file": (io.BytesIO(HEADER.encode()), "b.csv")},
                       content_type="multipart/form-data")
    assert resp.status_code in (400, 403)
    assert "Impor BNBA" not in client.get("/").get_data(as_text=True)


def test_upload_page_reports_a_foreign_nik_by_line_without_the_name(logged_in, db):
    f.person(nama="Rahasia Wati", nik="1872054107700003", jenis_kelamin="P", tanggal_lahir="1970-07-01",
             kode_wilayah="18.72.05.1001")
    db.commit()
    client, _ = logged_in("operator", "18.72.01")
    page = client.get("/impor/bnba").get_data(as_text=True)
    data = HEADER + "1872054107700003,Siapa,P,1970-07-01,18.72.01.1001,,,,,,,,\n"
    resp = client.post("/impor/bnba", data={"csrf_token": csrf_from(page), "file": (io.BytesIO(data.encode()), "b.csv")},
                       content_type="multipart/form-data", follow_redirects=True)
    html = resp.get_data(as_text=True)
    assert "Impor ditolak" in html and "NIK sudah terdaftar di luar wilayah Anda" in html
    assert "Rahasia" not in html
