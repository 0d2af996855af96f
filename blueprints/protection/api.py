"""The protection area over the API — the same use cases as the pages (docs/protection.md)."""

from __future__ import annotations

import base64
from typing import Any

from flask import Response, jsonify, request

from blueprints.core.api import APIError, api_user, endpoint, json_body, query_int, require
from service.core.access import can
from service.core.db import parse_uuid, session
from service.core.errors import NotFound, ValidationError
from service.core.pagination import paginate
from service.protection import batches, cemetery, documents, letters, programmes, proposals
from service.protection.models import DtksBatch, DtksProposal, PbiRecommendation, ProgrammeMembership
from service.registry import persons as registry
from service.registry.models import Household, Person

_S = {"type": "string"}
_NS = {"type": ["string", "null"]}
PROPOSAL = {"type": "object", "properties": {
    "id": _S, "kind": _S, "removal_reason": _NS, "person_id": _NS, "household_id": _NS, "area_code": _S,
    "proposed_on": _S, "reason": _S, "status": _S, "batch_id": _NS, "answer": _NS, "answer_reason": _NS,
    "evidence": {"type": "array", "items": {"type": "object"}}}}
BATCH = {"type": "object", "properties": {"id": _S, "period": _S, "status": _S, "approved_on": _NS,
                                          "proposals": {"type": "array", "items": PROPOSAL}}}
MEMBERSHIP = {"type": "object", "properties": {"id": _S, "programme_code": _S, "person_id": _NS, "household_id": _NS,
                                               "status": _S, "stage": _NS, "started_on": _S, "ended_on": _NS}}
LETTER = {"type": "object", "properties": {"id": _S, "letter_number": _S, "letter_date": _S, "person_id": _S,
                                           "addressed_to": _S, "status": _S, "answered_on": _NS}}
PAGE = [{"name": n, "in": "query", "schema": _S} for n in ("q", "status", "kind", "page", "per_page")]


def _d(v: Any) -> str | None:
    return v.isoformat() if v is not None else None


def _s(v: Any) -> str | None:
    return str(v) if v is not None else None


def proposal_json(p: DtksProposal) -> dict[str, Any]:
    return {"id": str(p.id), "kind": p.kind, "removal_reason": p.removal_reason, "person_id": _s(p.person_id),
            "household_id": _s(p.household_id), "subject": p.subject_name, "area_code": p.area_code,
            "proposed_on": _d(p.proposed_on), "reason": p.reason, "status": p.status, "batch_id": _s(p.batch_id),
            "answer": p.answer, "answer_reason": p.answer_reason, "answered_on": _d(p.answered_on),
            "evidence": [{"kind": e.kind, "held_on": _d(e.held_on), "reference": e.reference, "officer": e.officer,
                          "finding": e.finding} for e in p.evidence]}


def batch_json(b: DtksBatch) -> dict[str, Any]:
    return {"id": str(b.id), "period": b.period, "status": b.status, "submitted_on": _d(b.submitted_on),
            "approved_on": _d(b.approved_on), "exported_on": _d(b.exported_on), "returned_reason": b.returned_reason,
            "proposals": [proposal_json(p) for p in b.proposals if can(api_user(), "protection.view", p)]}


def membership_json(m: ProgrammeMembership) -> dict[str, Any]:
    return {"id": str(m.id), "programme_code": m.programme_code, "person_id": _s(m.person_id),
            "household_id": _s(m.household_id), "area_code": m.area_code, "member_number": m.member_number,
            "stage": m.stage, "status": m.status, "started_on": _d(m.started_on), "ended_on": _d(m.ended_on),
            "status_reason": m.status_reason}


def letter_json(x: PbiRecommendation) -> dict[str, Any]:
    return {"id": str(x.id), "letter_number": x.letter_number, "letter_date": _d(x.letter_date),
            "person_id": str(x.person_id), "addressed_to": x.addressed_to, "reason": x.reason, "status": x.status,
            "answered_on": _d(x.answered_on), "responder": x.responder, "answer_note": x.answer_note}


def _load(getter: Any, record_id: str, action: str = "protection.view") -> Any:
    try:
        record = getter(record_id)
    except NotFound:
        raise APIError(404, "not_found", "Not found.") from None
    require(action, record, hide=True)
    return record


def _page(stmt: Any) -> Any:
    return paginate(stmt, query_int("page", minimum=1, default=1) or 1,
                    query_int("per_page", minimum=1, maximum=200, default=50) or 50)


def _subject(data: dict[str, Any], action: str = "protection.edit") -> tuple[Person | None, Household | None]:
    for model, key in ((Person, "person_id"), (Household, "household_id")):
        if data.get(key):
            uid = parse_uuid(data[key])
            thing = session.get(model, uid) if uid else None
            if thing is None or not can(api_user(), action, thing):
                raise APIError(404, "not_found", "Subject not found.")
            return (thing, None) if model is Person else (None, thing)
    if data.get("nik"):
        person = registry.find_by_nik(str(data["nik"]))
        if person is None or not can(api_user(), action, person):
            raise APIError(404, "not_found", "Subject not found.")
        return person, None
    raise ValidationError({"person_id": "Isi person_id, household_id atau nik."})


def _batch(batch_id: str, action: str = "protection.view") -> DtksBatch:
    """A batch is the whole office's (no area of its own): the role decides; its rows are filtered."""
    require(action)
    try:
        return batches.get_batch(batch_id)
    except NotFound:
        raise APIError(404, "not_found", "Not found.") from None


def _office_only() -> None:
    if api_user().area_code:
        raise APIError(403, "forbidden", "Batches are handled by office-wide staff.")


# ---------------------------------------------------------------- proposals
@endpoint("/protection/proposals", summary="DTKS/DTSEN proposals in the caller's area", tag="protection",
          action="protection.view", parameters=PAGE,
          response={"type": "object", "properties": {"items": {"type": "array", "items": PROPOSAL}}})
def protection_proposals() -> Any:
    a = request.args
    page = _page(proposals.proposal_query(api_user(), a.get("q"), a.get("status") or None, a.get("kind") or None))
    return jsonify({"items": [proposal_json(p) for p in page.items], **page.as_meta()})


@endpoint("/protection/proposals", ("POST",), summary="Propose a person or household: new, update or removal",
          tag="protection", action="protection.edit", status=201, response=PROPOSAL,
          body={"type": "object", "required": ["kind", "reason"], "properties": {k: _S for k in (
              "kind", "removal_reason", "person_id", "household_id", "nik", "reason", "proposed_on")}})
def protection_proposals_create() -> Any:
    data = json_body()
    person, household = _subject(data)
    prop = proposals.create_proposal({**data, "person_id": person.id if person else None,
                                      "household_id": household.id if household else None},
                                     worker_id=api_user().id)
    return jsonify(proposal_json(prop)), 201


@endpoint("/protection/proposals/<proposal_id>", summary="One proposal with its evidence and answer",
          tag="protection", action="protection.view", response=PROPOSAL)
def protection_proposal_get(proposal_id: str) -> Any:
    return jsonify(proposal_json(_load(proposals.get_proposal, proposal_id)))


@endpoint("/protection/proposals/<proposal_id>/evidence", ("POST",), summary="Attach minutes (musdes/muskel) "
          "or a home visit", tag="protection", action="protection.edit", status=201, response=PROPOSAL,
          body={"type": "object", "required": ["kind", "held_on"], "properties": {k: _S for k in (
              "kind", "held_on", "reference", "officer", "finding")}})
def protection_evidence_create(proposal_id: str) -> Any:
    prop = _load(proposals.get_proposal, proposal_id, "protection.edit")
    proposals.add_evidence(prop, json_body())
    return jsonify(proposal_json(prop)), 201


@endpoint("/protection/proposals/<proposal_id>/answer", ("POST",), summary="Record the ministry's answer for "
          "one row", tag="protection", action="protection.batch", response=PROPOSAL,
          body={"type": "object", "required": ["answer"], "properties": {k: _S for k in (
              "answer", "reason", "answered_on")}})
def protection_answer(proposal_id: str) -> Any:
    prop = _load(proposals.get_proposal, proposal_id, "protection.batch")
    data = json_body()
    batches.record_answer(prop, str(data.get("answer") or ""), data.get("reason"), data.get("answered_on"))
    return jsonify(proposal_json(prop))


# ---------------------------------------------------------------- batches
@endpoint("/protection/batches", summary="Batches of proposals, one per period", tag="protection",
          action="protection.view", response={"type": "object", "properties": {"items": {"type": "array"}}})
def protection_batches() -> Any:
    return jsonify({"items": [{"id": str(b.id), "period": b.period, "status": b.status,
                               "approved_on": _d(b.approved_on)} for b in session.scalars(batches.batch_query())]})


@endpoint("/protection/batches", ("POST",), summary="Open the batch of a period", tag="protection",
          action="protection.batch", status=201, response=BATCH,
          body={"type": "object", "required": ["period"], "properties": {"period": _S, "notes": _S}})
def protection_batches_create() -> Any:
    _office_only()
    data = json_body()
    return jsonify(batch_json(batches.create_batch(data.get("period"), data.get("notes")))), 201


@endpoint("/protection/batches/<batch_id>", summary="One batch with its proposals (those in the caller's area)",
          tag="protection", action="protection.view", response=BATCH)
def protection_batch_get(batch_id: str) -> Any:
    return jsonify(batch_json(_batch(batch_id)))


@endpoint("/protection/batches/<batch_id>/proposals", ("POST",), summary="Put verified proposals into the batch",
          tag="protection", action="protection.batch", response=BATCH,
          body={"type": "object", "required": ["proposal_ids"],
                "properties": {"proposal_ids": {"type": "array", "items": _S}}})
def protection_batch_add(batch_id: str) -> Any:
    _office_only()
    batch = _batch(batch_id, "protection.batch")
    batches.add_proposals(batch, list(json_body().get("proposal_ids") or []))
    return jsonify(batch_json(batch))


@endpoint("/protection/batches/<batch_id>/<step>", ("POST",), summary="`submit` (operator/supervisor), "
          "`approve` or `return` (head of office; `return` needs `reason`)", tag="protection",
          action="protection.view", response=BATCH,
          body={"type": "object", "properties": {"reason": _S}})
def protection_batch_step(batch_id: str, step: str) -> Any:
    action = {"submit": "protection.batch", "approve": "protection.approve", "return": "protection.approve"}.get(step)
    if action is None:
        raise APIError(404, "not_found", "Unknown step.")
    require(action)
    batch = _batch(batch_id, action)
    if step == "submit":
        _office_only()
        batches.submit(batch, api_user().id)
    elif step == "approve":
        batches.approve(batch, api_user().id)
    else:
        batches.return_batch(batch, str((json_body(required=False) or {}).get("reason") or ""))
    return jsonify(batch_json(batch))


@endpoint("/protection/batches/<batch_id>/export", summary="The file for the ministry's upload (`format` xlsx "
          "or csv); full NIKs, audited", tag="protection", action="protection.batch",
          parameters=[{"name": "format", "in": "query", "schema": _S}])
def protection_batch_export(batch_id: str) -> Any:
    _office_only()
    require("person.view_nik")
    batch = _batch(batch_id, "protection.batch")
    fmt = request.args.get("format", "xlsx")
    if fmt not in ("xlsx", "csv"):
        raise APIError(422, "validation", "format must be xlsx or csv.")
    content, filename, mime = batches.export(batch, fmt)
    return Response(content, mimetype=mime, headers={"Content-Disposition": f'attachment; filename="{filename}"'})


@endpoint("/protection/batches/<batch_id>/answers", ("POST",), summary="The ministry's answer file (CSV, "
          "base64 in `content`): ID_USULAN, HASIL, ALASAN", tag="protection", action="protection.batch",
          response=BATCH, body={"type": "object", "required": ["content"], "properties": {"content": _S}})
def protection_batch_answers(batch_id: str) -> Any:
    _office_only()
    batch = _batch(batch_id, "protection.batch")
    try:
        raw = base64.b64decode(str(json_body().get("content") or ""), validate=True)
    except ValueError:
        raise APIError(422, "validation", "content must be base64.") from None
    batches.import_answers(batch, raw)
    return jsonify(batch_json(batch))


# ---------------------------------------------------------------- programmes
@endpoint("/protection/memberships", summary="Programme memberships in the caller's area", tag="protection",
          action="protection.view", parameters=[{"name": n, "in": "query", "schema": _S} for n in (
              "programme", "status", "q", "page", "per_page")],
          response={"type": "object", "properties": {"items": {"type": "array", "items": MEMBERSHIP}}})
def protection_memberships() -> Any:
    a = request.args
    page = _page(programmes.membership_query(api_user(), a.get("programme") or None, a.get("status") or None,
                                             a.get("q")))
    return jsonify({"items": [membership_json(m) for m in page.items], **page.as_meta()})


@endpoint("/protection/memberships", ("POST",), summary="Enrol a household or person in a programme",
          tag="protection", action="protection.edit", status=201, response=MEMBERSHIP,
          body={"type": "object", "required": ["programme_code"], "properties": {k: _S for k in (
              "programme_code", "person_id", "household_id", "nik", "member_number", "stage", "started_on")}})
def protection_memberships_create() -> Any:
    data = json_body()
    person, household = _subject(data)
    m = programmes.enrol({**data, "person_id": person.id if person else None,
                          "household_id": household.id if household else None})
    return jsonify(membership_json(m)), 201


@endpoint("/protection/memberships/<membership_id>/status", ("POST",), summary="Stage, suspension, graduation "
          "or end of a membership", tag="protection", action="protection.edit", response=MEMBERSHIP,
          body={"type": "object", "required": ["status"], "properties": {k: _S for k in (
              "status", "stage", "on", "reason")}})
def protection_membership_status(membership_id: str) -> Any:
    m = _load(programmes.get_membership, membership_id, "protection.edit")
    data = json_body()
    programmes.change_status(m, str(data.get("status") or ""), reason=data.get("reason"), on=data.get("on"),
                             stage=data.get("stage"))
    return jsonify(membership_json(m))


@endpoint("/protection/double-listing", summary="Active members who died, persons in two households, "
          "programme households in two regions", tag="protection", action="protection.view")
def protection_double_listing() -> Any:
    return jsonify({"items": [{"check": x.check, "person_id": _s(x.person.id if x.person else None),
                               "household_id": _s(x.household.id if x.household else None), "count": int(x.detail)}
                              for x in programmes.double_listing(api_user())]})


# ---------------------------------------------------------------- PBI-JK letters
@endpoint("/protection/pbi-letters", summary="PBI-JK recommendation letters in the caller's area",
          tag="protection", action="protection.view",
          response={"type": "object", "properties": {"items": {"type": "array", "items": LETTER}}})
def protection_letters() -> Any:
    page = _page(letters.letter_query(api_user(), request.args.get("status") or None))
    return jsonify({"items": [letter_json(x) for x in page.items], **page.as_meta()})


@endpoint("/protection/pbi-letters", ("POST",), summary="Issue a PBI-JK recommendation letter", tag="protection",
          action="protection.edit", status=201, response=LETTER,
          body={"type": "object", "required": ["addressed_to", "reason"], "properties": {k: _S for k in (
              "person_id", "nik", "addressed_to", "reason", "letter_date")}})
def protection_letters_create() -> Any:
    data = json_body()
    person, _hh = _subject({k: v for k, v in data.items() if k != "household_id"})
    if person is None:
        raise APIError(422, "validation", "A letter is for a person.")
    return jsonify(letter_json(letters.issue(person, data))), 201


@endpoint("/protection/pbi-letters/<letter_id>/answer", ("POST",), summary="The hospital's or BPJS office's "
          "answer (accepted / rejected with `note`) or a cancellation", tag="protection", action="protection.edit",
          response=LETTER, body={"type": "object", "required": ["status"], "properties": {k: _S for k in (
              "status", "responder", "note", "answered_on")}})
def protection_letter_answer(letter_id: str) -> Any:
    x = _load(letters.get_letter, letter_id, "protection.edit")
    data = json_body()
    letters.record_answer(x, str(data.get("status") or ""), responder=str(data.get("responder") or ""),
                          note=data.get("note"), answered_on=data.get("answered_on"))
    return jsonify(letter_json(x))


# ---------------------------------------------------------------- civil documents, cemetery
@endpoint("/protection/civil-documents", ("POST",), summary="Record a civil document obtained (NIK, KK, akta, "
          "KIA): the dokumen_kependudukan delivery with it", tag="protection", action="protection.edit", status=201,
          body={"type": "object", "required": ["kind", "obtained_on"], "properties": {k: _S for k in (
              "person_id", "nik", "kind", "number", "obtained_on")}})
def protection_documents_create() -> Any:
    data = json_body()
    person, _hh = _subject({k: v for k, v in data.items() if k != "household_id"})
    doc = documents.record_document(person, data, worker_id=api_user().id, source="api")  # type: ignore[arg-type]
    return jsonify({"id": str(doc.id), "person_id": str(doc.person_id), "delivery_id": str(doc.delivery_id),
                    "kind": doc.kind, "obtained_on": _d(doc.obtained_on)}), 201


@endpoint("/protection/graves", summary="The heroes' cemetery's graves with their last maintenance",
          tag="protection", action="protection.view")
def protection_graves() -> Any:
    last = cemetery.last_maintained()
    return jsonify({"items": [{"id": str(g.id), "cemetery": g.cemetery, "plot": g.plot, "hero_name": g.hero_name,
                               "area_code": g.area_code, "last_maintained": _d(last.get(g.id))}
                              for g in session.scalars(cemetery.grave_query(api_user()))]})


@endpoint("/protection/graves/maintenance", ("POST",), summary="Record one maintenance over several graves",
          tag="protection", action="protection.manage", status=201,
          body={"type": "object", "required": ["grave_ids", "work", "done_on"], "properties": {
              "grave_ids": {"type": "array", "items": _S}, "work": _S, "done_on": _S, "notes": _S}})
def protection_maintenance_create() -> Any:
    data = json_body()
    ids = list(data.get("grave_ids") or [])
    for gid in ids:
        grave = session.get(cemetery.Grave, parse_uuid(gid)) if parse_uuid(gid) else None
        if grave is None or not can(api_user(), "protection.manage", grave):
            raise APIError(404, "not_found", "Grave not found.")
    rows = cemetery.record_maintenance(ids, data)
    return jsonify({"recorded": len(rows)}), 201


@endpoint("/protection/ceremonies", summary="National-day ceremonies of a year", tag="protection",
          action="protection.view", parameters=[{"name": "year", "in": "query", "schema": _S}])
def protection_ceremonies() -> Any:
    year = query_int("year", minimum=2000, maximum=2100)
    return jsonify({"items": [{"id": str(c.id), "day": c.day, "held_on": _d(c.held_on), "place": c.place,
                               "participants": c.participants, "area_code": c.area_code}
                              for c in session.scalars(cemetery.ceremony_query(api_user(), year))]})
