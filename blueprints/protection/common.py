"""What the protection pages share: record look-up with its access check, the subject (a person by
NIK or id, a household by KK number or id) and the labels every template uses."""

from __future__ import annotations

from typing import Any

from flask import abort

from blueprints.core.security import ensure, user
from service.core.access import can
from service.core.db import parse_uuid, session
from service.core.errors import N_, NotFound, ValidationError
from service.registry import persons as registry
from service.registry.models import Household, Person


def load(getter: Any, record_id: str, action: str = "protection.view") -> Any:
    try:
        record = getter(record_id)
    except NotFound:
        abort(404)
    ensure(action, record, hide=True)
    return record


def find_subject(nik: str | None, kk: str | None = None, person_id: Any = None, household_id: Any = None,
                 action: str = "protection.edit") -> tuple[Person | None, Household | None]:
    """The person (NIK or id) or household (KK number or id) a record is about, in the user's area."""
    person = household = None
    if person_id or (nik or "").strip():
        pid = parse_uuid(person_id)
        person = session.get(Person, pid) if pid else registry.find_by_nik(str(nik).strip())
        if person is None or not can(user(), action, person):
            raise ValidationError({"nik": N_("Tidak ada orang dengan NIK ini di wilayah Anda.")})
    elif household_id or (kk or "").strip():
        hid = parse_uuid(household_id)
        household = session.get(Household, hid) if hid else session.query(Household).filter_by(
            kk_number="".join(str(kk).split())).one_or_none()
        if household is None or not can(user(), action, household):
            raise ValidationError({"kk": N_("Tidak ada keluarga dengan nomor KK ini di wilayah Anda.")})
    else:
        raise ValidationError({"nik": N_("Isi NIK orang atau nomor KK keluarga.")})
    return person, household


def household_head(household: Household | None) -> Person | None:
    if household is None:
        return None
    return next((m.person for m in household.members if m.is_head), None)
