"""The complaints desk: register a complaint from any channel, assign it, move it along its
workflow, resolve it with what was done, link it to a person and a case (docs/complaints.md).

Every complaint gets a tracking number (``ADU-2026-00042``, the case-number sequence with its own
prefix, so unique under concurrent intake) and a random access code, shown once, that the person
needs together with the number to look the status up on the public page.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import re
import secrets
import uuid
from typing import Any

from sqlalchemy import Select, false, or_, select

from service.accounts.models import User
from service.casework.cases import next_case_number
from service.casework.models import Case
from service.complaints.models import (
    CHANNELS,
    OPEN_STATUSES,
    RELATIONS,
    Complaint,
    ComplaintCategory,
    ComplaintEvent,
)
from service.core import clock
from service.core.access import in_area, may_see_sensitive_unassigned, roles_for, scope_area
from service.core.db import get_or_raise, session, utcnow
from service.core.errors import N_, ValidationError
from service.core.formatting import past_date
from service.core.states import Transition, Workflow
from service.reference import regions
from service.registry.models import Person

NUMBER_PREFIX = "ADU"
# No 0/O, 1/I/L: the code is read aloud on the phone and copied from paper.
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 10
MAX_TEXT = 5000
PHONE_RE = re.compile(r"^\+?[0-9][0-9 ()-]{5,19}$")

WORKFLOW = Workflow("complaint", [
    Transition("received", "in_progress"),
    Transition("received", "resolved"),            # answered at the desk
    Transition("received", "rejected", needs_reason=True),
    Transition("in_progress", "resolved"),
    Transition("in_progress", "rejected", needs_reason=True),
    Transition("resolved", "in_progress", needs_reason=True),   # reopened
    Transition("rejected", "in_progress", needs_reason=True),
], message=N_("Status pengaduan tidak dapat berubah dari {from_status} ke {to_status}."))

STATUS_LABELS = {"received": N_("Diterima"), "in_progress": N_("Diproses"), "resolved": N_("Selesai"),
                 "rejected": N_("Tidak dapat ditindaklanjuti")}
CHANNEL_LABELS = {"walk_in": N_("Datang langsung"), "phone": N_("Telepon"), "whatsapp": N_("WhatsApp"),
                  "letter": N_("Surat"), "web": N_("Formulir web"), "village": N_("Rujukan desa/kelurahan"),
                  "email": N_("Email"), "other": N_("Lainnya")}
RELATION_LABELS = {"self": N_("Diri sendiri"), "family": N_("Keluarga"), "neighbour": N_("Tetangga/warga"),
                   "village_official": N_("Aparat desa/kelurahan"), "institution": N_("Lembaga"),
                   "other": N_("Lainnya")}
EVENT_LABELS = {"received": N_("Pengaduan diterima"), "assigned": N_("Ditugaskan"), "status": N_("Status berubah"),
                "escalated": N_("Eskalasi ke supervisor"), "linked": N_("Ditautkan ke orang/kasus"),
                "intake": N_("Dibuka sebagai kasus"), "note": N_("Catatan"), "code": N_("Kode akses baru")}


# ---------------------------------------------------------------- access codes
def new_access_code() -> str:
    """``ABCDE-FGHJK``: 10 random characters from 31 (about 2^49 possibilities)."""
    raw = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
    return f"{raw[:5]}-{raw[5:]}"


def normalise_code(code: Any) -> str:
    return re.sub(r"[\s-]", "", str(code or "")).upper()


def hash_code(code: str) -> str:
    return hashlib.sha256(normalise_code(code).encode()).hexdigest()


def code_matches(complaint: Complaint, code: Any) -> bool:
    return hmac.compare_digest(complaint.access_code_hash, hash_code(str(code or "")))


# ---------------------------------------------------------------- look-ups
def get_complaint(complaint_id: uuid.UUID | str) -> Complaint:
    return get_or_raise(Complaint, complaint_id, N_("Pengaduan tidak ditemukan."))  # type: ignore[no-any-return]


def categories(active_only: bool = True) -> list[ComplaintCategory]:
    stmt = select(ComplaintCategory).order_by(ComplaintCategory.position, ComplaintCategory.code)
    if active_only:
        stmt = stmt.where(ComplaintCategory.active)
    return list(session.scalars(stmt))


def get_category(code: Any) -> ComplaintCategory:
    cat = session.get(ComplaintCategory, str(code)) if code else None
    if cat is None or not cat.active:
        raise ValidationError({"category_code": N_("Pilih kategori pengaduan.")})
    return cat


def set_category(code: str, sla_days: Any, active: bool) -> ComplaintCategory:
    """The administrator's deadline (days) and whether the category is offered."""
    cat = session.get(ComplaintCategory, code)
    if cat is None:
        raise ValidationError({"code": N_("Kategori pengaduan tidak dikenal.")})
    try:
        days = int(str(sla_days).strip())
        if not 1 <= days <= 365:
            raise ValueError
    except ValueError:
        raise ValidationError({f"sla-{code}": N_("Isi angka 1–365.")}) from None
    if cat.sla_days != days:
        cat.sla_days = days
    if cat.active != active:
        cat.active = active
    session.flush()
    return cat


def record_event(complaint: Complaint, kind: str, by_id: uuid.UUID | None = None, note: str | None = None,
           from_status: str | None = None, to_status: str | None = None) -> ComplaintEvent:
    ev = ComplaintEvent(kind=kind, by_id=by_id, note=note, from_status=from_status, to_status=to_status)
    complaint.events.append(ev)
    return ev


def _text(data: dict[str, Any], key: str, limit: int = 200) -> str | None:
    value = " ".join(str(data.get(key) or "").split()) if limit <= 200 else str(data.get(key) or "").strip()
    return value[:limit] or None


# ---------------------------------------------------------------- intake
def register_complaint(data: dict[str, Any], *, by_id: uuid.UUID | None = None, today: dt.date | None = None,
                       form_nonce: str | None = None, require_contact: bool = False) -> tuple[Complaint, str]:
    """Record a complaint from any channel; returns it and its access code (shown once, never stored).

    Keys: ``channel``, ``category_code``, ``description``, ``received_on`` (default today),
    ``area_code`` (village or district it concerns), ``location``, ``complainant_name``,
    ``complainant_phone``, ``complainant_address``, ``complainant_relation``.
    ``require_contact`` (the public form): a name and a phone number are required.
    """
    today = today or clock.today()
    errors: dict[str, str] = {}
    channel = str(data.get("channel") or "")
    if channel not in CHANNELS:
        errors["channel"] = N_("Pilih saluran pengaduan.")
    category = None
    try:
        category = get_category(data.get("category_code"))
    except ValidationError as exc:
        errors.update(exc.fields)
    description = _text(data, "description", MAX_TEXT)
    if not description:
        errors["description"] = N_("Uraikan pengaduan atau permohonan Anda.")
    received = past_date(data.get("received_on") or today, "received_on", today, errors)
    area = str(data.get("area_code") or "").strip()
    if not area:
        errors["area_code"] = N_("Pilih wilayah (kecamatan atau kelurahan) yang diadukan.")
    elif regions.get(area) is None:
        errors["area_code"] = N_("Kode wilayah {code} tidak dikenal.")
    name, phone = _text(data, "complainant_name"), _text(data, "complainant_phone", 40)
    if phone and not PHONE_RE.match(phone):
        errors["complainant_phone"] = N_("Nomor telepon tidak valid.")
    if require_contact and not name:
        errors["complainant_name"] = N_("Nama pelapor wajib diisi.")
    if require_contact and not phone:
        errors["complainant_phone"] = N_("Nomor telepon/WhatsApp wajib diisi agar petugas dapat menghubungi Anda.")
    relation = data.get("complainant_relation") or None
    if relation is not None and relation not in RELATIONS:
        errors["complainant_relation"] = N_("Hubungan pelapor tidak dikenal.")
    if form_nonce and session.scalar(select(Complaint.id).where(Complaint.form_nonce == form_nonce)):
        errors["_"] = N_("Formulir ini sudah dikirim. Muat ulang halaman untuk mengirim pengaduan baru.")
    if errors or category is None or received is None:
        raise ValidationError(errors, code=area)
    code = new_access_code()
    complaint = Complaint(
        number=next_case_number(NUMBER_PREFIX, received.year), channel=channel, category_code=category.code,
        status="received", received_on=received, due_on=received + dt.timedelta(days=category.sla_days),
        area_code=area, location=_text(data, "location", 1000), description=description,
        complainant_name=name, complainant_phone=phone, complainant_address=_text(data, "complainant_address", 1000),
        complainant_relation=relation, is_sensitive=category.sensitive, access_code_hash=hash_code(code),
        form_nonce=form_nonce)
    session.add(complaint)
    record_event(complaint, "received", by_id, to_status="received", note=channel)
    session.flush()
    return complaint, code


def reissue_code(complaint: Complaint, by_id: uuid.UUID | None = None) -> str:
    """A new access code (the old one stops working), e.g. when the person lost the receipt."""
    code = new_access_code()
    complaint.access_code_hash = hash_code(code)
    record_event(complaint, "code", by_id)
    session.flush()
    return code


# ---------------------------------------------------------------- assignment and workflow
def assign(complaint: Complaint, assignee: User | None, by_id: uuid.UUID | None = None) -> Complaint:
    """Give the complaint to a worker who may handle it there; a received complaint is then in progress."""
    if assignee is None or not may_handle(assignee, complaint):
        raise ValidationError({"assignee_id": N_("Petugas ini tidak dapat menangani pengaduan di wilayah ini.")})
    if complaint.assignee_id != assignee.id:
        complaint.assignee_id = assignee.id
        complaint.assigned_at = utcnow()
        record_event(complaint, "assigned", by_id, note=assignee.full_name or assignee.username)
    if complaint.status == "received":
        _move(complaint, "in_progress", by_id)
    session.flush()
    return complaint


def _move(complaint: Complaint, to_status: str, by_id: uuid.UUID | None, reason: str | None = None,
          note: str | None = None) -> None:
    WORKFLOW.check(complaint.status, to_status, reason=reason)
    record_event(complaint, "status", by_id, note=note or reason, from_status=complaint.status, to_status=to_status)
    complaint.status = to_status
    complaint.status_reason = (reason or "").strip() or None


def change_status(complaint: Complaint, to_status: str, *, by_id: uuid.UUID | None = None, reason: str | None = None,
                  resolution: str | None = None, resolved_on: Any = None, today: dt.date | None = None) -> Complaint:
    """Move along the workflow. Resolving needs what was done (``resolution``) and its date;
    reopening or rejecting needs a reason."""
    today = today or clock.today()
    if to_status == "resolved":
        errors: dict[str, str] = {}
        text = (resolution or "").strip()
        if not text:
            errors["resolution"] = N_("Tuliskan apa yang sudah dilakukan.")
        day = past_date(resolved_on or today, "resolved_on", today, errors)
        if day is not None and day < complaint.received_on:
            errors["resolved_on"] = N_("Tanggal selesai tidak boleh sebelum tanggal pengaduan diterima.")
        WORKFLOW.check(complaint.status, to_status)
        if errors:
            raise ValidationError(errors)
        _move(complaint, to_status, by_id, note=text)
        complaint.resolution, complaint.resolved_on, complaint.resolved_by_id = text[:MAX_TEXT], day, by_id
    else:
        _move(complaint, to_status, by_id, reason=reason)
        if complaint.resolved_on is not None:  # reopened: the resolution stays in the history only
            complaint.resolution = complaint.resolved_on = complaint.resolved_by_id = None
    session.flush()
    return complaint


def add_note(complaint: Complaint, note: str, by_id: uuid.UUID | None = None) -> ComplaintEvent:
    text = (note or "").strip()
    if not text:
        raise ValidationError({"note": N_("Catatan tidak boleh kosong.")})
    ev = record_event(complaint, "note", by_id, note=text[:MAX_TEXT])
    session.flush()
    return ev


def link(complaint: Complaint, *, person: Person | None = None, case: Case | None = None,
         by_id: uuid.UUID | None = None) -> Complaint:
    """Tie the complaint to the person it concerns and/or their case."""
    if case is not None:
        person = person or case.person
        if person is not None and case.person_id != person.id:
            raise ValidationError({"case_id": N_("Kasus ini milik orang lain.")})
        complaint.case_id = case.id
        complaint.is_sensitive = complaint.is_sensitive or case.is_sensitive
    if person is not None:
        complaint.person_id = person.id
    if person is None and case is None:
        raise ValidationError({"person_id": N_("Pilih orang atau kasus.")})
    record_event(complaint, "linked", by_id, note=case.number if case is not None else (person.name if person else None))
    session.flush()
    return complaint


# ---------------------------------------------------------------- lists
def visible_filter(user: Any) -> Any:
    """What a user may list: inside their area; need-to-know complaints only when assigned."""
    cond = scope_area(user, Complaint.area_code)
    if not may_see_sensitive_unassigned(user):
        worker = select(Case.id).where(Case.id == Complaint.case_id, Case.worker_id == user.id).exists()
        cond = cond & or_(Complaint.is_sensitive.is_(False), Complaint.assignee_id == user.id, worker)
    return cond


def complaint_query(user: Any, *, q: str | None = None, status: str | None = None, category: str | None = None,
                    view: str | None = None, today: dt.date | None = None) -> Select[Any]:
    """Newest first. ``view``: ``mine`` (assigned to the user), ``overdue`` (open past the deadline),
    ``escalated`` (open and escalated), ``open``."""
    today = today or clock.today()
    stmt = select(Complaint).where(visible_filter(user)).order_by(Complaint.received_on.desc(),
                                                                  Complaint.number.desc())
    if q:
        like = f"%{q.strip()}%"
        stmt = stmt.where(or_(Complaint.number.ilike(like), Complaint.complainant_name.ilike(like),
                              Complaint.description.ilike(like), Complaint.location.ilike(like)))
    if status:
        stmt = stmt.where(Complaint.status == status) if status in STATUS_LABELS else stmt.where(false())
    if category:
        stmt = stmt.where(Complaint.category_code == category)
    if view == "mine":
        stmt = stmt.where(Complaint.assignee_id == user.id)
    elif view == "overdue":
        stmt = stmt.where(Complaint.status.in_(OPEN_STATUSES), Complaint.due_on < today)
    elif view == "escalated":
        stmt = stmt.where(Complaint.status.in_(OPEN_STATUSES), Complaint.escalated_at.is_not(None))
    elif view == "open":
        stmt = stmt.where(Complaint.status.in_(OPEN_STATUSES))
    return stmt


def may_handle(user: User, complaint: Complaint) -> bool:
    """A worker may be given a complaint: an active account whose role records complaints, in its area
    (need-to-know does not bar it: being assigned is what opens a sensitive complaint to them)."""
    return bool(user.active and user.role in roles_for("complaint.record") and in_area(user.area_code, complaint.area_code))


def assignable_workers(complaint: Complaint) -> list[User]:
    users = session.scalars(select(User).where(User.active).order_by(User.full_name, User.username))
    return [u for u in users if may_handle(u, complaint)]
