"""Programmes and the double-listing check, PBI-JK letters, civil documents, the heroes' cemetery."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from service.care.deliveries import void_delivery
from service.care.models.deliveries import Delivery
from service.core.errors import ValidationError
from service.protection import cemetery, documents, letters, programmes
from service.registry import households as reg_households
from service.reports.renja_sources import sources
from tests import factories as f
from tests.protection.conftest import TODAY

Y = (dt.date(2026, 1, 1), dt.date(2026, 12, 31))


def _household(village: str = "18.72.01.1001") -> tuple:
    head = f.person(nama="Kepala PKH", kode_wilayah=village)
    return reg_households.create_household(head, None), head


def test_membership_unit_stage_graduation_and_no_double_enrolment(db):
    hh, head = _household()
    with pytest.raises(ValidationError) as exc:
        programmes.enrol({"programme_code": "pkh", "person_id": head.id}, today=TODAY)
    assert "household_id" in exc.value.fields  # PKH is for households
    m = programmes.enrol({"programme_code": "pkh", "household_id": hh.id, "started_on": "2025-01-01",
                          "stage": "2026 tahap 1"}, today=TODAY)
    with pytest.raises(ValidationError):
        programmes.enrol({"programme_code": "pkh", "household_id": hh.id}, today=TODAY)
    programmes.change_status(m, "active", stage="2026 tahap 3", today=TODAY)
    assert m.stage == "2026 tahap 3"
    with pytest.raises(ValidationError):
        programmes.change_status(m, "suspended", today=TODAY)  # needs a reason
    programmes.change_status(m, "graduated", on="2026-08-01", today=TODAY)
    assert m.status == "graduated" and m.ended_on == dt.date(2026, 8, 1)
    with pytest.raises(ValidationError):
        programmes.change_status(m, "active", today=TODAY)  # graduation is final
    assert programmes.enrol({"programme_code": "pkh", "household_id": hh.id}, today=TODAY)


def test_double_listing_finds_the_dead_the_twice_listed_and_the_split_household(db):
    hh, head = _household()
    other, _h2 = _household()
    child = f.person(nama="Anak Dua KK")
    reg_households.add_member(hh, child, "anak")
    reg_households.add_member(other, child, "cucu")
    far = f.person(nama="Jauh", kode_wilayah="18.72.05.1001")
    reg_households.add_member(hh, far, "famili_lain")
    programmes.enrol({"programme_code": "pkh", "household_id": hh.id}, today=TODAY)
    dead = f.person(nama="Almarhum")
    dead.deceased_on = dt.date(2026, 5, 1)
    with pytest.raises(ValidationError):
        programmes.enrol({"programme_code": "pbi_jk", "person_id": dead.id}, today=TODAY)
    programmes.enrol({"programme_code": "pbi_jk", "person_id": dead.id}, today=TODAY, from_ministry_list=True)
    supervisor = type("U", (), {"area_code": None})()
    found = {(x.check, (x.person or x.household).id) for x in programmes.double_listing(supervisor)}
    assert found == {("deceased", dead.id), ("two_households", child.id), ("two_regions", hh.id)}
    elsewhere = type("U", (), {"area_code": "18.72.03"})()
    assert programmes.double_listing(elsewhere) == []


def test_pbi_letter_numbered_in_its_own_sequence_signed_and_answered(db):
    from service.core import settings

    settings.put("office.head_name", "Drs. Kepala")
    settings.put("office.head_nip", "197003121995031002")
    p = f.person()
    a = letters.issue(p, {"addressed_to": "RSUD A. Yani", "reason": "Rawat inap", "letter_date": "2026-10-12"},
                      today=TODAY)
    b = letters.issue(p, {"addressed_to": "BPJS", "reason": "Kontrol", "letter_date": "2026-10-13"}, today=TODAY)
    assert a.letter_number.startswith("001/400.9.3/") and b.letter_number.startswith("002/400.9.3/")
    assert a.letter_number.endswith("/X/2026") and a.signer_nip == "197003121995031002"
    with pytest.raises(ValidationError):
        letters.record_answer(a, "rejected", responder="RS", answered_on="2026-10-13", today=TODAY)  # no reason
    with pytest.raises(ValidationError):
        letters.record_answer(a, "accepted", responder="RS", answered_on="2026-10-01", today=TODAY)  # before letter
    letters.record_answer(a, "accepted", responder="RS", answered_on="2026-10-13", today=TODAY)
    info = letters.verify(a.verify_code)
    assert info["number"] == a.letter_number and p.name not in str(info)
    assert letters.verify("tebakan") is None
    with pytest.raises(ValidationError):
        letters.issue(p, {"addressed_to": "", "reason": ""}, today=TODAY)


def test_civil_documents_record_the_service_and_count_persons_once(db):
    p = f.person()
    doc = documents.record_document(p, {"kind": "akta", "obtained_on": "2026-04-02"}, today=TODAY)
    delivery = db.get(Delivery, doc.delivery_id)
    assert delivery.service_type_code == "dokumen_kependudukan" and delivery.delivered_on == dt.date(2026, 4, 2)
    documents.record_document(p, {"kind": "kia", "obtained_on": "2026-05-02"}, today=TODAY)
    with pytest.raises(ValidationError) as exc:
        documents.record_document(p, {"kind": "nik", "number": "123", "obtained_on": "2026-05-02"}, today=TODAY)
    assert "number" in exc.value.fields
    with pytest.raises(ValidationError):
        documents.record_document(p, {"kind": "kk", "obtained_on": "2026-05-02"}, delivery=delivery, today=TODAY)
    src = sources()["civil_documents"]
    assert src.count(*Y) == 1
    assert src.count(dt.date(2026, 4, 1), dt.date(2026, 4, 30)) == 1
    for d in db.scalars(select(Delivery).where(Delivery.person_id == p.id)):
        void_delivery(d, "Salah orang")
    assert src.count(*Y) == 0


def test_existing_delivery_gets_its_document(db):
    p = f.person()
    d = f.deliver(p, "dokumen_kependudukan", on=dt.date(2026, 3, 20))
    doc = documents.record_document(p, {"kind": "nik", "obtained_on": "2026-03-20"}, delivery=d, today=TODAY)
    assert doc.delivery_id == d.id
    other = f.deliver(p, "permakanan", on=dt.date(2026, 3, 20))
    with pytest.raises(ValidationError):
        documents.record_document(p, {"kind": "kk", "obtained_on": "2026-03-20"}, delivery=other, today=TODAY)


def test_graves_maintained_count_each_grave_once_and_ceremonies_are_checked(db):
    g1 = cemetery.create_grave({"cemetery": "TMP Uji", "plot": "a-1", "hero_name": "Kapten X",
                                "area_code": "18.72.02.1001"}, today=TODAY)
    g2 = cemetery.create_grave({"cemetery": "TMP Uji", "plot": "A-2", "hero_name": "Serma Y",
                                "area_code": "18.72.02.1001"}, today=TODAY)
    with pytest.raises(ValidationError) as exc:
        cemetery.create_grave({"cemetery": "TMP Uji", "plot": "A-1", "hero_name": "Z", "area_code": "18.72.02.1001"},
                              today=TODAY)
    assert "plot" in exc.value.fields
    cemetery.record_maintenance([g1.id, g2.id], {"done_on": "2026-03-05", "work": "cleaning"}, today=TODAY)
    cemetery.record_maintenance([g1.id], {"done_on": "2026-11-05", "work": "painting"}, today=TODAY)
    with pytest.raises(ValidationError):
        cemetery.record_maintenance([], {"done_on": "2027-01-01", "work": "x"}, today=TODAY)
    src = sources()["graves_maintained"]
    assert src.count(*Y) == 2 and src.count(dt.date(2026, 10, 1), Y[1]) == 1
    assert src.count(*Y, "18.72.01") == 0
    c = cemetery.record_ceremony({"day": "pahlawan", "held_on": "2026-11-10", "place": "TMP Uji", "participants": "400",
                                  "area_code": "18.72.02.1001"}, today=TODAY)
    assert c.participants == 400
    with pytest.raises(ValidationError) as exc:
        cemetery.record_ceremony({"day": "pahlawan", "held_on": "2026-11-10", "place": "", "participants": "banyak",
                                  "area_code": "18.72.02.1001"}, today=TODAY)
    assert {"place", "participants"} <= set(exc.value.fields)
