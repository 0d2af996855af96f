"""What the disaster view modules share: the record lookups that answer 404, select choices."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from flask import abort

from blueprints.core.i18n import tr
from blueprints.core.security import ensure
from service.core.db import session
from service.core.errors import NotFound
from service.disasters import events, victims
from service.disasters.models.events import DisasterEvent, VictimHousehold

T = TypeVar("T")


def or_404(get: Callable[[Any], T], value: Any) -> T:
    """``get(value)``, or the 404 page when the service finds nothing."""
    try:
        return get(value)
    except NotFound:
        abort(404)


def event_or_404(event_id: str, action: str = "disaster.view") -> DisasterEvent:
    """The event, checked for ``action``; 404 also when the user may not know it exists
    (a TAGANA volunteer not deployed to it, another area)."""
    event = or_404(events.get_event, event_id)
    ensure(action, event, hide=True)
    return event


def in_event(thing: T, event: DisasterEvent) -> T:
    """``thing`` (a household, victim, shelter …) when it belongs to ``event``; 404 otherwise."""
    if getattr(thing, "event_id", None) != event.id:
        abort(404)
    return thing


def household_or_404(event: DisasterEvent, household_id: str) -> VictimHousehold:
    return in_event(or_404(victims.get_household, household_id), event)


def labels(mapping: dict[str, str], codes: tuple[str, ...] | list[str]) -> list[tuple[str, str]]:
    """Select choices ``(code, translated label)`` in the order of ``codes``."""
    return [(c, tr(mapping.get(c, c))) for c in codes]


def victim_choices(event: DisasterEvent) -> list[tuple[str, str]]:
    """The event's victims by name, with their status (pickers of the shelter and services pages)."""
    return [(str(v.id), f"{v.person.name} ({tr(victims.VICTIM_STATUS_LABELS[v.status])})")
            for v in session.scalars(victims.victims_stmt(event))]
