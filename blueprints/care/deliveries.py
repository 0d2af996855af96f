"""Deliveries: the list, recording one on a case (with a photo or signed receipt), marking a
planned one delivered, voiding one with a reason, and the receipt download (docs/care.md)."""

from __future__ import annotations

import os
from typing import Any

from flask import abort, flash, redirect, render_template, request, send_file, url_for

from blueprints.care import bp
from blueprints.care.case_page import render_case
from blueprints.care.common import case_context, case_for, or_404, type_choices, type_names, uploads
from blueprints.care.forms import DeliveryForm, MarkDeliveredForm, VoidForm
from blueprints.core.i18n import tr
from blueprints.core.security import ensure, requires, user
from blueprints.core.transaction import service_errors
from service.care import deliveries
from service.care.models.deliveries import Delivery
from service.casework import cases as casework
from service.core import audit, periods
from service.core.errors import N_, ValidationError
from service.core.formatting import parse_date
from service.core.pagination import paginate, search_cap

LATE = N_("Bulan layanan ini sudah ditutup: data ditandai terlambat dicatat.")


@bp.route("/layanan/")
@requires("care.view")
def index() -> Any:
    q = (request.args.get("q") or "").strip()
    status = request.args.get("status") or None
    page = paginate(deliveries.visible_stmt(user(), q, status), request.args.get("page", 1, type=int), 25,
                    cap=search_cap(q))
    return render_template("care/index.html", page=page, q=q, status=status, names=type_names())


@bp.route("/layanan/kasus/<case_id>/pemberian/baru", methods=["GET", "POST"])
@requires("care.record")
def delivery_new(case_id: str) -> Any:
    case = case_for(case_id, "care.record")
    form = DeliveryForm()
    form.service_type_code.choices = type_choices()
    fields = ["service_type_code", "delivered_on", "planned_on", "quantity", "unit",
              "item_detail", "place", "cost", "notes", "receipt"]
    warning = None
    if form.validate_on_submit():
        warning = late_warning(form.delivered_on.data)
        if warning and not form.confirm_late.data:
            # Warn before saving into a closed month; the same form again with the confirmation box.
            return render_template("care/form.html", form=form, title=N_("Catat layanan"), multipart=True,
                                   warning=warning, fields=[*fields, "confirm_late"],
                                   back=url_for("care.case_page", case_id=case.id), **case_context(case))
        with service_errors(form) as done:
            d = deliveries.record_delivery(
                case.person, form.service_type_code.data, delivered_on=form.delivered_on.data,
                planned_on=form.planned_on.data, quantity=form.quantity.data, case=case,
                unit=(form.unit.data or "").strip() or None, item_detail=form.item_detail.data or None,
                place=form.place.data or None, worker_id=user().id, cost=form.cost.data, notes=form.notes.data or None)
            upload = form.receipt.data
            if upload and getattr(upload, "filename", ""):
                deliveries.attach_receipt(d, upload.filename, upload.read(), uploads())
        if done.ok:
            msg = N_("Layanan dicatat sebagai diberikan.") if d.delivered_on else N_("Layanan dicatat sebagai rencana.")
            flash(tr(msg), "success")
            if d.late:
                flash(tr(LATE), "warning")
            return redirect(url_for("care.case_page", case_id=case.id))
    return render_template("care/form.html", form=form, title=N_("Catat layanan"), multipart=True,
                           fields=fields + (["confirm_late"] if warning else []), warning=warning,
                           back=url_for("care.case_page", case_id=case.id), **case_context(case)), \
        422 if form.errors else 200


def late_warning(raw: Any) -> str | None:
    """The translated "<month> is closed; this entry will be flagged late" for a date, or None."""
    try:
        day = parse_date(raw, "delivered_on")
    except ValidationError:
        return None  # the use case says what is wrong with the date
    found = periods.late_warning(day)
    return tr(found[0], month=tr(found[1]["month"])) if found else None


def _delivery(delivery_id: str, action: str) -> Delivery:
    d = or_404(deliveries.get_delivery, delivery_id)
    ensure(action, deliveries.access_target(d))
    return d  # type: ignore[no-any-return]


def _back_to(d: Delivery) -> Any:
    return redirect(url_for("care.case_page", case_id=d.case_id) if d.case_id else url_for("care.index"))


def _row_action(delivery_id: str, action: str, form: Any, field: str, fn: Any, ok: str) -> Any:
    """An inline form on a delivery row: redirect on success, else the page again (422) with the error."""
    d = _delivery(delivery_id, action)
    if form.validate_on_submit():
        with service_errors(form) as done:
            fn(d)
        if done.ok:
            flash(tr(ok), "success")
            if d.late and not d.voided:
                flash(tr(LATE), "warning")
            return _back_to(d)
    errors = [str(e) for f in form for e in f.errors]
    if not d.case_id:
        for e in errors:
            flash(e, "error")
        return _back_to(d)
    case = or_404(casework.get_case, d.case_id)
    return render_case(case, 422, {d.id: {field: errors[0] if errors else tr("Periksa isian.")}})


@bp.route("/layanan/pemberian/<delivery_id>/batal", methods=["POST"])
@requires("care.void")
def delivery_void(delivery_id: str) -> Any:
    form = VoidForm()
    return _row_action(delivery_id, "care.void", form, "void_reason",
                       lambda d: deliveries.void_delivery(d, form.void_reason.data, user().id),
                       N_("Data layanan dibatalkan; tetap tersimpan dan tidak dihitung."))


@bp.route("/layanan/pemberian/<delivery_id>/diberikan", methods=["POST"])
@requires("care.record")
def delivery_mark(delivery_id: str) -> Any:
    form = MarkDeliveredForm()
    return _row_action(delivery_id, "care.record", form, "delivered_on",
                       lambda d: deliveries.mark_delivered(d, form.delivered_on.data),
                       N_("Layanan dicatat sebagai diberikan."))


@bp.route("/layanan/pemberian/<delivery_id>/bukti")
@requires("care.view")
def delivery_receipt(delivery_id: str) -> Any:
    d = _delivery(delivery_id, "care.view")
    if not d.attachment_path:
        abort(404)
    path = os.path.join(uploads(), d.attachment_path)
    if not os.path.exists(path):
        abort(404)
    ext = d.attachment_path.rsplit(".", 1)[-1]
    audit.log_access("persons", d.person_id, "receipt")
    return send_file(path, mimetype=deliveries.RECEIPT_TYPES[ext])
