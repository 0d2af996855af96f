"""How report pages name the persons and places behind a figure (docs/reports.md "Names, not codes").

Report lists (SPM and IKU drill-downs, the Renja persons, the month's unserved persons and late
entries) show a person's name as a link only when the reader may open that person, withhold the
name of a need-to-know person the reader may not open, and show villages by name.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import exists, false, or_, select

from service.casework.models import Case
from service.core.access import can
from service.core.db import session
from service.reference.models import Region
from service.registry.models import Person
from service.registry.persons import visible_persons_filter


@dataclass
class PersonAccess:
    """``linked``: persons whose page the reader may open; ``hidden``: persons whose name is withheld
    (a need-to-know person the reader may not open)."""

    linked: set[Any] = field(default_factory=set)
    hidden: set[Any] = field(default_factory=set)


def person_access(user: Any, person_ids: Iterable[Any]) -> PersonAccess:
    """Who of ``person_ids`` the reader may open (``can(user, "person.view", person)`` in SQL) and whose
    name is withheld: a person with a sensitive case the reader may not open is never named."""
    ids = {i for i in person_ids if i is not None}
    if not ids:
        return PersonAccess()
    sensitive = set(session.scalars(select(Case.person_id).where(Case.person_id.in_(ids), Case.is_sensitive)))
    visible: set[Any] = set()
    if can(user, "person.view"):
        visible = set(session.scalars(select(Person.id).where(Person.id.in_(ids), visible_persons_filter(user))))
    return PersonAccess(linked=visible, hidden=sensitive - visible)


def named_filter(user: Any) -> Any:
    """SQL twin of "not in ``person_access(user, …).hidden``": persons whose name the reader may
    see. A drill-down searched by a name keeps only these, so a withheld row cannot confirm that
    the person searched for has a sensitive case ("Never leak sideways"); unsearched, the withheld
    rows stay (counted, unnamed)."""
    sensitive = exists().where(Case.person_id == Person.id, Case.is_sensitive)
    return or_(~sensitive, visible_persons_filter(user) if can(user, "person.view") else false())


def village_labels(codes: Iterable[str | None]) -> dict[str, str]:
    """``{"18.72.01.1001": "Imopuro, Metro Pusat"}``: a village with its district, a district alone;
    a code not in the reference data keeps the code (it is then what the user typed)."""
    wanted = {c for c in codes if c}
    if not wanted:
        return {}
    lookup = set(wanted)
    for code in wanted:
        parts = code.split(".")
        if len(parts) == 4:
            lookup.add(".".join(parts[:3]))
    names = dict(session.execute(select(Region.code, Region.name).where(Region.code.in_(lookup))).all())
    out = {}
    for code in wanted:
        parts = code.split(".")
        own = names.get(code)
        if own is None:
            out[code] = code
        elif len(parts) == 4 and names.get(".".join(parts[:3])):
            out[code] = f"{own}, {names['.'.join(parts[:3])]}"
        else:
            out[code] = own
    return out


def region_name(code: str | None) -> str:
    """The name of a user's area (``Metro Pusat``), or the code when unknown."""
    if not code:
        return ""
    row = session.get(Region, code)
    return row.name if row is not None else code
