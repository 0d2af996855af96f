"""Referrals over the API: the list the caller may see, drafting, one referral, send (the
letter and the one-time answer URL, returned once), the staff-recorded answer, complete, cancel."""

from __future__ import annotations

from typing import Any

from flask import jsonify, request

from blueprints.care.api.common import DATE, NSTR, PAGE, REASON, STR, TAG, case_for, found, iso, page_of, text
from blueprints.care.letters import send_and_store
from blueprints.core.api import APIError, api_user, endpoint, json_body
from blueprints.core.urls import public_url
from service.care import institutions, referrals
from service.care.models.referrals import Referral

REFERRAL = {"type": "object", "properties": {
    "id": STR, "case_id": STR, "institution": {"type": "object"}, "status": {"enum": list(referrals.STATUS_LABELS)},
    "reason": STR, "summary": STR, "consent_checked": {"type": "boolean"}, "letter_number": NSTR,
    "letter_date": DATE, "verify_url": NSTR, "answered_by": NSTR, "answer_channel": NSTR, "decline_reason": NSTR,
    "completed_on": DATE, "cancel_reason": NSTR, "delivery_id": NSTR}}
REFERRAL_IN = {"type": "object", "required": ["institution_id", "reason", "summary"], "properties": {
    "institution_id": STR, "reason": STR, "summary": STR, "consent_checked": {"type": "boolean"}}}


def ser_referral(r: Referral) -> dict[str, Any]:
    verify = public_url("care.verify_letter", code=r.verify_code) if r.verify_code else None
    return {"id": str(r.id), "case_id": str(r.case_id),
            "institution": {"id": str(r.institution.id), "name": r.institution.name, "kind": r.institution.kind},
            "status": r.status, "reason": r.reason, "summary": r.summary, "consent_checked": r.consent_checked,
            "letter_number": r.letter_number, "letter_date": iso(r.letter_date), "verify_url": verify,
            "answered_by": r.answered_by, "answer_channel": r.answer_channel, "decline_reason": r.decline_reason,
            "completed_on": iso(r.completed_on), "cancel_reason": r.cancel_reason, "delivery_id": text(r.delivery_id)}


@endpoint("/referrals", summary="Referrals the caller may see", tag=TAG, action="referral.view",
          parameters=[{"name": "status", "in": "query", "schema": {"enum": list(referrals.STATUS_LABELS)}}, *PAGE],
          response={"type": "object", "properties": {"items": {"type": "array", "items": REFERRAL},
                                                     "meta": {"type": "object"}}})
def list_referrals() -> Any:
    status = request.args.get("status")
    if status and status not in referrals.STATUS_LABELS:
        raise APIError(422, "validation_error", "Unknown status.", {"status": "unknown"})
    page = page_of(referrals.visible_stmt(api_user(), status=status))
    return jsonify({"items": [ser_referral(r) for r in page.items], "meta": page.as_meta()})


@endpoint("/cases/<case_id>/referrals", ("POST",), summary="Draft a referral", tag=TAG, action="referral.edit",
          body=REFERRAL_IN, response=REFERRAL, status=201)
def create_referral(case_id: str) -> Any:
    case = case_for(case_id, "referral.edit")
    data = json_body()
    inst = institutions.get_institution(data["institution_id"]) if data.get("institution_id") else None
    ref = referrals.create_referral(case, inst, str(data.get("reason") or ""), str(data.get("summary") or ""),
                                    consent_checked=bool(data.get("consent_checked")), by_id=api_user().id)
    return jsonify(ser_referral(ref)), 201


def _referral(referral_id: str, action: str) -> Referral:
    return found(referrals.get_referral, referral_id, action)  # type: ignore[no-any-return]


@endpoint("/referrals/<referral_id>", summary="One referral", tag=TAG, action="referral.view", response=REFERRAL)
def get_referral(referral_id: str) -> Any:
    return jsonify(ser_referral(_referral(referral_id, "referral.view")))


@endpoint("/referrals/<referral_id>/send", ("POST",),
          summary="Send: number the letter, make its PDF with QR and a one-time answer link (returned once)", tag=TAG,
          action="referral.edit",
          response={"type": "object", "properties": {"referral": REFERRAL, "answer_url": STR, "letter_url": STR}})
def send_referral(referral_id: str) -> Any:
    ref = _referral(referral_id, "referral.edit")
    token = send_and_store(ref)
    return jsonify({"referral": ser_referral(ref),
                    "answer_url": public_url("care.answer_link", token=token),
                    "letter_url": public_url("care.referral_letter", referral_id=ref.id)})


@endpoint("/referrals/<referral_id>/answer", ("POST",), summary="Record the institution's answer (staff)", tag=TAG,
          action="referral.edit", response=REFERRAL,
          body={"type": "object", "required": ["accept", "responder"], "properties": {
              "accept": {"type": "boolean"}, "responder": STR, "decline_reason": STR}})
def answer_referral(referral_id: str) -> Any:
    ref = _referral(referral_id, "referral.edit")
    data = json_body()
    if not isinstance(data.get("accept"), bool):
        raise APIError(422, "validation_error", "accept must be true or false.", {"accept": "must be a boolean"})
    referrals.record_answer(ref, data["accept"], str(data.get("responder") or ""), data.get("decline_reason"))
    return jsonify(ser_referral(ref))


@endpoint("/referrals/<referral_id>/complete", ("POST",), summary="Complete: records the rujukan delivery", tag=TAG,
          action="referral.edit", response=REFERRAL,
          body={"type": "object", "required": ["completed_on"], "properties": {"completed_on": DATE}})
def complete_referral(referral_id: str) -> Any:
    ref = _referral(referral_id, "referral.edit")
    referrals.complete_referral(ref, json_body().get("completed_on"), worker_id=api_user().id)
    return jsonify(ser_referral(ref))


@endpoint("/referrals/<referral_id>/cancel", ("POST",), summary="Cancel a referral with a reason", tag=TAG,
          action="referral.edit", response=REFERRAL, body=REASON)
def cancel_referral(referral_id: str) -> Any:
    ref = _referral(referral_id, "referral.edit")
    referrals.cancel_referral(ref, str(json_body().get("reason") or ""))
    return jsonify(ser_referral(ref))
