"""Recording deliveries: planned vs delivered, voiding — owner of ``service.care.models.deliveries``.

``record_delivery`` is called by the web form, the API, the BNBA import, sync,
referral completion and aid distribution alike. A delivery is delivered exactly
when ``delivered_on`` is set. Deliveries are never deleted: ``void_delivery``
keeps them with a reason and they stop counting. A delivery dated in a closed
month is accepted and flagged ``late`` (docs/reports.md "Closing a month").
"""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from sqlalchemy import select

from service.care.models.deliveries import DELIVERY_SOURCES, Delivery
from service.casework.models import Case
from service.core import batch, clock
from service.core.db import get_or_raise, session, utcnow
from service.core.errors import N_, ValidationError
from service.core.formatting import MAX_QUANTITY, MAX_RUPIAH, parse_date, past_date
from service.core.paths import private_dir, private_file
from service.core.periods import is_month_closed
from service.reference.models import ServiceType
from service.registry.models import Person

EARLIEST = dt.date(2000, 1, 1)
FUTURE_DELIVERY = N_("Tanggal layanan diberikan tidak boleh di masa depan.")


def get_delivery(delivery_id: uuid.UUID | str) -> Delivery:
    return get_or_raise(Delivery, delivery_id, N_("Data layanan tidak ditemukan."))  # type: ignore[no-any-return]


def parse_cost(raw: Any, errors: dict[str, str]) -> int | None:
    """A cost in whole rupiah (``1.250.000``, ``Rp 150000``); a bad one goes into ``errors["cost"]``."""
    if raw in (None, ""):
        return None
    try:
        amount = int(str(raw).replace(".", "").replace("Rp", "").strip())
        if amount < 0:
            raise ValueError
        if amount > MAX_RUPIAH:
            errors["cost"] = N_("Biaya paling banyak Rp 2.000.000.000.")
            return None
        return amount
    except ValueError:
        errors["cost"] = N_("Biaya harus angka rupiah tanpa desimal.")
        return None


def access_target(delivery: Delivery) -> Any:
    """The record a delivery's access check uses: its case when it has one (the case's worker,
    area and sensitivity decide), else the delivery itself (its own area)."""
    if delivery.case_id:
        return session.get(Case, delivery.case_id)
    return delivery


def record_delivery(
    person: Person,
    service_type_code: str,
    *,
    delivered_on: dt.date | str | None = None,
    planned_on: dt.date | str | None = None,
    quantity: Any = 1,
    case: Case | None = None,
    unit: str | None = None,
    item_detail: str | None = None,
    place: str | None = None,
    worker_id: uuid.UUID | None = None,
    cost: Any = None,
    notes: str | None = None,
    source: str = "web",
    external_key: str | None = None,
    disaster_event_id: uuid.UUID | None = None,
    delivery_id: uuid.UUID | None = None,
    today: dt.date | None = None,
    touch_case: bool = True,
) -> Delivery:
    """Record one delivery (given or planned) to a person. Idempotent per ``external_key``.

    ``touch_case=False``: the caller sets the case's ``last_activity_at`` itself (once per batch).
    """
    if external_key and not batch.key_is_new(Delivery, external_key):
        existing = session.scalar(select(Delivery).where(Delivery.external_key == external_key))
        if existing is not None:
            return existing
    today = today or clock.today()
    errors: dict[str, str] = {}
    stype = session.get(ServiceType, service_type_code) if service_type_code else None
    if stype is None or not stype.active:
        errors["service_type_code"] = N_("Jenis layanan tidak dikenal: {code}.")
    planned = None
    delivered = past_date(delivered_on, "delivered_on", today, errors, message=FUTURE_DELIVERY)
    try:
        planned = parse_date(planned_on, "planned_on")
    except ValidationError as exc:
        errors.update(exc.fields)
    if delivered is None and planned is None and "delivered_on" not in errors and "planned_on" not in errors:
        errors["delivered_on"] = N_("Isi tanggal layanan diberikan (atau tanggal rencana).")
    if delivered is not None and delivered < EARLIEST:
        errors["delivered_on"] = N_("Tanggal layanan terlalu lama.")
    try:
        qty = int(str(quantity if quantity not in (None, "") else 1).strip())
        if qty < 1:
            raise ValueError
        if qty > MAX_QUANTITY:
            errors["quantity"] = N_("Jumlah paling banyak 1.000.000.")
            qty = 1
    except (TypeError, ValueError):
        errors["quantity"] = N_("Jumlah harus bilangan bulat 1 atau lebih.")
        qty = 1
    amount = parse_cost(cost, errors)
    if source not in DELIVERY_SOURCES:
        errors["source"] = N_("Sumber data tidak dikenal.")
    if case is not None and case.person_id != person.id:
        errors["case_id"] = N_("Kasus ini milik orang lain.")
    if errors:
        raise ValidationError(errors, code=service_type_code or "")
    delivery = Delivery(
        id=delivery_id or uuid.uuid4(),
        person_id=person.id,
        case_id=case.id if case else None,
        service_type_code=stype.code,  # type: ignore[union-attr]
        planned_on=planned,
        delivered_on=delivered,
        quantity=qty,
        unit=unit or stype.unit,  # type: ignore[union-attr]
        item_detail=item_detail,
        place=place,
        worker_id=worker_id,
        cost=amount,
        notes=notes,
        area_code=case.area_code if case else person.area_code,
        late=delivered is not None and is_month_closed(delivered),
        source=source,
        external_key=external_key,
        disaster_event_id=disaster_event_id,
    )
    session.add(delivery)
    if case is not None and touch_case:
        case.last_activity_at = utcnow()
    batch.flush()
    return delivery


def mark_delivered(delivery: Delivery, delivered_on: dt.date | str, today: dt.date | None = None) -> Delivery:
    """A planned delivery was given: set its date (flagged late in a closed month)."""
    if delivery.voided:
        raise ValidationError({"_": N_("Data layanan ini sudah dibatalkan.")})
    day = past_date(delivered_on, "delivered_on", today or clock.today(), required=True, message=FUTURE_DELIVERY)
    delivery.delivered_on = day
    delivery.late = is_month_closed(day)  # type: ignore[arg-type]
    session.flush()
    return delivery


def void_delivery(delivery: Delivery, reason: str, by_id: uuid.UUID | None = None) -> Delivery:
    """Void (never delete): kept with who/when/why and excluded from every figure."""
    if delivery.voided:
        raise ValidationError({"_": N_("Data layanan ini sudah dibatalkan.")})
    if not (reason or "").strip():
        raise ValidationError({"void_reason": N_("Alasan pembatalan wajib diisi.")})
    delivery.voided_at = utcnow()
    delivery.voided_by_id = by_id
    delivery.void_reason = reason.strip()
    session.flush()
    return delivery


# ---------------------------------------------------------------- lists, receipts
RECEIPT_TYPES = {"jpg": "image/jpeg", "jpeg": "image/jpeg", "png": "image/png", "pdf": "application/pdf"}
RECEIPT_MAX_BYTES = 8 * 1024 * 1024


def case_deliveries(case: Case) -> list[Delivery]:
    """All deliveries of a case, voided ones included (shown struck through), newest first."""
    return list(session.scalars(
        select(Delivery).where(Delivery.case_id == case.id)
        .order_by(Delivery.delivered_on.desc().nulls_first(), Delivery.planned_on.desc(), Delivery.created_at.desc())))


def visible_stmt(user: Any, q: str | None = None, status: str | None = None) -> Any:
    """Deliveries the user may see: area scope plus need-to-know on sensitive cases."""
    from sqlalchemy import or_

    from service.core.access import may_see_sensitive_unassigned, scope_area

    # No join to persons: the list walks ``ix_deliveries_list_order`` (newest first) and a name
    # search asks the registry's search (trigram index), not a scan of every person's name.
    stmt = select(Delivery).outerjoin(Case, Delivery.case_id == Case.id).where(scope_area(user, Delivery.area_code))
    if not may_see_sensitive_unassigned(user):
        stmt = stmt.where(or_(Case.id.is_(None), Case.is_sensitive.is_(False), Case.worker_id == user.id))
    if q and q.strip():
        stmt = stmt.where(_search(q.strip()))
    if status == "planned":
        stmt = stmt.where(Delivery.delivered_on.is_(None), Delivery.voided_at.is_(None))
    elif status == "delivered":
        stmt = stmt.where(Delivery.delivered_on.is_not(None), Delivery.voided_at.is_(None))
    elif status == "voided":
        stmt = stmt.where(Delivery.voided_at.is_not(None))
    elif status == "late":
        stmt = stmt.where(Delivery.late, Delivery.voided_at.is_(None))
    return stmt.order_by(Delivery.delivered_on.desc().nulls_first(), Delivery.created_at.desc())


def _search(q: str) -> Any:
    """What the deliveries list's search box matches: a case number (that case exactly), else the
    person (the registry's search: name, NIK, KK number) or a service type by its name. Each part is
    an exact or trigram index (a name matched anywhere in a joined OR scanned the area's deliveries:
    ``q=Siti`` took 1.5 s at 1 M)."""
    from sqlalchemy import or_

    from service.casework.queries import CASE_NUMBER, case_search
    from service.registry.persons import person_search

    if CASE_NUMBER.match(q):
        return Delivery.case_id.in_(select(Case.id).where(case_search(q)))
    # a service type by the start of a word of its name ("sandang", "makan"), not any infix
    words = [pattern for name in (ServiceType.name_id, ServiceType.name_en)
             for pattern in (name.ilike(f"{q}%"), name.ilike(f"% {q}%"))]
    types = list(session.scalars(select(ServiceType.code).where(or_(*words))))
    by_person = Delivery.person_id.in_(select(Person.id).where(person_search(q)))
    return or_(by_person, Delivery.service_type_code.in_(types)) if types else by_person


def attach_receipt(delivery: Delivery, filename: str, content: bytes, storage_dir: str) -> Delivery:
    """Keep the photo of the handover or the signed receipt (JPG, PNG or PDF, at most 8 MB)."""
    import os

    ext = (filename or "").rsplit(".", 1)[-1].lower() if "." in (filename or "") else ""
    if ext not in RECEIPT_TYPES:
        raise ValidationError({"receipt": N_("Berkas harus foto JPG/PNG atau PDF.")})
    if not content:
        raise ValidationError({"receipt": N_("Berkas kosong.")})
    if len(content) > RECEIPT_MAX_BYTES:
        raise ValidationError({"receipt": N_("Berkas terlalu besar (maksimal 8 MB).")})
    signatures = {"jpg": b"\xff\xd8", "jpeg": b"\xff\xd8", "png": b"\x89PNG", "pdf": b"%PDF"}
    if not content.startswith(signatures[ext]):
        raise ValidationError({"receipt": N_("Isi berkas tidak sesuai jenisnya.")})
    name = f"deliveries/{delivery.id}.{ext}"
    path = os.path.join(storage_dir, name)
    private_dir(storage_dir)
    private_dir(os.path.dirname(path))
    with open(private_file(path), "wb") as fh:
        fh.write(content)
    delivery.attachment_path = name
    session.flush()
    return delivery


def counts_filter() -> Any:
    """The one SQL condition for deliveries that count in figures: given (dated) and not voided."""
    from sqlalchemy import and_

    return and_(Delivery.delivered_on.is_not(None), Delivery.voided_at.is_(None))
