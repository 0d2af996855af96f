"""LKS documents — tanda daftar, operating licence (izin operasional), accreditation — with their
expiry, and the reminders before they lapse (docs/psks.md).

The document in force of each kind is the latest issued. The daily job ``psks_document_reminders``
makes one reminder per document and stage: ``expiring`` within ``psks.expiry_warning_days`` days
(a setting, default 90), ``expired`` once the date has passed; the area's reminder list shows the
live list and marks what is new. ``service.core.jobs.run_once`` makes it run once per day.
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select, update

from service.core import clock, settings
from service.core.access import can
from service.core.db import session, utcnow
from service.core.errors import N_, ValidationError
from service.core.formatting import parse_date, past_date
from service.core.jobs import job
from service.psks.models import (
    ACCREDITATION_GRADES,
    DOCUMENT_KINDS,
    LksDocument,
    PsksOrganisation,
    PsksReminder,
)

KIND_LABELS = {"tanda_daftar": N_("Tanda daftar LKS"), "izin_operasional": N_("Izin operasional"),
               "akreditasi": N_("Akreditasi")}
STAGE_LABELS = {"expiring": N_("Segera berakhir"), "expired": N_("Sudah berakhir")}


def warning_days() -> int:
    return int(settings.get("psks.expiry_warning_days"))


def add_document(org: PsksOrganisation, data: dict[str, Any], today: dt.date | None = None) -> LksDocument:
    today = today or clock.today()
    errors: dict[str, str] = {}
    if org.kind != "lks":
        raise ValidationError({"kind": N_("Dokumen ini hanya untuk LKS.")})
    kind = data.get("kind")
    if kind not in DOCUMENT_KINDS:
        errors["kind"] = N_("Pilih jenis dokumen.")
    number = " ".join(str(data.get("number") or "").split())[:120]
    if not number:
        errors["number"] = N_("Nomor dokumen wajib diisi.")
    issued = past_date(data.get("issued_on"), "issued_on", today, errors, required=True)
    expires = None
    try:
        expires = parse_date(data.get("expires_on"), "expires_on")
    except ValidationError as exc:
        errors.update(exc.fields)
    if issued and expires and expires <= issued:
        errors["expires_on"] = N_("Tanggal berakhir harus sesudah tanggal terbit.")
    grade = str(data.get("grade") or "").strip().upper() or None
    if kind == "akreditasi" and grade not in ACCREDITATION_GRADES:
        errors["grade"] = N_("Pilih nilai akreditasi (A, B atau C).")
    if kind != "akreditasi":
        grade = None
    if errors:
        raise ValidationError(errors)
    doc = LksDocument(kind=kind, number=number, issued_on=issued, expires_on=expires, grade=grade,
                      issuer=" ".join(str(data.get("issuer") or "").split()) or None,
                      notes=(str(data.get("notes") or "").strip() or None))
    org.documents.append(doc)
    session.flush()
    return doc


def in_force(org: PsksOrganisation) -> dict[str, LksDocument]:
    """The document in force of each kind: the latest issued."""
    current: dict[str, LksDocument] = {}
    for doc in sorted(org.documents, key=lambda d: (d.issued_on, d.created_at)):
        current[doc.kind] = doc
    return current


@dataclass
class Due:
    document: LksDocument
    organisation: PsksOrganisation
    stage: str
    days_left: int
    new: bool = False


def due_documents(today: dt.date | None = None, user: Any = None) -> list[Due]:
    """Documents in force of active LKS that lapse within the warning window or have lapsed, soonest first
    (within ``user``'s area when given)."""
    today = today or clock.today()
    horizon = today + dt.timedelta(days=warning_days())
    orgs = session.scalars(select(PsksOrganisation).where(PsksOrganisation.kind == "lks", PsksOrganisation.active))
    out = []
    for org in orgs:
        if user is not None and not can(user, "psks.view", org):
            continue
        for doc in in_force(org).values():
            if doc.expires_on is not None and doc.expires_on <= horizon:
                out.append(Due(doc, org, "expired" if doc.expires_on < today else "expiring",
                               (doc.expires_on - today).days))
    unseen = {r.document_id for r in session.scalars(select(PsksReminder).where(PsksReminder.seen_at.is_(None)))}
    for d in out:
        d.new = d.document.id in unseen
    return sorted(out, key=lambda d: (d.document.expires_on, d.organisation.display_name))


def send_reminders(today: dt.date | None = None) -> dict[str, Any]:
    existing = {(r.document_id, r.stage) for r in session.scalars(select(PsksReminder))}
    created = 0
    for d in due_documents(today):
        if (d.document.id, d.stage) not in existing:
            session.add(PsksReminder(document_id=d.document.id, stage=d.stage))
            created += 1
    session.flush()
    return {"created": created}


def mark_seen(by_id: uuid.UUID | None, document_ids: list[uuid.UUID] | None = None) -> int:
    stmt = update(PsksReminder).where(PsksReminder.seen_at.is_(None))
    if document_ids is not None:
        stmt = stmt.where(PsksReminder.document_id.in_(document_ids))
    result = session.execute(stmt.values(seen_at=utcnow(), seen_by_id=by_id))
    return int(result.rowcount or 0)


@job("psks_document_reminders", hour=6, minute=30)
def reminders_job() -> dict[str, Any]:
    return send_reminders()
