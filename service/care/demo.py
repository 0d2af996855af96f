"""Demo data of the care area (order 30), through the real use cases. Idempotent.

Creates the few persons and cases it needs (fixed ids, so a second run finds
them), an institutions register, deliveries across 2026, a family tracing with
a verified reunification and its visits (one missed), a referral the hospital
accepted through its one-time link and one still waiting, a placement, and two
returns home.
"""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from sqlalchemy import select

from service.accounts.users import find_by_username
from service.care import deliveries as delivery
from service.care import institutions, referrals, returns, tracing
from service.care.models.referrals import Referral
from service.care.models.returns import ReturnHome
from service.casework import cases as casework
from service.casework.models import Case
from service.core import demo
from service.core.db import session
from service.registry import persons as registry
from service.registry.models import Person

NS = uuid.UUID("5b7f0c4e-6d1a-4e55-9a53-1f0a7e2c9b10")

INSTITUTIONS = [
    {"name": "RSUD Jend. Ahmad Yani Kota Metro", "kind": "hospital", "region_code": "18.72",
     "address": "Jl. Jend. A. Yani No. 13, Imopuro, Metro Pusat", "contact_person": "Instalasi Gawat Darurat",
     "phone": "(0725) 41820"},
    {"name": "RS Jiwa Daerah Provinsi Lampung", "kind": "mental_hospital", "region_code": "18.01",
     "address": "Jl. Raya Gedong Tataan Km. 13, Pesawaran", "phone": "(0721) 92006"},
    {"name": "UPTD PSTW Natar (Panti Sosial Tresna Werdha)", "kind": "panti", "region_code": "18.01",
     "address": "Jl. Raya Natar, Lampung Selatan", "contact_person": "Kepala UPTD"},
    {"name": "LKS Bina Insani Metro", "kind": "lks", "region_code": "18.72", "address": "Jl. Sumbawa, Metro Timur"},
    {"name": "Sentra Terpadu Inten Soeweno", "kind": "balai", "region_code": "32.76",
     "address": "Jl. Ciracas, Cibinong, Bogor", "contact_person": "Seksi Layanan"},
    {"name": "Dinas Sosial Kota Bandar Lampung", "kind": "office", "region_code": "18.71",
     "address": "Jl. Dr. Susilo No. 2, Bandar Lampung", "phone": "(0721) 252041"},
]

# key, person data, category, worker, intake date
PEOPLE: list[tuple[str, dict[str, Any], str, str, str]] = [
    ("sarinah", {"name": "Sarinah", "sex": "P", "birth_date": "1948-05-12", "nik": "1872015205480001",
                 "village_code": "18.72.01.1001"}, "lanjut_usia_terlantar", "peksos", "2026-01-08"),
    ("wagiman", {"name": "Wagiman", "sex": "L", "birth_date": "1951-08-17", "nik": "1872011708510002",
                 "village_code": "18.72.01.1002"}, "lanjut_usia_terlantar", "peksos", "2026-02-03"),
    ("karto", {"name": "Mbah Karto (nama panggilan)", "sex": "L", "age": 70,
               "no_nik_reason": "identitas_tidak_diketahui", "area_code": "18.72.01"}, "orang_terlantar", "peksos",
     "2026-03-01"),
    ("budi", {"name": "Budi Santoso", "sex": "L", "birth_date": "1990-03-03", "nik": "1871010303900003",
              "area_code": "18.72.05"}, "orang_terlantar", "peksos2", "2026-06-10"),
    ("ratna", {"name": "Ratna Dewi", "sex": "P", "birth_date": "1992-11-21", "nik": "1872056111920004",
               "village_code": "18.72.05.1001"}, "pekerja_migran_bermasalah", "peksos2", "2026-07-20"),
]

# key, service type, date, quantity, item detail, cost
DELIVERIES = [
    ("sarinah", "permakanan", "2026-01-15", 30, None, 450000),
    ("sarinah", "permakanan", "2026-02-15", 28, None, 420000),
    ("sarinah", "permakanan", "2026-03-15", 31, None, 465000),
    ("sarinah", "sandang", "2026-01-20", 1, "2 stel pakaian, selimut", 250000),
    ("sarinah", "alat_bantu", "2026-04-22", 1, "Kursi roda lipat standar", 1250000),
    ("sarinah", "perbekalan_kesehatan", "2026-05-05", 1, "Obat hipertensi 1 bulan", None),
    ("wagiman", "permakanan", "2026-02-10", 30, None, 450000),
    ("wagiman", "akses_pendidikan_kesehatan", "2026-04-28", 1, "Pendaftaran PBI JKN", None),
    ("wagiman", "alat_bantu", "2026-08-12", 1, "Alat bantu dengar (hearing aid) digital", 1800000),
    ("karto", "permakanan", "2026-03-02", 14, None, 210000),
    ("karto", "dokumen_kependudukan", "2026-03-20", 1, "Perekaman KTP-el di Disdukcapil", None),
    ("budi", "kedaruratan", "2026-06-10", 1, "Penampungan sementara 3 hari", 300000),
    ("ratna", "bimbingan_fmss", "2026-07-25", 1, "Konseling trauma", None),
]


def _id(*parts: str) -> uuid.UUID:
    return uuid.uuid5(NS, "/".join(parts))


def _person_case(key: str, data: dict[str, Any], category: str, worker: str, intake: str) -> Case:
    case = session.get(Case, _id("case", key))
    if case is not None:
        return case
    # Reuse a person (and open case) another area's seeder made with the same NIK.
    person = session.get(Person, _id("person", key)) or (registry.find_by_nik(data["nik"]) if data.get("nik") else None)
    if person is None:
        person = registry.register_person(data, person_id=_id("person", key))
    user = find_by_username(worker)
    case, opened = casework.find_or_open_case(person, category, "outreach", intake, consent_given=True,
                                              consent_by="yang bersangkutan", worker_id=user.id if user else None,
                                              case_id=_id("case", key))
    if not opened:
        return case
    category_row = casework.get_category(category)
    basic = casework.basic_service_for(category_row)
    needs = basic.component_codes[:4] if basic else ["bimbingan_fmss"]
    casework.record_assessment(case, intake, needs, assessor_id=user.id if user else None,
                               external_key=f"demo-services:{key}")
    return case


def _institution(name: str) -> Any:
    return institutions.find_institution(name)


def seed() -> None:
    today = dt.date.today()
    for data in INSTITUTIONS:
        if _institution(data["name"]) is None:
            institutions.create_institution(data)
    cases = {key: _person_case(key, data, cat, worker, intake) for key, data, cat, worker, intake in PEOPLE}
    peksos = find_by_username("peksos")
    for i, (key, code, day, qty, detail, cost) in enumerate(DELIVERIES):
        if dt.date.fromisoformat(day) > today:
            continue
        c = cases[key]
        delivery.record_delivery(c.person, code, delivered_on=day, quantity=qty, case=c, item_detail=detail, cost=cost,
                                 worker_id=c.worker_id, place="Kota Metro", source="demo",
                                 external_key=f"demo-services:{key}:{i}")
    # a planned delivery and a voided one, so the list shows every state
    c = cases["wagiman"]
    delivery.record_delivery(c.person, "sandang", planned_on="2026-12-05", case=c, source="demo",
                             external_key="demo-services:wagiman:planned")
    wrong = delivery.record_delivery(c.person, "sandang", delivered_on="2026-02-11", case=c, source="demo",
                                     external_key="demo-services:wagiman:void")
    if not wrong.voided:
        delivery.void_delivery(wrong, "Tercatat ganda (sudah ada di data Februari)")
    _placements(cases)
    _tracing(cases["karto"], peksos)
    _referrals(cases)
    _returns(cases)


def _placements(cases: dict[str, Case]) -> None:
    if not institutions.placements(cases["sarinah"]):
        institutions.set_placement(cases["sarinah"], "home", "2026-01-08", reason="Tinggal bersama tetangga")
    if not institutions.placements(cases["wagiman"]):
        panti = _institution("UPTD PSTW Natar (Panti Sosial Tresna Werdha)")
        institutions.set_placement(cases["wagiman"], "institution", "2026-02-05", institution=panti,
                                   reason="Tidak ada keluarga yang merawat; kondisi lemah")


def _tracing(case: Case, peksos: Any) -> None:
    if tracing.tracing_for(case) is not None:
        return
    by = peksos.id if peksos else None
    t = tracing.open_tracing(case, "2026-03-02", notes="Ditemukan di Terminal 16C, mengaku dari Kab. Pringsewu")
    tracing.add_contact(t, "Suparmi", "Anak kandung", phone="0813-6677-1020", address="Pekon Fajar Baru, Pagelaran")
    tracing.record_attempt(t, "2026-03-04", "social_media", "Foto disebar di grup Facebook warga Pringsewu", by_id=by)
    tracing.record_attempt(t, "2026-03-09", "village_official", "Kepala pekon Fajar Baru mengenali; anak bernama Suparmi",
                           by_id=by)
    tracing.set_status(t, "found", on="2026-03-09")
    tracing.record_attempt(t, "2026-03-12", "visit", "Kunjungan ke rumah Suparmi; KK dan foto lama cocok", by_id=by)
    tracing.set_status(t, "verified", on="2026-03-12")
    r = tracing.reunify(t, "2026-03-20", "Suparmi", "Anak kandung", "Rumah keluarga, Pekon Fajar Baru, Pagelaran",
                        by_id=by)
    today = dt.date.today()
    for visit, outcome in zip(r.visits[:2], ("good", "needs_support"), strict=True):
        if visit.due_on <= today:
            tracing.record_visit(visit, visit.due_on, outcome, "Dikunjungi bersama TKSK", by_id=by)


def _referrals(cases: dict[str, Case]) -> None:
    rsud = _institution("RSUD Jend. Ahmad Yani Kota Metro")
    existing = session.scalar(select(Referral).where(Referral.case_id == cases["wagiman"].id))
    if existing is None:
        ref = referrals.create_referral(cases["wagiman"], rsud, "Sesak napas dan demam tinggi; perlu rawat inap",
                                        "Laki-laki lanjut usia, tinggal di panti, riwayat TBC; tanpa keluarga",
                                        consent_checked=True)
        token = referrals.send_referral(ref, on=dt.date(2026, 5, 4), now=dt.datetime(2026, 5, 4, 2, 0, tzinfo=dt.UTC))
        referrals.answer_by_link(token, True, "dr. Maya Sari, Kepala IGD", now=dt.datetime(2026, 5, 4, 5, 0,
                                                                                           tzinfo=dt.UTC))
        referrals.complete_referral(ref, "2026-05-05")
    rsj = _institution("RS Jiwa Daerah Provinsi Lampung")
    waiting = session.scalar(select(Referral).where(Referral.case_id == cases["budi"].id))
    if waiting is None:
        ref = referrals.create_referral(cases["budi"], rsj, "Gejala gangguan jiwa berat; perlu asesmen psikiatri",
                                        "Laki-laki dewasa, ditemukan terlantar, bicara tidak runtut", consent_checked=True)
        referrals.send_referral(ref, on=dt.date(2026, 10, 1), now=dt.datetime(2026, 10, 1, 2, 0, tzinfo=dt.UTC))


def _returns(cases: dict[str, Case]) -> None:
    if session.scalar(select(ReturnHome).where(ReturnHome.case_id == cases["budi"].id)) is None:
        r = returns.plan_return(cases["budi"], "stranded", "18.72.05", "18.71", "Bus Metro–Rajabasa", "2026-06-13",
                                destination_address="Kel. Rajabasa, Bandar Lampung", cost=75000, escort="Dewi Lestari")
        returns.complete_return(r, "2026-06-13", "Pak Harun (Lurah Rajabasa)", "village_official")
    if session.scalar(select(ReturnHome).where(ReturnHome.case_id == cases["ratna"].id)) is None:
        r = returns.plan_return(cases["ratna"], "migrant_victim", "31.71", "18.72.05.1001", "Pesawat + travel",
                                "2026-07-22", destination_address="Metro Selatan", cost=1650000,
                                escort="Dewi Lestari (Dinas Sosial)")
        returns.complete_return(r, "2026-07-23", "Sulastri", "family", receiver_relationship="Ibu kandung")


demo.register_seeder(30, "care", seed)
