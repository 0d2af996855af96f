"""Demo data of the PSKS register (order 65, after the care area's institutions), through the real
use cases. Idempotent.

Kota Metro's five TKSK (one per district), PSM in four villages, a penyuluh sosial and a
pekerja sosial; two LKS — one linked to the institution the care area already registered, one new
(created in that register too) — three Karang Taruna and an LK3; LKS documents of which one has
lapsed and two lapse within the warning window; four trainings of 2026 with their participants.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import select

from service.care import institutions as care_institutions
from service.core import clock, demo
from service.core.db import session
from service.psks import documents, register, trainings
from service.psks.models import PsksOrganisation, PsksTraining, PsksWorker

WORKERS: list[dict[str, Any]] = [
    {"kind": "tksk", "name": "Sugeng Riyadi", "sex": "L", "area_code": "18.72.01", "phone": "0812-7900-1001",
     "appointment_number": "SK Mensos 12/HUK/2023", "appointed_on": "2023-02-01"},
    {"kind": "tksk", "name": "Nurul Hidayah", "sex": "P", "area_code": "18.72.02", "phone": "0812-7900-1002",
     "appointment_number": "SK Mensos 12/HUK/2023", "appointed_on": "2023-02-01"},
    {"kind": "tksk", "name": "Bambang Irawan", "sex": "L", "area_code": "18.72.03", "phone": "0812-7900-1003",
     "appointment_number": "SK Mensos 12/HUK/2023", "appointed_on": "2023-02-01", "certificate_number": "LSPS-0931"},
    {"kind": "tksk", "name": "Yuliana", "sex": "P", "area_code": "18.72.04", "phone": "0812-7900-1004",
     "appointment_number": "SK Mensos 12/HUK/2023", "appointed_on": "2023-02-01"},
    {"kind": "tksk", "name": "Hendra Kusuma", "sex": "L", "area_code": "18.72.05", "phone": "0812-7900-1005",
     "appointment_number": "SK Mensos 12/HUK/2023", "appointed_on": "2023-02-01"},
    {"kind": "psm", "name": "Siti Khotijah", "sex": "P", "area_code": "18.72.01.1001", "phone": "0813-6600-2001"},
    {"kind": "psm", "name": "Wahyudi", "sex": "L", "area_code": "18.72.01.1003", "phone": "0813-6600-2002"},
    {"kind": "psm", "name": "Ratna Sari", "sex": "P", "area_code": "18.72.05.1001", "phone": "0813-6600-2003"},
    {"kind": "psm", "name": "Agus Priyanto", "sex": "L", "area_code": "18.72.04.1002", "phone": "0813-6600-2004"},
    {"kind": "penyuluh_sosial", "name": "Drs. Made Suarta", "sex": "L", "area_code": "18.72",
     "appointment_number": "SK Wali Kota 800/112/2021"},
    {"kind": "pekerja_sosial", "name": "Fitri Handayani, S.Tr.Sos.", "sex": "P", "area_code": "18.72",
     "certificate_number": "Sertifikat Peksos 2022-0451"},
]

LINKED_LKS = "LKS Bina Insani Metro"  # registered by the care area's demo (service.care.demo)
ORGANISATIONS: list[dict[str, Any]] = [
    {"kind": "lks", "name": "LKSA Panti Asuhan Darul Aitam", "region_code": "18.72.02.1001",
     "address": "Jl. Kenanga No. 4, Banjarsari, Metro Utara", "leader_name": "H. Syamsudin", "phone": "0725-48811",
     "services": "Pengasuhan anak terlantar dan yatim piatu (32 anak)"},
    {"kind": "karang_taruna", "name": "Karang Taruna Tunas Harapan Kel. Metro", "region_code": "18.72.01.1001",
     "leader_name": "Rizky Pratama", "members": 45},
    {"kind": "karang_taruna", "name": "Karang Taruna Bina Remaja Rejomulyo", "region_code": "18.72.05.1001",
     "leader_name": "Dian Puspita", "members": 38},
    {"kind": "karang_taruna", "name": "Karang Taruna Kota Metro", "region_code": "18.72",
     "leader_name": "Ahmad Fauzi", "registration_number": "SK Wali Kota 400/55/2024", "members": 120},
    {"kind": "lk3", "name": "LK3 Sakinah Kota Metro", "region_code": "18.72", "leader_name": "Dra. Sumarni",
     "services": "Konsultasi keluarga bermasalah sosial psikologis"},
]

# organisation name, kind, number, issued, expires, grade
DOCUMENTS = [
    (LINKED_LKS, "tanda_daftar", "460/021/TD-LKS/2024", "2024-01-15", "2027-01-15", None),
    (LINKED_LKS, "izin_operasional", "503/114/IO/2022", "2022-06-01", "2027-06-01", None),
    (LINKED_LKS, "akreditasi", "AKR-LKS/1872/2021/07", "2021-11-20", "2026-11-20", "B"),
    ("LKSA Panti Asuhan Darul Aitam", "tanda_daftar", "460/007/TD-LKS/2025", "2025-02-10", "2028-02-10", None),
    ("LKSA Panti Asuhan Darul Aitam", "izin_operasional", "503/089/IO/2021", "2021-12-20", "2026-12-20", None),
]

# title, organiser, start, end, location, worker names, organisation names (with representative)
TRAININGS: list[tuple[str, str, str, str, str, list[str], list[tuple[str, str]]]] = [
    ("Bimtek Peningkatan Kapasitas TKSK Kota Metro", "Dinas Sosial Kota Metro", "2026-03-10", "2026-03-12",
     "Aula Dinas Sosial", ["Sugeng Riyadi", "Nurul Hidayah", "Bambang Irawan", "Yuliana", "Hendra Kusuma"], []),
    ("Pelatihan PSM: Pendampingan Lansia Terlantar", "Dinas Sosial Kota Metro", "2026-05-19", "2026-05-20",
     "Balai Kelurahan Imopuro", ["Siti Khotijah", "Wahyudi", "Ratna Sari", "Agus Priyanto", "Drs. Made Suarta"], []),
    ("Peningkatan Kapasitas Karang Taruna", "Dinas Sosial Kota Metro", "2026-08-17", "2026-08-18",
     "Gedung Wanita Kota Metro", [],
     [("Karang Taruna Tunas Harapan Kel. Metro", "Rizky Pratama"),
      ("Karang Taruna Bina Remaja Rejomulyo", "Dian Puspita"), ("Karang Taruna Kota Metro", "Ahmad Fauzi")]),
    ("Bimtek Standar Pelayanan dan Akreditasi LKS", "Dinas Sosial Provinsi Lampung", "2026-10-07", "2026-10-08",
     "Hotel Aidia Grande, Metro", ["Fitri Handayani, S.Tr.Sos."],
     [(LINKED_LKS, "Pengurus LKS"), ("LKSA Panti Asuhan Darul Aitam", "H. Syamsudin"),
      ("LK3 Sakinah Kota Metro", "Dra. Sumarni")]),
]


def _worker(name: str) -> PsksWorker | None:
    return session.scalar(select(PsksWorker).where(PsksWorker.name == name))


def _organisation(name: str) -> PsksOrganisation | None:
    stmt = (select(PsksOrganisation).outerjoin(register.LKS, register.LKS.id == PsksOrganisation.institution_id)
            .where(register.organisation_name() == name))
    return session.scalar(stmt)


def seed() -> None:
    today = clock.today()
    for data in WORKERS:
        if _worker(data["name"]) is None:
            register.create_worker(data)
    linked = care_institutions.find_institution(LINKED_LKS)
    if linked is not None and _organisation(LINKED_LKS) is None:
        register.create_organisation({"kind": "lks", "institution_id": linked.id,
                                      "services": "Rehabilitasi sosial penyandang disabilitas dan lansia"})
    for data in ORGANISATIONS:
        if _organisation(data["name"]) is None:
            register.create_organisation(data)
    for name, kind, number, issued, expires, grade in DOCUMENTS:
        org = _organisation(name)
        if org is not None and not any(d.number == number for d in org.documents):
            documents.add_document(org, {"kind": kind, "number": number, "issued_on": issued, "expires_on": expires,
                                         "grade": grade, "issuer": "Dinas Sosial Kota Metro"})
    for title, organiser, start, end, place, people, orgs in TRAININGS:
        if dt.date.fromisoformat(end) > today or session.scalar(select(PsksTraining).where(PsksTraining.title == title)):
            continue
        training = trainings.create_training({"title": title, "organiser": organiser, "starts_on": start,
                                              "ends_on": end, "location": place, "area_code": "18.72"})
        for person in people:
            worker = _worker(person)
            if worker is not None:
                trainings.add_participant(training, worker=worker)
        for org_name, rep in orgs:
            org = _organisation(org_name)
            if org is not None:
                trainings.add_participant(training, organisation=org, representative=rep)
    documents.send_reminders(today)


demo.register_seeder(65, "psks", seed)
