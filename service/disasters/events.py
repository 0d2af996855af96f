"""Disaster events, victims by household, shelters — owner of ``service.disasters.models.events``.

``register_victim`` is the one way a person becomes a disaster victim (web form,
API, BNBA import, sync): it reuses the registry (validation, NIK conflict), opens
or reuses the person's ``korban_bencana_*`` case and records the eligible SPM
assessment for ``bencana`` (shared spec SPM.md).
"""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from sqlalchemy import Select, func, or_, select, update

from service.care.deliveries import record_delivery
from service.casework import cases as casework
from service.casework.models import Case
from service.core.access import scope_area
from service.core.db import get_or_raise, session
from service.core.errors import N_, Conflict, ValidationError
from service.core.formatting import parse_date
from service.disasters.models.events import (
    DAMAGE_LEVELS,
    EVENT_CATEGORIES,
    EVENT_STATUSES,
    EVENT_TYPES,
    VICTIM_STATUSES,
    VULNERABLE_GROUPS,
    DisasterCodeSequence,
    DisasterEvent,
    Shelter,
    ShelterStay,
    Victim,
    VictimHousehold,
)
from service.disasters.models.volunteers import Deployment, Volunteer
from service.reference import regions
from service.reference.models import BasicService, ServiceType
from service.registry import persons as registry
from service.registry.models import Person

# Readable code prefix per event type (data, not ifs): BNJ-2026-003.
CODE_PREFIXES = {"banjir": "BNJ", "longsor": "LSR", "kebakaran": "KBK", "angin_puting_beliung": "APB",
                 "gempa_bumi": "GMP", "konflik_sosial": "KSL", "lainnya": "BNC"}
# The category an event type belongs to by default.
TYPE_CATEGORY = {"banjir": "alam", "longsor": "alam", "angin_puting_beliung": "alam", "gempa_bumi": "alam",
                 "kebakaran": "non_alam", "konflik_sosial": "sosial", "lainnya": "alam"}
TYPE_LABELS = {"banjir": N_("Banjir"), "longsor": N_("Tanah longsor"), "kebakaran": N_("Kebakaran"),
               "angin_puting_beliung": N_("Angin puting beliung"), "gempa_bumi": N_("Gempa bumi"),
               "konflik_sosial": N_("Konflik sosial"), "lainnya": N_("Lainnya")}
CATEGORY_LABELS = {"alam": N_("Bencana alam"), "sosial": N_("Bencana sosial"), "non_alam": N_("Bencana non-alam")}
STATUS_LABELS = {"tanggap_darurat": N_("Tanggap darurat"), "pemulihan": N_("Pemulihan"), "selesai": N_("Selesai")}
VICTIM_STATUS_LABELS = {"mengungsi": N_("Mengungsi"), "di_pengungsian": N_("Di pos pengungsian"),
                        "tinggal_keluarga": N_("Menumpang di keluarga"), "luka": N_("Luka-luka"),
                        "meninggal": N_("Meninggal dunia"), "hilang": N_("Hilang")}
VULNERABLE_LABELS = {"balita": N_("Balita"), "ibu_hamil_menyusui": N_("Ibu hamil/menyusui"),
                     "lansia": N_("Lanjut usia"), "disabilitas": N_("Penyandang disabilitas")}
DAMAGE_LABELS = {"tidak_rusak": N_("Tidak rusak"), "rusak_ringan": N_("Rusak ringan"),
                 "rusak_sedang": N_("Rusak sedang"), "rusak_berat": N_("Rusak berat")}
RELATIONSHIPS = ("kepala_keluarga", "istri", "suami", "anak", "orang_tua", "cucu", "famili_lain")
RELATIONSHIP_LABELS = {"kepala_keluarga": N_("Kepala keluarga"), "istri": N_("Istri"), "suami": N_("Suami"),
                       "anak": N_("Anak"), "orang_tua": N_("Orang tua"), "cucu": N_("Cucu"),
                       "famili_lain": N_("Famili lain")}



# ---------------------------------------------------------------- events
def next_event_code(prefix: str, year: int) -> str:
    """``BNJ-2026-003``: unique per prefix and year, safe under concurrent creation."""
    table = DisasterCodeSequence.__table__
    if session.get_bind().dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert as dialect_insert
    else:
        from sqlalchemy.dialects.sqlite import insert as dialect_insert  # type: ignore[assignment]
    session.execute(dialect_insert(table).values(prefix=prefix, year=year, last_value=0).on_conflict_do_nothing())
    value = session.execute(
        update(table).where(table.c.prefix == prefix, table.c.year == year)
        .values(last_value=table.c.last_value + 1).returning(table.c.last_value)
    ).scalar_one()
    return f"{prefix}-{year}-{value:03d}"


def _event_fields(data: dict[str, Any], today: dt.date) -> dict[str, Any]:
    errors: dict[str, str] = {}
    name = " ".join(str(data.get("name") or "").split())
    if not name:
        errors["name"] = N_("Nama kejadian wajib diisi.")
    etype = data.get("event_type") or ""
    if etype not in EVENT_TYPES:
        errors["event_type"] = N_("Jenis bencana tidak dikenal.")
    category = data.get("category") or TYPE_CATEGORY.get(etype, "")
    if category not in EVENT_CATEGORIES:
        errors["category"] = N_("Kategori bencana tidak dikenal.")
    area = str(data.get("area_code") or "").strip()
    if not area or regions.get(area) is None:
        errors["area_code"] = N_("Kode wilayah {code} tidak dikenal.")
    raw_villages = data.get("village_codes") or []
    if isinstance(raw_villages, str):
        raw_villages = [v for v in raw_villages.replace(",", ";").replace("\n", ";").split(";")]
    villages = sorted({str(v).strip() for v in raw_villages if str(v).strip()})
    bad = [v for v in villages if (r := regions.get(v)) is None or r.level != 4
           or not (area and (v == area or v.startswith(area + ".")))]
    if bad:
        errors["village_codes"] = N_("Desa/kelurahan terdampak tidak dikenal atau di luar wilayah kejadian: {codes}.")
    dates: dict[str, dt.date | None] = {}
    for key in ("started_on", "emergency_start", "emergency_end"):
        try:
            dates[key] = parse_date(data.get(key), key, required=(key == "started_on"))
        except ValidationError as exc:
            errors.update(exc.fields)
            dates[key] = None
    if dates["started_on"] and dates["started_on"] > today:
        errors["started_on"] = N_("Tanggal tidak boleh di masa depan.")
    if dates["emergency_start"] and dates["emergency_end"] and dates["emergency_end"] < dates["emergency_start"]:
        errors["emergency_end"] = N_("Akhir masa tanggap darurat sebelum awalnya.")
    status = data.get("status") or "tanggap_darurat"
    if status not in EVENT_STATUSES:
        errors["status"] = N_("Status kejadian tidak dikenal.")
    if errors:
        raise ValidationError(errors, code=area, codes=", ".join(bad))
    return {"name": name, "event_type": etype, "category": category, "area_code": area,
            "village_codes": villages, "status": status, "summary": (data.get("summary") or "").strip() or None,
            **dates}


def create_event(data: dict[str, Any], *, today: dt.date | None = None, event_id: uuid.UUID | None = None
                 ) -> DisasterEvent:
    fields = _event_fields(data, today or dt.date.today())
    code = next_event_code(CODE_PREFIXES[fields["event_type"]], fields["started_on"].year)
    event = DisasterEvent(id=event_id or uuid.uuid4(), code=code, **fields)
    session.add(event)
    session.flush()
    return event


def update_event(event: DisasterEvent, data: dict[str, Any], *, today: dt.date | None = None) -> DisasterEvent:
    fields = _event_fields({**{"event_type": event.event_type, "category": event.category}, **data},
                           today or dt.date.today())
    for key, value in fields.items():
        setattr(event, key, value)
    session.flush()
    return event


def get_event(event_id: uuid.UUID | str) -> DisasterEvent:
    return get_or_raise(DisasterEvent, event_id, N_("Kejadian bencana tidak ditemukan."))  # type: ignore[no-any-return]


def get_event_by_code(code: str) -> DisasterEvent | None:
    """The event with this readable code (case-insensitive), e.g. ``BNJ-2026-001`` (BNBA import)."""
    if not code:
        return None
    return session.scalar(select(DisasterEvent).where(DisasterEvent.code == str(code).strip().upper()))


def events_for(user: Any, q: str | None = None, status: str | None = None) -> Select[Any]:
    """Events this user may see (area; a TAGANA volunteer only where deployed)."""
    stmt = select(DisasterEvent).where(scope_area(user, DisasterEvent.area_code))
    if getattr(user, "role", None) in DisasterEvent.assigned_only_roles:
        today = dt.date.today()
        deployed = (select(Deployment.event_id).join(Volunteer, Volunteer.id == Deployment.volunteer_id)
                    .where(Volunteer.user_id == user.id, Volunteer.active,
                           or_(Deployment.ended_on.is_(None), Deployment.ended_on > today)))
        stmt = stmt.where(DisasterEvent.id.in_(deployed))
    if q:
        like = f"%{q.strip()}%"
        stmt = stmt.where(or_(DisasterEvent.code.ilike(like), DisasterEvent.name.ilike(like)))
    if status:
        stmt = stmt.where(DisasterEvent.status == status)
    return stmt.order_by(DisasterEvent.started_on.desc(), DisasterEvent.code)


# ---------------------------------------------------------------- victims
def likely_duplicates(data: dict[str, Any], limit: int = 5) -> list[Person]:
    """Registered persons with the same normalised name (and birth date when given)."""
    key = registry.name_key(str(data.get("nama") or data.get("name") or ""))
    if not key:
        return []
    stmt = select(Person).where(Person.name_key == key, Person.merged_into_id.is_(None))
    try:
        born = parse_date(data.get("tanggal_lahir") or data.get("birth_date"))
    except ValidationError:
        born = None
    if born:
        stmt = stmt.where(or_(Person.birth_date == born, Person.birth_date.is_(None)))
    return list(session.scalars(stmt.limit(limit)))


def _bencana_components() -> list[str]:
    service = session.get(BasicService, "bencana")
    return list(service.component_codes) if service else []


def register_victim(
    event: DisasterEvent,
    person: dict[str, Any] | Person,
    *,
    household: VictimHousehold | None = None,
    relationship_code: str = "kepala_keluarga",
    status: str = "mengungsi",
    vulnerable_groups: list[str] | None = None,
    damage_level: str | None = None,
    address: str | None = None,
    needs: list[str] | None = None,
    registered_on: dt.date | str | None = None,
    by_id: uuid.UUID | None = None,
    notes: str | None = None,
    victim_id: uuid.UUID | None = None,
    today: dt.date | None = None,
) -> Victim:
    """Register a person as a victim of ``event``: new household (head) or a member of ``household``.

    ``person`` is either registry fields (validated by ``registry.validate_person``; a NIK
    already registered raises ``Conflict`` with the existing person's id, so the caller can
    offer that person) or an existing ``Person``. Opens/reuses the person's open
    ``korban_bencana_*`` case and records the eligible SPM ``bencana`` assessment, whose
    needs default to all five components.
    """
    today = today or dt.date.today()
    errors: dict[str, str] = {}
    if status not in VICTIM_STATUSES:
        errors["status"] = N_("Status korban tidak dikenal.")
    groups = sorted(set(vulnerable_groups or []))
    if any(g not in VULNERABLE_GROUPS for g in groups):
        errors["vulnerable_groups"] = N_("Kelompok rentan tidak dikenal.")
    if relationship_code not in RELATIONSHIPS:
        errors["relationship_code"] = N_("Hubungan keluarga tidak dikenal.")
    if household is None and damage_level is not None and damage_level not in DAMAGE_LEVELS:
        errors["damage_level"] = N_("Tingkat kerusakan rumah tidak dikenal.")
    if household is not None and household.event_id != event.id:
        errors["household_id"] = N_("Rumah tangga ini milik kejadian lain.")
    try:
        day = parse_date(registered_on, "registered_on") or today
    except ValidationError as exc:
        errors.update(exc.fields)
        day = today
    if day > today:
        errors["registered_on"] = N_("Tanggal tidak boleh di masa depan.")
    elif day < event.started_on:
        errors["registered_on"] = N_("Tanggal pendataan sebelum kejadian bencana.")
    components = _bencana_components()
    wanted = components if needs is None else sorted({n for n in needs if n})
    if not wanted:
        errors["needs"] = N_("Pilih minimal satu kebutuhan.")
    elif any(n not in components for n in wanted):
        errors["needs"] = N_("Kebutuhan tidak dikenal untuk layanan ini: {codes}.")
    fields = None
    if not isinstance(person, Person):
        try:
            fields = registry.validate_person(person, today)
        except ValidationError as exc:
            errors.update(exc.fields)
            if errors:
                raise ValidationError(errors, **exc.params) from None
    if errors:
        raise ValidationError(errors, codes=", ".join(n for n in wanted if n not in components))
    if fields is not None:
        target = registry.register_person(fields)  # Conflict on a known NIK: the caller offers that person
    else:
        target = person  # type: ignore[assignment]
    if target.merged_into_id is not None:
        raise ValidationError({"person_id": N_("Orang ini sudah digabung ke data lain.")})
    existing = session.scalar(select(Victim).where(Victim.event_id == event.id, Victim.person_id == target.id))
    if existing is not None:
        raise Conflict(N_("{name} sudah terdata sebagai korban kejadian ini."), existing_id=existing.id,
                       name=target.name)
    if household is None:
        household = VictimHousehold(event_id=event.id, head_person_id=target.id, village_code=target.village_code,
                                    area_code=target.area_code or event.area_code,
                                    address=address or target.address, damage_level=damage_level or "tidak_rusak")
        session.add(household)
        session.flush()
        relationship_code = "kepala_keluarga"
    elif relationship_code == "kepala_keluarga":
        raise ValidationError({"relationship_code": N_("Rumah tangga ini sudah punya kepala keluarga.")})
    case = casework.open_case_for(target, event.ppks_category)
    if case is None:
        case = casework.open_case(target, event.ppks_category, "disaster", day, area_code=household.area_code,
                                  by_id=by_id, disaster_event_id=event.id, urgency="high")
    assessment = casework.record_assessment(case, day, wanted, assessor_id=by_id, source="disaster",
                                            disaster_event_id=event.id,
                                            external_key=f"victim:{uuid.uuid5(event.id, str(target.id)).hex}")
    victim = Victim(id=victim_id or uuid.uuid4(), event_id=event.id, household_id=household.id, person_id=target.id,
                    relationship_code=relationship_code, status=status, vulnerable_groups=groups, case_id=case.id,
                    assessment_id=assessment.id, registered_on=day, notes=notes)
    session.add(victim)
    if target.deceased_on is None and status == "meninggal":
        target.deceased_on = day
    session.flush()
    return victim


def get_victim(victim_id: uuid.UUID | str) -> Victim:
    return get_or_raise(Victim, victim_id, N_("Korban tidak ditemukan."))  # type: ignore[no-any-return]


def get_household(household_id: uuid.UUID | str) -> VictimHousehold:
    return get_or_raise(VictimHousehold, household_id, N_("Rumah tangga korban tidak ditemukan."))  # type: ignore[no-any-return]


def update_victim(victim: Victim, *, status: str | None = None, vulnerable_groups: list[str] | None = None,
                  today: dt.date | None = None) -> Victim:
    if status is not None:
        if status not in VICTIM_STATUSES:
            raise ValidationError({"status": N_("Status korban tidak dikenal.")})
        victim.status = status
        if status == "meninggal" and victim.person.deceased_on is None:
            victim.person.deceased_on = today or dt.date.today()
    if vulnerable_groups is not None:
        if any(g not in VULNERABLE_GROUPS for g in vulnerable_groups):
            raise ValidationError({"vulnerable_groups": N_("Kelompok rentan tidak dikenal.")})
        victim.vulnerable_groups = sorted(set(vulnerable_groups))
    session.flush()
    return victim


def households_stmt(event: DisasterEvent, q: str | None = None) -> Select[Any]:
    stmt = (select(VictimHousehold).join(Person, Person.id == VictimHousehold.head_person_id)
            .where(VictimHousehold.event_id == event.id))
    if q and q.strip():
        text = q.strip()
        member_match = (select(Victim.household_id).join(Person, Person.id == Victim.person_id)
                        .where(Victim.event_id == event.id,
                               or_(Person.name_key.like(f"%{registry.name_key(text)}%"), Person.nik == text)))
        stmt = stmt.where(VictimHousehold.id.in_(member_match))
    return stmt.order_by(Person.name)


def search_victims(event: DisasterEvent, q: str, limit: int = 20) -> list[Victim]:
    """Victims of the event by name or full NIK (the distribution fallback search)."""
    text = (q or "").strip()
    if not text:
        return []
    key = registry.name_key(text)
    cond = Person.nik == text if text.isdigit() else Person.name_key.like(f"%{key}%")
    return list(session.scalars(select(Victim).join(Person, Person.id == Victim.person_id)
                                .where(Victim.event_id == event.id, cond).order_by(Person.name).limit(limit)))


def victim_counts(event: DisasterEvent) -> dict[str, Any]:
    """Victims by status and vulnerable group, households, for the event page and the report."""
    victims = list(session.scalars(select(Victim).where(Victim.event_id == event.id)))
    by_status = {s: 0 for s in VICTIM_STATUSES}
    by_group = {g: 0 for g in VULNERABLE_GROUPS}
    for v in victims:
        by_status[v.status] += 1
        for g in v.vulnerable_groups:
            by_group[g] += 1
    households = session.scalar(select(func.count()).select_from(VictimHousehold)
                                .where(VictimHousehold.event_id == event.id)) or 0
    damage = {d: 0 for d in DAMAGE_LEVELS}
    for level, n in session.execute(select(VictimHousehold.damage_level, func.count())
                                    .where(VictimHousehold.event_id == event.id)
                                    .group_by(VictimHousehold.damage_level)):
        damage[level] = n
    return {"persons": len(victims), "households": households, "by_status": by_status, "by_group": by_group,
            "damage": damage}


# ---------------------------------------------------------------- shelters
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


def current_stay(victim: Victim) -> ShelterStay | None:
    return session.scalar(select(ShelterStay).where(ShelterStay.victim_id == victim.id,
                                                    ShelterStay.checked_out_on.is_(None)))


def check_in(shelter: Shelter, victim: Victim, *, on: dt.date | str | None = None, today: dt.date | None = None,
             by_id: uuid.UUID | None = None) -> tuple[ShelterStay, bool]:
    """Check a victim in. Returns (stay, over_capacity): over capacity is warned, not refused.

    Records the ``bencana_penampungan`` delivery (once per victim and event).
    """
    today = today or dt.date.today()
    if victim.event_id != shelter.event_id:
        raise ValidationError({"victim_id": N_("Korban ini bukan dari kejadian pos pengungsian ini.")})
    day = parse_date(on, "checked_in_on") or today
    if day > today:
        raise ValidationError({"checked_in_on": N_("Tanggal tidak boleh di masa depan.")})
    if current_stay(victim) is not None:
        raise ValidationError({"victim_id": N_("{name} masih tercatat di pos pengungsian.")}, name=victim.person.name)
    stay = ShelterStay(shelter_id=shelter.id, victim_id=victim.id, checked_in_on=day)
    session.add(stay)
    if victim.status in ("mengungsi", "tinggal_keluarga"):
        victim.status = "di_pengungsian"
    session.flush()
    record_delivery(victim.person, "bencana_penampungan", delivered_on=day, source="disaster",
                    disaster_event_id=shelter.event_id, place=shelter.name, worker_id=by_id,
                    case=session.get(Case, victim.case_id) if victim.case_id else None,
                    external_key=f"shelter:{uuid.uuid5(shelter.event_id, str(victim.id)).hex}", today=today)
    return stay, occupancy(shelter) > shelter.capacity


def check_out(stay: ShelterStay, *, on: dt.date | str | None = None, today: dt.date | None = None) -> ShelterStay:
    today = today or dt.date.today()
    if stay.checked_out_on is not None:
        raise ValidationError({"_": N_("Sudah keluar dari pos pengungsian.")})
    day = parse_date(on, "checked_out_on") or today
    if day < stay.checked_in_on or day > today:
        raise ValidationError({"checked_out_on": N_("Tanggal keluar tidak valid.")})
    stay.checked_out_on = day
    if stay.victim.status == "di_pengungsian":
        stay.victim.status = "mengungsi"
    session.flush()
    return stay


def get_stay(stay_id: uuid.UUID | str) -> ShelterStay:
    return get_or_raise(ShelterStay, stay_id, N_("Data tinggal tidak ditemukan."))  # type: ignore[no-any-return]


# ---------------------------------------------------------------- situation report
def situation_report(event: DisasterEvent, today: dt.date | None = None) -> dict[str, Any]:
    """The figures of the situation report (page, PDF, XLSX, API): each adds up.

    - victims by status and by vulnerable group (persons), households, house damage;
    - shelters with capacity and current occupancy;
    - per item: received into, issued from and on hand in the warehouses (all events),
      and for this event: bulk issues, distributed quantity and number of distributions;
    - SPM ``bencana``: per component, distinct victims of the event who received it
      (recorded deliveries, voided ones excluded), against the victims registered.
    """
    from service.care.models.deliveries import Delivery
    from service.disasters import aid, stock
    from service.disasters.models.stock import StockItem

    counts = victim_counts(event)
    shelters = [{"shelter": s, "capacity": s.capacity, "occupancy": n, "over": n > s.capacity}
                for s, n in shelters_with_occupancy(event)]
    distributed = aid.distributed_totals(event)
    issued = stock.issued_to_event(event)
    on_hand: dict[uuid.UUID, int] = {}
    for row in stock.levels(today=today):
        on_hand[row["item"].id] = on_hand.get(row["item"].id, 0) + row["quantity"]
    item_rows = []
    for item in session.scalars(select(StockItem).order_by(StockItem.name)):
        dist_qty, dist_n = distributed.get(item.id, (0, 0))
        total_issued = issued.get(item.id, 0)
        if not (dist_qty or total_issued or on_hand.get(item.id)):
            continue
        item_rows.append({"item": item, "distributed": dist_qty, "distributions": dist_n,
                          "bulk_issued": total_issued - dist_qty, "on_hand": on_hand.get(item.id, 0)})
    components = _bencana_components()
    victims_stmt = select(Victim.person_id).where(Victim.event_id == event.id)
    spm = []
    for code in components:
        n = session.scalar(select(func.count(func.distinct(Delivery.person_id))).where(
            Delivery.service_type_code == code, Delivery.disaster_event_id == event.id,
            Delivery.delivered_on.is_not(None), Delivery.voided_at.is_(None),
            Delivery.person_id.in_(victims_stmt))) or 0
        stype = session.get(ServiceType, code)
        spm.append({"code": code, "name": stype.name_id if stype else code, "persons": n})
    served = session.scalar(select(func.count(func.distinct(Delivery.person_id))).where(
        Delivery.service_type_code.in_(components), Delivery.disaster_event_id == event.id,
        Delivery.delivered_on.is_not(None), Delivery.voided_at.is_(None),
        Delivery.person_id.in_(victims_stmt))) or 0
    comp = aid.compensations(event)
    kitchen = aid.kitchen_days(event)
    return {
        "event": event,
        "today": today or dt.date.today(),
        "victims": counts,
        "shelters": shelters,
        "shelter_capacity": sum(s["capacity"] for s in shelters),
        "shelter_occupancy": sum(s["occupancy"] for s in shelters),
        "items": item_rows,
        "spm": spm,
        "spm_served": served,
        "kitchen_meals": sum(k.meals_served for k in kitchen),
        "kitchen_days": len({k.served_on for k in kitchen}),
        "compensation_count": len(comp),
        "compensation_total": sum(c.amount for c in comp),
    }
