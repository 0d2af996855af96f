"""Civil documents (NIK/KTP-el, KK, akta kelahiran, KIA) obtained for a person: each is one delivery of
the *dokumen_kependudukan* service (what SPM counts) with the document it produced, so the Renja
sub-activity "Fasilitasi Pembuatan Dokumen Kependudukan" is counted from records (docs/protection.md)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import Select, select

from service.care import deliveries
from service.care.models.deliveries import Delivery
from service.core import clock
from service.core.access import scope_area
from service.core.db import session
from service.core.errors import N_, ValidationError
from service.core.formatting import past_date
from service.protection.models import CivilDocument
from service.protection.models.records import CIVIL_DOCUMENT_KINDS
from service.registry.models import Person

SERVICE_TYPE = "dokumen_kependudukan"
KIND_LABELS = {"nik": N_("NIK / KTP-el"), "kk": N_("Kartu Keluarga"), "akta": N_("Akta kelahiran"),
               "kia": N_("Kartu Identitas Anak (KIA)")}


def record_document(person: Person, data: dict[str, Any], *, delivery: Delivery | None = None,
                    worker_id: Any = None, source: str = "web", today: dt.date | None = None) -> CivilDocument:
    """Record the document obtained; without ``delivery`` the service delivery is recorded too."""
    today = today or clock.today()
    errors: dict[str, str] = {}
    kind = str(data.get("kind") or "")
    if kind not in CIVIL_DOCUMENT_KINDS:
        errors["kind"] = N_("Pilih dokumen yang diperoleh.")
    obtained = past_date(data.get("obtained_on"), "obtained_on", today, errors, required=True)
    number = "".join(str(data.get("number") or "").split()) or None
    if kind in ("nik", "kk") and number and (not number.isdigit() or len(number) != 16):
        errors["number"] = N_("Nomor NIK/KK terdiri dari 16 angka.")
    if delivery is not None:
        if delivery.service_type_code != SERVICE_TYPE or delivery.person_id != person.id or not delivery.delivered:
            errors["delivery_id"] = N_("Layanan ini bukan fasilitasi dokumen kependudukan orang ini.")
        elif session.scalar(select(CivilDocument.id).where(CivilDocument.delivery_id == delivery.id)):
            errors["delivery_id"] = N_("Dokumen untuk layanan ini sudah dicatat.")
    if errors:
        raise ValidationError(errors)
    if delivery is None:
        delivery = deliveries.record_delivery(person, SERVICE_TYPE, delivered_on=obtained, worker_id=worker_id,
                                              item_detail=str(KIND_LABELS[kind]), source=source, today=today)
    doc = CivilDocument(person_id=person.id, delivery_id=delivery.id, kind=kind, number=number,
                        obtained_on=obtained, area_code=delivery.area_code)
    session.add(doc)
    session.flush()
    return doc


def document_query(user: Any, kind: str | None = None) -> Select[Any]:
    stmt = (select(CivilDocument).join(Delivery, Delivery.id == CivilDocument.delivery_id)
            .where(scope_area(user, CivilDocument.area_code), Delivery.voided_at.is_(None))
            .order_by(CivilDocument.obtained_on.desc()))
    return stmt.where(CivilDocument.kind == kind) if kind else stmt


def deliveries_without_document(user: Any) -> Select[Any]:
    """Given *dokumen_kependudukan* deliveries (e.g. recorded on the care area's form) whose document
    is not recorded yet: the Renja counts them once the document is attached."""
    has_doc = select(CivilDocument.delivery_id)
    return (select(Delivery).where(Delivery.service_type_code == SERVICE_TYPE, Delivery.delivered_on.is_not(None),
                                   Delivery.voided_at.is_(None), Delivery.id.not_in(has_doc),
                                   scope_area(user, Delivery.area_code))
            .order_by(Delivery.delivered_on.desc()))


def person_documents(person: Person) -> list[CivilDocument]:
    return list(session.scalars(select(CivilDocument).where(CivilDocument.person_id == person.id)
                                .order_by(CivilDocument.obtained_on.desc())))


def persons_documented_stmt(start: dt.date, end: dt.date, area: str | None) -> Select[Any]:
    """Distinct persons who obtained a document in [start, end] (voided deliveries do not count)."""
    got = (select(CivilDocument.person_id).join(Delivery, Delivery.id == CivilDocument.delivery_id)
           .where(CivilDocument.obtained_on.between(start, end), Delivery.voided_at.is_(None)))
    if area:
        got = got.where((CivilDocument.area_code == area) | CivilDocument.area_code.like(area + ".%"))
    return select(Person).where(Person.id.in_(got)).order_by(Person.name)
