"""Institutions register (panti, LKS, hospitals, balai, other offices) and the
rehabilitation setting of a case (outside an institution, or a placement inside one)."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from sqlalchemy import Select, or_, select

from service.care.models.institutions import INSTITUTION_KINDS, SETTINGS, Institution, Placement
from service.casework.models import Case
from service.core import clock
from service.core.db import get_or_raise, session
from service.core.errors import N_, ValidationError
from service.core.formatting import past_date
from service.reference import regions

KIND_LABELS = {
    "panti": N_("Panti sosial"),
    "lks": N_("Lembaga Kesejahteraan Sosial (LKS)"),
    "hospital": N_("Rumah sakit"),
    "mental_hospital": N_("Rumah sakit jiwa"),
    "balai": N_("Balai/sentra kementerian"),
    "office": N_("Dinas sosial daerah lain"),
    "other": N_("Lainnya"),
}
SETTING_LABELS = {"home": N_("Di rumah/keluarga"), "community": N_("Di masyarakat"),
                  "institution": N_("Di dalam lembaga (panti)")}


def get_institution(institution_id: uuid.UUID | str) -> Institution:
    return get_or_raise(Institution, institution_id, N_("Lembaga tidak ditemukan."))  # type: ignore[no-any-return]


def _clean(data: dict[str, Any]) -> dict[str, Any]:
    errors: dict[str, str] = {}
    name = " ".join(str(data.get("name") or "").split())
    if not name:
        errors["name"] = N_("Nama lembaga wajib diisi.")
    kind = data.get("kind")
    if kind not in INSTITUTION_KINDS:
        errors["kind"] = N_("Jenis lembaga tidak dikenal.")
    region = (data.get("region_code") or "").strip() or None
    if region and regions.get(region) is None:
        errors["region_code"] = N_("Kode wilayah {code} tidak dikenal.")
    email = (data.get("email") or "").strip() or None
    if email and "@" not in email:
        errors["email"] = N_("Alamat email tidak valid.")
    if errors:
        raise ValidationError(errors, code=region or "")
    return {"name": name, "kind": kind, "region_code": region, "email": email,
            **{k: (str(data.get(k) or "").strip() or None) for k in ("address", "contact_person", "phone", "notes")}}


def create_institution(data: dict[str, Any]) -> Institution:
    inst = Institution(**_clean(data))
    session.add(inst)
    session.flush()
    return inst


def update_institution(inst: Institution, data: dict[str, Any]) -> Institution:
    for key, value in _clean(data).items():
        setattr(inst, key, value)
    if "active" in data:
        inst.active = bool(data["active"])
    session.flush()
    return inst


def find_institution(name: str) -> Institution | None:
    return session.scalar(select(Institution).where(Institution.name == name))


def institutions_stmt(q: str | None = None, kind: str | None = None, active_only: bool = False) -> Select[Any]:
    stmt = select(Institution).order_by(Institution.name)
    if q:
        like = f"%{q.strip()}%"
        stmt = stmt.where(or_(Institution.name.ilike(like), Institution.contact_person.ilike(like)))
    if kind:
        stmt = stmt.where(Institution.kind == kind)
    if active_only:
        stmt = stmt.where(Institution.active)
    return stmt


def current_placement(case: Case) -> Placement | None:
    return session.scalar(select(Placement).where(Placement.case_id == case.id, Placement.date_out.is_(None))
                          .order_by(Placement.date_in.desc()))


def placements(case: Case) -> list[Placement]:
    return list(session.scalars(select(Placement).where(Placement.case_id == case.id)
                                .order_by(Placement.date_in.desc(), Placement.created_at.desc())))


def set_placement(case: Case, setting: str, date_in: dt.date | str | None, *, institution: Institution | None = None,
                  reason: str | None = None, today: dt.date | None = None) -> Placement:
    """Start a rehabilitation setting; the previous one ends the same day."""
    today = today or clock.today()
    errors: dict[str, str] = {}
    if setting not in SETTINGS:
        errors["setting"] = N_("Pilih tempat rehabilitasi.")
    if setting == "institution" and institution is None:
        errors["institution_id"] = N_("Pilih lembaga untuk penempatan di dalam lembaga.")
    if institution is not None and not institution.active:
        errors["institution_id"] = N_("Lembaga ini tidak aktif.")
    day = past_date(date_in, "date_in", today, errors, required=True)
    previous = current_placement(case)
    if day is not None and previous is not None and day < previous.date_in:
        errors["date_in"] = N_("Tanggal masuk tidak boleh sebelum penempatan sebelumnya ({date}).")
    if setting == "institution" and not (reason or "").strip():
        errors["reason"] = N_("Alasan penempatan wajib diisi.")
    if errors:
        raise ValidationError(errors, date=previous.date_in.strftime("%d/%m/%Y") if previous else "")
    if previous is not None:
        previous.date_out = day
    placement = Placement(case_id=case.id, setting=setting, institution_id=institution.id if institution else None,
                          date_in=day, reason=(reason or "").strip() or None, area_code=case.area_code,
                          is_sensitive=case.is_sensitive)
    session.add(placement)
    case.in_institution = setting == "institution"
    session.flush()
    return placement


def end_placement(placement: Placement, date_out: dt.date | str, today: dt.date | None = None) -> Placement:
    if placement.date_out is not None:
        raise ValidationError({"date_out": N_("Penempatan ini sudah berakhir.")})
    day = past_date(date_out, "date_out", today or clock.today(), required=True)
    assert day is not None
    if day < placement.date_in:
        raise ValidationError({"date_out": N_("Tanggal keluar tidak boleh sebelum tanggal masuk.")})
    placement.date_out = day
    if placement.setting == "institution":
        placement.case.in_institution = False
    session.flush()
    return placement
