"""Casework offline: the ``assessment.create`` sync operation (docs/offline.md).

It goes through ``open_case`` / ``record_assessment`` like the web assessment form, with data in
the interchange vocabulary (``kategori_ppks``, ``tanggal_asesmen``, ``kebutuhan``).
"""

from __future__ import annotations

from types import SimpleNamespace

from service.casework import cases as casework
from service.casework.models import Assessment
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


def _assessment_create(ctx: Context, op: Operation) -> Outcome:
    existing = session.get(Assessment, op.entity_id)
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

    def may_open() -> None:
        probe = SimpleNamespace(area_code=person.area_code, is_sensitive=category.sensitive,
                                assigned_user_ids=lambda: [worker] if worker else [])
        require(ctx.user, "case.edit", probe)

    with device_fields():
        case, opened = casework.find_or_open_case(person, category.code, op.data.get("intake_source") or "outreach",
                                                  op.data.get("tanggal_asesmen"), before_open=may_open,
                                                  worker_id=worker, by_id=ctx.user.id,
                                                  case_id=parse_uuid(op.data.get("case_id")))
        if not opened:
            require(ctx.user, "case.edit", case)
        assessment = casework.record_assessment(
            case, op.data.get("tanggal_asesmen"), [str(c) for c in needs], assessor_id=ctx.user.id,
            source="sync", assessment_id=op.entity_id, notes=op.data.get("catatan") or None)
    return Outcome("applied", assessment.id, assessment.version)


register_op_type(
    "assessment.create", _assessment_create,
    "Record assessment `entity_id` of `person_id`; opens the person's case for the category if none is open "
    "(optional `case_id` names the new case). Unknown `person_id`: `rejected` with `retryable: true`.",
    {"type": "object", "required": ["person_id", "kategori_ppks", "tanggal_asesmen", "kebutuhan"], "properties": {
        "person_id": {"type": "string", "format": "uuid"}, "kategori_ppks": {"type": "string"},
        "tanggal_asesmen": {"type": "string", "format": "date"},
        "kebutuhan": {"type": "array", "items": {"type": "string"}},
        "case_id": {"type": "string", "format": "uuid"}, "intake_source": {"type": "string"},
        "catatan": {"type": "string"}}},
)
