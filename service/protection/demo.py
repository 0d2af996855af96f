"""Demo data of the protection area (order 70, after registry, care and reports), through the real
use cases. Idempotent (seeded once: the March batch is the marker).

Four quarterly batches of DTKS/DTSEN proposals approved by the head of office (answered by the
ministry, one row rejected), a December batch waiting for approval, a verified proposal and a draft
without evidence; programme members (PKH, BPNT, PBI-JK, ASPD) with one graduation and the three
double-listing findings; civil documents; the heroes' cemetery's graves with their maintenance over
the year and the national-day ceremonies.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import select

from service.accounts.users import find_by_username
from service.care.models.deliveries import Delivery
from service.core import demo
from service.core.db import session
from service.protection import batches, cemetery, documents, letters, programmes, proposals
from service.protection.models import DtksBatch, Grave
from service.registry import demo as reg_demo
from service.registry import households as reg_households
from service.registry.models import Household, Person

D = dt.date.fromisoformat
HOUSEHOLDS = [  # head, KK, members
    ("Sutrisno", "1872050101100004", [("Warsini", "istri"), ("Dimas Saputra", "anak")]),
    ("Hartono", "1872050101100005", [("Suparmi", "istri"), ("Rahmat Hidayat", "anak")]),
]
# (period, approved on, [(kind, removal, person | household head, reason, evidence, answer)])
BATCHES: list[tuple[str, str, list[tuple[Any, ...]]]] = [
    ("2026-03", "2026-03-25", [
        ("new", None, "hh:Sutrisno", "Keluarga buruh harian, belum terdaftar di DTKS",
         ("musdes", "2026-03-10", "BA-MUSKEL/03/2026", "Lurah Tejosari"), ("accepted", None)),
        ("update", None, "Siti Rahayu", "Perbaikan alamat dan status pekerjaan",
         ("home_visit", "2026-03-12", None, "Agus Setiawan"), ("accepted", None)),
        ("new", None, "Agus Riyanto", "Penyandang disabilitas fisik, tinggal sendiri",
         ("home_visit", "2026-03-16", None, "Dewi Lestari"), ("rejected", "NIK tidak padan dengan data Dukcapil")),
    ]),
    ("2026-06", "2026-06-24", [
        ("new", None, "Sarinah", "Lansia tunggal tanpa penghasilan tetap",
         ("home_visit", "2026-06-04", None, "Agus Setiawan"), ("accepted", None)),
        ("new", None, "Paijo", "Kepala keluarga kehilangan pekerjaan",
         ("muskel", "2026-06-09", "BA-MUSKEL/06/2026", "Lurah Metro"), ("accepted", None)),
        ("update", None, "Wagiman", "Perbaikan tanggal lahir sesuai KTP-el",
         ("home_visit", "2026-06-11", None, "Dewi Lestari"), ("accepted", None)),
    ]),
    ("2026-09", "2026-09-23", [
        ("new", None, "hh:Hartono", "Keluarga miskin, rumah tidak layak huni",
         ("musdes", "2026-09-02", "BA-MUSKEL/09/2026", "Lurah Ganjar Agung"), ("accepted", None)),
        ("removal", "moved", "Agus Hidayat", "Pindah domisili ke Kabupaten Lampung Timur",
         ("muskel", "2026-09-07", "BA-MUSKEL/09b/2026", "Lurah Yosodadi"), ("accepted", None)),
        ("removal", "not_eligible", "Rahmat Kurniawan", "Sudah bekerja tetap sebagai ASN",
         ("home_visit", "2026-09-09", None, "Agus Setiawan"), None),
    ]),
    ("2026-11", "2026-11-30", [
        ("removal", "deceased", "+Slamet Riyadi", "Meninggal dunia 28/11/2026 (surat keterangan kelurahan)",
         ("home_visit", "2026-11-29", None, "Dewi Lestari"), None),
        ("new", None, "Tuminah", "Lansia terlantar yang kini diasuh tetangga",
         ("home_visit", "2026-11-20", None, "Dewi Lestari"), None),
    ]),
]
GRAVES = [("A-01", "Kapten (Purn.) Soemarno", "Kapten"), ("A-02", "Serma Darmawan", "Sersan Mayor"),
          ("A-03", "Pratu Karsono", "Prajurit Satu"), ("A-04", "Letda Sukarmin", "Letnan Dua"),
          ("B-01", "Kopral Jasman", "Kopral"), ("B-02", "Serda Ismail", "Sersan Dua"),
          ("B-03", "Mayor (Purn.) Harun Rasyid", "Mayor"), ("B-04", "Pelda Wiryo Sumarto", "Pembantu Letnan Dua")]
TMP = "Taman Makam Pahlawan Kemala Nusantara"
MAINTENANCE = [("2026-03-05", "cleaning", None), ("2026-05-20", "painting", ["A-01", "A-02", "A-03", "A-04"]),
               ("2026-08-10", "cleaning", None), ("2026-11-05", "repair", ["B-03", "B-04"]),
               ("2026-11-06", "cleaning", None)]


def _deceased(name: str) -> Person:
    return session.scalar(select(Person).where(Person.name == name, Person.deceased_on.is_not(None)))  # type: ignore[return-value]


def _subject(ref: str) -> dict[str, Any]:
    if ref.startswith("+"):
        return {"person_id": _deceased(ref[1:]).id}
    if ref.startswith("hh:"):
        head = reg_demo.demo_person(ref[3:])
        hh = reg_households.households_of(head)[0]  # type: ignore[arg-type]
        return {"household_id": hh.id}
    return {"person_id": reg_demo.demo_person(ref).id}  # type: ignore[union-attr]


def _households() -> None:
    for head_name, kk, members in HOUSEHOLDS:
        if session.scalar(select(Household).where(Household.kk_number == kk)) is None:
            hh = reg_households.create_household(reg_demo.demo_person(head_name), kk)  # type: ignore[arg-type]
            for name, rel in members:
                reg_households.add_member(hh, reg_demo.demo_person(name), rel)  # type: ignore[arg-type]
    # Double listing: Dimas Saputra is also on his grandparents' card; Paijo (another village) on Nur Hayati's.
    bambang = reg_households.households_of(reg_demo.demo_person("Bambang Purnomo"))[0]  # type: ignore[arg-type]
    reg_households.add_member(bambang, reg_demo.demo_person("Dimas Saputra"), "cucu")  # type: ignore[arg-type]
    nur = reg_households.households_of(reg_demo.demo_person("Nur Hayati"))[0]  # type: ignore[arg-type]
    reg_households.add_member(nur, reg_demo.demo_person("Paijo"), "famili_lain")  # type: ignore[arg-type]


def _proposals(kadis: Any, operator: Any) -> None:
    for period, approved_on, rows in BATCHES:
        batch = batches.create_batch(period)
        made = []
        for kind, removal, ref, reason, (ev_kind, held, number, officer), answer in rows:
            p = proposals.create_proposal({"kind": kind, "removal_reason": removal, "reason": reason,
                                           "proposed_on": held, **_subject(ref)}, worker_id=operator.id)
            proposals.add_evidence(p, {"kind": ev_kind, "held_on": held, "reference": number, "officer": officer,
                                       "finding": "Sesuai dengan kondisi di lapangan"})
            made.append((p, answer))
        batches.add_proposals(batch, [p.id for p, _a in made])
        day = D(approved_on)
        batches.submit(batch, operator.id, today=day - dt.timedelta(days=2))
        batches.approve(batch, kadis.id, today=day)
        batch.exported_on = day
        for p, answer in made:
            if answer is not None:
                batches.record_answer(p, answer[0], answer[1], (day + dt.timedelta(days=21)).isoformat())
    waiting = batches.create_batch("2026-12", "Usulan awal Desember")
    p = proposals.create_proposal({"kind": "new", "person_id": reg_demo.demo_person("Ponirah").id,
                                   "reason": "Lansia tinggal sendiri, rumah menumpang", "proposed_on": "2026-12-01"},
                                  worker_id=operator.id)
    proposals.add_evidence(p, {"kind": "home_visit", "held_on": "2026-12-01", "officer": "Agus Setiawan"})
    batches.add_proposals(waiting, [p.id])
    batches.submit(waiting, operator.id)
    q = proposals.create_proposal({"kind": "update", "person_id": reg_demo.demo_person("Sumarni").id,
                                   "reason": "Jumlah anggota keluarga berubah", "proposed_on": "2026-12-01"})
    proposals.add_evidence(q, {"kind": "home_visit", "held_on": "2026-12-01", "officer": "Agus Setiawan"})
    proposals.create_proposal({"kind": "new", "person_id": reg_demo.demo_person("Kartini").id,
                               "reason": "Janda dengan tiga anak, menunggu musyawarah kelurahan",
                               "proposed_on": "2026-12-02"})


def _programmes() -> None:
    def hh(head: str) -> Any:
        return reg_households.households_of(reg_demo.demo_person(head))[0].id  # type: ignore[arg-type]

    programmes.enrol({"programme_code": "pkh", "household_id": hh("Bambang Purnomo"), "started_on": "2024-02-01",
                      "member_number": "KPM-187205-00031", "stage": "2026 tahap 4"})
    nur = programmes.enrol({"programme_code": "pkh", "household_id": hh("Nur Hayati"), "started_on": "2022-03-01",
                            "member_number": "KPM-187201-00112", "stage": "2026 tahap 2"})
    programmes.change_status(nur, "graduated", on="2026-08-15", reason="Graduasi sejahtera mandiri (usaha warung)")
    programmes.enrol({"programme_code": "bpnt", "household_id": hh("Lestari Wati"), "started_on": "2025-01-10",
                      "member_number": "KKS-187203-00419", "stage": "2026 tahap 4"})
    programmes.enrol({"programme_code": "bpnt", "household_id": hh("Sutrisno"), "started_on": "2026-07-01",
                      "stage": "2026 tahap 3"})
    for name, number in (("Siti Rahayu", "0001234500011"), ("Wagiman", "0001234500012")):
        programmes.enrol({"programme_code": "pbi_jk", "person_id": reg_demo.demo_person(name).id,  # type: ignore[union-attr]
                          "started_on": "2025-06-01", "member_number": number})
    programmes.enrol({"programme_code": "pbi_jk", "person_id": _deceased("Slamet Riyadi").id,
                      "started_on": "2024-01-01", "member_number": "0001234500013"}, from_ministry_list=True)
    programmes.enrol({"programme_code": "aspd", "person_id": reg_demo.demo_person("Agus Riyanto").id,  # type: ignore[union-attr]
                      "started_on": "2026-04-01", "stage": "2026 tahap 2"})


def _documents(operator: Any) -> None:
    karto = session.scalar(select(Delivery).where(Delivery.service_type_code == documents.SERVICE_TYPE,
                                                  Delivery.voided_at.is_(None)).order_by(Delivery.delivered_on))
    if karto is not None and karto.delivered:
        documents.record_document(karto.person, {"kind": "nik", "obtained_on": karto.delivered_on.isoformat()},
                                  delivery=karto)
    for name, kind, on in (("Dimas Pratama", "akta", "2026-05-14"), ("Putri Lestari", "kia", "2026-08-20"),
                           ("Wahyu Saputra", "kk", "2026-10-07")):
        documents.record_document(reg_demo.demo_person(name), {"kind": kind, "obtained_on": on},  # type: ignore[arg-type]
                                  worker_id=operator.id)


def _cemetery() -> None:
    graves = {plot: cemetery.create_grave({"cemetery": TMP, "plot": plot, "hero_name": name, "rank": rank,
                                           "area_code": "18.72.02.1001"}) for plot, name, rank in GRAVES}
    for day, work, plots in MAINTENANCE:
        chosen = [graves[p].id for p in (plots or graves)]
        cemetery.record_maintenance(chosen, {"done_on": day, "work": work})
    for kind, day, place, n in (("kemerdekaan", "2026-08-17", "Lapangan Samber, Metro", 850),
                                ("kesaktian_pancasila", "2026-10-01", "Halaman Pemkot Metro", 300),
                                ("pahlawan", "2026-11-10", TMP, 420)):
        cemetery.record_ceremony({"day": kind, "held_on": day, "place": place, "participants": n,
                                  "area_code": "18.72.02.1001" if kind == "pahlawan" else "18.72.01.1001"})


def _letters() -> None:
    a = letters.issue(reg_demo.demo_person("Sumarni"), {  # type: ignore[arg-type]
        "addressed_to": "RSUD Jenderal Ahmad Yani Metro", "letter_date": "2026-10-12",
        "reason": "Rawat inap segera (stroke), belum memiliki jaminan kesehatan"})
    letters.record_answer(a, "accepted", responder="Bagian Penjaminan RSUD A. Yani", answered_on="2026-10-14",
                          note="Didaftarkan PBI-JK daerah")
    letters.issue(reg_demo.demo_person("Paijo"), {  # type: ignore[arg-type]
        "addressed_to": "BPJS Kesehatan Kantor Cabang Metro", "letter_date": "2026-11-25",
        "reason": "Pengobatan rutin TBC, kepesertaan PBI nonaktif"})


def seed() -> None:
    if session.scalar(select(DtksBatch.id).where(DtksBatch.period == "2026-03")) is not None:
        return
    if reg_demo.demo_person("Sutrisno") is None or session.scalar(select(Grave.id).limit(1)) is not None:
        return
    kadis, operator = find_by_username("kadis"), find_by_username("operator")
    _households()
    _proposals(kadis, operator)
    _programmes()
    _documents(operator)
    _cemetery()
    _letters()


demo.register_seeder(70, "protection", seed)
