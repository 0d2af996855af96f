"""What the complaints desk's staff pages, public pages and API share: choices, labels, the
one-shot hand-over of a new access code to the receipt page."""

from __future__ import annotations

import uuid
from typing import Any

from flask import abort
from flask import session as web_session

from blueprints.core.i18n import lang, tr
from blueprints.core.security import ensure
from service.accounts.models import User
from service.complaints import desk
from service.complaints.models import Complaint
from service.core.db import session
from service.core.errors import NotFound

CODE_KEY = "complaint_codes"


def category_choices(blank: str | None = None) -> list[tuple[str, str]]:
    en = lang() == "en"
    out = [("", tr(blank))] if blank else []
    return out + [(c.code, c.name_en if en else c.name_id) for c in desk.categories()]


def category_name(code: str) -> str:
    from service.complaints.models import ComplaintCategory

    cat = session.get(ComplaintCategory, code)
    if cat is None:
        return code
    return cat.name_en if lang() == "en" else cat.name_id


def get_or_404(complaint_id: str, action: str) -> Complaint:
    try:
        complaint = desk.get_complaint(complaint_id)
    except NotFound:
        abort(404)
    ensure(action, complaint, hide=True)
    return complaint


def user_names(ids: set[uuid.UUID | None]) -> dict[uuid.UUID, str]:
    wanted = [i for i in ids if i]
    if not wanted:
        return {}
    from sqlalchemy import select

    return {u.id: u.full_name or u.username for u in session.scalars(select(User).where(User.id.in_(wanted)))}


def remember_code(complaint: Complaint, code: str) -> None:
    """Keep a new access code for the one page that shows it (the receipt), then forget it."""
    codes = dict(web_session.get(CODE_KEY) or {})
    codes[str(complaint.id)] = code
    web_session[CODE_KEY] = codes


def take_code(complaint: Complaint) -> str | None:
    codes = dict(web_session.get(CODE_KEY) or {})
    code = codes.pop(str(complaint.id), None)
    web_session[CODE_KEY] = codes
    return code


def template_globals() -> dict[str, Any]:
    return {"status_labels": desk.STATUS_LABELS, "channel_labels": desk.CHANNEL_LABELS,
            "relation_labels": desk.RELATION_LABELS, "event_labels": desk.EVENT_LABELS,
            "complaint_category": category_name}
