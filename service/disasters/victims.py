"""Victims by household — owner of ``Victim`` and ``VictimHousehold`` (docs/disasters.md).

``register_victim`` is the one way a person becomes a disaster victim (web form, API,
BNBA import, sync): it reuses the registry (validation, NIK conflict), opens or reuses the
person's ``korban_bencana_*`` case and records the eligible SPM assessment for ``bencana``.
Person fields are the domain's names (``name``, ``sex``, ``birth_date``, ``village_code`` …);
the doors that speak the interchange vocabulary translate first (``service.core.interchange``).
"""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from sqlalchemy import Select, func, or_, select

from service.casework import cases as casework
from service.core import clock
from service.core.db import get_or_raise, session
from service.core.errors import N_, Conflict, ValidationError
from service.core.formatting import parse_date, past_date
from service.core.states import Workflow
from service.disasters import shelters
from service.disasters.models.events import (
    DAMAGE_LEVELS,
    VICTIM_STATUSES,
    VULNERABLE_GROUPS,
    DisasterEvent,
    Shelter,
    Victim,
    VictimHousehold,
)
from service.reference.models import BasicService, ServiceType
from service.registry import persons as registry
from service.registry.models import Person

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

# A victim's status may move to any other (the household page's select; check-in and check-out
# move between "mengungsi"/"tinggal_keluarga" and "di_pengungsian"); a new victim moves from the first.
VICTIM_START_STATUS = "mengungsi"
VICTIM_WORKFLOW = Workflow.from_map("victim", {s: VICTIM_STATUSES for s in VICTIM_STATUSES},
                                    message=N_("Status korban tidak dikenal."))


def likely_duplicates(data: dict[str, Any], limit: int = 5) -> list[Person]:
    """Registered persons with the same normalised ``name`` (and ``birth_date`` when given)."""
    key = registry.name_key(str(data.get("name") or ""))
    if not key:
        return []
    stmt = select(Person).where(Person.name_key == key, Person.merged_into_id.is_(None))
    try:
        born = parse_date(data.get("birth_date"))
    except ValidationError:
        born = None
    if born:
        stmt = stmt.where(or_(Person.birth_date == born, Person.birth_date.is_(None)))
    return list(session.scalars(stmt.limit(limit)))


def bencana_components() -> list[str]:
    """The SPM ``bencana`` components (a victim's needs, the report's SPM rows)."""
    service = session.get(BasicService, "bencana")
    return list(service.component_codes) if service else []


def bencana_needs() -> list[tuple[str, str]]:
    """The SPM ``bencana`` components with their (Indonesian) names: the needs a victim may have."""
    codes = bencana_components()
    names = {s.code: s.name_id for s in session.scalars(select(ServiceType).where(ServiceType.code.in_(codes)))}
    return [(c, names.get(c, c)) for c in codes]


def _status_error(start: str, status: str) -> dict[str, str]:
    try:
        VICTIM_WORKFLOW.check(start, status)
    except ValidationError as exc:
        return exc.fields
    return {}


def register_victim(
    event: DisasterEvent,
    person: dict[str, Any] | Person,
    *,
    household: VictimHousehold | None = None,
    relationship_code: str = "kepala_keluarga",
    status: str = VICTIM_START_STATUS,
    vulnerable_groups: list[str] | None = None,
    damage_level: str | None = None,
    address: str | None = None,
    needs: list[str] | None = None,
    registered_on: dt.date | str | None = None,
    by_id: uuid.UUID | None = None,
    notes: str | None = None,
    victim_id: uuid.UUID | None = None,
    shelter: Shelter | None = None,
    today: dt.date | None = None,
    require_reason: bool = False,
) -> Victim:
    """Register a person as a victim of ``event``: new household (head) or a member of ``household``.

    ``person`` is either the registry's person fields in the domain's names (validated by
    ``registry.validate_person``; a NIK already registered with the same name and birth date registers
    that person, any other raises ``Conflict`` with the holder's id, which the caller may offer only to
    a user who may open it — ``registry.nik_holder``) or an existing ``Person``. Opens/reuses the
    person's open ``korban_bencana_*`` case and records the eligible SPM ``bencana`` assessment,
    whose needs default to all five components. Status "di_pengungsian" needs the ``shelter``
    the victim is checked into (``service.disasters.shelters.check_in``). ``require_reason``: without
    a NIK the reason must be given (every door passes it: web form, API, sync — no silent default).
    """
    today = today or clock.today()
    errors: dict[str, str] = _status_error(VICTIM_START_STATUS, status)
    errors.update(_shelter_error(event, status, shelter))
    groups = sorted(set(vulnerable_groups or []))
    if any(g not in VULNERABLE_GROUPS for g in groups):
        errors["vulnerable_groups"] = N_("Kelompok rentan tidak dikenal.")
    if relationship_code not in RELATIONSHIPS:
        errors["relationship_code"] = N_("Hubungan keluarga tidak dikenal.")
    if household is None and damage_level is not None and damage_level not in DAMAGE_LEVELS:
        errors["damage_level"] = N_("Tingkat kerusakan rumah tidak dikenal.")
    if household is not None and household.event_id != event.id:
        errors["household_id"] = N_("Rumah tangga ini milik kejadian lain.")
    day = past_date(registered_on, "registered_on", today, errors) or today
    if "registered_on" not in errors and day < event.started_on:
        errors["registered_on"] = N_("Tanggal pendataan sebelum kejadian bencana.")
    components = bencana_components()
    wanted = components if needs is None else sorted({n for n in needs if n})
    if not wanted:
        errors["needs"] = N_("Pilih minimal satu kebutuhan.")
    elif any(n not in components for n in wanted):
        errors["needs"] = N_("Kebutuhan tidak dikenal untuk layanan ini: {codes}.")
    fields = None
    if not isinstance(person, Person):
        try:
            fields = registry.validate_person(person, today, require_reason=require_reason)
        except ValidationError as exc:
            errors.update(exc.fields)
            if errors:
                raise ValidationError(errors, **exc.params) from None
    if errors:
        raise ValidationError(errors, codes=", ".join(n for n in wanted if n not in components))
    if fields is not None:
        try:
            target = registry.register_person(fields)
        except Conflict as exc:
            # NIK, name and birth date agree: the registry's person (identity rule), shown to nobody new.
            # Otherwise the caller offers the holder only to a user who may open it (``registry.nik_holder``).
            holder = session.get(Person, exc.existing_id) if exc.existing_id else None
            if holder is None or holder.merged_into_id is not None or not registry.same_person(holder, fields):
                raise
            target = holder
    else:
        target = person  # type: ignore[assignment]
    if target.merged_into_id is not None:
        raise ValidationError({"person_id": N_("Orang ini sudah digabung ke data lain.")})
    existing = session.scalar(select(Victim).where(Victim.event_id == event.id, Victim.person_id == target.id))
    if existing is not None:
        raise Conflict(N_("{name} sudah terdata sebagai korban kejadian ini."), existing_id=existing.id,
                       name=target.name)
    if household is None:
        home: Any = fields if fields is not None else target  # where the volunteer found them, as typed
        household = VictimHousehold(event_id=event.id, head_person_id=target.id, village_code=home.village_code,
                                    area_code=home.area_code or target.area_code or event.area_code,
                                    address=address or home.address, damage_level=damage_level or "tidak_rusak")
        session.add(household)
        session.flush()
        relationship_code = "kepala_keluarga"
    elif relationship_code == "kepala_keluarga":
        raise ValidationError({"relationship_code": N_("Rumah tangga ini sudah punya kepala keluarga.")})
    case, _ = casework.find_or_open_case(target, event.ppks_category, "disaster", day, area_code=household.area_code,
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
    if status == IN_SHELTER:
        shelters.check_in(shelter, victim, on=day, today=today, by_id=by_id)  # type: ignore[arg-type]
    return victim


def register_members(
    event: DisasterEvent,
    household: VictimHousehold,
    members: list[dict[str, Any]],
    *,
    status: str = VICTIM_START_STATUS,
    shelter: Shelter | None = None,
    needs: list[str] | None = None,
    by_id: uuid.UUID | None = None,
    today: dt.date | None = None,
    require_reason: bool = False,
) -> list[Victim]:
    """Register several members of ``household`` at once (the family rows of the registration page).

    Each member is ``{"person": <person fields>, "relationship_code": …, "vulnerable_groups": […],
    "row": <the caller's row key>}``; a member without address or village lives at the household's
    (the head's). Status, shelter and needs are the head's. Every row is tried, then any bad row
    raises one ``ValidationError`` whose fields are named ``<row>-<field>`` (e.g. ``members-2-name``);
    a taken NIK becomes that row's ``nik`` error. The caller's transaction holds it all or nothing.
    """
    done: list[Victim] = []
    errors: dict[str, str] = {}
    params: dict[str, Any] = {}
    for i, member in enumerate(members):
        row = str(member.get("row", f"members-{i}"))
        person = dict(member.get("person") or {})
        person["address"] = person.get("address") or household.address
        person["village_code"] = person.get("village_code") or household.village_code
        try:
            done.append(register_victim(event, person, household=household,
                                        relationship_code=member.get("relationship_code") or "famili_lain",
                                        status=status, vulnerable_groups=member.get("vulnerable_groups") or [],
                                        address=person["address"], needs=needs, by_id=by_id, shelter=shelter,
                                        today=today, require_reason=require_reason))
        except ValidationError as exc:
            errors.update({f"{row}-{name}": message for name, message in exc.fields.items()})
            params.update(exc.params)
        except Conflict as exc:
            errors[f"{row}-{exc.field or 'name'}"] = exc.message
            params.update(exc.params)
    if errors:
        raise ValidationError(errors, **params)
    return done


IN_SHELTER = "di_pengungsian"
NEED_SHELTER = N_("Pilih pos pengungsian tempat korban tinggal.")


def _shelter_error(event: DisasterEvent, status: str, shelter: Shelter | None) -> dict[str, str]:
    """Status "Di pos pengungsian" means checked into one of the event's shelters: which one."""
    if status != IN_SHELTER:
        return {}
    if shelter is None:
        return {"shelter_id": NEED_SHELTER}
    if shelter.event_id != event.id:
        return {"shelter_id": N_("Pos pengungsian ini milik kejadian lain.")}
    return {}


def get_victim(victim_id: uuid.UUID | str) -> Victim:
    return get_or_raise(Victim, victim_id, N_("Korban tidak ditemukan."))  # type: ignore[no-any-return]


def get_household(household_id: uuid.UUID | str) -> VictimHousehold:
    return get_or_raise(VictimHousehold, household_id, N_("Rumah tangga korban tidak ditemukan."))  # type: ignore[no-any-return]


def update_victim(victim: Victim, *, status: str | None = None, vulnerable_groups: list[str] | None = None,
                  shelter: Shelter | None = None, today: dt.date | None = None, by_id: uuid.UUID | None = None
                  ) -> Victim:
    """Change a victim's status (and vulnerable groups). Into "di_pengungsian": checked into
    ``shelter``; out of it: the open stay ends today."""
    if status is not None and status != victim.status:
        VICTIM_WORKFLOW.check(victim.status, status)
        if status == IN_SHELTER:
            errors = _shelter_error(victim.event, status, shelter)
            if errors:
                raise ValidationError(errors)
            shelters.check_in(shelter, victim, today=today, by_id=by_id)  # type: ignore[arg-type]
        else:
            stay = shelters.current_stay(victim)
            if stay is not None:
                shelters.check_out(stay, today=today, status=status)
        victim.status = status
        if status == "meninggal" and victim.person.deceased_on is None:
            victim.person.deceased_on = today or clock.today()
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


def victims_stmt(event: DisasterEvent, status: str | None = None) -> Select[Any]:
    """The event's victims (with this status) by name: the pickers of the shelter and services pages."""
    stmt = select(Victim).where(Victim.event_id == event.id)
    if status is not None:
        stmt = stmt.where(Victim.status == status)
    return stmt.join(Person, Person.id == Victim.person_id).order_by(Person.name)


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
