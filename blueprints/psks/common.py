"""What the PSKS pages share: the record look-up with its access check."""

from __future__ import annotations

from typing import Any

from flask import abort

from blueprints.core.security import ensure
from service.core.errors import NotFound


def load(getter: Any, record_id: str, action: str = "psks.view") -> Any:
    try:
        record = getter(record_id)
    except NotFound:
        abort(404)
    ensure(action, record, hide=True)
    return record
