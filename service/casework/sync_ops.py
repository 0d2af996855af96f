"""Casework offline: the ``assessment.create`` sync operation (docs/offline.md).

It goes through ``open_case`` / ``record_assessment`` like the web assessment form, with data in
the interchange vocabulary (``kategori_ppks``, ``tanggal_asesmen``, ``kebutuhan``).
"""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from service.casework import approvals
from service.casework import cases as casework
from service.casework.models import Assessment, Case
from service.core.db import parse_uuid, session
from service.core.errors import N_, ValidationError
from service.offline.engine import (
    Context,
    Operation,
    Outcome,
    device_fields,
    person_for,
    register_op_type,
    require,
)


def _prefetch(ctx: Context, datas: list[dict[str, Any]]) -> None:
    """The open cases of the batch's assessed persons: their assessments (superseded by the new one)
    and pending approval requests, in one query each, so an assessment asks the database nothing."""
    persons = {parse_uuid(d.get("person_id")) for d in datas} - {None}
    cases = [c for pid in persons for c in ctx.cases.get(pid, [])]  # type: ignore[arg-type]
    ids = [c.id for c in cases]
    for i in range(0, len(ids), 500):
        list(session.scalars(select(Case).where(Case.id.in_(ids[i:i + 500])).options(selectinload(Case.assessments))))
    approvals.prefetch_pending(cases)


def _assessment_create(ctx: Context, op: Operation) -> Outcome:
    existing = ctx.get(Assessment, op.entity_id)
    if existing is not None:
        return Outcome("duplicate", existing.id, existing.version)
    person = person_for(ctx, op)
    with device_fields():
        category = casework.get_category(op.data.get("kategori_ppks"))
    needs = op.data.get("kebutuhan") or []
    if isinstance(needs, str):
        needs = [c for c in needs.split(";")]
    if not isinstance(needs, list):
        raise ValidationError({"kebutuhan": N_("Kebutuhan harus daftar kode.")})
    worker = ctx.user.id if ctx.user.role == "peksos" else None
    consent = op.data.get("persetujuan") in (True, 1, "1", "true", "ya", "on")

    def may_open() -> None:
        probe = SimpleNamespace(area_code=person.area_code, is_sensitive=category.sensitive,
                                assigned_user_ids=lambda: [worker] if worker else [])
        require(ctx.user, "case.edit", probe)
        if not consent:  # the web intake's rule: no case without the person's consent
            raise ValidationError({"persetujuan": N_("Catat persetujuan sebelum membuka kasus.")})

    with device_fields():
        case, opened = casework.find_or_open_case(person, category.code, op.data.get("intake_source") or "outreach",
                                                  op.data.get("tanggal_asesmen"), before_open=may_open,
                                                  open_cases=ctx.open_cases(person.id),
                                                  worker_id=worker, by_id=ctx.user.id,
                                                  case_id=parse_uuid(op.data.get("case_id")),
                                                  consent_given=consent,
                                                  consent_by=op.data.get("persetujuan_oleh") or None)
        if opened:
            ctx.case_opened(case)
        else:
            require(ctx.user, "case.edit", case)
        # The web form's use case: superseding the latest assessment, submitted for approval.
        assessment = approvals.submit_assessment(
            case, op.data.get("tanggal_asesmen"), [str(c) for c in needs], by_id=ctx.user.id,
            source="sync", assessment_id=op.entity_id, notes=op.data.get("catatan") or None)
    return Outcome("applied", assessment.id, assessment.version)


register_op_type(
    "assessment.create", _assessment_create,
    "Record assessment `entity_id` of `person_id`; opens the person's case for the category if none is open "
    "(optional `case_id` names the new case; opening one needs `persetujuan: true`, the person's consent, and "
    "`persetujuan_oleh`, who gave it). Submitted for a supervisor's approval like the web form. "
    "Unknown `person_id`: `rejected` with `retryable: true`.",
    {"type": "object", "required": ["person_id", "kategori_ppks", "tanggal_asesmen", "kebutuhan"], "properties": {
        "person_id": {"type": "string", "format": "uuid"}, "kategori_ppks": {"type": "string"},
        "tanggal_asesmen": {"type": "string", "format": "date"},
        "kebutuhan": {"type": "array", "items": {"type": "string"}},
        "case_id": {"type": "string", "format": "uuid"}, "intake_source": {"type": "string"},
        "catatan": {"type": "string"}, "persetujuan": {"type": "boolean"},
        "persetujuan_oleh": {"type": "string"}}},
    entity_model=Assessment, changes_cases=False, prefetch=lambda ctx, datas: _prefetch(ctx, datas), batched=True,
)
