"""Budget realisation views: the payment (or correction) form, pagu revisions, the budget upload."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from flask import abort, current_app, flash, jsonify, redirect, render_template, request, url_for

from blueprints.core.i18n import tr
from blueprints.core.security import requires, user
from blueprints.core.transaction import service_errors
from blueprints.performance import bp, office_wide
from blueprints.performance.forms import BudgetImportForm, PaymentForm, RevisionForm
from service.core import audit, clock
from service.core.db import session
from service.core.errors import ValidationError
from service.core.imports import get_run, progress_of
from service.performance import budget_import, payments
from service.reports import renja_plans
from service.reports.spm import check_year


def _year() -> int:
    try:
        return check_year(request.values.get("year") or clock.today().year)
    except ValidationError:
        abort(404)


def _sub_choices(year: int) -> list[tuple[str, str]]:
    plan = renja_plans.get_plan(year)
    if plan is None:
        return []
    return [(r.code, f"{r.name} ({r.code})") for r in plan.rows if r.level == "sub_kegiatan"]


@bp.route("/belanja/baru", methods=["GET", "POST"])
@requires("budget.record")
def payment_new() -> Any:
    """Record a payment against a sub-activity (or a correction: a negative amount with a reason)."""
    office_wide("budget.record")
    form = PaymentForm()
    year = clock.today().year
    form.code.choices = _sub_choices(year) + [c for c in _sub_choices(year - 1) if c not in _sub_choices(year)]
    if request.method == "GET" and request.args.get("code"):
        form.code.data = request.args["code"]
    if form.validate_on_submit():
        with service_errors(form) as done:
            payment = payments.record_payment(form.code.data, form.paid_on.data, form.amount.data,
                                              form.funding_source.data, form.document_no.data,
                                              form.description.data, form.reason.data)
        if done.ok:
            flash(tr("Pembayaran {number} dicatat.", number=payment.document_no), "success")
            return redirect(url_for("performance.payments_page", year=payment.paid_on.year, code=payment.code))
    status = 422 if request.method == "POST" else 200
    return render_template("performance/payment_form.html", form=form), status


@bp.route("/pagu", methods=["GET", "POST"])
@requires("budget.view")
def revisions_page() -> Any:
    """The pagu history of a year (pergeseran / perubahan anggaran) and, for a supervisor, a new revision."""
    office_wide("budget.view")
    year = _year()
    form = RevisionForm()
    form.code.choices = _sub_choices(year)
    status = 200
    if request.method == "POST":
        office_wide("budget.revise")
        if form.validate_on_submit():
            with service_errors(form) as done:
                rev = payments.revise_budget(year, form.code.data, form.effective_on.data, form.budget.data,
                                             form.kind.data, form.reason.data, form.document_no.data)
            if done.ok:
                flash(tr("Pagu {code} diubah mulai {date}.", code=rev.code, date=rev.effective_on.strftime("%d/%m/%Y")),
                      "success")
                return redirect(url_for("performance.revisions_page", year=year))
        status = 422
    plan = renja_plans.get_plan(year)
    names = {r.code: r.name for r in plan.rows} if plan else {}
    planned = {r.code: r.budget for r in plan.rows} if plan else {}
    return render_template("performance/revisions.html", form=form, year=year, revisions=payments.revisions(year),
                           names=names, planned=planned, plan=plan), status


# ---------------------------------------------------------------- upload
@bp.route("/impor", methods=["GET", "POST"])
@requires("budget.import")
def import_page() -> Any:
    office_wide("budget.import")
    form = BudgetImportForm()
    status = 200
    if form.validate_on_submit():
        upload = form.file.data
        name = (getattr(upload, "filename", "") or "").strip()
        data = upload.read() if upload else b""
        if not name or not data:
            form.file.errors = [tr("Pilih berkas CSV atau XLSX.")]
            status = 422
        elif not name.lower().endswith((".csv", ".xlsx")):
            form.file.errors = [tr("Berkas harus CSV atau XLSX.")]
            status = 422
        else:
            run = budget_import.start_run(Path(name).name, user().id)
            session.commit()
            if current_app.config.get("TESTING") and not current_app.config.get("IMPORT_IN_BACKGROUND"):
                budget_import.execute_run(run, data)
                session.commit()
            else:
                budget_import.run_in_background(run.id, data, audit.current_actor())
            return redirect(url_for("performance.import_run", run_id=run.id))
    elif request.method == "POST":
        status = 422
    return render_template("performance/import.html", form=form), status


def _get_run(run_id: str) -> Any:
    run = get_run(run_id)
    if run is None or run.kind != budget_import.KIND:
        abort(404)
    session.refresh(run)  # progress is written by the importing worker's own transactions
    if run.started_by_id != user().id and user().role != "supervisor":
        abort(403)
    return run


@bp.route("/impor/<run_id>")
@requires("budget.import")
def import_run(run_id: str) -> Any:
    run = _get_run(run_id)
    return render_template("performance/import_run.html", run=run, progress=progress_of(run))


@bp.route("/impor/<run_id>/status")
@requires("budget.import")
def import_status(run_id: str) -> Any:
    return jsonify(progress_of(_get_run(run_id)))
