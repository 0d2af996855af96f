"""Return home (*pemulangan*): planning one on a case, its page (handover or cancel) and the
printable handover record."""

from __future__ import annotations

from typing import Any

from flask import abort, flash, redirect, render_template, request, url_for

from blueprints.care import bp
from blueprints.care.common import case_context, case_for, found, labels
from blueprints.care.forms import HandoverForm, ReturnCancelForm, ReturnForm
from blueprints.care.letters import html_pdf_response
from blueprints.core.i18n import tr
from blueprints.core.security import ensure, requires, user
from blueprints.core.transaction import service_errors
from service.care import returns
from service.care.models.returns import ReturnHome
from service.core import audit, settings
from service.core.errors import N_
from service.reference import regions


def _return(return_id: str, action: str) -> ReturnHome:
    return found(returns.get_return, return_id, action)  # type: ignore[no-any-return]


@bp.route("/layanan/kasus/<case_id>/pemulangan/baru", methods=["GET", "POST"])
@requires("return.edit")
def return_new(case_id: str) -> Any:
    case = case_for(case_id, "return.edit")
    form = ReturnForm()
    form.kind.choices = labels(returns.KIND_LABELS)
    if form.validate_on_submit():
        with service_errors(form) as done:
            item = returns.plan_return(
                case, form.kind.data, form.origin_region_code.data, form.destination_region_code.data,
                form.transport.data, form.travel_on.data, destination_address=form.destination_address.data,
                cost=form.cost.data, escort=form.escort.data, notes=form.notes.data)
        if done.ok:
            flash(tr("Rencana pemulangan disimpan."), "success")
            return redirect(url_for("care.return_page", return_id=item.id))
    return render_template("care/form.html", form=form, title=N_("Rencana pemulangan"),
                           fields=["kind", "origin_region_code", "destination_region_code", "destination_address",
                                   "transport", "cost", "escort", "travel_on", "notes"],
                           back=url_for("care.case_page", case_id=case.id), **case_context(case)), \
        422 if form.errors else 200


@bp.route("/layanan/pemulangan/<return_id>", methods=["GET", "POST"])
@requires("return.view")
def return_page(return_id: str) -> Any:
    item = _return(return_id, "return.view")
    handover = HandoverForm(prefix="h")
    handover.receiver_role.choices = labels(returns.RECEIVER_LABELS)
    cancel = ReturnCancelForm(prefix="x")
    status = 200
    if request.method == "POST":
        ensure("return.edit", item)
        which = request.form.get("which")
        form = handover if which == "handover" else cancel
        if form.validate_on_submit():
            with service_errors(form) as done:
                if which == "handover":
                    returns.complete_return(item, handover.handed_over_on.data, handover.receiver_name.data,
                                            handover.receiver_role.data,
                                            receiver_relationship=handover.receiver_relationship.data,
                                            worker_id=user().id)
                else:
                    returns.cancel_return(item, cancel.reason.data)
            if done.ok:
                flash(tr("Pemulangan diperbarui."), "success")
                return redirect(url_for("care.return_page", return_id=item.id))
        status = 422
    else:
        audit.log_access("persons", item.person_id, "return")
    return render_template("care/return.html", item=item, handover=handover, cancel=cancel,
                           kinds=returns.KIND_LABELS, labels=returns.STATUS_LABELS, receivers=returns.RECEIVER_LABELS,
                           region=regions.label, **case_context(item.case)), status


@bp.route("/layanan/pemulangan/<return_id>/berita-acara.pdf")
@requires("return.view")
def return_pdf(return_id: str) -> Any:
    item = _return(return_id, "return.view")
    if item.status != "completed":
        abort(404)
    audit.log_access("persons", item.person_id, "print")
    html = render_template("care/print/return.html", office=settings.office(), item=item, region=regions.label,
                           kinds=returns.KIND_LABELS, receivers=returns.RECEIVER_LABELS, **case_context(item.case))
    return html_pdf_response(html, f"serah-terima-{item.case.number}.pdf")
