"""BNBA import (shared spec INTERFACES.md): validation report, all-or-nothing, idempotence."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from sqlalchemy import func, select

from service.care.models.deliveries import Delivery
from service.casework.models import Assessment, Case
from service.core.errors import ValidationError
from service.core.models.audit import AuditLog
from service.registry import bnba as imports
from service.registry.models import Person

HEADER = "NIK,Nama,jenis_kelamin,tanggal_lahir,kode_wilayah,kategori_ppks,tanggal_asesmen,kebutuhan,layanan,tanggal_layanan,jumlah,catatan_lain\n"
# Rows without NIK name the reason (an extra column the spec allows; required, no silent default).
REASON_HEADER = HEADER.strip() + ",alasan_tanpa_nik\n"
GOOD = REASON_HEADER + (
    "1872014107500001,Siti Rahayu,P,1950-07-01,18.72.01.1001,lanjut_usia_terlantar,2026-02-01,permakanan;sandang,permakanan,2026-02-10,1,x,\n"
    "1872014107500001,Siti Rahayu,P,1950-07-01,18.72.01.1001,lanjut_usia_terlantar,2026-02-01,permakanan;sandang,sandang,2026-02-12,,,\n"
    ",Paijo,L,03/04/1948,18.72.05.1001,lanjut_usia_terlantar,2026-02-03,permakanan,,,,,belum_terdaftar\n"
    ",Paijo,L,1948-04-03,18.72.05.1001,,,,,,,,Belum terdaftar di Dukcapil\n"
    ",Tono,L,,18.72.02.1001,,,,,,,,dokumen_hilang\n"
)


def counts(db):
    return tuple(db.scalar(select(func.count()).select_from(m)) for m in (Person, Case, Assessment, Delivery))


def test_good_file_imports_and_reimport_changes_nothing(db):
    before = counts(db)
    report = imports.import_bnba(GOOD.encode(), "bnba.csv", today=dt.date(2026, 11, 22))
    assert report.ok, report.lines()
    assert (report.persons_created, report.cases_opened, report.assessments_created, report.deliveries_created) \
        == (3, 2, 2, 2)
    after = counts(db)
    assert tuple(a - b for a, b in zip(after, before, strict=True)) == (3, 2, 2, 2)
    siti = db.scalar(select(Person).where(Person.nik == "1872014107500001"))
    case = db.scalar(select(Case).where(Case.person_id == siti.id))
    assert case.status == "assessment" and case.intake_source == "import"
    # every imported record is audited (entries written in bulk at the end of the import)
    audited = db.scalars(select(AuditLog.action).where(AuditLog.entity_type == "persons",
                                                       AuditLog.entity_id == str(siti.id))).all()
    assert audited == ["create"]
    again = imports.import_bnba(GOOD.encode(), "bnba.csv", today=dt.date(2026, 11, 22))
    assert again.ok and again.unchanged_rows == 5 and counts(db) == after


def test_xlsx_with_headers_in_any_order(db):
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.append(["Kode_Wilayah", "NAMA", "tanggal_lahir", "jenis_kelamin", "kategori_ppks", "Alasan_Tanpa_NIK"])
    ws.append(["18.72.03.1002", "Wagiman", dt.datetime(1947, 8, 17), "L", "lanjut_usia_terlantar", "dokumen_hilang"])
    buf = io.BytesIO()
    wb.save(buf)
    report = imports.import_bnba(buf.getvalue(), "daftar.xlsx")
    assert report.ok and report.persons_created == 1 and report.cases_opened == 1
    p = db.scalar(select(Person).where(Person.name == "Wagiman"))
    assert p.birth_date == dt.date(1947, 8, 17) and p.village_code == "18.72.03.1002"


def test_bad_rows_are_all_reported_and_nothing_is_written(db):
    bad = HEADER + (
        "1872014107500001,Siti Rahayu,P,1950-07-01,18.72.01.1001,lanjut_usia_terlantar,2026-02-01,permakanan,,,,\n"
        "12345,Salah NIK,L,1950-01-01,18.72.01.1001,,,,,,,\n"
        ",,L,1950-01-01,18.72.01.1001,,,,,,,\n"
        ",Kategori Salah,L,1950-01-01,18.72.01.1001,bukan_kategori,,,,,,\n"
        ",Butuh Salah,L,1950-01-01,18.72.01.1001,lanjut_usia_terlantar,2026-02-01,terbang,,,,\n"
        ",Tanpa Tanggal,L,1950-01-01,18.72.01.1001,,,,permakanan,,,\n"
        ",Wilayah Salah,L,1950-01-01,99.99.99.9999,,,,,,,\n"
        ",Jumlah Nol,L,1950-01-01,18.72.01.1001,,,,permakanan,2026-02-01,0,\n"
    )
    before = counts(db)
    report = imports.import_bnba(bad.encode(), "bnba.csv")
    assert not report.ok
    lines = {e.line: e.reason for e in report.errors}
    assert sorted(lines) == [3, 4, 5, 6, 7, 8, 9]
    assert "16 digit" in lines[3] and "Nama wajib" in lines[4] and "bukan_kategori" in lines[5]
    assert "terbang" in lines[6] and "tanggal_layanan" in lines[7] and "99.99.99.9999" in lines[8]
    assert "Jumlah" in lines[9]
    assert counts(db) == before


def test_unknown_disaster_event_is_a_row_error(db):
    data = HEADER.strip() + ",kejadian_bencana\n,Korban,L,1950-01-01,18.72.01.1001,,,,,,,,BNC-XYZ\n"
    report = imports.import_bnba(data.encode(), "bnba.csv")
    assert [e.line for e in report.errors] == [2] and "BNC-XYZ" in report.errors[0].reason


@pytest.mark.parametrize("data, name", [(b"", "x.csv"), (b"foo,bar\n1,2\n", "x.csv"), (b"abc", "x.xlsx"),
                                        (b"nama\nA\n", "x.pdf")])
def test_unreadable_files_raise(db, data, name):
    with pytest.raises(ValidationError):
        imports.import_bnba(data, name)


def test_cli_import_reports_and_exits_nonzero(app, tmp_path, db):
    good, bad = tmp_path / "good.csv", tmp_path / "bad.csv"
    good.write_text(GOOD)
    bad.write_text(HEADER + ",Tanpa Wilayah,L,1950-01-01,,,,,,,,\n")
    runner = app.test_cli_runner()
    result = runner.invoke(args=["import", "bnba", str(bad)])
    assert result.exit_code != 0 and "line 2" in result.output
    result = runner.invoke(args=["import", "bnba", str(tmp_path / "missing.csv")])
    assert result.exit_code != 0 and "not found" in result.output
    result = runner.invoke(args=["import", "bnba", str(good)])
    assert result.exit_code == 0, result.output
    assert "3 person(s) created" in result.output


def test_disaster_rows_register_victims_of_the_event(db):
    """A BNBA row with `kejadian_bencana` registers the person as a victim of that event (once);
    the registration is the person's eligible SPM `bencana` assessment."""
    from service.disasters import events as disasters
    from service.disasters.models.events import Victim

    event = disasters.create_event({"name": "Banjir Metro Utara", "event_type": "banjir", "area_code": "18.72",
                                    "village_codes": ["18.72.02.1001"], "started_on": "2026-03-01"},
                                   today=dt.date(2026, 11, 22))
    data = (HEADER.strip() + ",kejadian_bencana,alasan_tanpa_nik\n"
            f",Warsito,L,1960-02-02,18.72.02.1001,korban_bencana_alam,2026-03-02,bencana_makanan;bencana_sandang,"
            f"bencana_makanan,2026-03-02,1,,{event.code},dokumen_hilang\n"
            f",Warsito,L,1960-02-02,18.72.02.1001,korban_bencana_alam,2026-03-02,bencana_makanan;bencana_sandang,"
            f"bencana_sandang,2026-03-03,1,,{event.code},dokumen_hilang\n")
    report = imports.import_bnba(data.encode(), "bencana.csv", today=dt.date(2026, 11, 22))
    assert report.ok, report.lines()
    victims = db.scalars(select(Victim).where(Victim.event_id == event.id)).all()
    assert len(victims) == 1 and victims[0].person.name == "Warsito"
    assessment = db.get(Assessment, victims[0].assessment_id)
    assert assessment.basic_service_code == "bencana" and assessment.disaster_event_id == event.id
    assert assessment.need_codes == ["bencana_makanan", "bencana_sandang"]
    deliveries = db.scalars(select(Delivery).where(Delivery.person_id == victims[0].person_id)).all()
    assert sorted(d.service_type_code for d in deliveries) == ["bencana_makanan", "bencana_sandang"]
    assert all(d.disaster_event_id == event.id for d in deliveries)
    again = imports.import_bnba(data.encode(), "bencana.csv", today=dt.date(2026, 11, 22))
    assert again.ok and again.unchanged_rows == 2
    assert db.scalar(select(func.count()).select_from(Victim).where(Victim.event_id == event.id)) == 1
