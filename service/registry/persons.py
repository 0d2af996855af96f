"""Register, find, deduplicate and merge persons — owner of ``service.registry.models``.

``register_person`` is the one way a person enters the system: the intake form,
the API, the BNBA import, disaster-victim registration and sync all call it.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
import uuid
from dataclasses import dataclass, field
from types import SimpleNamespace
from typing import Any

from sqlalchemy import select

from service.core import batch, clock
from service.core.access import can
from service.core.db import get_or_raise, session, utcnow
from service.core.errors import N_, Conflict, ValidationError
from service.core.formatting import not_in_future, parse_date
from service.core.paths import private_dir, private_file
from service.reference import regions
from service.registry import nik as nik_rules
from service.registry.identity import NIK_TAKEN, nik_holder, same_person  # noqa: F401 (the registry's API)
from service.registry.models import (
    DISABILITY_TYPES,
    DTKS_STATUSES,
    NO_NIK_REASONS,
    SEXES,
    DtksSnapshot,
    Person,
)
from service.registry.search import person_query, person_search, visible_persons_filter  # noqa: F401 (the registry's API)

_TITLES = {
    "h", "hj", "dr", "drs", "dra", "ir", "prof", "bpk", "bapak", "ibu", "bu", "sdr", "sdri", "nn", "ny", "tn",
    "kh", "st", "se", "sh", "spd", "ssos", "sag", "skm", "skom", "mm", "msi", "mpd", "amd", "alm", "almh",
}
_MUHAMMAD = {"muhammad", "muhamad", "muhammed", "mohammad", "mohamad", "mohammed", "mochammad", "mochamad",
             "moh", "moch", "mhd", "muh", "md", "m"}


def name_key(name: str) -> str:
    """Normalised name for duplicate search: lower case, accents and punctuation removed, titles
    dropped (H., Hj., Drs., S.Sos.…), Muhammad's spellings and abbreviations (Muhamad, Moh., M.)
    made one, spacing collapsed: ``"H. Moh. Ali, S.Sos."`` -> ``"muhammad ali"``."""
    text = unicodedata.normalize("NFKD", name or "").encode("ascii", "ignore").decode().lower()
    # Dots inside a word are dropped ("S.Sos." -> "ssos", a title).
    words = []
    for raw in re.split(r"[\s,]+", text):
        word = re.sub(r"[^a-z]", "", raw)
        if not word:
            continue
        if word in _TITLES:
            continue
        if word in _MUHAMMAD:
            word = "muhammad"
        words.append(word)
    return " ".join(words)


@dataclass
class PersonInput:
    """Validated person fields, in the domain's vocabulary."""

    name: str
    sex: str | None = None
    nik: str | None = None
    no_nik_reason: str | None = None
    birth_date: dt.date | None = None
    birth_date_estimated: bool = False
    birth_place: str | None = None
    village_code: str | None = None
    area_code: str | None = None
    address: str | None = None
    phone: str | None = None
    disability_types: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    warning_details: list[tuple[str, dict[str, str]]] = field(default_factory=list)


def _region_exists(code: str) -> bool:
    return regions.get(code) is not None


NEED_NO_NIK_REASON = N_("Tanpa NIK: pilih alasannya.")


def validate_person(data: dict[str, Any], today: dt.date | None = None, *, require_reason: bool = False
                    ) -> PersonInput:
    """Check person fields; raise ValidationError naming every bad field.

    Keys (the domain's names only; ``service.core.interchange`` translates BNBA/sync names):
    ``name``, ``sex``, ``nik``, ``no_nik_reason``, ``birth_date``, ``age`` (estimated, when no
    birth date), ``birth_place``, ``village_code``, ``area_code``, ``address``, ``phone``,
    ``disability_types``. ``require_reason``: without a NIK the reason must be given — every door
    passes it (web forms, API, BNBA rows, sync, victims); there is no silent "belum terdaftar"
    default: a service-level caller that does not require it stores no reason.
    """
    today = today or clock.today()
    errors: dict[str, str] = {}

    def pick(key: str) -> Any:
        value = data.get(key)
        return None if value in (None, "") else value

    name = re.sub(r"\s+", " ", str(pick("name") or "")).strip()
    if not name:
        errors["name"] = N_("Nama wajib diisi.")
    elif len(name) > 200:
        errors["name"] = N_("Nama terlalu panjang (maksimal 200 karakter).")
    sex = pick("sex")
    sex = str(sex).strip().upper() if sex else None
    if sex is not None and sex not in SEXES:
        errors["sex"] = N_("Jenis kelamin harus L atau P.")
    birth_date = None
    estimated = False
    try:
        birth_date = parse_date(pick("birth_date"), "birth_date")
    except ValidationError as exc:
        errors.update(exc.fields)
    age = pick("age")
    if birth_date is None and age is not None:
        try:
            years = int(age)
            if not 0 <= years <= 120:
                raise ValueError
            birth_date, estimated = dt.date(today.year - years, 7, 1), True
        except (TypeError, ValueError):
            errors["age"] = N_("Perkiraan umur harus angka 0–120.")
    if birth_date is not None and not estimated:
        if not not_in_future(birth_date, "birth_date", today, errors, N_("Tanggal lahir tidak boleh di masa depan.")):
            pass
        elif birth_date.year < 1900:
            errors["birth_date"] = N_("Tanggal lahir terlalu lama (sebelum 1900).")
    village = pick("village_code")
    village = str(village).strip() if village else None
    if village is not None:
        region = regions.get(village)
        if region is None:
            errors["village_code"] = N_("Kode wilayah {code} tidak dikenal.")
        elif region.level != 4:
            errors["village_code"] = N_("Kode wilayah harus kode desa/kelurahan (PP.KK.DD.VVVV).")
    area = pick("area_code")
    area = str(area).strip() if area else None
    if area is not None and regions.get(area) is None:
        errors["area_code"] = N_("Kode wilayah {code} tidak dikenal.")
    area = area or village
    if area is None and "village_code" not in errors and "area_code" not in errors:
        errors["village_code"] = N_("Isi desa/kelurahan domisili atau tempat ditemukan.")

    raw_nik = pick("nik")
    nik_value = None
    no_nik_reason = pick("no_nik_reason")
    details: list[tuple[str, dict[str, str]]] = []
    if raw_nik is not None:
        checked = nik_rules.check(str(raw_nik), sex, None if estimated else birth_date, _region_exists, today)
        if not checked.ok:
            errors["nik"] = checked.errors[0]
        else:
            nik_value = checked.nik
            details = checked.warnings
            no_nik_reason = None
    elif no_nik_reason is not None and no_nik_reason not in NO_NIK_REASONS:
        errors["no_nik_reason"] = N_("Alasan tanpa NIK tidak dikenal.")
    elif no_nik_reason is None and require_reason:
        errors["no_nik_reason"] = NEED_NO_NIK_REASON
    disability = data.get("disability_types") or []
    if isinstance(disability, str):
        disability = [d.strip() for d in disability.split(";") if d.strip()]
    if any(d not in DISABILITY_TYPES for d in disability):
        errors["disability_types"] = N_("Jenis disabilitas tidak dikenal.")
    if errors:
        code = village if "village_code" in errors else area
        raise ValidationError(errors, code=code or "")
    return PersonInput(
        name=name,
        sex=sex,
        nik=nik_value,
        no_nik_reason=None if nik_value else no_nik_reason,
        birth_date=birth_date,
        birth_date_estimated=estimated,
        birth_place=(pick("birth_place") or None),
        village_code=village,
        area_code=area,
        address=pick("address"),
        phone=pick("phone"),
        disability_types=list(disability),
        warnings=[code for code, _ in details],
        warning_details=details,
    )


def may_register(user: Any, fields: PersonInput) -> bool:
    """The area check on a new (or moved) person, the same at every door (web forms, API, sync):
    may ``user`` edit persons where ``fields`` place one?"""
    return can(user, "person.edit", SimpleNamespace(area_code=fields.area_code or ""))


def ensure_may_register(user: Any, fields: PersonInput) -> None:
    """``may_register`` for a form: refused, the reason is shown beside the village."""
    if not may_register(user, fields):
        raise ValidationError({"village_code": N_("Wilayah ini di luar wilayah kerja Anda.")})


NIK_HOLDERS = "persons_by_nik"  # batch.memo key: {nik: person or None} (``sync_ops._prefetch``)


def prefetch_nik_holders(niks: list[str]) -> None:
    """Read the holders of these (normalised) NIKs in one query per 500, for ``find_by_nik`` to
    answer from inside the enclosing ``batch.cached()`` block (a sync chunk, a BNBA import)."""
    known = batch.memo(NIK_HOLDERS, dict)
    wanted = sorted(set(niks) - {""})
    for i in range(0, len(wanted), 500):
        found = {p.nik: p for p in session.scalars(select(Person).where(Person.nik.in_(wanted[i:i + 500])))}
        known.update({nik: found.get(nik) for nik in wanted[i:i + 500]})


def find_by_nik(nik: str) -> Person | None:
    """The person holding this NIK; in a sync chunk, from the batch's read (``sync_ops._prefetch``)."""
    nik = nik_rules.normalise(nik)
    known = batch.memo(NIK_HOLDERS, dict) if batch.deferring() else {}
    if nik in known and (known[nik] is None or known[nik].nik == nik):
        return known[nik]  # type: ignore[no-any-return]
    return session.scalar(select(Person).where(Person.nik == nik))


def get_person(person_id: uuid.UUID | str) -> Person:
    return get_or_raise(Person, person_id, N_("Orang tidak ditemukan."))  # type: ignore[no-any-return]


def register_person(data: dict[str, Any] | PersonInput, person_id: uuid.UUID | None = None) -> Person:
    """Create a person. A NIK already registered raises Conflict with the existing id."""
    fields = data if isinstance(data, PersonInput) else validate_person(data)
    if fields.nik:
        existing = find_by_nik(fields.nik)
        if existing is not None:
            raise Conflict(NIK_TAKEN, existing_id=existing.id, field="nik")
    person = Person(
        id=person_id or uuid.uuid4(),
        nik=fields.nik,
        no_nik_reason=fields.no_nik_reason,
        name=fields.name,
        name_key=name_key(fields.name),
        sex=fields.sex,
        birth_date=fields.birth_date,
        birth_date_estimated=fields.birth_date_estimated,
        birth_place=fields.birth_place,
        village_code=fields.village_code,
        area_code=fields.area_code or "",
        address=fields.address,
        phone=fields.phone,
        disability_types=fields.disability_types,
        nik_warnings=fields.warnings,
    )
    session.add(person)
    batch.flush()
    return person


def update_person(person: Person, data: dict[str, Any] | PersonInput, *, require_reason: bool = False) -> Person:
    fields = data if isinstance(data, PersonInput) else validate_person(data, require_reason=require_reason)
    if fields.nik and fields.nik != person.nik:
        existing = find_by_nik(fields.nik)
        if existing is not None and existing.id != person.id:
            raise Conflict(NIK_TAKEN, existing_id=existing.id, field="nik")
    person.nik = fields.nik
    person.no_nik_reason = fields.no_nik_reason
    person.name = fields.name
    person.name_key = name_key(fields.name)
    person.sex = fields.sex
    person.birth_date = fields.birth_date
    person.birth_date_estimated = fields.birth_date_estimated
    person.birth_place = fields.birth_place
    person.village_code = fields.village_code
    person.area_code = fields.area_code or person.area_code
    person.address = fields.address
    person.phone = fields.phone
    person.disability_types = fields.disability_types
    person.nik_warnings = fields.warnings
    batch.flush()
    return person


def compact_key(name: str) -> str:
    """``name_key`` without spaces: "Nur Hayati" and "Nurhayati" are the same person to a clerk."""
    return name_key(name).replace(" ", "")


# ---------------------------------------------------------------- DTKS and photo
def record_dtks(person: Person, status: str, checked_on: Any, decile: Any = None,
                note: str | None = None) -> DtksSnapshot:
    """DTKS/DTSEN status as checked on a date (a snapshot: history stays)."""
    errors: dict[str, str] = {}
    if status not in DTKS_STATUSES:
        errors["dtks_status"] = N_("Status DTKS tidak dikenal.")
    try:
        day = parse_date(checked_on, "checked_on", required=True)
    except ValidationError as exc:
        errors.update(exc.fields)
        day = None
    not_in_future(day, "checked_on", clock.today(), errors)
    level = None
    if decile not in (None, ""):
        try:
            level = int(decile)
            if not 1 <= level <= 10:
                raise ValueError
        except (TypeError, ValueError):
            errors["decile"] = N_("Desil harus angka 1–10.")
    if errors:
        raise ValidationError(errors)
    snap = DtksSnapshot(person_id=person.id, status=status, decile=level, checked_on=day, note=note)
    person.dtks_snapshots.append(snap)
    session.flush()
    return snap


PHOTO_MAX_BYTES = 3 * 1024 * 1024
PHOTO_TYPES = ("JPEG", "PNG", "WEBP")


def save_photo(person: Person, data: bytes, folder: str) -> str:
    """Check (size, real image type) and store a person's photo re-encoded as JPEG under ``folder``."""
    from pathlib import Path

    from service.core import images

    if not data:
        raise ValidationError({"photo": N_("Pilih berkas foto.")})
    if len(data) > PHOTO_MAX_BYTES:
        raise ValidationError({"photo": N_("Foto terlalu besar (maksimal 3 MB).")})
    image = images.decode(data, PHOTO_TYPES)  # pixel cap before decoding, downscaled to 1200 px
    private_dir(folder)
    name = f"{person.id}-{uuid.uuid4().hex[:8]}.jpg"
    image.save(private_file(Path(folder) / name), "JPEG", quality=85)  # re-encoding drops metadata (GPS)
    person.photo_path = name
    person.updated_at = utcnow()
    session.flush()
    return name


def resolve_nik_warnings(person: Person) -> Person:
    """A worker checked the documents: the NIK warnings are acknowledged."""
    person.nik_warnings = []
    session.flush()
    return person

