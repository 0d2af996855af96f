"""Demo data for the disaster module (order 40): a flood in Kota Metro. Idempotent.

Everything goes through the real service functions (registry, casework, stock,
cards, aid, roster), so the demo shows the real rules: a second family kit for
the same household is caught and handed out only with an override reason.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import select

from service.accounts.users import find_by_username
from service.core import clock
from service.core.db import session
from service.core.demo import register_seeder
from service.core.errors import Conflict
from service.core.formatting import WIB
from service.disasters import aid, cards, events, shelters, stock, victims, volunteers
from service.disasters.models.events import DisasterEvent, Victim
from service.disasters.models.stock import StockMovement, Warehouse
from service.disasters.models.volunteers import Volunteer
from service.registry import persons as registry

EVENT_NAME = "Banjir Metro Selatan (luapan Way Sekampung)"

# head (name, sex, birth, nik or None, village, vulnerable), members [(name, sex, birth, rel, nik, vulnerable)], damage
HOUSEHOLDS: list[tuple[tuple[Any, ...], list[tuple[Any, ...]], str]] = [
    (("Sutrisno", "L", "1975-03-14", "1872051403750001", "18.72.05.1001", []),
     [("Sri Wahyuni", "P", "1979-08-02", "istri", "1872054208790001", []),
      ("Dimas Saputra", "L", "2023-05-10", "anak", None, ["balita"])], "rusak_berat"),
    (("Warsini", "P", "1948-11-20", "1872056011480001", "18.72.05.1001", ["lansia"]),
     [("Tumini", "P", "1952-01-07", "famili_lain", None, ["lansia", "disabilitas"])], "rusak_sedang"),
    (("Agus Riyanto", "L", "1988-06-30", "1872053006880002", "18.72.05.1002", []),
     [("Nur Hasanah", "P", "1991-02-17", "istri", "1872055702910001", ["ibu_hamil_menyusui"]),
      ("Aisyah Putri", "P", "2025-09-01", "anak", None, ["balita"])], "rusak_ringan"),
    (("Mulyadi", "L", "1969-12-05", None, "18.72.05.1002", []),
     [("Karsinah", "P", "1972-04-22", "istri", None, [])], "rusak_berat"),
    (("Hartono", "L", "1958-09-09", "1872050909580001", "18.72.05.1003", ["lansia"]),
     [("Suparmi", "P", "1960-10-10", "istri", "1872055010600001", ["lansia"])], "rusak_sedang"),
    (("Rahmat Hidayat", "L", "1995-01-25", "1872052501950001", "18.72.05.1003", []),
     [("Yuliana", "P", "1997-07-15", "istri", "1872055507970001", [])], "rusak_ringan"),
    (("Ponirah", "P", "1980-02-28", None, "18.72.05.1004", []),
     [("Bagus Prasetyo", "L", "2012-03-03", "anak", None, []),
      ("Siti Maesaroh", "P", "2016-12-12", "anak", None, [])], "rusak_berat"),
    (("Slamet Riyadi", "L", "1966-05-18", "1872051805660001", "18.72.05.1004", ["disabilitas"]), [], "tidak_rusak"),
]


def _person(name: str, sex: str, born: str, nik: str | None, village: str) -> dict[str, Any]:
    data = {"name": name, "sex": sex, "birth_date": born, "village_code": village}
    if nik:
        data["nik"] = nik
    else:
        data["no_nik_reason"] = "dokumen_hilang"
    return data


def _register(event: Any, data: dict[str, Any], **kw: Any) -> Victim:
    try:
        return victims.register_victim(event, data, **kw)
    except Conflict as exc:  # the NIK is already registered under another spelling: the demo reuses it
        if exc.field != "nik":
            raise
        return victims.register_victim(event, registry.get_person(exc.existing_id), **kw)


def seed_disaster_demo(today: dt.date | None = None) -> None:
    today = today or clock.today()
    start = today - dt.timedelta(days=5)
    existing = session.scalars(select(DisasterEvent).where(DisasterEvent.name == EVENT_NAME)).first()
    if existing is not None:
        return
    items = {i.code: i for i in stock.ensure_default_items()}
    wh = session.scalar(select(Warehouse).where(Warehouse.code == "GBS-METRO"))
    if wh is None:
        wh = stock.create_warehouse("GBS-METRO", "Gudang Buffer Stock Dinsos Kota Metro", "18.72",
                                    "Jl. AH. Nasution No. 7, Metro Timur")
    if session.scalar(select(StockMovement).where(StockMovement.warehouse_id == wh.id)) is None:
        for code, qty, exp in (("beras", 2000, today + dt.timedelta(days=200)),
                               ("makanan_siap_saji", 400, today + dt.timedelta(days=20)),
                               ("lauk_pauk", 300, today + dt.timedelta(days=90)),
                               ("family_kit", 60, None), ("kids_ware", 30, None), ("selimut", 150, None),
                               ("matras", 100, None), ("tenda_keluarga", 10, None), ("sandang", 80, None)):
            stock.receive(wh, items[code], qty, source="kementerian",
                          document_ref="BAST/123/LJS.BS/2026" if code != "beras" else "BAST/045/PROV/2026",
                          received_on=today - dt.timedelta(days=60), expires_on=exp, today=today)
    event = events.create_event({
        "name": EVENT_NAME, "event_type": "banjir", "area_code": "18.72.05",
        "village_codes": ["18.72.05.1001", "18.72.05.1002", "18.72.05.1003", "18.72.05.1004"],
        "started_on": start, "emergency_start": start, "emergency_end": start + dt.timedelta(days=14),
        "summary": "Hujan deras sejak sore menyebabkan luapan sungai; permukiman di empat kelurahan Metro Selatan "
                   "terendam 50–120 cm. Warga dievakuasi ke Balai Kelurahan Rejomulyo.",
    }, today=today)
    # TAGANA roster, the demo user tagana deployed to the event
    tagana_user = find_by_username("tagana")
    roster = [("TGN-1872-001", "Bayu Pratama", "tagana", "18.72.05", "evakuasi;dapur umum"),
              ("TGN-1872-002", "Rudi Hartanto", None, "18.72.04", "SAR air;P3K"),
              ("TGN-1872-003", "Lina Marlina", None, "18.72.01", "psikososial;logistik")]
    for number, name, username, area, skills in roster:
        vol = session.scalar(select(Volunteer).where(Volunteer.member_number == number))
        if vol is None:
            vol = volunteers.create_volunteer({"member_number": number, "name": name, "area_code": area,
                                               "skills": skills, "phone": "0812-7000-" + number[-3:],
                                               "username": username if (username and tagana_user) else None})
            volunteers.add_training(vol, "Diklat Dasar TAGANA", today - dt.timedelta(days=400), "SERT/TGN/" + number)
        volunteers.deploy(vol, event, "Koordinator lapangan" if username else "Relawan logistik", start, today=today)
    shelter = shelters.create_shelter(event, "Pos Pengungsian Balai Kelurahan Rejomulyo", 25,
                                       place="Jl. Ki Hajar Dewantara, Rejomulyo", village_code="18.72.05.1001")
    by_id = tagana_user.id if tagana_user else None
    registered: list[Victim] = []
    households = []
    for i, (head, members, damage) in enumerate(HOUSEHOLDS):
        name, sex, born, nik, village, vuln = head
        hv = _register(event, _person(name, sex, born, nik, village), damage_level=damage,
                       vulnerable_groups=vuln, registered_on=start + dt.timedelta(days=1), by_id=by_id, today=today,
                       status="meninggal" if i == 7 else "mengungsi")
        registered.append(hv)
        for mname, msex, mborn, rel, mnik, mvuln in members:
            registered.append(_register(event, _person(mname, msex, mborn, mnik, village), household=hv.household,
                                     relationship_code=rel, vulnerable_groups=mvuln,
                                     registered_on=start + dt.timedelta(days=1), by_id=by_id, today=today))
        households.append(hv.household)
    in_shelter = [v for v in registered if v.household_id in {h.id for h in households[:5]}]
    for v in in_shelter:
        shelters.check_in(shelter, v, on=start + dt.timedelta(days=1), today=today, by_id=by_id)
    issued = [cards.issue_card(h) for h in households[:7]]
    cards.issue_card(households[3], reissue_reason="Kartu hanyut saat evakuasi")  # lost card re-issued
    for idx, h in enumerate(households[:6]):
        at = dt.datetime.combine(start + dt.timedelta(days=2), dt.time(9, idx * 7), WIB)
        aid.distribute(event, item=items["family_kit"], warehouse=wh, household=h, place=shelter.name,
                       volunteer_user_id=by_id, distributed_at=at, card_token=issued[idx].token
                       if idx != 3 else None, today=today)
        aid.distribute(event, item=items["selimut"], warehouse=wh, quantity=2, household=h, place=shelter.name,
                       volunteer_user_id=by_id, distributed_at=at + dt.timedelta(minutes=2), today=today)
    # a second family kit for household 1: caught by the guard, given with a reason
    aid.distribute(event, item=items["family_kit"], warehouse=wh, household=households[0], place=shelter.name,
                   volunteer_user_id=by_id, today=today,
                   distributed_at=dt.datetime.combine(start + dt.timedelta(days=3), dt.time(10, 0), WIB),
                   override_reason="Rumah rusak berat, anggota keluarga 3 orang; disetujui koordinator posko")
    for d in range(1, 4):
        aid.record_kitchen_day(event, shelter, start + dt.timedelta(days=d), 3 * len(in_shelter) + 6, in_shelter,
                               today=today)
    aid.record_psychosocial(event, start + dt.timedelta(days=3), "Lina Marlina (TAGANA)",
                            "Layanan dukungan psikososial anak: bermain dan bercerita",
                            [v for v in registered if v.person.birth_date and v.person.birth_date.year >= 2010],
                            today=today)
    for v in registered:
        if "balita" in v.vulnerable_groups or "ibu_hamil_menyusui" in v.vulnerable_groups:
            aid.record_special_handling(v, start + dt.timedelta(days=2), v.vulnerable_groups[0],
                                        "Pemeriksaan kesehatan dan paket makanan tambahan", today=today)
    aid.record_compensation(registered[-1], amount=15_000_000, recipient_name="Sumarni",
                            recipient_relationship="Istri", document_ref="SK-SANTUNAN/12/DINSOS/2026",
                            paid_on=start + dt.timedelta(days=4), today=today)


register_seeder(40, "disasters", seed_disaster_demo)
