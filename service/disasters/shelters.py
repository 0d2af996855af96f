"""Shelters and stays — owner of ``Shelter`` and ``ShelterStay`` (docs/disasters.md).

Check-in records ``bencana_penampungan`` once per victim and event; over capacity is
warned, not refused; a victim has one open stay at a time (partial unique index).

A victim's status "di_pengungsian" and an open stay go together (so the situation report's
"Di pos pengungsian" equals the shelters' occupancy and their lists of occupants): check-in sets
the status, check-out (or another status) ends it; ``service.disasters.victims`` asks for the
shelter whenever a victim is put "di pos pengungsian".
"""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from sqlalchemy import Select, func, select

from service.care.deliveries import record_delivery
from service.casework.models import Case
from service.core import clock
from service.core.db import get_or_raise, session
from service.core.errors import N_, ValidationError
from service.core.formatting import past_date
from service.disasters.models.events import DisasterEvent, Shelter, ShelterStay, Victim
from service.reference import regions

NOT_CHECKED_IN = ("meninggal", "hilang")


def create_shelter(event: DisasterEvent, name: str, capacity: Any, *, place: str | None = None,
                   village_code: str | None = None) -> Shelter:
    errors: dict[str, str] = {}
    name = " ".join((name or "").split())
    if not name:
        errors["name"] = N_("Nama pos pengungsian wajib diisi.")
    try:
        cap = int(str(capacity).strip())
        if cap < 1:
            raise ValueError
    except (TypeError, ValueError):
        errors["capacity"] = N_("Kapasitas harus bilangan bulat 1 atau lebih.")
        cap = 0
    if village_code and (regions.get(village_code) is None or regions.get(village_code).level != 4):  # type: ignore[union-attr]
        errors["village_code"] = N_("Kode wilayah harus kode desa/kelurahan (PP.KK.DD.VVVV).")
    if errors:
        raise ValidationError(errors)
    shelter = Shelter(event_id=event.id, name=name, capacity=cap, place=(place or "").strip() or None,
                      village_code=village_code or None)
    session.add(shelter)
    session.flush()
    return shelter


def get_shelter(shelter_id: uuid.UUID | str) -> Shelter:
    return get_or_raise(Shelter, shelter_id, N_("Pos pengungsian tidak ditemukan."))  # type: ignore[no-any-return]


def occupancy(shelter: Shelter) -> int:
    return session.scalar(select(func.count()).select_from(ShelterStay).where(
        ShelterStay.shelter_id == shelter.id, ShelterStay.checked_out_on.is_(None))) or 0


def shelters_with_occupancy(event: DisasterEvent) -> list[tuple[Shelter, int]]:
    rows = session.execute(
        select(Shelter, func.count(ShelterStay.id))
        .outerjoin(ShelterStay, (ShelterStay.shelter_id == Shelter.id) & ShelterStay.checked_out_on.is_(None))
        .where(Shelter.event_id == event.id).group_by(Shelter.id).order_by(Shelter.name))
    return [(s, n) for s, n in rows]


def open_stays_stmt(event: DisasterEvent | None = None, shelter: Shelter | None = None) -> Select[Any]:
    """Stays not checked out yet: of the event's shelters, or of one shelter."""
    stmt = select(ShelterStay).join(Shelter, Shelter.id == ShelterStay.shelter_id) \
        .where(ShelterStay.checked_out_on.is_(None))
    if event is not None:
        stmt = stmt.where(Shelter.event_id == event.id)
    if shelter is not None:
        stmt = stmt.where(ShelterStay.shelter_id == shelter.id)
    return stmt


def current_stay(victim: Victim) -> ShelterStay | None:
    return session.scalar(select(ShelterStay).where(ShelterStay.victim_id == victim.id,
                                                    ShelterStay.checked_out_on.is_(None)))


def check_in(shelter: Shelter, victim: Victim, *, on: dt.date | str | None = None, today: dt.date | None = None,
             by_id: uuid.UUID | None = None) -> tuple[ShelterStay, bool]:
    """Check a victim in. Returns (stay, over_capacity): over capacity is warned, not refused.

    Records the ``bencana_penampungan`` delivery (once per victim and event).
    """
    today = today or clock.today()
    if victim.event_id != shelter.event_id:
        raise ValidationError({"victim_id": N_("Korban ini bukan dari kejadian pos pengungsian ini.")})
    day = past_date(on, "checked_in_on", today) or today
    if current_stay(victim) is not None:
        raise ValidationError({"victim_id": N_("{name} masih tercatat di pos pengungsian.")}, name=victim.person.name)
    if victim.status in NOT_CHECKED_IN:
        raise ValidationError({"victim_id": N_("{name} tercatat meninggal atau hilang; tidak dapat masuk pos pengungsian.")},
                              name=victim.person.name)
    stay = ShelterStay(shelter_id=shelter.id, victim_id=victim.id, checked_in_on=day)
    session.add(stay)
    victim.status = "di_pengungsian"
    session.flush()
    record_delivery(victim.person, "bencana_penampungan", delivered_on=day, source="disaster",
                    disaster_event_id=shelter.event_id, place=shelter.name, worker_id=by_id,
                    case=session.get(Case, victim.case_id) if victim.case_id else None,
                    external_key=f"shelter:{uuid.uuid5(shelter.event_id, str(victim.id)).hex}", today=today)
    return stay, occupancy(shelter) > shelter.capacity


def check_out(stay: ShelterStay, *, on: dt.date | str | None = None, today: dt.date | None = None,
              status: str = "mengungsi") -> ShelterStay:
    """End a stay; the victim's status becomes ``status`` (by default "mengungsi")."""
    today = today or clock.today()
    if stay.checked_out_on is not None:
        raise ValidationError({"_": N_("Sudah keluar dari pos pengungsian.")})
    invalid = N_("Tanggal keluar tidak valid.")
    day = past_date(on, "checked_out_on", today, message=invalid) or today
    if day < stay.checked_in_on:
        raise ValidationError({"checked_out_on": invalid})
    stay.checked_out_on = day
    if stay.victim.status == "di_pengungsian":
        stay.victim.status = status
    session.flush()
    return stay


def get_stay(stay_id: uuid.UUID | str) -> ShelterStay:
    return get_or_raise(ShelterStay, stay_id, N_("Data tinggal tidak ditemukan."))  # type: ignore[no-any-return]
