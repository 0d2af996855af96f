"""Helpers the registry views share: a person by id with the access check, the region picker."""

from __future__ import annotations

from flask import abort

from blueprints.core import pickers
from blueprints.core.security import ensure
from service.core.errors import NotFound
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
    """The region picker's root for the signed-in user (blueprints.core.pickers)."""
    from blueprints.core.security import user

    return pickers.picker_root(user())


def picker_levels(root: str) -> list[tuple[str, str]]:
    return pickers.picker_levels(root)
