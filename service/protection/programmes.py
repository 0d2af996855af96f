"""Programme membership (PKH, BPNT/sembako, PBI-JK, ASPD, regional programmes): enrol, stage, status,
graduation, and the double-listing check (docs/protection.md)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Select, func, or_, select
from sqlalchemy.orm import aliased

from service.core import clock
from service.core.access import scope_area
from service.core.db import get_or_raise, parse_uuid, session
from service.core.errors import N_, ValidationError
from service.core.formatting import past_date
from service.core.states import Transition, Workflow
from service.protection.models import AidProgramme, ProgrammeMembership
from service.registry.models import Household, HouseholdMember, Person

WORKFLOW = Workflow("programme_membership", [
    Transition("active", "suspended", needs_reason=True),
    Transition("suspended", "active"),
    Transition("active", "graduated"),
    Transition("active", "ended", needs_reason=True),
    Transition("suspended", "ended", needs_reason=True),
], message=N_("Status kepesertaan tidak dapat berubah dari {from_status} ke {to_status}."))

STATUS_LABELS = {"active": N_("Aktif"), "suspended": N_("Ditangguhkan"), "graduated": N_("Graduasi"),
                 "ended": N_("Berhenti")}
LEVEL_LABELS = {"national": N_("Nasional"), "regional": N_("Daerah")}
CHECK_LABELS = {"deceased": N_("Peserta aktif yang sudah meninggal"),
                "two_households": N_("Orang tercatat di dua keluarga atau lebih"),
                "two_regions": N_("Keluarga peserta di dua wilayah")}


def programmes(active_only: bool = True) -> list[AidProgramme]:
    stmt = select(AidProgramme).order_by(AidProgramme.level, AidProgramme.name)
    if active_only:
        stmt = stmt.where(AidProgramme.active)
    return list(session.scalars(stmt))


def save_programme(data: dict[str, Any]) -> AidProgramme:
    """Add or change a programme (a regional one the office runs); a code is kept once made."""
    code = str(data.get("code") or "").strip().lower()
    name = str(data.get("name") or "").strip()
    errors: dict[str, str] = {}
    if not code or not code.replace("_", "").isalnum():
        errors["code"] = N_("Kode hanya huruf, angka dan garis bawah.")
    if not name:
        errors["name"] = N_("Nama program wajib diisi.")
    if data.get("unit") not in ("household", "person"):
        errors["unit"] = N_("Pilih sasaran: keluarga atau orang.")
    if errors:
        raise ValidationError(errors)
    prog = session.get(AidProgramme, code) or AidProgramme(code=code, level="regional")
    prog.name, prog.unit = name, str(data["unit"])
    prog.description = str(data.get("description") or "").strip() or None
    prog.active = bool(data.get("active", True))
    session.add(prog)
    session.flush()
    return prog


def get_membership(membership_id: Any) -> ProgrammeMembership:
    return get_or_raise(ProgrammeMembership, membership_id, N_("Kepesertaan tidak ditemukan."))  # type: ignore[no-any-return]


def membership_query(user: Any, programme: str | None = None, status: str | None = None,
                     q: str | None = None) -> Select[Any]:
    stmt = (select(ProgrammeMembership).outerjoin(Person, Person.id == ProgrammeMembership.person_id)
            .where(scope_area(user, ProgrammeMembership.area_code))
            .order_by(ProgrammeMembership.started_on.desc(), ProgrammeMembership.created_at.desc()))
    if programme:
        stmt = stmt.where(ProgrammeMembership.programme_code == programme)
    if status:
        stmt = stmt.where(ProgrammeMembership.status == status)
    if q and q.strip():
        like = f"%{q.strip()}%"
        heads = (select(HouseholdMember.household_id).join(Person, Person.id == HouseholdMember.person_id)
                 .where(HouseholdMember.is_head, Person.name.ilike(like)))
        stmt = stmt.where(or_(Person.name.ilike(like), ProgrammeMembership.member_number == q.strip(),
                              ProgrammeMembership.household_id.in_(heads)))
    return stmt


def _get(model: Any, raw: Any) -> Any:
    key = parse_uuid(raw)
    return session.get(model, key) if key is not None else None


def enrol(data: dict[str, Any], today: dt.date | None = None, *, from_ministry_list: bool = False) -> ProgrammeMembership:
    """A household or a person joins a programme (its unit says which); one active membership each.
    ``from_ministry_list``: copied from the ministry's list of members as it is (a deceased person
    stays listed until the double-listing check finds them)."""
    today = today or clock.today()
    errors: dict[str, str] = {}
    prog = session.get(AidProgramme, str(data.get("programme_code") or ""))
    if prog is None or not prog.active:
        errors["programme_code"] = N_("Pilih program.")
    started = past_date(data.get("started_on") or today.isoformat(), "started_on", today, errors)
    person = household = None
    if prog is not None and prog.unit == "person":
        person = _get(Person, data.get("person_id"))
        if person is None:
            errors["person_id"] = N_("Program ini untuk orang: pilih orangnya.")
        elif person.deceased_on is not None and not from_ministry_list:
            errors["person_id"] = N_("Orang ini tercatat sudah meninggal.")
    elif prog is not None:
        household = _get(Household, data.get("household_id"))
        if household is None:
            errors["household_id"] = N_("Program ini untuk keluarga: pilih keluarganya.")
    if errors:
        raise ValidationError(errors)
    assert prog is not None
    subject = (ProgrammeMembership.person_id == person.id) if person else (ProgrammeMembership.household_id == household.id)  # type: ignore[union-attr]
    if session.scalar(select(ProgrammeMembership.id).where(
            subject, ProgrammeMembership.programme_code == prog.code,
            ProgrammeMembership.status.in_(("active", "suspended")))):
        raise ValidationError({"programme_code": N_("Sudah menjadi peserta {programme}.")}, programme=prog.name)
    m = ProgrammeMembership(programme_code=prog.code, person_id=person.id if person else None,
                            household_id=household.id if household else None,
                            area_code=(person or household).area_code,  # type: ignore[union-attr]
                            member_number=str(data.get("member_number") or "").strip() or None,
                            stage=str(data.get("stage") or "").strip() or None, started_on=started)
    session.add(m)
    session.flush()
    return m


def change_status(m: ProgrammeMembership, to: str, *, reason: str | None = None, on: Any = None,
                  stage: str | None = None, today: dt.date | None = None) -> ProgrammeMembership:
    """Suspend, resume, graduate (*graduasi*) or end a membership; or, with ``to`` = current, set the stage."""
    today = today or clock.today()
    if stage is not None:
        m.stage = stage.strip() or None
    if to != m.status:
        WORKFLOW.check(m.status, to, reason=reason)
        day = past_date(on or today.isoformat(), "on", today)
        if day is not None and day < m.started_on:
            raise ValidationError({"on": N_("Tanggal tidak boleh sebelum mulai menjadi peserta.")})
        m.status = to
        m.status_reason = (reason or "").strip() or None
        m.ended_on = day if to in ("graduated", "ended") else None
    session.flush()
    return m


@dataclass(frozen=True)
class Finding:
    check: str
    person: Person | None
    household: Household | None
    detail: str


def double_listing(user: Any) -> list[Finding]:
    """The checks before a disbursement: active members who died, a person in two households, and
    a programme household whose members live in two regions (villages)."""
    out: list[Finding] = []
    area = scope_area(user, ProgrammeMembership.area_code)
    active = ProgrammeMembership.status.in_(("active", "suspended"))
    members_of = select(HouseholdMember.person_id, ProgrammeMembership.programme_code).join(
        ProgrammeMembership, ProgrammeMembership.household_id == HouseholdMember.household_id).where(active, area)
    direct = select(ProgrammeMembership.person_id, ProgrammeMembership.programme_code).where(
        active, area, ProgrammeMembership.person_id.is_not(None))
    both = members_of.union(direct).subquery()
    dead = session.execute(select(Person, func.count(both.c.programme_code)).join(both, both.c.person_id == Person.id)
                           .where(Person.deceased_on.is_not(None)).group_by(Person.id).order_by(Person.name))
    for person, n in dead:
        out.append(Finding("deceased", person, None, f"{n}"))
    persons_in = select(HouseholdMember.person_id).join(
        ProgrammeMembership, ProgrammeMembership.household_id == HouseholdMember.household_id).where(active, area)
    twice = session.execute(select(Person, func.count(func.distinct(HouseholdMember.household_id)))
                            .join(HouseholdMember, HouseholdMember.person_id == Person.id)
                            .where(Person.id.in_(persons_in)).group_by(Person.id)
                            .having(func.count(func.distinct(HouseholdMember.household_id)) > 1).order_by(Person.name))
    for person, n in twice:
        out.append(Finding("two_households", person, None, f"{n}"))
    member = aliased(Person)
    split = session.execute(select(Household, func.count(func.distinct(member.village_code)))
                            .join(HouseholdMember, HouseholdMember.household_id == Household.id)
                            .join(member, member.id == HouseholdMember.person_id)
                            .where(Household.id.in_(select(ProgrammeMembership.household_id).where(active, area)),
                                   member.village_code.is_not(None))
                            .group_by(Household.id)
                            .having(func.count(func.distinct(member.village_code)) > 1))
    for household, n in split:
        out.append(Finding("two_regions", None, household, f"{n}"))
    return out


def person_memberships(person: Person) -> list[ProgrammeMembership]:
    households = select(HouseholdMember.household_id).where(HouseholdMember.person_id == person.id)
    return list(session.scalars(select(ProgrammeMembership).where(
        or_(ProgrammeMembership.person_id == person.id, ProgrammeMembership.household_id.in_(households)))
        .order_by(ProgrammeMembership.started_on.desc())))
