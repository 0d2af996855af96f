"""PBI-JK recommendation letters (*surat rekomendasi*): the office asks a hospital or the BPJS
Kesehatan office to enrol a person whose health insurance is needed now. The referral letters'
machinery (``service.care.referrals``: numbering scheme with its own sequence, letterhead and
signature block with NIP, a verifying QR) and the hospital's or BPJS office's answer recorded
(docs/protection.md)."""

from __future__ import annotations

import datetime as dt
import secrets
from typing import Any

from sqlalchemy import Select, select

from service.care.referrals import next_letter_number
from service.core import clock, settings
from service.core.access import scope_area
from service.core.db import get_or_raise, session
from service.core.errors import N_, ValidationError
from service.core.formatting import past_date
from service.core.states import Transition, Workflow
from service.protection.models import PbiRecommendation
from service.registry.models import Person

SEQUENCE_PREFIX = "SRT-PBI"
WORKFLOW = Workflow("pbi_recommendation", [
    Transition("issued", "accepted"),
    Transition("issued", "rejected", needs_reason=True),
    Transition("issued", "cancelled", needs_reason=True),
], message=N_("Status surat rekomendasi tidak dapat berubah dari {from_status} ke {to_status}."))
STATUS_LABELS = {"issued": N_("Terbit, menunggu jawaban"), "accepted": N_("Diterima (kepesertaan aktif)"),
                 "rejected": N_("Ditolak"), "cancelled": N_("Dibatalkan")}


def get_letter(letter_id: Any) -> PbiRecommendation:
    return get_or_raise(PbiRecommendation, letter_id, N_("Surat rekomendasi tidak ditemukan."))  # type: ignore[no-any-return]


def letter_query(user: Any, status: str | None = None) -> Select[Any]:
    stmt = (select(PbiRecommendation).where(scope_area(user, PbiRecommendation.area_code))
            .order_by(PbiRecommendation.letter_date.desc(), PbiRecommendation.letter_number.desc()))
    return stmt.where(PbiRecommendation.status == status) if status else stmt


def issue(person: Person, data: dict[str, Any], today: dt.date | None = None) -> PbiRecommendation:
    """Number, date, verification code and the signer (the head of office, with NIP) at issue time."""
    today = today or clock.today()
    errors: dict[str, str] = {}
    to = str(data.get("addressed_to") or "").strip()
    reason = str(data.get("reason") or "").strip()
    if not to:
        errors["addressed_to"] = N_("Tujuan surat wajib diisi (rumah sakit atau kantor BPJS Kesehatan).")
    if not reason:
        errors["reason"] = N_("Tuliskan alasan kebutuhan jaminan kesehatan segera.")
    day = past_date(data.get("letter_date") or today.isoformat(), "letter_date", today, errors)
    if person.deceased_on is not None:
        errors["person_id"] = N_("Orang ini tercatat sudah meninggal.")
    if errors:
        raise ValidationError(errors)
    assert day is not None
    office = settings.office()
    letter = PbiRecommendation(person_id=person.id, area_code=person.area_code, addressed_to=to, reason=reason,
                               letter_date=day, verify_code=secrets.token_urlsafe(12),
                               letter_number=next_letter_number(day, prefix=SEQUENCE_PREFIX,
                                                                code=settings.get("protection.pbi_letter_code")),
                               signer_name=office["head_name"] or None, signer_title=office["head_title"] or None,
                               signer_nip=office["head_nip"] or None)
    session.add(letter)
    session.flush()
    return letter


def record_answer(letter: PbiRecommendation, to: str, *, responder: str, note: str | None = None,
                  answered_on: Any = None, today: dt.date | None = None) -> PbiRecommendation:
    """The hospital's or BPJS office's answer (accepted / rejected with why), or a cancellation."""
    today = today or clock.today()
    WORKFLOW.check(letter.status, to, reason=note)
    errors: dict[str, str] = {}
    if to != "cancelled" and not (responder or "").strip():
        errors["responder"] = N_("Tuliskan siapa yang menjawab.")
    day = past_date(answered_on or today.isoformat(), "answered_on", today, errors)
    if day is not None and day < letter.letter_date:
        errors["answered_on"] = N_("Tanggal jawaban tidak boleh sebelum tanggal surat.")
    if errors:
        raise ValidationError(errors)
    letter.status, letter.answered_on = to, day
    letter.responder = (responder or "").strip() or None
    letter.answer_note = (note or "").strip() or None
    session.flush()
    return letter


def verify(code: str) -> dict[str, Any] | None:
    """What the public verification page shows: number, date, office — never the person."""
    letter = session.scalar(select(PbiRecommendation).where(PbiRecommendation.verify_code == code)) if code else None
    if letter is None:
        return None
    office = settings.office()
    return {"number": letter.letter_number, "date": letter.letter_date, "office": office["name"],
            "parent": office["parent_name"], "cancelled": letter.status == "cancelled"}


def letter_context(letter: PbiRecommendation) -> dict[str, Any]:
    from service.reference import regions

    office = settings.office()
    # The signature block shows who signed at issue time.
    office = {**office, "head_name": letter.signer_name or office["head_name"],
              "head_title": letter.signer_title or office["head_title"], "head_nip": letter.signer_nip or ""}
    region = regions.get(settings.get("office.region_code")) if settings.get("office.region_code") else None
    p = letter.person
    return {"letter": letter, "office": office, "place": region.name if region else None, "person": p}


def person_letters(person: Person) -> list[PbiRecommendation]:
    return list(session.scalars(select(PbiRecommendation).where(PbiRecommendation.person_id == person.id)
                                .order_by(PbiRecommendation.letter_date.desc())))
