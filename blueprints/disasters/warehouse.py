"""The warehouse on the web (``/bencana/gudang``): stock on hand and batches with expiry
warnings, receipts, issues to an event, transfers, new warehouses, the ledger."""

from __future__ import annotations

from typing import Any

from flask import flash, redirect, render_template, request, url_for

from blueprints.core.i18n import tr
from blueprints.core.labels import ref_name
from blueprints.core.security import ensure, requires, user
from blueprints.core.transaction import service_errors
from blueprints.disasters import bp
from blueprints.disasters import forms as F
from blueprints.disasters.common import labels, or_404
from service.core.db import session
from service.core.errors import N_, ValidationError
from service.core.pagination import paginate
from service.disasters import batches, events, stock
from service.disasters.models.stock import RECEIPT_SOURCES


def _receive(form: F.ReceiptForm) -> None:
    stock.receive(or_404(stock.get_warehouse, form.warehouse_id.data), or_404(stock.get_item, form.item_id.data),
                  form.quantity.data if form.quantity.data is not None else "", source=form.source.data,
                  document_ref=form.document_ref.data or "", received_on=form.received_on.data,
                  expires_on=form.expires_on.data)


def _issue_or_transfer(form: F.IssueForm) -> None:
    src, item = or_404(stock.get_warehouse, form.warehouse_id.data), or_404(stock.get_item, form.item_id.data)
    qty = form.quantity.data if form.quantity.data is not None else ""
    if form.target_id.data:
        stock.transfer(src, or_404(stock.get_warehouse, form.target_id.data), item, qty,
                       document_ref=form.document_ref.data)
    elif form.event_id.data:
        ev = or_404(events.get_event, form.event_id.data)
        ensure("disaster.view", ev, hide=True)
        stock.issue(src, item, qty, event=ev, document_ref=form.document_ref.data)
    else:
        raise ValidationError({"event_id": N_("Pilih kejadian tujuan atau gudang tujuan.")})


@bp.route("/gudang", methods=["GET", "POST"])
@requires("disaster.stock")
def warehouse() -> Any:
    receipt, out, new = F.ReceiptForm(prefix="r"), F.IssueForm(prefix="i"), F.WarehouseForm(prefix="w")
    wh_choices = [(str(w.id), w.name) for w in session.scalars(stock.warehouses_stmt(user()))]
    item_choices = [(str(i.id), f"{ref_name(i)} ({i.unit})") for i in stock.items()]
    receipt.warehouse_id.choices = out.warehouse_id.choices = wh_choices
    receipt.item_id.choices = out.item_id.choices = item_choices
    receipt.source.choices = labels(stock.SOURCE_LABELS, RECEIPT_SOURCES)
    out.event_id.choices = [("", "—")] + [(str(e.id), f"{e.code} {e.name}")
                                          for e in session.scalars(events.events_for(user()))]
    out.target_id.choices = [("", "—")] + wh_choices
    status = 200
    if request.method == "POST":
        status = 422
        which = request.form.get("which")
        form = {"receipt": receipt, "issue": out, "warehouse": new}.get(which or "")
        if form is not None and form.validate_on_submit():
            with service_errors(form) as done:
                if which == "warehouse":
                    stock.create_warehouse(new.code.data, new.name.data, new.area_code.data, new.address.data)
                elif which == "receipt":
                    _receive(receipt)
                else:
                    _issue_or_transfer(out)
            if done.ok:
                flash(tr("Tersimpan."), "success")
                return redirect(url_for("disasters.warehouse"))
    page = paginate(stock.movements_stmt(), request.args.get("page", 1, type=int), 25)
    return render_template("disasters/warehouse.html", levels=stock.levels(), receipt=receipt, out=out, new=new,
                           page=page, batches=batches.remaining(user=user()),
                           warning_days=batches.EXPIRY_WARNING_DAYS), status
