"""Care offline: the ``delivery.create`` sync operation (docs/offline.md).

It goes through ``record_delivery`` like the web form; the device names its fields in the
interchange vocabulary (``layanan``, ``tanggal_layanan``, ``jumlah``, ``catatan``), which
``service.core.interchange.to_domain`` translates (errors go back under the device's names).
"""

from __future__ import annotations

import uuid

from service.care.deliveries import record_delivery
from service.care.models.deliveries import Delivery
from service.casework.models import Case
from service.core.access import can
from service.core.db import parse_uuid
from service.core.errors import N_
from service.core.interchange import DELIVERY, to_domain
from service.offline.engine import (
    Context,
    MissingEntity,
    Operation,
    Outcome,
    device_fields,
    person_for,
    register_op_type,
    require,
)
from service.registry.models import Person


def _delivery_case(ctx: Context, person: Person, type_code: str, case_id: uuid.UUID | None) -> Case | None:
    user = ctx.user
    if case_id is not None:
        case = ctx.get(Case, case_id)
        if case is None:
            raise MissingEntity("case_id", N_("Kasus ini belum diterima server; kirim ulang setelah datanya masuk."))
        return case
    cases = [c for c in ctx.open_cases(person.id) if can(user, "care.record", c)]
    for case in cases:
        if type_code in ctx.components(case.category_code):
            return case
    return cases[0] if cases else None


def _delivery_create(ctx: Context, op: Operation) -> Outcome:
    existing = ctx.get(Delivery, op.entity_id)
    if existing is not None:
        return Outcome("duplicate", existing.id, existing.version)
    person = person_for(ctx, op)
    fields = to_domain(op.data, DELIVERY)
    code = str(fields.get("service_type_code") or "")
    case = _delivery_case(ctx, person, code, parse_uuid(op.data.get("case_id")))
    require(ctx.user, "care.record", case if case is not None else person)
    with device_fields():
        delivery = record_delivery(person, code, delivered_on=fields.get("delivered_on"),
                                   quantity=fields.get("quantity", 1), case=case, worker_id=ctx.user.id,
                                   source="sync", delivery_id=op.entity_id, notes=fields.get("notes") or None,
                                   touch_case=False)
    if case is not None:
        ctx.touch_case(case)  # last_activity_at once per case, at the end of the batch
    return Outcome("applied", delivery.id, delivery.version)


register_op_type(
    "delivery.create", _delivery_create,
    "Record delivery `entity_id` to `person_id` (under `case_id`, or the person's open case whose basic service "
    "includes the service type). Unknown `person_id`/`case_id`: `rejected` with `retryable: true`.",
    {"type": "object", "required": ["person_id", "layanan", "tanggal_layanan"], "properties": {
        "person_id": {"type": "string", "format": "uuid"}, "layanan": {"type": "string"},
        "tanggal_layanan": {"type": "string", "format": "date"}, "jumlah": {"type": "integer", "minimum": 1},
        "case_id": {"type": "string", "format": "uuid"}, "catatan": {"type": "string"}}},
    entity_model=Delivery, changes_cases=False, batched=True,
)
