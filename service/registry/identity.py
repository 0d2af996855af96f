"""A NIK already held: what the doors may say and whom they may offer (issue 12).

A taken NIK never names its holder: the message is the same whoever holds it and wherever; a door
that may show the holder (``nik_holder``) offers that record beside the message.
"""

from __future__ import annotations

from typing import Any

from service.core.access import can
from service.core.db import session
from service.core.errors import N_, Conflict, ValidationError
from service.core.formatting import parse_date
from service.registry.models import Person

NIK_TAKEN = N_("NIK ini sudah terdaftar di Lindung. Jika orangnya sama, minta pekerja sosial yang menanganinya "
               "atau supervisor untuk menautkan atau memindahkan datanya.")


def nik_holder(user: Any, conflict: Conflict) -> Person | None:
    """The person a NIK ``Conflict`` points at, when ``user`` may open that record; else None.

    Every door uses this before showing a name, an id or an area: a user who may not open the
    record learns only that the NIK is registered (issue 12).
    """
    if conflict.existing_id is None:
        return None
    holder = session.get(Person, conflict.existing_id)
    if holder is None or not can(user, "person.view", holder):
        return None
    return holder


def same_person(holder: Person, fields: Any) -> bool:
    """Do typed fields name the holder of their NIK (the registry's identity rule: NIK *and* name agree,
    and the birth date when the holder has one)? Used to reuse that person without showing it."""
    from service.registry.persons import name_key

    typed = isinstance(fields, dict)
    name = str(fields.get("name") or "") if typed else fields.name
    if not name or name_key(name) != holder.name_key:
        return False
    born = fields.get("birth_date") if typed else fields.birth_date
    if isinstance(born, str):
        try:
            born = parse_date(born)
        except ValidationError:
            born = None
    return holder.birth_date is None or born == holder.birth_date
