"""The PSKS register's rules: one LKS record shared with the institutions register, trainings and
their counts, LKS documents and the reminders before they lapse."""

from __future__ import annotations

import datetime as dt

import pytest

from service.care.models.institutions import Institution
from service.core.errors import Conflict, ValidationError
from service.psks import documents, register, trainings
from service.psks.models import PsksReminder
from tests import factories as f


def tksk(name="Sugeng", area="18.72.01", **kw):
    return register.create_worker({"kind": "tksk", "name": name, "area_code": area, **kw})


def test_workers_validate_and_nik_is_unique(db):
    with pytest.raises(ValidationError) as exc:
        register.create_worker({"kind": "dukun", "name": " ", "area_code": "99", "birth_date": "2999-01-01"})
    assert set(exc.value.fields) == {"kind", "name", "area_code", "birth_date"}
    tksk(nik="1872011708510002")
    with pytest.raises(Conflict):
        tksk("Lain", nik="1872011708510002")
    w = tksk("Berhenti", ended_on="2026-06-30")
    assert w.active is False


def test_an_lks_is_one_record_with_the_institutions_register(db):
    inst = f.institution(name="LKS Harapan", kind="lks", region_code="18.72.01")
    org = register.create_organisation({"kind": "lks", "institution_id": inst.id, "services": "Lansia"})
    assert org.display_name == "LKS Harapan" and org.area_code == "18.72.01" and org.name is None
    with pytest.raises(ValidationError):
        register.create_organisation({"kind": "lks", "institution_id": inst.id})  # not twice
    hospital = f.institution(kind="hospital")
    with pytest.raises(ValidationError):
        register.create_organisation({"kind": "lks", "institution_id": hospital.id})
    assert inst not in register.linkable_institutions()
    register.update_organisation(org, {"name": "LKS Harapan Baru", "region_code": "18.72.02", "address": "Jl. A",
                                       "leader_name": "Bu Ani", "phone": "0725", "services": "Lansia", "active": True})
    assert db.get(Institution, inst.id).name == "LKS Harapan Baru" and org.area_code == "18.72.02"
    new = register.create_organisation({"kind": "lks", "name": "LKSA Baru", "region_code": "18.72.03"})
    assert new.institution.kind == "lks" and new.institution.name == "LKSA Baru"  # created in the register too
    kt = register.create_organisation({"kind": "karang_taruna", "name": "KT Tunas", "region_code": "18.72.01.1001"})
    assert kt.institution_id is None and kt.area_code == "18.72.01.1001"


def test_lists_follow_the_area(db, make_user):
    tksk("Di Metro Pusat", "18.72.01")
    tksk("Di Metro Selatan", "18.72.05")
    inst = f.institution(name="LKS Selatan", kind="lks", region_code="18.72.05")
    register.create_organisation({"kind": "lks", "institution_id": inst.id})
    register.create_organisation({"kind": "karang_taruna", "name": "KT Pusat", "region_code": "18.72.01"})
    peksos = make_user("peksos", "18.72.01")
    assert [w.name for w in db.scalars(register.worker_query(peksos))] == ["Di Metro Pusat"]
    assert [o.display_name for o in db.scalars(register.organisation_query(peksos))] == ["KT Pusat"]
    assert [o.display_name for o in db.scalars(register.organisation_query(make_user("supervisor"), "selatan"))] == [
        "LKS Selatan"]


def test_trainings_and_the_renja_counts(db):
    a, b = tksk("A"), tksk("B", "18.72.05")
    volunteer = register.create_worker({"kind": "relawan_sosial", "name": "R", "area_code": "18.72.01"})
    kt = register.create_organisation({"kind": "karang_taruna", "name": "KT", "region_code": "18.72.01"})
    t1 = trainings.create_training({"title": "Bimtek TKSK", "starts_on": "2026-03-10", "ends_on": "2026-03-12",
                                    "area_code": "18.72"})
    t2 = trainings.create_training({"title": "Lanjutan", "starts_on": "2026-09-30", "ends_on": "2026-10-01",
                                    "area_code": "18.72"})
    for w in (a, b, volunteer):
        trainings.add_participant(t1, worker=w)
    trainings.add_participant(t2, worker=a)
    trainings.add_participant(t2, organisation=kt, representative="Ketua")
    with pytest.raises(ValidationError):
        trainings.add_participant(t2, worker=a)
    with pytest.raises(ValidationError):
        trainings.add_participant(t2)
    year = (dt.date(2026, 1, 1), dt.date(2026, 12, 31))
    people = trainings.trained_workers_stmt(*year)
    assert trainings.count(people) == 2  # distinct, the volunteer is not a capacity kind
    assert trainings.count(trainings.trained_workers_stmt(dt.date(2026, 10, 1), dt.date(2026, 12, 31))) == 1
    assert trainings.count(trainings.trained_workers_stmt(*year, area="18.72.05")) == 1
    assert trainings.count(trainings.trained_organisations_stmt(*year)) == 1
    assert trainings.count(trainings.trained_organisations_stmt(dt.date(2026, 1, 1), dt.date(2026, 9, 30))) == 0
    with pytest.raises(ValidationError):
        trainings.create_training({"title": "x", "starts_on": "2026-05-02", "ends_on": "2026-05-01",
                                   "area_code": "18.72"})


def test_documents_in_force_and_reminders(db):
    inst = f.institution(name="LKS Dok", kind="lks", region_code="18.72")
    org = register.create_organisation({"kind": "lks", "institution_id": inst.id})
    kt = register.create_organisation({"kind": "karang_taruna", "name": "KT", "region_code": "18.72"})
    with pytest.raises(ValidationError):
        documents.add_document(kt, {"kind": "tanda_daftar", "number": "1", "issued_on": "2025-01-01"})
    with pytest.raises(ValidationError) as exc:
        documents.add_document(org, {"kind": "akreditasi", "number": "", "issued_on": "2025-01-01",
                                     "expires_on": "2024-01-01"})
    assert set(exc.value.fields) == {"number", "expires_on", "grade"}
    old = documents.add_document(org, {"kind": "izin_operasional", "number": "IO-1", "issued_on": "2021-01-01",
                                       "expires_on": "2026-01-01"})
    soon = documents.add_document(org, {"kind": "tanda_daftar", "number": "TD-1", "issued_on": "2024-01-01",
                                        "expires_on": "2027-01-15"})
    documents.add_document(org, {"kind": "akreditasi", "number": "AK-1", "issued_on": "2024-01-01",
                                 "expires_on": "2029-01-01", "grade": "a"})
    today = dt.date(2026, 12, 1)
    due = documents.due_documents(today)
    assert [(d.document.number, d.stage) for d in due] == [("IO-1", "expired"), ("TD-1", "expiring")]
    assert documents.send_reminders(today) == {"created": 2}
    assert documents.send_reminders(today) == {"created": 0}
    renewed = documents.add_document(org, {"kind": "izin_operasional", "number": "IO-2", "issued_on": "2026-02-01",
                                           "expires_on": "2031-02-01"})
    assert documents.in_force(org)["izin_operasional"] is renewed and old is not renewed
    assert [d.document.number for d in documents.due_documents(today)] == ["TD-1"]
    assert all(d.new for d in documents.due_documents(today))
    documents.mark_seen(None, [soon.id])
    assert not documents.due_documents(today)[0].new
    assert db.query(PsksReminder).count() == 2


def test_reminder_job_runs_once_per_day(db):
    from service.core import jobs

    inst = f.institution(name="LKS Job", kind="lks", region_code="18.72")
    org = register.create_organisation({"kind": "lks", "institution_id": inst.id})
    documents.add_document(org, {"kind": "tanda_daftar", "number": "TD", "issued_on": "2020-01-01",
                                 "expires_on": "2021-01-01"})
    db.commit()
    assert jobs.run_once("psks_document_reminders", "2099-01-01") == {"created": 1}
    assert jobs.run_once("psks_document_reminders", "2099-01-01") is None
