"""The PSKS register: persons and institutions (docs/psks.md).

An LKS is the care area's institution (``service.care.institutions``): registering an LKS here
either links an institution already in that register or creates it there, and editing its name,
address, region or contact edits that one record — placements, referrals and the PSKS register
always show the same LKS.
"""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from sqlalchemy import Select, func, or_, select
from sqlalchemy.orm import aliased

from service.care import institutions as care_institutions
from service.care.models.institutions import Institution
from service.core import clock
from service.core.access import scope_area
from service.core.db import get_or_raise, session
from service.core.errors import N_, Conflict, ValidationError
from service.core.formatting import past_date
from service.psks.models import ORGANISATION_KINDS, WORKER_KINDS, PsksOrganisation, PsksWorker
from service.reference import regions
from service.registry import nik as nik_rules

WORKER_LABELS = {"tksk": N_("TKSK (Tenaga Kesejahteraan Sosial Kecamatan)"),
                 "psm": N_("PSM (Pekerja Sosial Masyarakat)"), "penyuluh_sosial": N_("Penyuluh Sosial"),
                 "penyuluh_sosial_masyarakat": N_("Penyuluh Sosial Masyarakat"),
                 "pekerja_sosial": N_("Pekerja Sosial profesional"),
                 "wpks": N_("Wanita Pemimpin Kesejahteraan Sosial"), "relawan_sosial": N_("Relawan sosial")}
ORGANISATION_LABELS = {"lks": N_("LKS (Lembaga Kesejahteraan Sosial)"), "karang_taruna": N_("Karang Taruna"),
                       "lk3": N_("LK3 (Lembaga Konsultasi Kesejahteraan Keluarga)"),
                       "wksbm": N_("WKSBM (Wahana Kesejahteraan Sosial Berbasis Masyarakat)"),
                       "keluarga_pioneer": N_("Keluarga Pioneer"), "dunia_usaha": N_("Dunia usaha (CSR)"),
                       "other": N_("Lembaga lainnya")}
# The care register's kinds an LKS may be (a panti is a residential LKS).
LKS_INSTITUTION_KINDS = ("lks", "panti")
# The linked institution of an LKS, outer-joined in lists.
LKS = aliased(Institution, name="lks")


def _clean_text(data: dict[str, Any], key: str, limit: int = 200) -> str | None:
    return " ".join(str(data.get(key) or "").split())[:limit] or None


def _region(raw: Any, field: str, errors: dict[str, str], required: bool = True) -> str | None:
    code = str(raw or "").strip()
    if not code:
        if required:
            errors[field] = N_("Pilih wilayah.")
        return None
    if regions.get(code) is None:
        errors[field] = N_("Kode wilayah {code} tidak dikenal.")
    return code


# ---------------------------------------------------------------- persons
def get_worker(worker_id: uuid.UUID | str) -> PsksWorker:
    return get_or_raise(PsksWorker, worker_id, N_("Data PSKS tidak ditemukan."))  # type: ignore[no-any-return]


def _worker_fields(data: dict[str, Any], today: dt.date, current: PsksWorker | None = None) -> dict[str, Any]:
    errors: dict[str, str] = {}
    kind = data.get("kind")
    if kind not in WORKER_KINDS:
        errors["kind"] = N_("Pilih jenis PSKS.")
    name = _clean_text(data, "name")
    if not name:
        errors["name"] = N_("Nama wajib diisi.")
    sex = (str(data.get("sex") or "").strip().upper() or None)
    if sex not in (None, "L", "P"):
        errors["sex"] = N_("Jenis kelamin harus L atau P.")
    birth = past_date(data.get("birth_date"), "birth_date", today, errors)
    nik = None
    if str(data.get("nik") or "").strip():
        checked = nik_rules.check(str(data["nik"]), sex, birth, lambda c: regions.get(c) is not None, today)
        if checked.ok:
            nik = checked.nik
            clash = session.scalar(select(PsksWorker).where(PsksWorker.nik == nik))
            if clash is not None and clash is not current:
                # never the holder's name: the clash may be in an area the user may not open
                raise Conflict(N_("NIK ini sudah terdaftar pada pelaku PSKS lain. Periksa NIK, atau minta "
                                  "supervisor memeriksa data yang sudah ada."), existing_id=clash.id, field="nik")
        else:
            errors["nik"] = checked.errors[0]
    area = _region(data.get("area_code"), "area_code", errors)
    appointed = past_date(data.get("appointed_on"), "appointed_on", today, errors)
    ended = past_date(data.get("ended_on"), "ended_on", today, errors)
    if errors:
        raise ValidationError(errors, code=area or "")
    active = bool(data.get("active", True)) and ended is None
    return {"kind": kind, "name": name, "nik": nik, "sex": sex, "birth_date": birth,
            "phone": _clean_text(data, "phone", 40), "address": _clean_text(data, "address", 500), "area_code": area,
            "appointment_number": _clean_text(data, "appointment_number", 120), "appointed_on": appointed,
            "certificate_number": _clean_text(data, "certificate_number", 120), "active": active, "ended_on": ended,
            "notes": _clean_text(data, "notes", 2000)}


def create_worker(data: dict[str, Any], today: dt.date | None = None) -> PsksWorker:
    worker = PsksWorker(**_worker_fields(data, today or clock.today()))
    session.add(worker)
    session.flush()
    return worker


def update_worker(worker: PsksWorker, data: dict[str, Any], today: dt.date | None = None) -> PsksWorker:
    for key, value in _worker_fields(data, today or clock.today(), worker).items():
        if getattr(worker, key) != value:
            setattr(worker, key, value)
    session.flush()
    return worker


def worker_query(user: Any, q: str | None = None, kind: str | None = None, active_only: bool = False) -> Select[Any]:
    stmt = select(PsksWorker).where(scope_area(user, PsksWorker.area_code)).order_by(PsksWorker.name)
    if q:
        like = f"%{q.strip()}%"
        # a NIK matches only whole: part of one would rebuild the masked NIK digit by digit
        stmt = stmt.where(or_(PsksWorker.name.ilike(like), PsksWorker.nik == q.strip(),
                              PsksWorker.appointment_number.ilike(like)))
    if kind:
        stmt = stmt.where(PsksWorker.kind == kind)
    if active_only:
        stmt = stmt.where(PsksWorker.active)
    return stmt


# ---------------------------------------------------------------- institutions
def get_organisation(organisation_id: uuid.UUID | str) -> PsksOrganisation:
    return get_or_raise(PsksOrganisation, organisation_id,  # type: ignore[no-any-return]
                        N_("Lembaga PSKS tidak ditemukan."))


def linkable_institutions() -> list[Institution]:
    """Institutions of the care register that may be an LKS and are not in the PSKS register yet."""
    linked = select(PsksOrganisation.institution_id).where(PsksOrganisation.institution_id.is_not(None))
    return list(session.scalars(select(Institution).where(Institution.kind.in_(LKS_INSTITUTION_KINDS),
                                                          Institution.id.not_in(linked))
                                .order_by(Institution.name)))


def _own_fields(data: dict[str, Any], errors: dict[str, str], today: dt.date) -> dict[str, Any]:
    members = data.get("members")
    count = None
    if members not in (None, ""):
        try:
            count = int(members)
            if count < 0:
                raise ValueError
        except (TypeError, ValueError):
            errors["members"] = N_("Isi bilangan bulat 0 atau lebih.")
    return {"leader_name": _clean_text(data, "leader_name"),
            "registration_number": _clean_text(data, "registration_number", 120),
            "founded_on": past_date(data.get("founded_on"), "founded_on", today, errors), "members": count,
            "services": _clean_text(data, "services", 2000), "notes": _clean_text(data, "notes", 2000)}


def _own_identity(data: dict[str, Any], errors: dict[str, str]) -> dict[str, Any]:
    """Name, region, address and phone of an institution that is not an LKS; raises with ``errors``."""
    name = _clean_text(data, "name")
    if not name:
        errors["name"] = N_("Nama lembaga wajib diisi.")
    region = _region(data.get("region_code"), "region_code", errors)
    if errors:
        raise ValidationError(errors, code=region or "")
    return {"name": name, "region_code": region, "address": _clean_text(data, "address", 500),
            "phone": _clean_text(data, "phone", 40)}


def _institution_data(data: dict[str, Any], inst: Institution | None) -> dict[str, Any]:
    """The care register's fields of an LKS, from the PSKS form (kind kept when it is a panti)."""
    return {"name": data.get("name"), "kind": inst.kind if inst is not None else "lks",
            "region_code": data.get("region_code"), "address": data.get("address"),
            "contact_person": data.get("leader_name"), "phone": data.get("phone"),
            "email": inst.email if inst is not None else data.get("email"),
            "notes": inst.notes if inst is not None else None}


def create_organisation(data: dict[str, Any], today: dt.date | None = None) -> PsksOrganisation:
    """Register an institution PSKS. For an LKS: ``institution_id`` links one of the care register,
    else the LKS is created there from ``name``, ``region_code``, ``address``, ``leader_name``, ``phone``."""
    today = today or clock.today()
    errors: dict[str, str] = {}
    kind = data.get("kind")
    if kind not in ORGANISATION_KINDS:
        raise ValidationError({"kind": N_("Pilih jenis lembaga.")})
    own = _own_fields(data, errors, today)
    if kind == "lks":
        inst = None
        if data.get("institution_id"):
            inst = care_institutions.get_institution(data["institution_id"])
            if inst.kind not in LKS_INSTITUTION_KINDS:
                errors["institution_id"] = N_("Lembaga ini bukan LKS atau panti.")
            elif session.scalar(select(PsksOrganisation.id).where(PsksOrganisation.institution_id == inst.id)):
                errors["institution_id"] = N_("LKS ini sudah ada di daftar PSKS.")
        if errors:
            raise ValidationError(errors)
        if inst is None:
            inst = care_institutions.create_institution(_institution_data(data, None))
        org = PsksOrganisation(kind=kind, institution_id=inst.id, **own)
    else:
        org = PsksOrganisation(kind=kind, **_own_identity(data, errors), **own)
    session.add(org)
    session.flush()
    return org


def update_organisation(org: PsksOrganisation, data: dict[str, Any], today: dt.date | None = None) -> PsksOrganisation:
    """Edit an institution PSKS; an LKS's identity is edited in the institutions register itself."""
    errors: dict[str, str] = {}
    own = _own_fields(data, errors, today or clock.today())
    if org.institution is not None:
        if errors:
            raise ValidationError(errors)
        care_institutions.update_institution(org.institution, {**_institution_data(data, org.institution),
                                                               "active": bool(data.get("active", True))})
    else:
        own.update(_own_identity(data, errors))
    own["active"] = bool(data.get("active", True))
    for key, value in own.items():
        if getattr(org, key) != value:
            setattr(org, key, value)
    session.flush()
    return org


def organisation_area() -> Any:
    """SQL twin of ``PsksOrganisation.area_code`` (with ``Institution`` outer-joined as ``lks``)."""
    return func.coalesce(LKS.region_code, PsksOrganisation.region_code)


def organisation_name() -> Any:
    return func.coalesce(LKS.name, PsksOrganisation.name)


def organisation_query(user: Any, q: str | None = None, kind: str | None = None) -> Select[Any]:
    stmt = (select(PsksOrganisation).outerjoin(LKS, LKS.id == PsksOrganisation.institution_id)
            .where(scope_area(user, organisation_area())).order_by(organisation_name()))
    if q:
        like = f"%{q.strip()}%"
        stmt = stmt.where(or_(organisation_name().ilike(like), PsksOrganisation.leader_name.ilike(like),
                              LKS.contact_person.ilike(like)))
    if kind:
        stmt = stmt.where(PsksOrganisation.kind == kind)
    return stmt


def counts(user: Any) -> dict[str, dict[str, int]]:
    """Active PSKS per kind, within the user's area (the overview page)."""
    workers = dict(session.execute(select(PsksWorker.kind, func.count()).where(
        PsksWorker.active, scope_area(user, PsksWorker.area_code)).group_by(PsksWorker.kind)).all())
    orgs = dict(session.execute(select(PsksOrganisation.kind, func.count())
                                .outerjoin(LKS, LKS.id == PsksOrganisation.institution_id)
                                .where(PsksOrganisation.active, scope_area(user, organisation_area()))
                                .group_by(PsksOrganisation.kind)).all())
    return {"workers": {k: int(workers.get(k, 0)) for k in WORKER_KINDS},
            "organisations": {k: int(orgs.get(k, 0)) for k in ORGANISATION_KINDS}}
