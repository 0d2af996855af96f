"""The year's Renja plan (upload), the SPM targets and the service type → sub-activity mapping."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

from flask import abort, flash, redirect, render_template, request, url_for
from sqlalchemy import select

from blueprints.core.forms import ActionForm
from blueprints.core.i18n import tr
from blueprints.core.security import requires
from blueprints.core.transaction import service_errors
from blueprints.reports import bp
from blueprints.reports import sources as record_sources
from blueprints.reports.forms import PlanUploadForm
from service.core import clock
from service.core.db import session
from service.core.errors import N_, ValidationError
from service.reference.models import BasicService, ServiceType
from service.reports import renja_plans, spm


@bp.route("/rencana", methods=["GET", "POST"])
@requires("plan.import")
def plan() -> Any:
    form = PlanUploadForm(prefix="p")
    status = 200
    if request.method == "POST" and request.form.get("which") == "targets":
        y = request.form.get("year", type=int) or clock.today().year
        with service_errors(form) as done:
            for bs in session.scalars(select(BasicService)):
                spm.set_target(y, bs.code, request.form.get(f"target-{bs.code}"))
        if done.ok:
            flash(tr("Sasaran SPM disimpan."), "success")
            return redirect(url_for("reports.plan", year=y))
        status = 422
    elif form.validate_on_submit():
        upload = form.file.data
        with service_errors(form) as done:
            if upload is None or not getattr(upload, "filename", ""):
                raise ValidationError({"file": N_("Pilih berkas rencana.")})
            p, counts = renja_plans.import_plan(upload.read(), upload.filename, form.year.data)
        if done.ok:
            flash(tr("Rencana {year} dimuat: {rows} baris ({inserted} baru, {updated} diubah, {deleted} dihapus).",
                     year=p.year, rows=len(p.rows), **{k: counts[k] for k in ("inserted", "updated", "deleted")}),
                  "success")
            return redirect(url_for("reports.plan", year=p.year))
        status = 422
    elif request.method == "POST":
        status = 422
    year = request.args.get("year", type=int) or form.year.data or clock.today().year
    if not form.year.data:
        form.year.data = year
    return render_template("reports/plan.html", form=form, plan=renja_plans.get_plan(year), year=year,
                           targets=spm.targets(year),
                           services=list(session.scalars(select(BasicService).order_by(BasicService.order))),
                           target_errors={k: v for k, v in form.errors.items() if k.startswith("target-")}), status


class InputErrors:
    """Where ``service_errors`` puts a service error's messages when the inputs are not a form's
    fields (the mapping table's ``<type>-spm`` / ``<type>-other``): one message per input name."""

    def __init__(self) -> None:
        self.inputs: dict[str, SimpleNamespace] = {}

    def __getattr__(self, name: str) -> SimpleNamespace:
        return self.inputs.setdefault(name, SimpleNamespace(errors=[]))

    def messages(self) -> dict[str, str]:
        return {name: box.errors[0] for name, box in self.inputs.items() if box.errors}


@bp.route("/pemetaan", methods=["GET", "POST"])
@requires("plan.mapping")
def mapping() -> Any:
    form = ActionForm()
    errors: dict[str, str] = {}
    status = 200
    if request.method == "POST":
        if not form.validate_on_submit():
            abort(400)
        inputs = InputErrors()
        with service_errors(inputs) as done:
            for code in renja_plans.effective_mapping():
                renja_plans.set_mapping(code, request.form.get(f"{code}-spm"), request.form.get(f"{code}-other"))
            record_sources.save_mapping(request.form, [c for c, _n in record_sources.mapping_rows(_plan_year())])
        if done.ok:
            flash(tr("Pemetaan disimpan."), "success")
            return redirect(url_for("reports.mapping"))
        errors, status = inputs.messages(), 422
    types = list(session.scalars(select(ServiceType).order_by(ServiceType.group, ServiceType.code)))
    return render_template("reports/mapping.html", form=form, types=types, mapping=renja_plans.effective_mapping(),
                           overrides=renja_plans.overrides(), errors=errors,
                           posted=request.form if status == 422 else None,
                           **record_sources.mapping_context(_plan_year())), status


def _plan_year() -> int:
    """The year whose plan's sub-activities the mapping page lists (``?year=``, default this year)."""
    return request.args.get("year", clock.today().year, type=int)
