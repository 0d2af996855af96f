"""The PSKS register over the API — the same use cases as the pages (docs/psks.md)."""

from __future__ import annotations

from typing import Any

from flask import jsonify, request

from blueprints.core.api import APIError, api_user, endpoint, json_body, query_int, require
from blueprints.core.security import AreaOnly
from service.core.access import can
from service.core.db import parse_uuid, session
from service.core.errors import Conflict, NotFound
from service.core.pagination import paginate
from service.psks import documents, register, trainings
from service.psks.models import PsksOrganisation, PsksTraining, PsksWorker

_S = {"type": "string"}
_NS = {"type": ["string", "null"]}
WORKER = {"type": "object", "properties": {
    "id": _S, "kind": _S, "name": _S, "nik": _NS, "sex": _NS, "area_code": _S, "phone": _NS,
    "appointment_number": _NS, "certificate_number": _NS, "active": {"type": "boolean"}}}
ORGANISATION = {"type": "object", "properties": {
    "id": _S, "kind": _S, "name": _S, "institution_id": _NS, "area_code": _NS, "leader_name": _NS,
    "active": {"type": "boolean"}, "documents": {"type": "array", "items": {"type": "object"}}}}
TRAINING = {"type": "object", "properties": {
    "id": _S, "title": _S, "organiser": _NS, "starts_on": _S, "ends_on": _S, "location": _NS, "area_code": _S,
    "participants": {"type": "array", "items": {"type": "object"}}}}
PAGE_PARAMS = [{"name": n, "in": "query", "schema": _S} for n in ("q", "kind", "page", "per_page")]


def _d(value: Any) -> str | None:
    return value.isoformat() if value is not None else None


def worker_json(w: PsksWorker, show_nik: bool) -> dict[str, Any]:
    return {"id": str(w.id), "kind": w.kind, "name": w.name, "nik": w.nik if show_nik else None, "sex": w.sex,
            "birth_date": _d(w.birth_date), "area_code": w.area_code, "phone": w.phone, "address": w.address,
            "appointment_number": w.appointment_number, "appointed_on": _d(w.appointed_on),
            "certificate_number": w.certificate_number, "active": w.active, "ended_on": _d(w.ended_on),
            "version": w.version}


def document_json(d: Any) -> dict[str, Any]:
    return {"id": str(d.id), "kind": d.kind, "number": d.number, "issued_on": _d(d.issued_on),
            "expires_on": _d(d.expires_on), "grade": d.grade, "issuer": d.issuer}


def organisation_json(o: PsksOrganisation) -> dict[str, Any]:
    current = documents.in_force(o)
    return {"id": str(o.id), "kind": o.kind, "name": o.display_name, "institution_id": _s(o.institution_id),
            "area_code": o.area_code, "address": o.institution.address if o.institution else o.address,
            "leader_name": o.contact, "registration_number": o.registration_number, "members": o.members,
            "services": o.services, "active": o.active,
            "documents": [{**document_json(d), "in_force": current.get(d.kind) is d} for d in o.documents]}


def training_json(t: PsksTraining) -> dict[str, Any]:
    return {"id": str(t.id), "title": t.title, "organiser": t.organiser, "starts_on": _d(t.starts_on),
            "ends_on": _d(t.ends_on), "location": t.location, "area_code": t.area_code,
            "participants": [{"id": str(p.id), "worker_id": _s(p.worker_id), "organisation_id": _s(p.organisation_id),
                              "representative": p.representative, "certificate_number": p.certificate_number}
                             for p in t.participations]}


def _s(value: Any) -> str | None:
    return str(value) if value is not None else None


def _load(getter: Any, record_id: str, action: str = "psks.view") -> Any:
    try:
        record = getter(record_id)
    except NotFound:
        raise APIError(404, "not_found", "Not found.") from None
    require(action, record, hide=True)
    return record


def _area_allowed(area: Any) -> None:
    if area and not can(api_user(), "psks.manage", AreaOnly(str(area))):
        raise APIError(403, "forbidden", "The area lies outside yours.")


def _page(stmt: Any) -> Any:
    return paginate(stmt, query_int("page", minimum=1, default=1) or 1,
                    query_int("per_page", minimum=1, maximum=200, default=50) or 50)


# ---------------------------------------------------------------- persons
@endpoint("/psks/workers", summary="PSKS persons (TKSK, PSM, penyuluh, pekerja sosial, …) in the caller's area",
          tag="psks", action="psks.view", parameters=PAGE_PARAMS,
          response={"type": "object", "properties": {"items": {"type": "array", "items": WORKER}}})
def psks_workers() -> Any:
    page = _page(register.worker_query(api_user(), request.args.get("q"), request.args.get("kind") or None))
    show = can(api_user(), "person.view_nik")
    return jsonify({"items": [worker_json(w, show) for w in page.items], **page.as_meta()})


WORKER_BODY = {"type": "object", "required": ["kind", "name", "area_code"],
               "properties": {k: _S for k in ("kind", "name", "nik", "sex", "birth_date", "phone", "address",
                                              "area_code", "appointment_number", "appointed_on",
                                              "certificate_number", "ended_on", "notes")}}


def _or_409(fn: Any, *args: Any) -> Any:
    try:
        return fn(*args)
    except Conflict as exc:
        raise APIError(409, "conflict", str(exc)) from None


@endpoint("/psks/workers", ("POST",), summary="Register a PSKS person", tag="psks", action="psks.manage",
          status=201, body=WORKER_BODY, response=WORKER)
def psks_workers_create() -> Any:
    data = json_body()
    _area_allowed(data.get("area_code"))
    worker = _or_409(register.create_worker, data)
    return jsonify(worker_json(worker, True)), 201


@endpoint("/psks/workers/<worker_id>", summary="One PSKS person with the trainings attended", tag="psks",
          action="psks.view", response=WORKER)
def psks_worker_get(worker_id: str) -> Any:
    worker = _load(register.get_worker, worker_id)
    body = worker_json(worker, can(api_user(), "person.view_nik"))
    body["trainings"] = [{"training_id": str(p.training_id), "title": p.training.title,
                          "ends_on": _d(p.training.ends_on)} for p in worker.participations]
    return jsonify(body)


@endpoint("/psks/workers/<worker_id>", ("PUT",), summary="Update a PSKS person", tag="psks", action="psks.manage",
          body=WORKER_BODY, response=WORKER)
def psks_worker_update(worker_id: str) -> Any:
    worker = _load(register.get_worker, worker_id, "psks.manage")
    data = json_body()
    _area_allowed(data.get("area_code"))
    return jsonify(worker_json(_or_409(register.update_worker, worker, data), True))


# ---------------------------------------------------------------- institutions
@endpoint("/psks/organisations", summary="PSKS institutions (LKS, Karang Taruna, LK3, …) in the caller's area",
          tag="psks", action="psks.view", parameters=PAGE_PARAMS,
          response={"type": "object", "properties": {"items": {"type": "array", "items": ORGANISATION}}})
def psks_organisations() -> Any:
    page = _page(register.organisation_query(api_user(), request.args.get("q"), request.args.get("kind") or None))
    return jsonify({"items": [organisation_json(o) for o in page.items], **page.as_meta()})


@endpoint("/psks/organisations", ("POST",), summary="Register a PSKS institution; an LKS links "
          "`institution_id` of the institutions register or is created there", tag="psks", action="psks.manage",
          status=201, response=ORGANISATION,
          body={"type": "object", "required": ["kind"],
                "properties": {k: _S for k in ("kind", "institution_id", "name", "region_code", "address",
                                               "leader_name", "phone", "registration_number", "founded_on",
                                               "members", "services", "notes")}})
def psks_organisations_create() -> Any:
    data = json_body()
    if not data.get("institution_id"):
        _area_allowed(data.get("region_code"))
    org = register.create_organisation(data)
    return jsonify(organisation_json(org)), 201


@endpoint("/psks/organisations/<organisation_id>", summary="One PSKS institution with its documents", tag="psks",
          action="psks.view", response=ORGANISATION)
def psks_organisation_get(organisation_id: str) -> Any:
    return jsonify(organisation_json(_load(register.get_organisation, organisation_id)))


@endpoint("/psks/organisations/<organisation_id>/documents", ("POST",), summary="Record an LKS document "
          "(tanda daftar, izin operasional, akreditasi)", tag="psks", action="psks.manage", status=201,
          body={"type": "object", "required": ["kind", "number", "issued_on"],
                "properties": {k: _S for k in ("kind", "number", "issued_on", "expires_on", "grade", "issuer")}})
def psks_documents_create(organisation_id: str) -> Any:
    org = _load(register.get_organisation, organisation_id, "psks.manage")
    return jsonify(document_json(documents.add_document(org, json_body()))), 201


@endpoint("/psks/expiring", summary="LKS documents in force that lapse within the warning window or have lapsed",
          tag="psks", action="psks.view")
def psks_expiring() -> Any:
    return jsonify({"days": documents.warning_days(), "items": [
        {"organisation_id": str(d.organisation.id), "organisation": d.organisation.display_name,
         "stage": d.stage, "days_left": d.days_left, **document_json(d.document)}
        for d in documents.due_documents(user=api_user())]})


# ---------------------------------------------------------------- trainings
@endpoint("/psks/trainings", summary="Trainings of PSKS in the caller's area", tag="psks", action="psks.view",
          parameters=[{"name": n, "in": "query", "schema": _S} for n in ("q", "year", "page", "per_page")],
          response={"type": "object", "properties": {"items": {"type": "array", "items": TRAINING}}})
def psks_trainings() -> Any:
    page = _page(trainings.training_query(api_user(), request.args.get("q"), query_int("year", minimum=2000,
                                                                                       maximum=2100)))
    return jsonify({"items": [training_json(t) for t in page.items], **page.as_meta()})


@endpoint("/psks/trainings", ("POST",), summary="Record a training", tag="psks", action="psks.manage", status=201,
          response=TRAINING, body={"type": "object", "required": ["title", "starts_on", "area_code"],
                                   "properties": {k: _S for k in ("title", "organiser", "starts_on", "ends_on",
                                                                  "location", "area_code", "notes")}})
def psks_trainings_create() -> Any:
    data = json_body()
    _area_allowed(data.get("area_code") or "-")
    return jsonify(training_json(trainings.create_training(data))), 201


@endpoint("/psks/trainings/<training_id>", summary="One training with its participants", tag="psks",
          action="psks.view", response=TRAINING)
def psks_training_get(training_id: str) -> Any:
    return jsonify(training_json(_load(trainings.get_training, training_id)))


@endpoint("/psks/trainings/<training_id>/participants", ("POST",), summary="Add a participant: a PSKS person "
          "(`worker_id`) or an institution (`organisation_id`)", tag="psks", action="psks.manage", status=201,
          response=TRAINING, body={"type": "object", "properties": {k: _S for k in (
              "worker_id", "organisation_id", "representative", "certificate_number")}})
def psks_participants_create(training_id: str) -> Any:
    training = _load(trainings.get_training, training_id, "psks.manage")
    data = json_body()
    wid, oid = parse_uuid(data.get("worker_id")), parse_uuid(data.get("organisation_id"))
    worker = session.get(PsksWorker, wid) if wid else None
    org = session.get(PsksOrganisation, oid) if oid else None
    for thing, given in ((worker, data.get("worker_id")), (org, data.get("organisation_id"))):
        if given and (thing is None or not can(api_user(), "psks.view", thing)):
            raise APIError(404, "not_found", "Participant not found.")
    trainings.add_participant(training, worker=worker, organisation=org, representative=data.get("representative"),
                              certificate_number=data.get("certificate_number"))
    return jsonify(training_json(training)), 201
