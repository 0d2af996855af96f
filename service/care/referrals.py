"""Referrals to an institution or another regency's office, with the official letter.

States: draft → sent → accepted / declined → completed (from accepted), or
cancelled (from draft, sent or accepted). Sending needs the person's consent
(checked by the worker), gives the letter its number from the configurable
scheme (setting ``referral.letter_number_format``), a public verification code
(the letter's QR) and a one-time answer link (random token, stored hashed,
single use, expires after ``referral.link_days``). The receiving institution
answers through the link without an account, or staff record its answer.
Completing records the ``rujukan`` delivery through ``record_delivery``.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
import uuid
from typing import Any

from sqlalchemy import Select, or_, select, update

from service.care import deliveries
from service.care.models.institutions import Institution
from service.care.models.referrals import Referral
from service.casework.models import Case, CaseNumberSequence
from service.core import clock, settings
from service.core.access import may_see_sensitive_unassigned, scope_area
from service.core.db import get_or_raise, session, utcnow
from service.core.errors import N_, NotFound, ServiceError, ValidationError
from service.core.formatting import parse_date
from service.core.states import Workflow
from service.registry.models import Person

WORKFLOW = Workflow.from_map("referral", {
    "draft": {"sent", "cancelled"},
    "sent": {"accepted", "declined", "cancelled"},
    "accepted": {"completed", "cancelled"},
    "declined": set(),
    "completed": set(),
    "cancelled": set(),
}, message=N_("Status rujukan tidak dapat berubah dari {from_status} ke {to_status}."))
STATUS_LABELS = {"draft": N_("Draf"), "sent": N_("Terkirim"), "accepted": N_("Diterima"), "declined": N_("Ditolak"),
                 "completed": N_("Selesai"), "cancelled": N_("Dibatalkan")}
ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII")
SEQUENCE_PREFIX = "SRT-RUJ"


class LinkGone(ServiceError):
    """The one-time link was used already, has expired, or the referral is no longer waiting."""

    code = "gone"
    status = 410


def token_digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def get_referral(referral_id: uuid.UUID | str) -> Referral:
    return get_or_raise(Referral, referral_id, N_("Rujukan tidak ditemukan."))  # type: ignore[no-any-return]


def visible_stmt(user: Any, q: str | None = None, status: str | None = None) -> Select[Any]:
    """Referrals ``user`` may see, newest first: the one rule for every list (web and API) —
    area scope, plus need-to-know on sensitive cases (only their worker, unless the role
    sees sensitive records unassigned). ``q`` searches name, case number and letter number."""
    stmt = (select(Referral).join(Case, Referral.case_id == Case.id).where(scope_area(user, Referral.area_code))
            .order_by(Referral.created_at.desc()))
    if not may_see_sensitive_unassigned(user):
        stmt = stmt.where(or_(Referral.is_sensitive.is_(False), Case.worker_id == user.id))
    if q:
        like = f"%{q.strip()}%"
        stmt = stmt.join(Person, Referral.person_id == Person.id).where(
            or_(Person.name.ilike(like), Case.number.ilike(like), Referral.letter_number.ilike(like)))
    if status:
        stmt = stmt.where(Referral.status == status)
    return stmt


def _move(ref: Referral, to_status: str) -> None:
    WORKFLOW.check(ref.status, to_status)
    ref.status = to_status
    ref.case.last_activity_at = utcnow()


def create_referral(case: Case, institution: Institution | None, reason: str, summary: str, *,
                    consent_checked: bool = False, by_id: uuid.UUID | None = None) -> Referral:
    errors: dict[str, str] = {}
    if institution is None:
        errors["institution_id"] = N_("Pilih lembaga tujuan.")
    elif not institution.active:
        errors["institution_id"] = N_("Lembaga ini tidak aktif.")
    if not (reason or "").strip():
        errors["reason"] = N_("Alasan rujukan wajib diisi.")
    if not (summary or "").strip():
        errors["summary"] = N_("Ringkasan untuk penerima wajib diisi.")
    if case.status == "closed":
        errors["_"] = N_("Kasus sudah ditutup.")
    if errors:
        raise ValidationError(errors)
    assert institution is not None
    ref = Referral(case_id=case.id, person_id=case.person_id, institution_id=institution.id, reason=reason.strip(),
                   summary=summary.strip(), consent_checked=bool(consent_checked), area_code=case.area_code,
                   is_sensitive=case.is_sensitive, created_by_worker_id=by_id)
    session.add(ref)
    session.flush()
    case.last_activity_at = utcnow()
    return ref


def validate_number_format(fmt: str) -> str:
    fmt = (fmt or "").strip()
    if "{seq}" not in fmt or "{year}" not in fmt:
        raise ValidationError({"letter_number_format": N_("Format nomor surat harus memuat {a} dan {b}.")},
                              a="{seq}", b="{year}")
    try:
        fmt.format(seq=1, code="x", roman_month="I", month="01", year=2026)
    except (KeyError, IndexError, ValueError):
        raise ValidationError({"letter_number_format": N_("Format hanya boleh memakai bagian {parts}.")},
                              parts="{seq} {code} {roman_month} {month} {year}") from None
    return fmt


def set_number_format(fmt: str, code: str | None = None) -> None:
    settings.put("referral.letter_number_format", validate_number_format(fmt))
    if code is not None:
        settings.put("referral.letter_code", code.strip())


def next_letter_number(day: dt.date, *, prefix: str = SEQUENCE_PREFIX, code: str | None = None) -> str:
    """Next number in the scheme; the sequence restarts each year and is safe under concurrency.
    Other letters (the PBI-JK recommendations) pass their own sequence ``prefix`` and ``code``."""
    table = CaseNumberSequence.__table__
    if session.get_bind().dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert as dialect_insert
    else:
        from sqlalchemy.dialects.sqlite import insert as dialect_insert  # type: ignore[assignment]
    session.execute(dialect_insert(table).values(prefix=prefix, year=day.year, last_value=0)
                    .on_conflict_do_nothing())
    seq = session.execute(update(table).where(table.c.prefix == prefix, table.c.year == day.year)
                          .values(last_value=table.c.last_value + 1).returning(table.c.last_value)).scalar_one()
    fmt = validate_number_format(settings.get("referral.letter_number_format"))
    return fmt.format(seq=f"{seq:03d}", code=code or settings.get("referral.letter_code"),
                      roman_month=ROMAN[day.month - 1],
                      month=f"{day.month:02d}", year=day.year)


def issue_answer_link(ref: Referral, now: dt.datetime | None = None) -> str:
    """A fresh one-time token for the receiving institution (replaces any earlier one). Returns it raw, once."""
    if ref.status != "sent":
        raise ValidationError({"status": N_("Tautan jawaban hanya untuk rujukan yang terkirim dan belum dijawab.")})
    now = now or utcnow()
    token = secrets.token_urlsafe(32)
    ref.token_hash = token_digest(token)
    ref.token_expires_at = now + dt.timedelta(days=int(settings.get("referral.link_days")))
    ref.token_used_at = None
    session.flush()
    return token


def send_referral(ref: Referral, *, on: dt.date | None = None, now: dt.datetime | None = None) -> str:
    """Number and date the letter, make its verification code and answer link. Returns the raw link token."""
    errors: dict[str, str] = {}
    if not ref.consent_checked:
        errors["consent_checked"] = N_("Persetujuan orang yang dirujuk (atau walinya) wajib dipastikan sebelum mengirim.")
    if not WORKFLOW.can(ref.status, "sent"):
        errors["status"] = WORKFLOW.message
    if errors:
        raise ValidationError(errors, from_status=ref.status, to_status="sent")
    now = now or utcnow()
    day = on or clock.today()
    _move(ref, "sent")
    ref.letter_date = day
    ref.letter_number = next_letter_number(day)
    ref.verify_code = secrets.token_urlsafe(12)
    ref.sent_at = now
    session.flush()
    return issue_answer_link(ref, now)


def _answer(ref: Referral, accept: bool, responder: str, decline_reason: str | None, channel: str,
            now: dt.datetime) -> Referral:
    errors: dict[str, str] = {}
    if not (responder or "").strip():
        errors["responder"] = N_("Nama dan jabatan yang menjawab wajib diisi.")
    if not accept and not (decline_reason or "").strip():
        errors["decline_reason"] = N_("Alasan penolakan wajib diisi.")
    if errors:
        raise ValidationError(errors)
    _move(ref, "accepted" if accept else "declined")
    ref.answered_at = now
    ref.answered_by = responder.strip()
    ref.answer_channel = channel
    ref.decline_reason = None if accept else (decline_reason or "").strip()
    ref.token_used_at = now  # any outstanding link stops working
    session.flush()
    return ref


def referral_for_token(token: str, now: dt.datetime | None = None) -> Referral:
    """The referral a link belongs to, if the link can still be used (else NotFound / LinkGone)."""
    now = now or utcnow()
    ref = session.scalar(select(Referral).where(Referral.token_hash == token_digest(token or "")))
    if ref is None:
        raise NotFound(N_("Tautan tidak dikenal."))
    if ref.token_used_at is not None or ref.status != "sent":
        raise LinkGone(N_("Tautan ini sudah digunakan. Rujukan sudah dijawab."))
    if ref.token_expires_at is not None and ref.token_expires_at < now:
        raise LinkGone(N_("Tautan ini sudah kedaluwarsa. Hubungi kantor pengirim."))
    return ref


def answer_by_link(token: str, accept: bool, responder: str, decline_reason: str | None = None,
                   now: dt.datetime | None = None) -> Referral:
    now = now or utcnow()
    ref = referral_for_token(token, now)
    return _answer(ref, accept, responder, decline_reason, "link", now)


def record_answer(ref: Referral, accept: bool, responder: str, decline_reason: str | None = None,
                  now: dt.datetime | None = None) -> Referral:
    """Staff record the institution's answer (phone, paper reply)."""
    return _answer(ref, accept, responder, decline_reason, "staff", now or utcnow())


def complete_referral(ref: Referral, completed_on: dt.date | str, *, worker_id: uuid.UUID | None = None,
                      today: dt.date | None = None) -> Referral:
    """The person was received: record the ``rujukan`` delivery (once)."""
    WORKFLOW.check(ref.status, "completed")
    day = parse_date(completed_on, "completed_on", required=True)
    assert day is not None
    if ref.letter_date and day < ref.letter_date:
        raise ValidationError({"completed_on": N_("Tanggal selesai tidak boleh sebelum tanggal surat.")})
    case = ref.case
    delivered = deliveries.record_delivery(case.person, "rujukan", delivered_on=day, case=case, worker_id=worker_id,
                                             place=ref.institution.name, source="referral",
                                             external_key=f"referral:{ref.id}", today=today)
    _move(ref, "completed")
    ref.completed_on = day
    ref.delivery_id = delivered.id
    session.flush()
    return ref


def cancel_referral(ref: Referral, reason: str) -> Referral:
    if not (reason or "").strip():
        raise ValidationError({"cancel_reason": N_("Alasan pembatalan wajib diisi.")})
    _move(ref, "cancelled")
    ref.cancel_reason = reason.strip()
    if ref.token_hash and ref.token_used_at is None:
        ref.token_used_at = utcnow()
    session.flush()
    return ref


def attach_letter(ref: Referral, pdf: bytes) -> None:
    """Keep the letter as sent (the PDF carries the answer link, which is not stored in clear)."""
    ref.letter_pdf = pdf
    session.flush()


def verify_letter(code: str) -> dict[str, Any] | None:
    """What the public verification page shows: number, date, issuing office — never personal data."""
    if not code:
        return None
    ref = session.scalar(select(Referral).where(Referral.verify_code == code))
    if ref is None or ref.letter_number is None:
        return None
    office = settings.office()
    return {"number": ref.letter_number, "date": ref.letter_date, "office": office["name"],
            "parent": office["parent_name"], "cancelled": ref.status == "cancelled"}


def letter_context(ref: Referral) -> dict[str, Any]:
    """What the letter says about the person: only what the recipient needs."""
    person = ref.case.person
    age = None
    if person.birth_date and ref.letter_date:
        bd, day = person.birth_date, ref.letter_date
        age = day.year - bd.year - ((day.month, day.day) < (bd.month, bd.day))
    from service.reference import regions

    office = settings.office()
    region = regions.get(office["region_code"]) if office["region_code"] else None
    return {"ref": ref, "institution": ref.institution, "office": office, "place": region.name if region else None,
            "person_name": person.name,
            "person_sex": person.sex, "person_age": age, "age_estimated": person.birth_date_estimated,
            "case_number": ref.case.number}
