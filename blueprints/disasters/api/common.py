"""What the disaster API modules share: parameters, lookups that answer JSON 404/422, the
victim as JSON (victims and card verification)."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any, TypeVar

from sqlalchemy import select

from blueprints.core.api import APIError, api_user, query_int, require
from service.core.access import can, mask_nik
from service.core.db import session
from service.core.errors import NotFound
from service.disasters import events
from service.disasters.models.events import DisasterEvent, Victim

T = TypeVar("T")

TAG = "disasters"
PAGE_PARAMS = [{"name": "page", "in": "query", "schema": {"type": "integer", "minimum": 1}},
               {"name": "per_page", "in": "query", "schema": {"type": "integer", "minimum": 1, "maximum": 200}}]
Q_PARAM = [{"name": "q", "in": "query", "schema": {"type": "string"}}]


def list_of(schema: dict[str, Any]) -> dict[str, Any]:
    return {"type": "object", "properties": {"items": {"type": "array", "items": schema}, "meta": {"type": "object"}}}


def page_args() -> tuple[int, int]:
    return query_int("page", minimum=1, default=1) or 1, query_int("per_page", minimum=1, maximum=200, default=50) or 50


def not_found() -> APIError:
    return APIError(404, "not_found", "Not found.")


def found(get: Callable[[Any], T], value: Any) -> T:
    """``get(value)``, or a JSON 404 when the service finds nothing."""
    try:
        return get(value)
    except NotFound:
        raise not_found() from None


def event_or_404(event_id: str, action: str = "disaster.view") -> DisasterEvent:
    event = found(events.get_event, event_id)
    require(action, event, hide=True)
    return event


def in_event(thing: T, event: DisasterEvent) -> T:
    if thing is None or getattr(thing, "event_id", None) != event.id:
        raise not_found()
    return thing


def by_code_or_id(model: Any, value: Any, field: str) -> Any:
    """A warehouse or stock item by its code or id; 422 naming ``field`` when unknown."""
    text = str(value or "").strip()
    row = session.scalar(select(model).where(model.code == text)) if text else None
    if row is None and text:
        try:
            row = session.get(model, uuid.UUID(text))
        except ValueError:
            row = None
    if row is None:
        raise APIError(422, "validation_error", f"Unknown {field}.", {field: "unknown"})
    return row


def victim_json(v: Victim) -> dict[str, Any]:
    nik = v.person.nik
    return {"id": str(v.id), "household_id": str(v.household_id), "person_id": str(v.person_id),
            "name": v.person.name, "nik_masked": mask_nik(nik),
            **({"nik": nik} if can(api_user(), "person.view_nik") else {}),
            "relationship": v.relationship_code, "status": v.status, "vulnerable_groups": v.vulnerable_groups,
            "case_id": str(v.case_id) if v.case_id else None, "registered_on": v.registered_on.isoformat()}
