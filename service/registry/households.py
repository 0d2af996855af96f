"""Households (family cards, KK): a head and members with their relationship."""

from __future__ import annotations

import re
import uuid
from typing import Any

from sqlalchemy import select

from service.core.db import get_or_raise, session
from service.core.errors import N_, NotFound, ValidationError
from service.registry import nik as nik_rules
from service.registry.models import RELATIONSHIPS, Household, HouseholdMember, Person


def _kk(raw: Any) -> str | None:
    value = nik_rules.normalise(str(raw or ""))
    if not value:
        return None
    if not re.fullmatch(r"\d{16}", value):
        raise ValidationError({"kk_number": N_("Nomor KK harus 16 digit angka.")})
    return value


def get_household(household_id: uuid.UUID | str) -> Household:
    return get_or_raise(Household, household_id, N_("Keluarga tidak ditemukan."))  # type: ignore[no-any-return]


def create_household(head: Person, kk_number: Any = None, *, address: str | None = None) -> Household:
    """A family card with its head (exactly one head; more members with ``add_member``)."""
    kk = _kk(kk_number)
    if kk and session.scalar(select(Household).where(Household.kk_number == kk)) is not None:
        raise ValidationError({"kk_number": N_("Nomor KK {kk} sudah terdaftar.")}, kk=kk)
    household = Household(kk_number=kk, village_code=head.village_code, area_code=head.area_code,
                          address=address or head.address)
    household.members.append(HouseholdMember(person_id=head.id, relationship_code="kepala_keluarga", is_head=True))
    session.add(household)
    session.flush()
    return household


def add_member(household: Household, person: Person, relationship_code: str) -> HouseholdMember:
    if relationship_code not in RELATIONSHIPS:
        raise ValidationError({"relationship_code": N_("Hubungan keluarga tidak dikenal.")})
    if any(m.person_id == person.id for m in household.members):
        raise ValidationError({"person_id": N_("Orang ini sudah menjadi anggota keluarga ini.")})
    is_head = relationship_code == "kepala_keluarga"
    if is_head and any(m.is_head for m in household.members):
        raise ValidationError({"relationship_code": N_("Keluarga ini sudah punya kepala keluarga.")})
    member = HouseholdMember(person_id=person.id, relationship_code=relationship_code, is_head=is_head)
    household.members.append(member)
    session.flush()
    return member


def remove_member(household: Household, person_id: uuid.UUID) -> None:
    member = next((m for m in household.members if m.person_id == person_id), None)
    if member is None:
        raise NotFound(N_("Anggota keluarga tidak ditemukan."))
    if member.is_head:
        raise ValidationError({"person_id": N_("Kepala keluarga tidak dapat dihapus; ganti dulu kepala keluarga.")})
    household.members.remove(member)
    session.flush()


def households_of(person: Person) -> list[Household]:
    return list(session.scalars(select(Household).join(HouseholdMember).where(HouseholdMember.person_id == person.id)))


