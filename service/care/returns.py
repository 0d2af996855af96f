"""Return home (*pemulangan*) of stranded persons and migrant victims.

Planned with origin, destination, transport, cost, escort and date; completed by
the handover to the family or the village official (a printable handover
record). Completing the return of a migrant victim records the
``pemulangan_migran`` delivery (the Renja sub-activity counts it).
"""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from service.care import deliveries
from service.care.models.returns import RECEIVER_ROLES, RETURN_KINDS, ReturnHome
from service.casework.models import Case
from service.core import clock
from service.core.db import get_or_raise, session, utcnow
from service.core.errors import N_, ValidationError
from service.core.formatting import not_in_future, parse_date
from service.core.states import Workflow
from service.reference import regions

KIND_LABELS = {"stranded": N_("Orang terlantar dalam perjalanan"), "migrant_victim": N_("Pekerja migran korban")}
STATUS_LABELS = {"planned": N_("Direncanakan"), "completed": N_("Sudah diserahkan"), "cancelled": N_("Dibatalkan")}
RECEIVER_LABELS = {"family": N_("Keluarga"), "village_official": N_("Aparat desa/kelurahan")}
WORKFLOW = Workflow.from_map("return_home", {"planned": {"completed", "cancelled"}, "completed": set(),
                                             "cancelled": set()})
NOT_PLANNED = N_("Pemulangan ini sudah tidak dalam rencana.")


def get_return(return_id: uuid.UUID | str) -> ReturnHome:
    return get_or_raise(ReturnHome, return_id, N_("Data pemulangan tidak ditemukan."))  # type: ignore[no-any-return]


def plan_return(case: Case, kind: str, origin_region_code: str, destination_region_code: str, transport: str,
                travel_on: dt.date | str, *, destination_address: str | None = None, cost: Any = None,
                escort: str | None = None, notes: str | None = None) -> ReturnHome:
    errors: dict[str, str] = {}
    if kind not in RETURN_KINDS:
        errors["kind"] = N_("Pilih jenis pemulangan.")
    for field, code in (("origin_region_code", origin_region_code), ("destination_region_code",
                                                                     destination_region_code)):
        if not (code or "").strip():
            errors[field] = N_("Kode wilayah wajib diisi.")
        elif regions.get(code.strip()) is None:
            errors[field] = N_("Kode wilayah tidak dikenal.")
    if not (transport or "").strip():
        errors["transport"] = N_("Moda transportasi wajib diisi.")
    amount = deliveries.parse_cost(cost, errors)
    try:
        day = parse_date(travel_on, "travel_on", required=True)
    except ValidationError as exc:
        errors.update(exc.fields)
        day = None
    if errors:
        raise ValidationError(errors)
    item = ReturnHome(case_id=case.id, person_id=case.person_id, kind=kind, origin_region_code=origin_region_code.strip(),
                      destination_region_code=destination_region_code.strip(),
                      destination_address=(destination_address or "").strip() or None, transport=transport.strip(),
                      cost=amount, escort=(escort or "").strip() or None, travel_on=day, notes=notes,
                      area_code=case.area_code, is_sensitive=case.is_sensitive)
    session.add(item)
    case.last_activity_at = utcnow()
    session.flush()
    return item


def complete_return(item: ReturnHome, handed_over_on: dt.date | str, receiver_name: str, receiver_role: str, *,
                    receiver_relationship: str | None = None, worker_id: uuid.UUID | None = None,
                    today: dt.date | None = None) -> ReturnHome:
    today = today or clock.today()
    errors: dict[str, str] = {}
    if not WORKFLOW.can(item.status, "completed"):
        errors["_"] = NOT_PLANNED
    try:
        day = parse_date(handed_over_on, "handed_over_on", required=True)
    except ValidationError as exc:
        errors.update(exc.fields)
        day = None
    not_in_future(day, "handed_over_on", today, errors)
    if day is not None and day < item.travel_on:
        errors["handed_over_on"] = N_("Tanggal serah terima tidak boleh sebelum tanggal berangkat.")
    if not (receiver_name or "").strip():
        errors["receiver_name"] = N_("Nama penerima wajib diisi.")
    if receiver_role not in RECEIVER_ROLES:
        errors["receiver_role"] = N_("Pilih penerima: keluarga atau aparat desa/kelurahan.")
    if receiver_role == "family" and not (receiver_relationship or "").strip():
        errors["receiver_relationship"] = N_("Hubungan keluarga wajib diisi.")
    if errors:
        raise ValidationError(errors)
    item.status = "completed"
    item.handed_over_on = day
    item.receiver_name = receiver_name.strip()
    item.receiver_role = receiver_role
    item.receiver_relationship = (receiver_relationship or "").strip() or None
    if item.kind == "migrant_victim":
        delivered = deliveries.record_delivery(item.case.person, "pemulangan_migran", delivered_on=day, case=item.case,
                                                 worker_id=worker_id, cost=item.cost, place=item.destination_address,
                                                 external_key=f"return:{item.id}", today=today)
        item.delivery_id = delivered.id
    item.case.last_activity_at = utcnow()
    session.flush()
    return item


def cancel_return(item: ReturnHome, reason: str) -> ReturnHome:
    if not WORKFLOW.can(item.status, "cancelled"):
        raise ValidationError({"_": NOT_PLANNED})
    if not (reason or "").strip():
        raise ValidationError({"reason": N_("Alasan pembatalan wajib diisi.")})
    item.status = "cancelled"
    item.notes = ((item.notes or "") + "\n" + reason.strip()).strip()
    session.flush()
    return item
