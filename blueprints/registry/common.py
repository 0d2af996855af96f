"""Helpers the registry views share: a person by id with the access check, the region picker."""

from __future__ import annotations

from flask import abort

from blueprints.core.security import ensure
from service.core import settings
from service.core.errors import N_, NotFound
from service.reference import regions
from service.registry import persons as registry
from service.registry.models import Person


def person_or_404(person_id: str, action: str = "person.view") -> Person:
    try:
        person = registry.get_person(person_id)
    except NotFound:
        abort(404)
    ensure(action, person)
    return person


def region_root() -> str:
    root = settings.get("office.region_code") or ""
    return root if regions.get(root) is not None else ""


def picker_levels(root: str) -> list[tuple[str, str]]:
    """(select id, label) per level below ``root`` down to the village."""
    names = [("pk-prov", N_("Provinsi")), ("pk-kab", N_("Kabupaten/kota")), ("pk-kec", N_("Kecamatan")),
             ("pk-desa", N_("Desa/kelurahan"))]
    depth = len(root.split(".")) if root else 0
    return names[depth:]

