"""The case plan: services planned from the approved assessment, each done (citing a delivery) or cancelled.

See docs/casework.md.
"""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from sqlalchemy import select

from service.casework.cases import latest_assessment, transition
from service.casework.models import Case, CasePlanItem
from service.core.db import session, utcnow
from service.core.errors import N_, NotFound, ValidationError
from service.core.formatting import parse_date


def add_plan_item(case: Case, service_type_code: str, due_on: dt.date | str, *,
                  responsible_id: uuid.UUID | None = None, notes: str | None = None,
                  by_id: uuid.UUID | None = None) -> CasePlanItem:
    """Plan a service from the approved assessment's needs; the first item moves the case to ``plan``."""
    errors: dict[str, str] = {}
    latest = latest_assessment(case)
    if case.status not in ("assessment", "plan"):
        raise ValidationError({"status": N_("Rencana layanan hanya dapat disusun setelah asesmen.")})
    if latest is None or latest.status != "approved":
        raise ValidationError({"_": N_("Asesmen terakhir harus disetujui supervisor sebelum rencana disusun.")})
    if service_type_code not in latest.need_codes:
        errors["service_type_code"] = N_("Layanan ini tidak termasuk kebutuhan hasil asesmen.")
    try:
        due = parse_date(due_on, "due_on", required=True)
    except ValidationError as exc:
        errors.update(exc.fields)
        due = None
    if responsible_id is None:
        errors["responsible_id"] = N_("Pilih petugas penanggung jawab.")
    if due is not None and any(i.service_type_code == service_type_code and i.due_on == due
                               for i in case.plan_items):
        errors["service_type_code"] = N_("Layanan ini sudah direncanakan pada tanggal itu.")
    if errors:
        raise ValidationError(errors)
    item = CasePlanItem(case_id=case.id, service_type_code=service_type_code, due_on=due,
                        responsible_id=responsible_id, notes=notes)
    case.plan_items.append(item)
    case.last_activity_at = utcnow()
    session.flush()
    if case.status == "assessment":
        transition(case, "plan", by_id=by_id, reason=N_("Rencana layanan disusun"))
    return item


def get_plan_item(case: Case, item_id: uuid.UUID | str) -> CasePlanItem:
    """A planned service of ``case``; NotFound for an unknown id or another case's item."""
    try:
        iid = item_id if isinstance(item_id, uuid.UUID) else uuid.UUID(str(item_id))
    except ValueError:
        raise NotFound("plan item") from None
    item = session.get(CasePlanItem, iid)
    if item is None or item.case_id != case.id:
        raise NotFound("plan item")
    return item


def plan_item_deliveries(item: CasePlanItem) -> list[Any]:
    """Deliveries that may fulfil ``item``: same case and service type, delivered, not voided."""
    from service.care.models.deliveries import Delivery

    return list(session.scalars(
        select(Delivery).where(Delivery.case_id == item.case_id, Delivery.service_type_code == item.service_type_code,
                               Delivery.delivered_on.is_not(None), Delivery.voided_at.is_(None))
        .order_by(Delivery.delivered_on.desc())))


def set_plan_item_status(item: CasePlanItem, status: str, delivery_id: uuid.UUID | str | None = None, *,
                         reason: str | None = None, by_id: uuid.UUID | None = None) -> CasePlanItem:
    """Mark a planned service done (optionally citing the delivery that fulfilled it) or cancelled (reason required).

    Only a ``planned`` item of an open case changes; done and cancelled are final.
    """
    if status not in ("done", "cancelled"):
        raise ValidationError({"status": N_("Status rencana tidak dikenal.")})
    case = session.get(Case, item.case_id)
    if case is None or case.status == "closed":
        raise ValidationError({"_": N_("Kasus yang ditutup harus dibuka kembali lebih dulu.")})
    if item.status != "planned":
        raise ValidationError({"_": N_("Layanan ini sudah selesai atau dibatalkan.")})
    reason = (reason or "").strip() or None
    errors: dict[str, str] = {}
    delivery_uuid = None
    if status == "cancelled":
        if reason is None:
            errors["reason"] = N_("Tuliskan alasan pembatalan.")
        if delivery_id:
            errors["delivery_id"] = N_("Layanan yang dibatalkan tidak dapat dikaitkan dengan pemberian layanan.")
    elif delivery_id:
        try:
            delivery_uuid = delivery_id if isinstance(delivery_id, uuid.UUID) else uuid.UUID(str(delivery_id))
        except ValueError:
            delivery_uuid = None
        if delivery_uuid is None or delivery_uuid not in {d.id for d in plan_item_deliveries(item)}:
            errors["delivery_id"] = N_("Pilih pemberian layanan yang sesuai dari kasus ini.")
    if errors:
        raise ValidationError(errors)
    item.status = status
    item.status_reason = reason
    item.status_changed_at = utcnow()
    item.status_changed_by_id = by_id
    if delivery_uuid is not None:
        item.delivery_id = delivery_uuid
    case.last_activity_at = utcnow()
    session.flush()
    return item


