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
from typing import Any

from sqlalchemy import Select, String, and_, cast, exists, func, or_, select, update
from sqlalchemy.orm import aliased

from service.casework.models import Case
from service.core import audit, clock, derived
from service.core.access import may_see_sensitive_unassigned, scope_area
from service.core.db import Base, get_or_raise, session, utcnow
from service.core.errors import N_, Conflict, NotFound, ValidationError
from service.core.formatting import parse_date
from service.reference import regions
from service.registry import nik as nik_rules
from service.registry.models import (
    DISABILITY_TYPES,
    DTKS_STATUSES,
    NO_NIK_REASONS,
    RELATIONSHIPS,
    SEXES,
    DtksSnapshot,
    DuplicateDecision,
    Household,
    HouseholdMember,
    Person,
    PersonMerge,
)

_TITLES = {
    "h", "hj", "dr", "drs", "dra", "ir", "prof", "bpk", "bapak", "ibu", "bu", "sdr", "sdri", "nn", "ny", "tn",
    "kh", "st", "se", "sh", "spd", "ssos", "sag", "skm", "skom", "mm", "msi", "mpd", "amd", "alm", "almh",
}
_MUHAMMAD = {"muhammad", "muhamad", "muhammed", "mohammad", "mohamad", "mohammed", "mochammad", "mochamad",
             "moh", "moch", "mhd", "muh", "md", "m"}


def name_key(name: str) -> str:
    """Normalised name for duplicate search.

    Lower case, accents and punctuation removed, titles dropped (H., Hj., Drs.,
    S.Sos.…), Muhammad's spellings and abbreviations (Muhamad, Moh., M.) made one,
    spacing collapsed: ``"H. Moh. Ali, S.Sos."`` -> ``"muhammad ali"``.
    """
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
    """Validated person fields, in the vocabulary of the forms and the BNBA import."""

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


def validate_person(data: dict[str, Any], today: dt.date | None = None) -> PersonInput:
    """Check person fields; raise ValidationError naming every bad field.

    Keys: ``nama``/``name``, ``jenis_kelamin``/``sex``, ``nik``, ``no_nik_reason``,
    ``tanggal_lahir``/``birth_date``, ``age`` (estimated, when no birth date),
    ``birth_place``, ``kode_wilayah``/``village_code``, ``area_code``, ``address``,
    ``phone``, ``disability_types``.
    """
    today = today or clock.today()
    errors: dict[str, str] = {}

    def pick(*keys: str) -> Any:
        for k in keys:
            if data.get(k) not in (None, ""):
                return data[k]
        return None

    name = re.sub(r"\s+", " ", str(pick("nama", "name") or "")).strip()
    if not name:
        errors["name"] = N_("Nama wajib diisi.")
    elif len(name) > 200:
        errors["name"] = N_("Nama terlalu panjang (maksimal 200 karakter).")
    sex = pick("jenis_kelamin", "sex")
    sex = str(sex).strip().upper() if sex else None
    if sex is not None and sex not in SEXES:
        errors["sex"] = N_("Jenis kelamin harus L atau P.")
    birth_date = None
    estimated = False
    try:
        birth_date = parse_date(pick("tanggal_lahir", "birth_date"), "birth_date")
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
        if birth_date > today:
            errors["birth_date"] = N_("Tanggal lahir tidak boleh di masa depan.")
        elif birth_date.year < 1900:
            errors["birth_date"] = N_("Tanggal lahir terlalu lama (sebelum 1900).")
    village = pick("kode_wilayah", "village_code")
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
        no_nik_reason=no_nik_reason or (None if nik_value else "belum_terdaftar"),
        birth_date=birth_date,
        birth_date_estimated=estimated,
        birth_place=(pick("birth_place") or None),
        village_code=village,
        area_code=area,
        address=pick("address", "alamat"),
        phone=pick("phone", "telepon"),
        disability_types=list(disability),
        warnings=[code for code, _ in details],
        warning_details=details,
    )


def find_by_nik(nik: str) -> Person | None:
    return session.scalar(select(Person).where(Person.nik == nik_rules.normalise(nik)))


def get_person(person_id: uuid.UUID | str) -> Person:
    return get_or_raise(Person, person_id, N_("Orang tidak ditemukan."))  # type: ignore[no-any-return]


def register_person(data: dict[str, Any] | PersonInput, person_id: uuid.UUID | None = None) -> Person:
    """Create a person. A NIK already registered raises Conflict with the existing id."""
    fields = data if isinstance(data, PersonInput) else validate_person(data)
    if fields.nik:
        existing = find_by_nik(fields.nik)
        if existing is not None:
            raise Conflict(N_("NIK {nik} sudah terdaftar atas nama {name}."), existing_id=existing.id,
                           nik=fields.nik, name=existing.name)
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
    session.flush()
    return person


def update_person(person: Person, data: dict[str, Any] | PersonInput) -> Person:
    fields = data if isinstance(data, PersonInput) else validate_person(data)
    if fields.nik and fields.nik != person.nik:
        existing = find_by_nik(fields.nik)
        if existing is not None and existing.id != person.id:
            raise Conflict(N_("NIK {nik} sudah terdaftar atas nama {name}."), existing_id=existing.id,
                           nik=fields.nik, name=existing.name)
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
    session.flush()
    return person


def compact_key(name: str) -> str:
    """``name_key`` without spaces: "Nur Hayati" and "Nurhayati" are the same person to a clerk."""
    return name_key(name).replace(" ", "")


# ---------------------------------------------------------------- visibility
def visible_persons_filter(user: Any) -> Any:
    """SQL twin of ``can(user, "person.view", person)``: area plus need-to-know."""
    area = scope_area(user, Person.area_code)
    if may_see_sensitive_unassigned(user):
        return area
    sensitive = exists().where(Case.person_id == Person.id, Case.is_sensitive)
    mine = exists().where(Case.person_id == Person.id, Case.is_sensitive, Case.worker_id == user.id)
    return and_(area, or_(~sensitive, mine))


def person_query(user: Any, q: str | None = None, area: str | None = None, has_nik: str | None = None,
                 warnings: bool = False) -> Select[Any]:
    """Persons the user may see, newest first; ``q`` matches name or NIK."""
    stmt = select(Person).where(Person.merged_into_id.is_(None), visible_persons_filter(user))
    q = (q or "").strip()
    if q:
        digits = nik_rules.normalise(q)
        if digits.isdigit() and len(digits) >= 4:
            stmt = stmt.where(Person.nik.like(f"%{digits}%"))
        else:
            key = name_key(q)
            stmt = stmt.where(or_(Person.name_key.like(f"%{key}%"), Person.name.ilike(f"%{q}%")))
    if area:
        stmt = stmt.where(or_(Person.area_code == area, Person.area_code.like(area + ".%")))
    if has_nik == "yes":
        stmt = stmt.where(Person.nik.is_not(None))
    elif has_nik == "no":
        stmt = stmt.where(Person.nik.is_(None))
    if warnings:
        stmt = stmt.where(cast(Person.nik_warnings, String) != "[]")
    return stmt.order_by(Person.created_at.desc(), Person.name)


# ---------------------------------------------------------------- duplicates
def likely_duplicates(fields: PersonInput | dict[str, Any], exclude_id: uuid.UUID | None = None,
                      limit: int = 10) -> list[Person]:
    """Persons who may be the one being registered, shown BEFORE saving.

    Same normalised name (Indonesian variants, titles, spacing) and the same
    birth date or the same village; or the same NIK.
    """
    if isinstance(fields, dict):
        name = str(fields.get("nama") or fields.get("name") or "")
        try:
            birth = parse_date(fields.get("tanggal_lahir") or fields.get("birth_date"))
        except ValidationError:
            birth = None
        village = fields.get("kode_wilayah") or fields.get("village_code")
        nik = nik_rules.normalise(str(fields.get("nik") or "")) or None
    else:
        name, birth, village, nik = fields.name, fields.birth_date, fields.village_code, fields.nik
    target = compact_key(name)
    if not target:
        return []
    conds = []
    if birth is not None:
        conds.append(Person.birth_date == birth)
    if village:
        conds.append(Person.village_code == village)
    found: dict[uuid.UUID, Person] = {}
    if nik:
        same = find_by_nik(nik)
        if same is not None and same.merged_into_id is None:
            found[same.id] = same
    if conds:
        stmt = select(Person).where(Person.merged_into_id.is_(None), or_(*conds)).limit(5000)
        for p in session.scalars(stmt):
            if p.name_key.replace(" ", "") == target:
                found.setdefault(p.id, p)
    found.pop(exclude_id, None)  # type: ignore[arg-type]
    return sorted(found.values(), key=lambda p: (p.name, str(p.id)))[:limit]


def _pair(a: uuid.UUID, b: uuid.UUID) -> tuple[uuid.UUID, uuid.UUID]:
    return (a, b) if str(a) < str(b) else (b, a)


def duplicate_queue_query(user: Any) -> Select[Any]:
    """Suspected duplicate pairs (same name key, spacing ignored, and same birth date or village) not yet decided.

    "Nurhayati" / "Nur Hayati" pair: the keys are compared with spaces removed.
    """
    a, b = aliased(Person), aliased(Person)
    decided = exists().where(
        or_(and_(DuplicateDecision.person_a_id == a.id, DuplicateDecision.person_b_id == b.id),
            and_(DuplicateDecision.person_a_id == b.id, DuplicateDecision.person_b_id == a.id)))
    return (
        select(a, b)
        .join(b, and_(func.replace(a.name_key, " ", "") == func.replace(b.name_key, " ", ""), a.id < b.id))
        .where(a.merged_into_id.is_(None), b.merged_into_id.is_(None), a.name_key != "",
               or_(a.birth_date == b.birth_date, a.village_code == b.village_code),
               scope_area(user, a.area_code), scope_area(user, b.area_code), ~decided)
        .order_by(a.name_key, a.created_at)
    )


def mark_not_duplicate(a: Person, b: Person, by_id: uuid.UUID | None = None,
                       note: str | None = None) -> DuplicateDecision:
    """Remember that two persons are different people (the pair leaves the queue for good)."""
    if a.id == b.id:
        raise ValidationError({"_": N_("Pilih dua orang yang berbeda.")})
    first, second = _pair(a.id, b.id)
    existing = session.scalar(select(DuplicateDecision).where(DuplicateDecision.person_a_id == first,
                                                              DuplicateDecision.person_b_id == second))
    if existing is not None:
        return existing
    decision = DuplicateDecision(person_a_id=first, person_b_id=second, decided_by_id=by_id, note=note)
    session.add(decision)
    session.flush()
    return decision


# Columns pointing at persons.id that a merge must NOT move: the merge bookkeeping itself.
_MERGE_SKIP = {("persons", "merged_into_id"), ("person_merges", "survivor_id"), ("person_merges", "merged_id"),
               ("duplicate_decisions", "person_a_id"), ("duplicate_decisions", "person_b_id"),
               # derived from assessments and deliveries: recomputed after the move instead
               ("spm_person_needs", "person_id")}
_COPY_IF_EMPTY = ("nik", "birth_date", "birth_place", "village_code", "address", "phone", "photo_path", "sex")


def person_references() -> list[tuple[Any, Any]]:
    """Every (table, column) with a foreign key to ``persons.id``, found in the metadata.

    Tables other areas add later are found too, so a merge never leaves a record behind.
    """
    refs = []
    for table in Base.metadata.sorted_tables:
        for fk in table.foreign_keys:
            if fk.column.table.name == "persons" and fk.column.name == "id":
                if (table.name, fk.parent.name) not in _MERGE_SKIP:
                    refs.append((table, fk.parent))
    return refs


def merge_persons(survivor: Person, merged: Person, *, by_id: uuid.UUID | None = None,
                  reason: str | None = None) -> PersonMerge:
    """Merge ``merged`` into ``survivor``: every record pointing at it moves; nothing is deleted.

    The losing record stays (hidden from lists, ``merged_into_id`` set) with its
    values recorded in a ``PersonMerge`` together with the ids of every moved row.
    """
    if survivor.id == merged.id:
        raise ValidationError({"_": N_("Pilih dua orang yang berbeda.")})
    if merged.merged_into_id is not None or survivor.merged_into_id is not None:
        raise ValidationError({"_": N_("Salah satu data sudah digabung sebelumnya.")})
    if not (reason or "").strip():
        raise ValidationError({"reason": N_("Alasan penggabungan wajib diisi.")})
    session.flush()
    before = {c: audit._jsonable(getattr(merged, c)) for c in (
        "nik", "no_nik_reason", "name", "sex", "birth_date", "birth_place", "village_code", "area_code",
        "address", "phone", "photo_path", "disability_types", "nik_warnings")}
    moved: dict[str, list[str]] = {}
    for table, column in person_references():
        pk = list(table.primary_key.columns)
        if table.name == "household_members":
            # Already a member of the same household: the duplicate membership is dropped.
            both = select(table.c.household_id).where(table.c.person_id == survivor.id)
            dup_rows = session.execute(select(table.c.id).where(column == merged.id,
                                                                table.c.household_id.in_(both))).scalars().all()
            if dup_rows:
                session.execute(table.delete().where(table.c.id.in_(dup_rows)))
                moved.setdefault("household_members_dropped", []).extend(str(r) for r in dup_rows)
        ids = [str(r[0]) if len(r) == 1 else "/".join(str(x) for x in r)
               for r in session.execute(select(*pk).where(column == merged.id)).all()]
        if not ids:
            continue
        values: dict[str, Any] = {column.name: survivor.id}
        if "version" in table.c:
            values["version"] = table.c.version + 1
        session.execute(update(table).where(column == merged.id).values(**values))
        key = table.name if column.name == "person_id" else f"{table.name}.{column.name}"
        moved.setdefault(key, []).extend(ids)
    nik_value = merged.nik
    merged.nik = None
    merged.merged_into_id = survivor.id
    session.flush()
    for attr in _COPY_IF_EMPTY:
        if getattr(survivor, attr) in (None, "") and before.get(attr) not in (None, ""):
            setattr(survivor, attr, nik_value if attr == "nik" else getattr(merged, attr))
    if survivor.nik and survivor.no_nik_reason:
        survivor.no_nik_reason = None
    survivor.disability_types = sorted(set(survivor.disability_types or []) | set(merged.disability_types or []))
    record = PersonMerge(survivor_id=survivor.id, merged_id=merged.id, merged_by_id=by_id, reason=reason.strip(),
                         moved={"rows": moved, "merged_before": before})
    session.add(record)
    first, second = _pair(survivor.id, merged.id)
    session.flush()
    audit.log_event("merge", "persons", survivor.id, {"merged_id": str(merged.id), "moved": moved})
    # Core UPDATEs/DELETEs above bypassed the ORM flush hook: recompute the derived tables
    # (report summaries) of both persons and reload what the session holds.
    derived.touch([survivor.id, merged.id])
    session.expire_all()
    return session.get(PersonMerge, record.id)  # type: ignore[return-value]


def merges_of(person: Person) -> list[PersonMerge]:
    return list(session.scalars(select(PersonMerge).where(
        or_(PersonMerge.survivor_id == person.id, PersonMerge.merged_id == person.id)).order_by(PersonMerge.merged_at)))


# ---------------------------------------------------------------- households
def _kk(raw: Any) -> str | None:
    value = nik_rules.normalise(str(raw or ""))
    if not value:
        return None
    if not re.fullmatch(r"\d{16}", value):
        raise ValidationError({"kk_number": N_("Nomor KK harus 16 digit angka.")})
    return value


def get_household(household_id: uuid.UUID | str) -> Household:
    return get_or_raise(Household, household_id, N_("Keluarga tidak ditemukan."))  # type: ignore[no-any-return]


def create_household(head: Person, kk_number: Any = None, *, address: str | None = None) -> Household:
    """A family card with its head (exactly one head; more members with ``add_member``)."""
    kk = _kk(kk_number)
    if kk and session.scalar(select(Household).where(Household.kk_number == kk)) is not None:
        raise ValidationError({"kk_number": N_("Nomor KK {kk} sudah terdaftar.")}, kk=kk)
    household = Household(kk_number=kk, village_code=head.village_code, area_code=head.area_code,
                          address=address or head.address)
    household.members.append(HouseholdMember(person_id=head.id, relationship_code="kepala_keluarga", is_head=True))
    session.add(household)
    session.flush()
    return household


def add_member(household: Household, person: Person, relationship_code: str) -> HouseholdMember:
    if relationship_code not in RELATIONSHIPS:
        raise ValidationError({"relationship_code": N_("Hubungan keluarga tidak dikenal.")})
    if any(m.person_id == person.id for m in household.members):
        raise ValidationError({"person_id": N_("Orang ini sudah menjadi anggota keluarga ini.")})
    is_head = relationship_code == "kepala_keluarga"
    if is_head and any(m.is_head for m in household.members):
        raise ValidationError({"relationship_code": N_("Keluarga ini sudah punya kepala keluarga.")})
    member = HouseholdMember(person_id=person.id, relationship_code=relationship_code, is_head=is_head)
    household.members.append(member)
    session.flush()
    return member


def remove_member(household: Household, person_id: uuid.UUID) -> None:
    member = next((m for m in household.members if m.person_id == person_id), None)
    if member is None:
        raise NotFound(N_("Anggota keluarga tidak ditemukan."))
    if member.is_head:
        raise ValidationError({"person_id": N_("Kepala keluarga tidak dapat dihapus; ganti dulu kepala keluarga.")})
    household.members.remove(member)
    session.flush()


def households_of(person: Person) -> list[Household]:
    return list(session.scalars(select(Household).join(HouseholdMember).where(HouseholdMember.person_id == person.id)))


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
    if day is not None and day > clock.today():
        errors["checked_on"] = N_("Tanggal tidak boleh di masa depan.")
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
    import io
    from pathlib import Path

    from PIL import Image, UnidentifiedImageError

    if not data:
        raise ValidationError({"photo": N_("Pilih berkas foto.")})
    if len(data) > PHOTO_MAX_BYTES:
        raise ValidationError({"photo": N_("Foto terlalu besar (maksimal 3 MB).")})
    try:
        with Image.open(io.BytesIO(data)) as probe:
            kind = probe.format
            probe.verify()
        if kind not in PHOTO_TYPES:
            raise ValidationError({"photo": N_("Foto harus JPEG, PNG atau WEBP.")})
        image = Image.open(io.BytesIO(data))
        image.thumbnail((1200, 1200))
        image = image.convert("RGB")
    except (UnidentifiedImageError, OSError, SyntaxError):
        raise ValidationError({"photo": N_("Berkas ini bukan gambar yang valid.")}) from None
    Path(folder).mkdir(parents=True, exist_ok=True)
    name = f"{person.id}-{uuid.uuid4().hex[:8]}.jpg"
    image.save(Path(folder) / name, "JPEG", quality=85)  # re-encoding drops metadata (GPS)
    person.photo_path = name
    person.updated_at = utcnow()
    session.flush()
    return name


def resolve_nik_warnings(person: Person) -> Person:
    """A worker checked the documents: the NIK warnings are acknowledged."""
    person.nik_warnings = []
    session.flush()
    return person


# ---------------------------------------------------------------- demo office
# name, sex, birth date, village, NIK (None: without NIK), no-NIK reason, address, disability types
DEMO_PERSONS: list[tuple[str, str, str, str, str | None, str | None, str, list[str]]] = [
    ("Siti Rahayu", "P", "1950-07-01", "18.72.01.1001", "1872014107500001", None, "Jl. Hasanudin No. 12", []),
    ("Sumarni", "P", "1946-02-14", "18.72.01.1002", "1872015402460003", None, "Gg. Melati RT 03/RW 01", []),
    ("Paijo", "L", "1944-11-20", "18.72.01.1003", "1872012011440002", None, "Dusun Imopuro RT 05", []),
    ("Muhammad Soleh", "L", "1952-03-09", "18.72.01.1005", "1872010903520004", None, "Jl. Yos Sudarso 40", []),
    ("Moh. Soleh", "L", "1952-03-09", "18.72.04.1001", None, "dokumen_hilang", "Pasar Tejosari (los 8)", []),
    ("Wagiman", "L", "1941-08-17", "18.72.05.1001", "1872051708410001", None, "Rejomulyo RT 02/RW 04", []),
    ("Tuminah", "P", "1948-05-05", "18.72.05.1002", "1872054505480002", None, "Margorejo RT 07", ["fisik"]),
    # NIK birth date (1949-06-10) contradicts the declared date: a warning to resolve
    ("Sri Wahyuni", "P", "1949-06-01", "18.72.05.1003", "1872055006490005", None, "Sumbersari RT 01", []),
    ("Budi Santoso", "L", "1985-01-15", "18.72.02.1001", "1872021501850001", None, "Banjarsari RT 04", ["fisik"]),
    ("Rina Susanti", "P", "1992-10-02", "18.72.02.1002", "1872024210920002", None, "Purwosari RT 02", []),
    ("Dimas Pratama", "L", "2013-04-21", "18.72.03.1002", None, "belum_terdaftar", "Ganjar Agung RT 06", []),
    ("Putri Lestari", "P", "2016-09-30", "18.72.03.1002", None, "belum_terdaftar", "Ganjar Agung RT 06", []),
    ("Yanto", "L", "1979-12-01", "18.72.04.1002", None, "identitas_tidak_diketahui", "Ditemukan di Taman Merdeka", ["mental"]),
    ("Slamet Riyadi", "L", "1958-06-06", "18.72.04.1003", "1872040606580003", None, "Iring Mulyo RT 03", ["sensorik_netra"]),
    ("Kartini", "P", "1955-04-21", "18.72.04.1004", "1872046104550001", None, "Yosorejo RT 09", []),
    ("Agus Hidayat", "L", "2009-02-02", "18.72.01.1004", "1872010202090006", None, "Hadimulyo Barat RT 01", []),
    ("Dewi Handayani", "P", "2004-08-11", "18.72.01.1001", "1872015108040007", None, "Jl. Hasanudin No. 3", []),
    ("Bambang Purnomo", "L", "1961-07-07", "18.72.05.1004", "1872050707610002", None, "Margodadi RT 02", ["fisik"]),
    ("Endang Maryati", "P", "1964-03-03", "18.72.05.1004", "1872054303640003", None, "Margodadi RT 02", []),
    ("Rahmat Kurniawan", "L", "1990-05-25", "18.72.02.1003", "1872022505900004", None, "Karangrejo RT 05", []),
    ("Sugeng Wibowo", "L", "1950-10-10", "18.72.03.1001", "1872031010500001", None, "Mulyojati RT 04", []),
    ("Lestari Wati", "P", "1978-01-19", "18.72.03.1003", "1872035901780002", None, "Mulyosari RT 01", []),
    ("Joko Setiawan", "L", "1970-11-30", "18.72.02.1004", None, "dokumen_hilang", "Purwoasri RT 08", []),
    ("Nur Hayati", "P", "1983-07-14", "18.72.01.1002", "1872015407830008", None, "Hadimulyo Timur RT 02", []),
    ("Wahyu Saputra", "L", "2011-06-16", "18.72.01.1002", None, "belum_terdaftar", "Hadimulyo Timur RT 02", []),
]
# (head's name, KK number, [(member's name, relationship)])
DEMO_HOUSEHOLDS = [
    ("Bambang Purnomo", "1872050101100001", [("Endang Maryati", "istri")]),
    ("Nur Hayati", "1872010101100002", [("Wahyu Saputra", "anak")]),
    ("Lestari Wati", "1872030101100003", [("Dimas Pratama", "anak"), ("Putri Lestari", "anak")]),
]


def demo_person(name: str) -> Person | None:
    return session.scalar(select(Person).where(Person.name == name, Person.merged_into_id.is_(None))
                          .order_by(Person.created_at).limit(1))


def seed_demo_persons() -> None:
    """~25 persons in Kota Metro villages, with and without NIK, one NIK warning, one likely duplicate pair."""
    for name, sex, birth, village, nik, reason, address, disability in DEMO_PERSONS:
        if demo_person(name) is not None:
            continue
        person = register_person({"nama": name, "jenis_kelamin": sex, "tanggal_lahir": birth,
                                  "kode_wilayah": village, "nik": nik, "no_nik_reason": reason,
                                  "address": address, "disability_types": disability})
        if name in ("Siti Rahayu", "Wagiman", "Tuminah"):
            record_dtks(person, "terdaftar", "2026-06-15", decile=1)
    for head_name, kk, members in DEMO_HOUSEHOLDS:
        if session.scalar(select(Household).where(Household.kk_number == kk)) is not None:
            continue
        head = demo_person(head_name)
        if head is None:
            continue
        household = create_household(head, kk)
        for member_name, relation in members:
            member = demo_person(member_name)
            if member is not None:
                add_member(household, member, relation)


def _register_demo() -> None:
    from service.core.demo import register_seeder

    register_seeder(10, "registry.persons", seed_demo_persons)


_register_demo()
