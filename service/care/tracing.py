"""Family tracing and reunification, with follow-up visits after the handover.

Status: open → searching → found → verified → reunified, or not_found (which may
be reopened to searching). ``reunified`` is reached only through
:func:`reunify`, which records the handover, the ``reunifikasi`` delivery and the
follow-up visits (``tracing.followup_months``, default 1, 3 and 6 months).
The first tracing attempt records the ``penelusuran_keluarga`` delivery.
"""

from __future__ import annotations

import calendar
import datetime as dt
import uuid
from typing import Any

from sqlalchemy import select

from service.care import deliveries
from service.care.models.tracing import (
    TRACING_CHANNELS,
    FamilyContact,
    FollowUpVisit,
    Reunification,
    Tracing,
    TracingAttempt,
)
from service.casework.models import Case
from service.core import clock, settings
from service.core.db import get_or_raise, session, utcnow
from service.core.errors import N_, Conflict, ValidationError
from service.core.formatting import past_date
from service.core.states import Workflow

WORKFLOW = Workflow.from_map("tracing", {
    "open": {"searching", "not_found"},
    "searching": {"found", "not_found"},
    "found": {"verified", "searching"},
    "verified": {"reunified", "searching"},
    "not_found": {"searching"},
    "reunified": set(),
}, message=N_("Status penelusuran tidak dapat berubah dari {from_status} ke {to_status}."))
STATUS_LABELS = {"open": N_("Dibuka"), "searching": N_("Dalam pencarian"), "found": N_("Keluarga ditemukan"),
                 "verified": N_("Terverifikasi"), "reunified": N_("Sudah dipertemukan"),
                 "not_found": N_("Tidak ditemukan")}
CHANNEL_LABELS = {"visit": N_("Kunjungan"), "phone": N_("Telepon"), "police": N_("Kepolisian"),
                  "village_official": N_("Aparat desa/kelurahan"), "social_media": N_("Media sosial"),
                  "other": N_("Lainnya")}
VISIT_OUTCOMES = {"good": N_("Baik, terawat keluarga"), "needs_support": N_("Perlu dukungan lanjutan"),
                  "not_found": N_("Tidak ditemui")}


def add_months(day: dt.date, months: int) -> dt.date:
    y, m = divmod(day.month - 1 + months, 12)
    year, month = day.year + y, m + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def get_tracing(tracing_id: uuid.UUID | str) -> Tracing:
    return get_or_raise(Tracing, tracing_id, N_("Data penelusuran tidak ditemukan."))  # type: ignore[no-any-return]


def tracing_for(case: Case) -> Tracing | None:
    return session.scalar(select(Tracing).where(Tracing.case_id == case.id))


def open_tracing(case: Case, opened_on: dt.date | str | None = None, notes: str | None = None,
                 today: dt.date | None = None) -> Tracing:
    today = today or clock.today()
    if tracing_for(case) is not None:
        raise Conflict(N_("Kasus ini sudah memiliki data penelusuran keluarga."))
    errors: dict[str, str] = {}
    day = past_date(opened_on or today, "opened_on", today, errors, required=True)
    if errors:
        raise ValidationError(errors)
    tracing = Tracing(case_id=case.id, status="open", opened_on=day, status_changed_on=day, notes=notes,
                      area_code=case.area_code, is_sensitive=case.is_sensitive)
    session.add(tracing)
    case.last_activity_at = utcnow()
    session.flush()
    return tracing


def add_contact(tracing: Tracing, name: str, relationship: str, *, phone: str | None = None,
                address: str | None = None, region_code: str | None = None) -> FamilyContact:
    errors: dict[str, str] = {}
    if not (name or "").strip():
        errors["name"] = N_("Nama wajib diisi.")
    if not (relationship or "").strip():
        errors["relationship"] = N_("Hubungan keluarga wajib diisi.")
    if errors:
        raise ValidationError(errors)
    contact = FamilyContact(tracing=tracing, name=name.strip(), relationship_to_person=relationship.strip(),
                            phone=(phone or "").strip() or None, address=(address or "").strip() or None,
                            region_code=(region_code or "").strip() or None)
    session.add(contact)
    session.flush()
    return contact


def _move(tracing: Tracing, to_status: str, day: dt.date) -> None:
    WORKFLOW.check(tracing.status, to_status)
    tracing.status = to_status
    tracing.status_changed_on = day
    tracing.case.last_activity_at = utcnow()


def record_attempt(tracing: Tracing, attempted_on: dt.date | str, channel: str, result: str, *,
                   by_id: uuid.UUID | None = None, today: dt.date | None = None) -> TracingAttempt:
    """Log an attempt; the first one moves ``open`` to ``searching`` and records the tracing delivery."""
    today = today or clock.today()
    errors: dict[str, str] = {}
    day = past_date(attempted_on, "attempted_on", today, errors, required=True)
    if channel not in TRACING_CHANNELS:
        errors["channel"] = N_("Pilih cara penelusuran.")
    if not (result or "").strip():
        errors["result"] = N_("Hasil penelusuran wajib diisi.")
    if not WORKFLOW.targets(tracing.status):  # no way out: the tracing is finished
        errors["_"] = N_("Penelusuran ini sudah selesai.")
    if day is not None and day < tracing.opened_on:
        errors["attempted_on"] = N_("Tanggal tidak boleh sebelum penelusuran dibuka.")
    if errors:
        raise ValidationError(errors)
    assert day is not None
    attempt = TracingAttempt(tracing=tracing, attempted_on=day, channel=channel, result=result.strip(), by_id=by_id)
    session.add(attempt)
    if tracing.status == "open":
        _move(tracing, "searching", day)
    case = tracing.case
    deliveries.record_delivery(case.person, "penelusuran_keluarga", delivered_on=day, case=case,
                                 worker_id=by_id, source="web", external_key=f"tracing:{tracing.id}", today=today)
    tracing.case.last_activity_at = utcnow()
    session.flush()
    return attempt


def set_status(tracing: Tracing, to_status: str, *, on: dt.date | str | None = None,
               today: dt.date | None = None) -> Tracing:
    """Move along an allowed transition (``reunified`` only through :func:`reunify`)."""
    today = today or clock.today()
    if to_status == "reunified":
        raise ValidationError({"status": N_("Gunakan formulir reunifikasi untuk mencatat penyerahan.")})
    errors: dict[str, str] = {}
    day = past_date(on or today, "on", today, errors, required=True)
    if errors:
        raise ValidationError(errors)
    assert day is not None
    _move(tracing, to_status, day)
    session.flush()
    return tracing


def reunify(tracing: Tracing, reunified_on: dt.date | str, relative_name: str, relationship: str, place: str, *,
            notes: str | None = None, by_id: uuid.UUID | None = None, today: dt.date | None = None) -> Reunification:
    """Record the handover to the family (tracing must be verified) and schedule the follow-up visits."""
    today = today or clock.today()
    errors: dict[str, str] = {}
    if not WORKFLOW.can(tracing.status, "reunified"):
        errors["status"] = N_("Reunifikasi hanya setelah keluarga terverifikasi.")
    day = past_date(reunified_on, "reunified_on", today, errors, required=True)
    if not (relative_name or "").strip():
        errors["relative_name"] = N_("Nama keluarga penerima wajib diisi.")
    if not (relationship or "").strip():
        errors["relationship"] = N_("Hubungan keluarga wajib diisi.")
    if not (place or "").strip():
        errors["place"] = N_("Tempat penyerahan wajib diisi.")
    if errors:
        raise ValidationError(errors)
    assert day is not None
    case = tracing.case
    reunification = Reunification(tracing_id=tracing.id, case_id=case.id, reunified_on=day,
                                  relative_name=relative_name.strip(), relationship_to_person=relationship.strip(),
                                  place=place.strip(), notes=notes, area_code=case.area_code,
                                  is_sensitive=case.is_sensitive)
    session.add(reunification)
    session.flush()
    _move(tracing, "reunified", day)
    for months in followup_months():
        reunification.visits.append(FollowUpVisit(case_id=case.id, months=months, due_on=add_months(day, months),
                                                  area_code=case.area_code, is_sensitive=case.is_sensitive))
    delivered = deliveries.record_delivery(case.person, "reunifikasi", delivered_on=day, case=case, worker_id=by_id,
                                             place=place.strip(), external_key=f"reunification:{reunification.id}",
                                             today=today)
    reunification.delivery_id = delivered.id
    session.flush()
    return reunification


def followup_months() -> list[int]:
    raw = settings.get("tracing.followup_months") or []
    return sorted({int(m) for m in raw if int(m) > 0})


def set_followup_months(values: list[Any] | str) -> None:
    if isinstance(values, str):
        values = [v for v in values.replace(";", ",").split(",") if v.strip()]
    try:
        months = sorted({int(str(v).strip()) for v in values})
    except ValueError:
        raise ValidationError({"followup_months": N_("Isi bulan kunjungan sebagai angka, dipisah koma.")}) from None
    if not months or months[0] < 1 or months[-1] > 36:
        raise ValidationError({"followup_months": N_("Bulan kunjungan harus antara 1 dan 36.")})
    settings.put("tracing.followup_months", months)


def get_visit(visit_id: uuid.UUID | str) -> FollowUpVisit:
    return get_or_raise(FollowUpVisit, visit_id, N_("Kunjungan tidak ditemukan."))  # type: ignore[no-any-return]


def record_visit(visit: FollowUpVisit, visited_on: dt.date | str, outcome: str, notes: str | None = None, *,
                 by_id: uuid.UUID | None = None, today: dt.date | None = None) -> FollowUpVisit:
    today = today or clock.today()
    errors: dict[str, str] = {}
    day = past_date(visited_on, "visited_on", today, errors, required=True)
    if outcome not in VISIT_OUTCOMES:
        errors["outcome"] = N_("Pilih hasil kunjungan.")
    if day is not None and day < visit.reunification.reunified_on:
        errors["visited_on"] = N_("Kunjungan tidak boleh sebelum tanggal reunifikasi.")
    if visit.visited_on is not None:
        errors["_"] = N_("Kunjungan ini sudah dicatat.")
    if errors:
        raise ValidationError(errors)
    visit.visited_on = day
    visit.outcome = outcome
    visit.notes = (notes or "").strip() or None
    visit.by_id = by_id
    visit.case.last_activity_at = utcnow()
    session.flush()
    return visit
