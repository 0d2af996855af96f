"""Disaster events on the web: the list (with expiry warnings), create, edit, the summary page."""

from __future__ import annotations

from typing import Any

from flask import flash, redirect, render_template, request, url_for

from blueprints.core.i18n import tr
from blueprints.core.security import ensure, requires, user
from blueprints.core.transaction import service_errors
from blueprints.disasters import bp
from blueprints.disasters import forms as F
from blueprints.disasters.common import event_or_404, labels
from service.core.access import can
from service.core.pagination import paginate
from service.disasters import aid, events, report, stock, volunteers
from service.disasters.models.events import EVENT_STATUSES, EVENT_TYPES

FIELDS = ("name", "event_type", "category", "area_code", "village_codes", "started_on", "emergency_start",
          "emergency_end", "status", "summary")


@bp.route("/")
@requires("disaster.view")
def index() -> Any:
    q = request.args.get("q", "").strip()
    page = paginate(events.events_for(user(), q), request.args.get("page", 1, type=int), 25)
    warnings = stock.expiry_warnings() if can(user(), "disaster.stock") else []
    return render_template("disasters/index.html", page=page, q=q, warnings=warnings)


def _event_form(form: F.EventForm) -> None:
    form.event_type.choices = labels(events.TYPE_LABELS, EVENT_TYPES)
    form.category.choices = [("", tr("Sesuai jenis"))] + labels(events.CATEGORY_LABELS, tuple(events.CATEGORY_LABELS))
    form.status.choices = labels(events.STATUS_LABELS, EVENT_STATUSES)


def _form_data(form: F.EventForm) -> dict[str, Any]:
    return {k: form[k].data for k in FIELDS if k in form}  # the edit form has no event_type


@bp.route("/baru", methods=["GET", "POST"])
@requires("disaster.manage")
def event_new() -> Any:
    form = F.EventForm()
    _event_form(form)
    if form.validate_on_submit():
        with service_errors(form) as done:
            ev = events.create_event(_form_data(form))
            ensure("disaster.view", ev)
        if done.ok:
            flash(tr("Kejadian {code} dibuat.", code=ev.code), "success")
            return redirect(url_for("disasters.event", event_id=ev.id))
    return render_template("disasters/event_form.html", form=form), 422 if request.method == "POST" else 200


@bp.route("/<event_id>/ubah", methods=["GET", "POST"])
@requires("disaster.manage")
def event_edit(event_id: str) -> Any:
    ev = event_or_404(event_id, "disaster.manage")
    form = F.EventForm(obj=ev if request.method == "GET" else None)
    _event_form(form)
    del form.event_type  # the type fixed the code; it is not changed afterwards
    if request.method == "GET":
        form.village_codes.data = "; ".join(ev.village_codes)
        form.category.data = ev.category
    if form.validate_on_submit():
        with service_errors(form) as done:
            events.update_event(ev, _form_data(form))
            ensure("disaster.view", ev)
        if done.ok:
            flash(tr("Perubahan disimpan."), "success")
            return redirect(url_for("disasters.event", event_id=ev.id))
    return render_template("disasters/event_form.html", form=form, editing=ev), \
        422 if request.method == "POST" else 200


@bp.route("/<event_id>")
@requires("disaster.view")
def event(event_id: str) -> Any:
    ev = event_or_404(event_id)
    return render_template("disasters/event.html", event=ev, report=report.situation_report(ev),
                           deployments=volunteers.deployments_for(ev), kitchen=aid.kitchen_days(ev)[:7])
