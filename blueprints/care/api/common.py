"""What the care API modules share: the OpenAPI tag and schema pieces, value formatting,
record lookups with their permission check, and paging of a list."""

from __future__ import annotations

import datetime as dt
from typing import Any

from blueprints.core.api import query_int, require
from service.casework import cases as casework
from service.casework.models import Case
from service.core.pagination import paginate

# The public tag of these endpoints in the OpenAPI description (client generators group by it).
TAG = "services"
STR = {"type": "string"}
NSTR = {"type": ["string", "null"]}
DATE = {"type": ["string", "null"], "format": "date"}
PAGE = [{"name": "page", "in": "query", "schema": {"type": "integer"}},
        {"name": "per_page", "in": "query", "schema": {"type": "integer"}}]
REASON = {"type": "object", "required": ["reason"], "properties": {"reason": STR}}


def iso(value: Any) -> Any:
    """A date as ``YYYY-MM-DD``; anything else unchanged."""
    return value.isoformat() if isinstance(value, dt.date) else value


def text(value: Any) -> str | None:
    """An id (or any value) as a string; None stays None."""
    return str(value) if value is not None else None


def found(fn: Any, record_id: str, action: str) -> Any:
    """The record ``fn`` finds (its NotFound answers 404), when the caller may do ``action`` on it (else 403)."""
    record = fn(record_id)
    require(action, record)
    return record


def case_for(case_id: str, action: str) -> Case:
    return found(casework.get_case, case_id, action)  # type: ignore[no-any-return]


def page_of(stmt: Any) -> Any:
    """One page of ``stmt`` from the ``page`` and ``per_page`` parameters (at most 200 a page)."""
    return paginate(stmt, query_int("page", minimum=1, default=1) or 1,
                    query_int("per_page", minimum=1, maximum=200, default=50) or 50)
