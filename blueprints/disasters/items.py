"""The aid catalogue on the web (``/bencana/gudang/barang``): the items with their Indonesian and English
names, unit, double-distribution rule and whether they are still in use; the office edits them here."""

from __future__ import annotations

from typing import Any

from flask import flash, redirect, render_template, url_for

from blueprints.core.i18n import tr
from blueprints.core.security import requires
from blueprints.core.transaction import service_errors
from blueprints.disasters import bp
from blueprints.disasters import forms as F
from blueprints.disasters.common import labels, or_404
from service.disasters import stock


@bp.route("/gudang/barang")
@requires("disaster.stock")
def items() -> Any:
    return render_template("disasters/items.html", items=stock.items(active_only=False),
                           guard_labels=stock.GUARD_LABELS)


@bp.route("/gudang/barang/<item_id>", methods=["GET", "POST"])
@requires("disaster.stock")
def item_edit(item_id: str) -> Any:
    item = or_404(stock.get_item, item_id)
    form = F.StockItemForm(obj=item)
    form.guard_period.choices = labels(stock.GUARD_LABELS, stock.GUARD_PERIODS)
    status = 200
    if form.is_submitted():
        status = 422
        if form.validate():
            with service_errors(form) as done:
                stock.update_item(item, name=form.name.data or "", name_en=form.name_en.data, unit=form.unit.data or "",
                                  guard_period=form.guard_period.data, active=bool(form.active.data))
            if done.ok:
                flash(tr("Tersimpan."), "success")
                return redirect(url_for("disasters.items"))
    return render_template("disasters/item_form.html", item=item, form=form), status
