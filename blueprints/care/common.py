"""What every page of the care area uses: record lookups that answer 404/403, the case
header, the choices of the selects, where uploads live."""

from __future__ import annotations

import os
from typing import Any

from flask import abort, current_app
from sqlalchemy import select

from blueprints.core.i18n import lang, tr
from blueprints.core.security import ensure
from service.accounts.models import User
from service.care import institutions
from service.casework import cases as casework
from service.casework.models import Case
from service.core.db import session
from service.core.errors import N_, NotFound
from service.reference.models import PpksCategory, ServiceType

CASE_STATUS_LABELS = {"new": N_("Kasus baru"), "assessment": N_("Asesmen"), "plan": N_("Penyusunan rencana"),
                      "in_service": N_("Dalam layanan"), "closed": N_("Ditutup")}


def or_404(fn: Any, *args: Any) -> Any:
    """``fn(*args)``, or a 404 page when the record does not exist."""
    try:
        return fn(*args)
    except NotFound:
        abort(404)


def found(fn: Any, record_id: str, action: str) -> Any:
    """The record ``fn`` finds (404 when none), when the user may do ``action`` on it (else 403)."""
    record = or_404(fn, record_id)
    ensure(action, record)
    return record


def case_for(case_id: str, action: str) -> Case:
    return found(casework.get_case, case_id, action)  # type: ignore[no-any-return]


def case_context(case: Case) -> dict[str, Any]:
    """The case header every page of the area shows (``care/_case_head.html``)."""
    en = lang() == "en"
    category = session.get(PpksCategory, case.category_code)
    worker = session.get(User, case.worker_id) if case.worker_id else None
    return {"case": case, "person": case.person,
            "category": (category.name_en if en else category.name_id) if category else case.category_code,
            "worker": worker, "case_status": CASE_STATUS_LABELS.get(case.status, case.status)}


def type_names() -> dict[str, str]:
    en = lang() == "en"
    return {t.code: (t.name_en if en else t.name_id) for t in session.scalars(select(ServiceType))}


def type_choices() -> list[tuple[str, str]]:
    en = lang() == "en"
    rows = session.scalars(select(ServiceType).where(ServiceType.active).order_by(ServiceType.group, ServiceType.code))
    return [("", tr("— pilih —"))] + [(t.code, t.name_en if en else t.name_id) for t in rows]


def institution_choices() -> list[tuple[str, str]]:
    rows = session.scalars(institutions.institutions_stmt(active_only=True))
    return [("", tr("— pilih —"))] + [(str(i.id), f"{i.name} ({tr(institutions.KIND_LABELS[i.kind])})") for i in rows]


def labels(mapping: dict[str, str]) -> list[tuple[str, str]]:
    return [(k, tr(v)) for k, v in mapping.items()]


def uploads() -> str:
    return os.path.join(current_app.instance_path, "uploads")
