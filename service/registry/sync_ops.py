"""The registry offline: the ``person.upsert`` sync operation and the person fields a device edits.

Data arrives in the interchange vocabulary (``nama``, ``jenis_kelamin`` …,
``service.core.interchange``) and goes through ``validate_person`` / ``register_person`` /
``update_person`` like the intake form (docs/offline.md).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from service.core import batch
from service.core.db import session
from service.core.errors import N_, Conflict, PermissionDenied, ValidationError
from service.core.interchange import PERSON, to_domain, to_interchange
from service.offline.engine import Context, Operation, Outcome, register_op_type, require
from service.offline.models import SyncConflict
from service.reference.models import Region
from service.registry import nik as nik_rules
from service.registry import persons as registry
from service.registry.models import Person

# Person fields a device may edit, in the interchange vocabulary, with their labels (conflict inbox).
PERSON_FIELDS: list[tuple[str, str]] = [
    ("nama", N_("Nama")),
    ("nik", N_("NIK")),
    ("jenis_kelamin", N_("Jenis kelamin")),
    ("tanggal_lahir", N_("Tanggal lahir")),
    ("kode_wilayah", N_("Desa/kelurahan")),
    ("alamat", N_("Alamat")),
    ("telepon", N_("Telepon")),
]
# Extra domain-named keys a device may send beside the interchange ones.
_EXTRA = ("area_code", "no_nik_reason", "birth_place", "age")


def person_snapshot(person: Person) -> dict[str, Any]:
    """A person's editable fields in the device's (interchange) vocabulary."""
    return to_interchange({
        "name": person.name, "nik": person.nik, "sex": person.sex,
        "birth_date": person.birth_date.isoformat() if person.birth_date else None,
        "village_code": person.village_code, "address": person.address, "phone": person.phone,
    })


def person_input(person: Person | None, data: dict[str, Any], *, require_reason: bool = False
                 ) -> registry.PersonInput:
    """Validate the device's fields over the server's current ones (nothing else is lost).

    ``person.upsert``'s data is a fixed interface (spec/INTERFACES.md: no reason field): without a NIK
    and a reason the person is stored with no reason — never a default — and listed for follow-up."""
    merged: dict[str, Any] = {}
    if person is not None:
        merged.update(to_domain(person_snapshot(person), PERSON))
        merged.update({"birth_place": person.birth_place, "no_nik_reason": person.no_nik_reason,
                       "disability_types": list(person.disability_types or [])})
        if not person.village_code:
            merged["area_code"] = person.area_code
    merged.update(to_domain(data, PERSON, keep=_EXTRA))
    try:
        return registry.validate_person(merged, require_reason=require_reason)
    except ValidationError as exc:
        raise ValidationError(to_interchange(exc.fields), **exc.params) from None


def changed_fields(person: Person, data: dict[str, Any]) -> list[str]:
    current = person_snapshot(person)
    return [key for key, _label in PERSON_FIELDS
            if key in data and (data.get(key) or None) != (current.get(key) or None)]


def apply_person_fields(person: Person, chosen: dict[str, Any]) -> None:
    """Write the chosen (interchange-named) values through ``update_person`` (conflict resolution)."""
    fields = person_input(person, chosen, require_reason=False)  # a supervisor resolving a device's change
    try:
        registry.update_person(person, fields)
    except Conflict as exc:
        raise ValidationError({"nik": exc.message}, **exc.params) from None


def _require_may_register(ctx: Context, fields: registry.PersonInput) -> None:
    if not registry.may_register(ctx.user, fields):
        raise PermissionDenied(N_("Peran atau wilayah Anda tidak mengizinkan perubahan ini."))


def _prefetch(ctx: Context, datas: list[dict[str, Any]]) -> None:
    """The batch's villages and NIK holders in one query each, so validating and registering a person
    asks the database nothing (``find_by_nik`` answers from this read inside a sync chunk)."""
    codes = sorted({str(d[k]).strip() for d in datas for k in ("kode_wilayah", "area_code")
                    if isinstance(d.get(k), str) and d[k].strip()})
    for i in range(0, len(codes), 500):
        for region in session.scalars(select(Region).where(Region.code.in_(codes[i:i + 500]))):
            ctx.keep[(Region, region.code)] = region
    # ``find_by_nik`` answers from this read inside a chunk; a NIK taken earlier in the same batch fails
    # the chunk's flush on the unique index, and the chunk is replayed one by one, each asking the database.
    registry.prefetch_nik_holders([nik_rules.normalise(str(d["nik"])) for d in datas
                                   if isinstance(d.get("nik"), str | int)])


def _person_upsert(ctx: Context, op: Operation) -> Outcome:
    person = ctx.get(Person, op.entity_id)
    fields = person_input(person, op.data)
    if person is None:
        _require_may_register(ctx, fields)
        try:
            person = registry.register_person(fields, person_id=op.entity_id)
        except Conflict as exc:
            raise ValidationError({"nik": exc.message}, **exc.params) from None
        ctx.keep[("person", person.id)] = person
        return Outcome("applied", person.id, person.version)
    require(ctx.user, "person.edit", person)
    _require_may_register(ctx, fields)
    normalised = {**op.data, "nik": fields.nik, "jenis_kelamin": fields.sex,
                  "tanggal_lahir": fields.birth_date.isoformat() if fields.birth_date else None}
    normalised = {k: v for k, v in normalised.items() if k in op.data}
    if op.base_version != person.version:
        if not changed_fields(person, normalised):
            return Outcome("applied", person.id, person.version)  # the same values: nothing to decide
        conflict = SyncConflict(
            kind="version", op_id=op.op_id, device_id=ctx.device_id, submitted_by_id=ctx.user.id,
            entity_type="persons", entity_id=person.id, area_code=person.area_code,
            base_version=op.base_version, server_version=person.version,
            device_data={**person_snapshot(person), **normalised}, server_data=person_snapshot(person),
            summary=person.name,
        )
        session.add(conflict)
        batch.flush()
        return Outcome("conflict", person.id, person.version, conflict.id)
    try:
        registry.update_person(person, fields)
    except Conflict as exc:
        raise ValidationError({"nik": exc.message}, **exc.params) from None
    session.flush()  # the answer carries the new version (an UPDATE is one statement per row anyway)
    return Outcome("applied", person.id, person.version)


register_op_type(
    "person.upsert", _person_upsert,
    "Create the person `entity_id`, or update it when `base_version` equals the server's version "
    "(otherwise: `conflict`, kept for a supervisor). A NIK registered to someone else is `rejected`; "
    "without `nik`, send `alasan_tanpa_nik` (without it no reason is stored — never a default — and the "
    "person is listed for follow-up).",
    {"type": "object", "required": ["nama"], "properties": {
        "nik": {"type": ["string", "null"]}, "nama": {"type": "string"},
        "jenis_kelamin": {"enum": ["L", "P", None]}, "tanggal_lahir": {"type": ["string", "null"], "format": "date"},
        "kode_wilayah": {"type": "string"}, "alamat": {"type": ["string", "null"]},
        "telepon": {"type": ["string", "null"]},
        "alasan_tanpa_nik": {"enum": ["belum_terdaftar", "dokumen_hilang", "identitas_tidak_diketahui", None],
                             "description": "Why there is no `nik`. Without it no reason is stored (never "
                                            "a default) and the person is listed for follow-up."}}},
    entity_model=Person, changes_cases=False,  # a person's fields only: the batch's open cases stay right
    prefetch=lambda ctx, datas: _prefetch(ctx, datas), batched=True,
)
