"""Family tracing and reunification on one page (open, contacts, attempts, status, reunify),
the follow-up visits after it, and the printable reunification record (*berita acara*)."""

from __future__ import annotations

from typing import Any

from flask import abort, flash, redirect, render_template, request, url_for

from blueprints.care import bp
from blueprints.care.common import case_context, case_for, labels, or_404
from blueprints.care.forms import (
    AttemptForm,
    ContactForm,
    ReunifyForm,
    TracingOpenForm,
    TracingStatusForm,
    VisitForm,
)
from blueprints.care.letters import html_pdf_response
from blueprints.core.i18n import tr
from blueprints.core.security import ensure, requires, user
from blueprints.core.transaction import service_errors
from service.care import tracing
from service.care.models.tracing import FollowUpVisit, Tracing
from service.casework import cases as casework
from service.casework.models import Case
from service.core import audit, clock, settings


def _tracing_forms(rec: Tracing | None) -> dict[str, Any]:
    forms = {"open": TracingOpenForm(prefix="o"), "contact": ContactForm(prefix="c"),
             "attempt": AttemptForm(prefix="a"), "status": TracingStatusForm(prefix="s"),
             "reunify": ReunifyForm(prefix="r")}
    forms["attempt"].channel.choices = labels(tracing.CHANNEL_LABELS)
    # reunified is reached only through the reunification form
    allowed = sorted(tracing.WORKFLOW.targets(rec.status) - {"reunified"}) if rec else []
    forms["status"].status.choices = [(s, tr(tracing.STATUS_LABELS[s])) for s in allowed]
    return forms


def _run(which: str, form: Any, case: Case, rec: Tracing | None) -> None:
    """The use case behind the submitted form ``which``."""
    uid = user().id
    if which == "open":
        tracing.open_tracing(case, form.opened_on.data)
        return
    assert rec is not None
    if which == "contact":
        tracing.add_contact(rec, form.name.data, form.relationship.data, phone=form.phone.data,
                            address=form.address.data)
    elif which == "attempt":
        tracing.record_attempt(rec, form.attempted_on.data, form.channel.data, form.result.data, by_id=uid)
    elif which == "status":
        tracing.set_status(rec, form.status.data)
    else:
        tracing.reunify(rec, form.reunified_on.data, form.relative_name.data, form.relationship.data,
                        form.place.data, notes=form.notes.data, by_id=uid)


@bp.route("/layanan/kasus/<case_id>/penelusuran", methods=["GET", "POST"])
@requires("tracing.view")
def tracing_page(case_id: str) -> Any:
    case = case_for(case_id, "tracing.view")
    rec = tracing.tracing_for(case)
    forms = _tracing_forms(rec)
    status = 200
    if request.method == "POST":
        ensure("tracing.edit", case)
        which = request.form.get("which") or ""
        form = forms.get(which)
        if form is None or (which != "open" and rec is None):
            abort(400)
        if form.validate_on_submit():
            with service_errors(form) as done:
                _run(which, form, case, rec)
            if done.ok:
                flash(tr("Penelusuran diperbarui."), "success")
                return redirect(url_for("care.tracing_page", case_id=case.id))
        status = 422
    else:
        audit.log_access("persons", case.person_id, "tracing")
    return _render_tracing(case, rec, forms, status)


def _visit_form(visit: FollowUpVisit) -> VisitForm:
    form = VisitForm(prefix=f"v{visit.months}")
    form.outcome.choices = labels(tracing.VISIT_OUTCOMES)
    return form


def _render_tracing(case: Case, rec: Tracing | None, forms: dict[str, Any], status: int = 200,
                    visit_override: tuple[Any, VisitForm] | None = None) -> Any:
    visit_forms = {}
    if rec is not None and rec.reunification is not None:
        for v in rec.reunification.visits:
            visit_forms[v.id] = _visit_form(v)
    if visit_override is not None:
        visit_forms[visit_override[0]] = visit_override[1]
    return render_template("care/tracing.html", **case_context(case), rec=rec, forms=forms,
                           visit_forms=visit_forms, today=clock.today(), labels=tracing.STATUS_LABELS,
                           channels=tracing.CHANNEL_LABELS, outcomes=tracing.VISIT_OUTCOMES), status


@bp.route("/layanan/kunjungan/<visit_id>", methods=["POST"])
@requires("tracing.edit")
def visit_record(visit_id: str) -> Any:
    visit = or_404(tracing.get_visit, visit_id)
    ensure("tracing.edit", visit)
    form = _visit_form(visit)
    if form.validate_on_submit():
        with service_errors(form) as done:
            tracing.record_visit(visit, form.visited_on.data, form.outcome.data, form.notes.data, by_id=user().id)
        if done.ok:
            flash(tr("Kunjungan dicatat."), "success")
            return redirect(url_for("care.tracing_page", case_id=visit.case_id))
    visit = or_404(tracing.get_visit, visit_id)
    case = or_404(casework.get_case, visit.case_id)
    rec = tracing.tracing_for(case)
    return _render_tracing(case, rec, _tracing_forms(rec), 422, (visit.id, form))


@bp.route("/layanan/kasus/<case_id>/reunifikasi.pdf")
@requires("tracing.view")
def reunification_pdf(case_id: str) -> Any:
    case = case_for(case_id, "tracing.view")
    rec = tracing.tracing_for(case)
    if rec is None or rec.reunification is None:
        abort(404)
    audit.log_access("persons", case.person_id, "print")
    html = render_template("care/print/reunification.html", office=settings.office(), r=rec.reunification,
                           **case_context(case))
    return html_pdf_response(html, f"reunifikasi-{case.number}.pdf")
