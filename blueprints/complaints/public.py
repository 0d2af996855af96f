"""PUBLIC pages of the complaints desk: no login, built for a phone (docs/complaints.md).

* ``/aduan`` — the complaint form: a signed time-stamped token, a sum to answer and a hidden trap
  field (``blueprints.complaints.challenge``), plus a rate limit per address;
* ``/aduan/terkirim`` — the confirmation with the tracking number and the access code (once);
* ``/aduan/status`` — number + access code -> status and dates only, rate limited; a wrong code and
  an unknown number get the same answer.
"""

from __future__ import annotations

from typing import Any

from flask import redirect, render_template, request, url_for
from flask import session as web_session

from blueprints.complaints import bp, challenge
from blueprints.complaints.common import category_choices
from blueprints.complaints.forms import LookupForm, PublicComplaintForm
from blueprints.core.forms import label_choices, office_area_choices, office_root
from blueprints.core.ratelimit import limiter
from blueprints.core.security import public
from blueprints.core.transaction import service_errors
from service.complaints import desk, tracking
from service.core import settings
from service.core.errors import N_
from service.core.formatting import format_date

SENT_KEY = "complaint_sent"
FORM_LIMIT = "5 per minute;20 per hour;50 per day"
LOOKUP_LIMIT = "10 per minute;60 per hour"


def _public_form() -> PublicComplaintForm:
    form = PublicComplaintForm()
    form.category_code.choices = category_choices(N_("— pilih —"))
    form.area_code.choices = office_area_choices(None, N_("— pilih —"))
    form.complainant_relation.choices = label_choices({k: v for k, v in desk.RELATION_LABELS.items()
                                                if k != "institution"}, N_("— pilih —"))
    return form


@bp.route("/aduan", methods=["GET", "POST"])
@public
@limiter.limit(FORM_LIMIT, methods=["POST"])
def public_form() -> Any:
    """PUBLIC. Anyone may send a complaint or request; nothing already recorded is ever shown here."""
    form = _public_form()
    status = 200
    if form.validate_on_submit():
        with service_errors(form) as done:
            nonce = challenge.verify(form.token.data, form.answer.data, form.website.data)
            data = {name: getattr(form, name).data for name in (
                "category_code", "area_code", "location", "description", "complainant_name", "complainant_phone",
                "complainant_relation")}
            complaint, code = desk.register_complaint({**data, "channel": "web", "area_code": data["area_code"]
                                                       or office_root()}, form_nonce=nonce, require_contact=True)
        if done.ok:
            web_session[SENT_KEY] = {"number": complaint.number, "code": code,
                                     "due": format_date(complaint.due_on)}
            return redirect(url_for("complaints.public_sent"))
        status = 422
    elif request.method == "POST":
        status = 422
    fresh = challenge.issue()
    form.token.data = fresh.token
    form.answer.data = ""
    return render_template("complaints/public_form.html", form=form, question=fresh,
                           office=settings.office()), status


@bp.route("/aduan/terkirim")
@public
def public_sent() -> Any:
    """PUBLIC. Shown once after sending: the number and code the person needs to look it up."""
    sent = web_session.pop(SENT_KEY, None)
    if not sent:
        return redirect(url_for("complaints.public_form"))
    return render_template("complaints/public_sent.html", sent=sent, office=settings.office())


@bp.route("/aduan/status", methods=["GET", "POST"])
@public
@limiter.limit(LOOKUP_LIMIT, methods=["POST"])
def lookup() -> Any:
    """PUBLIC. Number + access code -> status and dates; nothing else about the complaint."""
    form = LookupForm()
    result = None
    status = 200
    if request.method == "POST":
        if form.validate_on_submit():
            result = tracking.lookup(form.number.data, form.code.data)
        if result is None:
            status = 404
    return render_template("complaints/public_lookup.html", form=form, result=result, searched=request.method == "POST",
                           office=settings.office()), status
