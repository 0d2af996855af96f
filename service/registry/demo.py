"""The registry's part of the demo office: ~25 persons in Kota Metro villages and three households."""

from __future__ import annotations

from sqlalchemy import select

from service.core.db import session
from service.core.demo import register_seeder
from service.registry.households import add_member, create_household
from service.registry.models import Household, Person
from service.registry.persons import record_dtks, register_person

# name, sex, birth date, village, NIK (None: without NIK), no-NIK reason, address, disability types
DEMO_PERSONS: list[tuple[str, str, str, str, str | None, str | None, str, list[str]]] = [
    ("Siti Rahayu", "P", "1950-07-01", "18.72.01.1001", "1872014107500001", None, "Jl. Hasanudin No. 12", []),
    ("Sumarni", "P", "1946-02-14", "18.72.01.1002", "1872015402460003", None, "Gg. Melati RT 03/RW 01", []),
    ("Paijo", "L", "1944-11-20", "18.72.01.1003", "1872012011440002", None, "Dusun Imopuro RT 05", []),
    ("Muhammad Soleh", "L", "1952-03-09", "18.72.01.1005", "1872010903520004", None, "Jl. Yos Sudarso 40", []),
    ("Moh. Soleh", "L", "1952-03-09", "18.72.04.1001", None, "dokumen_hilang", "Pasar Tejosari (los 8)", []),
    ("Wagiman", "L", "1941-08-17", "18.72.05.1001", "1872051708410001", None, "Rejomulyo RT 02/RW 04", []),
    ("Tuminah", "P", "1948-05-05", "18.72.05.1002", "1872054505480002", None, "Margorejo RT 07", ["fisik"]),
    # NIK birth date (1949-06-10) contradicts the declared date: a warning to resolve
    ("Sri Wahyuni", "P", "1949-06-01", "18.72.05.1003", "1872055006490005", None, "Sumbersari RT 01", []),
    ("Budi Santoso", "L", "1985-01-15", "18.72.02.1001", "1872021501850001", None, "Banjarsari RT 04", ["fisik"]),
    ("Rina Susanti", "P", "1992-10-02", "18.72.02.1002", "1872024210920002", None, "Purwosari RT 02", []),
    ("Dimas Pratama", "L", "2013-04-21", "18.72.03.1002", None, "belum_terdaftar", "Ganjar Agung RT 06", []),
    ("Putri Lestari", "P", "2016-09-30", "18.72.03.1002", None, "belum_terdaftar", "Ganjar Agung RT 06", []),
    ("Yanto", "L", "1979-12-01", "18.72.04.1002", None, "identitas_tidak_diketahui", "Ditemukan di Taman Merdeka", ["mental"]),
    ("Slamet Riyadi", "L", "1958-06-06", "18.72.04.1003", "1872040606580003", None, "Iring Mulyo RT 03", ["sensorik_netra"]),
    ("Kartini", "P", "1955-04-21", "18.72.04.1004", "1872046104550001", None, "Yosorejo RT 09", []),
    ("Agus Hidayat", "L", "2009-02-02", "18.72.01.1004", "1872010202090006", None, "Hadimulyo Barat RT 01", []),
    ("Dewi Handayani", "P", "2004-08-11", "18.72.01.1001", "1872015108040007", None, "Jl. Hasanudin No. 3", []),
    ("Bambang Purnomo", "L", "1961-07-07", "18.72.05.1004", "1872050707610002", None, "Margodadi RT 02", ["fisik"]),
    ("Endang Maryati", "P", "1964-03-03", "18.72.05.1004", "1872054303640003", None, "Margodadi RT 02", []),
    ("Rahmat Kurniawan", "L", "1990-05-25", "18.72.02.1003", "1872022505900004", None, "Karangrejo RT 05", []),
    ("Sugeng Wibowo", "L", "1950-10-10", "18.72.03.1001", "1872031010500001", None, "Mulyojati RT 04", []),
    ("Lestari Wati", "P", "1978-01-19", "18.72.03.1003", "1872035901780002", None, "Mulyosari RT 01", []),
    ("Joko Setiawan", "L", "1970-11-30", "18.72.02.1004", None, "dokumen_hilang", "Purwoasri RT 08", []),
    ("Nur Hayati", "P", "1983-07-14", "18.72.01.1002", "1872015407830008", None, "Hadimulyo Timur RT 02", []),
    ("Wahyu Saputra", "L", "2011-06-16", "18.72.01.1002", None, "belum_terdaftar", "Hadimulyo Timur RT 02", []),
]
# (head's name, KK number, [(member's name, relationship)])
DEMO_HOUSEHOLDS = [
    ("Bambang Purnomo", "1872050101100001", [("Endang Maryati", "istri")]),
    ("Nur Hayati", "1872010101100002", [("Wahyu Saputra", "anak")]),
    ("Lestari Wati", "1872030101100003", [("Dimas Pratama", "anak"), ("Putri Lestari", "anak")]),
]


def demo_person(name: str) -> Person | None:
    return session.scalar(select(Person).where(Person.name == name, Person.merged_into_id.is_(None))
                          .order_by(Person.created_at).limit(1))


def seed_demo_persons() -> None:
    """~25 persons in Kota Metro villages, with and without NIK, one NIK warning, one likely duplicate pair."""
    for name, sex, birth, village, nik, reason, address, disability in DEMO_PERSONS:
        if demo_person(name) is not None:
            continue
        person = register_person({"name": name, "sex": sex, "birth_date": birth,
                                  "village_code": village, "nik": nik, "no_nik_reason": reason,
                                  "address": address, "disability_types": disability})
        if name in ("Siti Rahayu", "Wagiman", "Tuminah"):
            record_dtks(person, "terdaftar", "2026-06-15", decile=1)
    for head_name, kk, members in DEMO_HOUSEHOLDS:
        if session.scalar(select(Household).where(Household.kk_number == kk)) is not None:
            continue
        head = demo_person(head_name)
        if head is None:
            continue
        household = create_household(head, kk)
        for member_name, relation in members:
            member = demo_person(member_name)
            if member is not None:
                add_member(household, member, relation)




register_seeder(10, "registry.persons", seed_demo_persons)
