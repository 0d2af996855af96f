"""Persons and households over the API — the same service functions as the web forms."""

from __future__ import annotations

from typing import Any

from flask import jsonify, request

from blueprints.core.api import APIError, api_user, endpoint, json_body, query_int, require
from blueprints.core.i18n import tr_error
from service.core import audit
from service.core.access import can, mask_nik
from service.core.errors import Conflict, NotFound
from service.core.interchange import person_fields
from service.core.pagination import paginate
from service.registry import duplicates as dedup
from service.registry import households
from service.registry import persons as registry
from service.registry.models import Household, Person

PERSON_BODY = {
    "type": "object",
    "description": "BNBA vocabulary (`nama`, `jenis_kelamin`, `tanggal_lahir`, `kode_wilayah`) or the English keys "
                   "(translated by service.core.interchange.person_fields).",
    "properties": {
        "nik": {"type": ["string", "null"]}, "nama": {"type": "string"}, "jenis_kelamin": {"enum": ["L", "P"]},
        "tanggal_lahir": {"type": ["string", "null"], "description": "YYYY-MM-DD or DD/MM/YYYY"},
        "age": {"type": ["integer", "null"], "description": "estimated age when the birth date is unknown"},
        "kode_wilayah": {"type": "string", "description": "village code PP.KK.DD.VVVV"},
        "no_nik_reason": {"enum": ["belum_terdaftar", "dokumen_hilang", "identitas_tidak_diketahui", None],
                          "description": "Required when `nik` is empty (422 naming `no_nik_reason` otherwise; "
                                         "there is no default). `alasan_tanpa_nik` is the BNBA name of this field."},
        "alasan_tanpa_nik": {"enum": ["belum_terdaftar", "dokumen_hilang", "identitas_tidak_diketahui", None]},
        "birth_place": {"type": ["string", "null"]}, "address": {"type": ["string", "null"]},
        "phone": {"type": ["string", "null"]}, "disability_types": {"type": "array", "items": {"type": "string"}},
    },
}
PERSON = {
    "type": "object",
    "properties": {
        "id": {"type": "string", "format": "uuid"}, "nik": {"type": ["string", "null"]},
        "nik_masked": {"type": ["string", "null"]},
        "no_nik_reason": {"enum": ["belum_terdaftar", "dokumen_hilang", "identitas_tidak_diketahui", None]},
        "name": {"type": "string"}, "sex": {"type": ["string", "null"]},
        "birth_date": {"type": ["string", "null"]}, "birth_date_estimated": {"type": "boolean"},
        "village_code": {"type": ["string", "null"]}, "area_code": {"type": "string"},
        "nik_warnings": {"type": "array", "items": {"type": "string"}}, "version": {"type": "integer"},
    },
}
PAGE = {"type": "object", "properties": {"items": {"type": "array", "items": PERSON}, "page": {"type": "integer"},
                                         "per_page": {"type": "integer"}, "total": {"type": "integer"}}}


def person_json(p: Person, full: bool = False) -> dict[str, Any]:
    show = full and can(api_user(), "person.view_nik", p)
    data = {"id": str(p.id), "nik": p.nik if show else None, "nik_masked": mask_nik(p.nik) or None,
            "no_nik_reason": p.no_nik_reason, "name": p.name, "sex": p.sex,
            "birth_date": p.birth_date.isoformat() if p.birth_date else None,
            "birth_date_estimated": p.birth_date_estimated, "village_code": p.village_code, "area_code": p.area_code,
            "nik_warnings": list(p.nik_warnings or []), "version": p.version}
    if full:
        data.update({"birth_place": p.birth_place, "address": p.address, "phone": p.phone,
                     "disability_types": list(p.disability_types or []),
                     "merged_into_id": str(p.merged_into_id) if p.merged_into_id else None,
                     "dtks": [{"status": s.status, "decile": s.decile, "checked_on": s.checked_on.isoformat()}
                              for s in p.dtks_snapshots]})
    return data


def load_person(person_id: str, action: str = "person.view") -> Person:
    try:
        person = registry.get_person(person_id)
    except NotFound:
        raise APIError(404, "not_found", "Person not found.") from None
    require(action, person)
    return person


@endpoint("/persons", summary="Persons the caller may see (NIK masked); search `q` by name or NIK", tag="registry",
          action="person.view", response=PAGE,
          parameters=[{"name": "q", "in": "query", "schema": {"type": "string"}},
                      {"name": "area", "in": "query", "schema": {"type": "string"}},
                      {"name": "page", "in": "query", "schema": {"type": "integer"}},
                      {"name": "per_page", "in": "query", "schema": {"type": "integer"}}])
def persons_list() -> Any:
    number = query_int("page", minimum=1, default=1) or 1
    per_page = query_int("per_page", minimum=1, maximum=200, default=50) or 50
    page = paginate(registry.person_query(api_user(), q=request.args.get("q"), area=request.args.get("area"),
                                          reach=number * per_page + 1), number, per_page)
    return jsonify({"items": [person_json(p) for p in page.items], **page.as_meta()})


def _nik_taken(exc: Conflict) -> APIError:
    """409 for a taken NIK: the holder's id only for a caller who may open that record, never a name."""
    holder = registry.nik_holder(api_user(), exc)
    message = tr_error(exc)
    return APIError(409, "conflict", message, {"nik": message}, holder.id if holder is not None else None)


@endpoint("/persons", ("POST",), summary="Register a person (409 when the NIK is taken; `existing_id` only when "
          "the caller may open the holder's record)",
          tag="registry", action="person.edit", body=PERSON_BODY, response=PERSON, status=201)
def persons_create() -> Any:
    fields = registry.validate_person(person_fields(json_body()), require_reason=True)
    if not registry.may_register(api_user(), fields):
        raise APIError(403, "forbidden", "Your role or area does not allow this.")
    try:
        person = registry.register_person(fields)
    except Conflict as exc:
        raise _nik_taken(exc) from None
    return jsonify(person_json(person, full=True)), 201


@endpoint("/persons/likely-duplicates", ("POST",), summary="Likely duplicates of a person about to be registered",
          tag="registry", action="person.view", body=PERSON_BODY,
          response={"type": "object", "properties": {"items": {"type": "array", "items": PERSON}}})
def persons_duplicates() -> Any:
    hits = [p for p in dedup.likely_duplicates(person_fields(json_body())) if can(api_user(), "person.view", p)]
    for hit in hits:
        audit.log_access("persons", hit.id, "api_likely_duplicate")
    return jsonify({"items": [person_json(p) for p in hits]})


@endpoint("/persons/<person_id>", summary="One person (full NIK for roles that may see it; the view is logged)",
          tag="registry", action="person.view", response=PERSON)
def persons_get(person_id: str) -> Any:
    person = load_person(person_id)
    audit.log_access("persons", person.id, purpose="api")
    return jsonify(person_json(person, full=True))


@endpoint("/persons/<person_id>", ("PUT",), summary="Replace a person's fields", tag="registry",
          action="person.edit", body=PERSON_BODY, response=PERSON)
def persons_update(person_id: str) -> Any:
    person = load_person(person_id, "person.edit")
    try:
        registry.update_person(person, person_fields(json_body()), require_reason=True)
    except Conflict as exc:
        raise _nik_taken(exc) from None
    return jsonify(person_json(person, full=True))


HOUSEHOLD = {"type": "object", "properties": {
    "id": {"type": "string"}, "kk_number": {"type": ["string", "null"]}, "area_code": {"type": "string"},
    "members": {"type": "array", "items": {"type": "object", "properties": {
        "person_id": {"type": "string"}, "relationship": {"type": "string"}, "is_head": {"type": "boolean"}}}}}}


def household_json(h: Household) -> dict[str, Any]:
    return {"id": str(h.id), "kk_number": h.kk_number, "village_code": h.village_code, "area_code": h.area_code,
            "members": [{"person_id": str(m.person_id), "relationship": m.relationship_code, "is_head": m.is_head}
                        for m in h.members]}


@endpoint("/households", ("POST",), summary="Create a household (family card) with its head", tag="registry",
          action="person.edit", status=201, response=HOUSEHOLD,
          body={"type": "object", "required": ["head_id"], "properties": {
              "head_id": {"type": "string"}, "kk_number": {"type": ["string", "null"]}}})
def households_create() -> Any:
    data = json_body()
    head = load_person(str(data.get("head_id") or ""), "person.edit")
    household = households.create_household(head, data.get("kk_number"))
    return jsonify(household_json(household)), 201


def load_household(household_id: str, action: str = "person.view") -> Household:
    try:
        household = households.get_household(household_id)
    except NotFound:
        raise APIError(404, "not_found", "Household not found.") from None
    require(action, household)
    return household


@endpoint("/households/<household_id>", summary="A household and its members", tag="registry",
          action="person.view", response=HOUSEHOLD)
def households_get(household_id: str) -> Any:
    household = load_household(household_id)
    audit.log_access("households", household.id, "api")
    for m in household.members:
        audit.log_access("persons", m.person_id, "api_household")
    return jsonify(household_json(household))


@endpoint("/households/<household_id>/members", ("POST",), summary="Add a member (exactly one head)",
          tag="registry", action="person.edit", response=HOUSEHOLD,
          body={"type": "object", "required": ["person_id", "relationship"], "properties": {
              "person_id": {"type": "string"}, "relationship": {"type": "string"}}})
def households_add_member(household_id: str) -> Any:
    household = load_household(household_id, "person.edit")
    data = json_body()
    person = load_person(str(data.get("person_id") or ""), "person.edit")
    households.add_member(household, person, str(data.get("relationship") or ""))
    return jsonify(household_json(household))
