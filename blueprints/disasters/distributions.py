"""Aid cards and distributions on the web: issuing and printing the signed QR cards, the
public keys for offline verification, handing out aid (the double-distribution guard asks
for a reason), cancelling a wrong distribution."""

from __future__ import annotations

from typing import Any

from flask import Response, abort, flash, jsonify, redirect, render_template, request, url_for

from blueprints.core.i18n import tr
from blueprints.core.labels import ref_name
from blueprints.core.security import requires, user
from blueprints.core.transaction import service_errors
from blueprints.disasters import bp
from blueprints.disasters import forms as F
from blueprints.disasters.common import event_or_404, household_or_404, or_404
from blueprints.disasters.victims import household_page
from service.core import audit, settings
from service.core.db import session
from service.core.errors import ServiceError
from service.disasters import aid, cards, stock, victims


# ---------------------------------------------------------------- cards
@bp.route("/<event_id>/kk/<household_id>/kartu", methods=["POST"])
@requires("disaster.edit")
def card_issue(event_id: str, household_id: str) -> Any:
    ev = event_or_404(event_id, "disaster.edit")
    hh = household_or_404(ev, household_id)
    form = F.CardForm(prefix="c")
    if not form.validate_on_submit():
        abort(400)
    with service_errors(form) as done:
        card = cards.issue_card(hh, reissue_reason=form.reason.data)
    if not done.ok:
        return household_page(ev, hh, card_form=form, status=422)
    flash(tr("Kartu {serial} diterbitkan.", serial=card.serial), "success")
    return redirect(url_for("disasters.household", event_id=ev.id, household_id=hh.id))


@bp.route("/<event_id>/kartu")
@requires("disaster.view")
def cards_print(event_id: str) -> Any:
    """Cards to print: one (``?card=ID``) or the whole event on A4 sheets; ``?format=pdf``."""
    ev = event_or_404(event_id)
    rows = list(session.scalars(cards.cards_stmt(ev)))
    if request.args.get("card"):
        rows = [c for c in rows if str(c.id) == request.args["card"]]
        if not rows:
            abort(404)
    items = [(c, cards.qr_svg_data_uri(c.token)) for c in rows]
    if request.args.get("format") == "pdf":
        from service.core.exports.pdf import html_to_pdf

        html = render_template("disasters/cards_pdf.html", event=ev, items=items, office=settings.office())
        audit.log_event("export", "aid_cards", str(ev.id), {"format": "pdf", "count": len(items)})
        return Response(html_to_pdf(html), mimetype="application/pdf",
                        headers={"Content-Disposition": f"inline; filename=kartu-{ev.code}.pdf"})
    return render_template("disasters/cards.html", event=ev, items=items, office=settings.office())


@bp.route("/<event_id>/kunci.json")
@requires("disaster.view")
def card_keys(event_id: str) -> Any:
    """Public key(s) and revoked card ids for offline verification on the tablet."""
    ev = event_or_404(event_id)
    return jsonify({**cards.public_key_info(), "event": ev.code, "revoked": cards.revoked_ids(ev)})


# ---------------------------------------------------------------- distribution
def _distribution_form(form: F.DistributionForm) -> list[dict[str, Any]]:
    """Fill the pickers; each item and warehouse says its stock on hand. Returns the stock levels."""
    levels = stock.levels()
    per_item: dict[Any, int] = {}
    per_warehouse: dict[Any, int] = {}
    for row in levels:
        per_item[row["item"].id] = per_item.get(row["item"].id, 0) + row["quantity"]
        per_warehouse[row["warehouse"].id] = per_warehouse.get(row["warehouse"].id, 0) + row["quantity"]
    form.item_id.choices = [(str(i.id), tr("{name} ({unit}) · stok {qty}", name=ref_name(i), unit=i.unit,
                                          qty=per_item.get(i.id, 0))) for i in stock.items()]
    form.warehouse_id.choices = [(str(w.id), w.name) for w in session.scalars(stock.warehouses_stmt())]
    return [r for r in levels if r["quantity"] > 0]


def _card_household(token: str, ev: Any) -> Any:
    """The household of a scanned card, to show beside the guard's question (None when the card fails)."""
    try:
        return cards.verify_token(token, ev).card.household
    except ServiceError:
        return None


@bp.route("/<event_id>/distribusi", methods=["GET", "POST"])
@requires("disaster.distribute")
def distribute(event_id: str) -> Any:
    ev = event_or_404(event_id, "disaster.distribute")
    form = F.DistributionForm()
    levels = _distribution_form(form)
    q = request.args.get("q", "").strip()
    found = victims.search_victims(ev, q) if q else []
    chosen = None
    guard = False
    status = 200
    if request.method == "GET" and request.args.get("household"):
        chosen = household_or_404(ev, request.args["household"])
        form.household_id.data = str(chosen.id)
    if request.method == "GET":  # the next item for the same household: same warehouse and place
        if request.args.get("warehouse") in dict(form.warehouse_id.choices):
            form.warehouse_id.data = request.args["warehouse"]
        form.place.data = request.args.get("place", "")[:200] or None
    if request.method == "POST":
        status = 422
        if form.household_id.data:
            chosen = household_or_404(ev, form.household_id.data)
        if form.validate_on_submit():
            with service_errors(form) as done:
                dist = aid.distribute(
                    ev, item=stock.get_item(form.item_id.data), warehouse=stock.get_warehouse(form.warehouse_id.data),
                    quantity=form.quantity.data if form.quantity.data is not None else "", household=chosen,
                    card_token=(form.token.data or "").strip() or None, place=form.place.data,
                    volunteer_user_id=user().id, override_reason=form.override_reason.data)
            if done.ok:
                flash(tr("{item} × {qty} diberikan kepada rumah tangga {name}.", item=ref_name(dist.item),
                         qty=dist.quantity, name=dist.household.head.name), "success")
                # Stay with this household for its next item (the card need not be scanned again).
                return redirect(url_for("disasters.distribute", event_id=ev.id, household=dist.household_id,
                                        warehouse=form.warehouse_id.data, place=form.place.data or None))
            if isinstance(done.error, aid.DoubleDistribution):
                guard = True
                if form.token.data and chosen is None:
                    chosen = _card_household(form.token.data, ev)
    recent = list(session.scalars(aid.distributions_stmt(ev).limit(10)))
    return render_template("disasters/distribute.html", event=ev, form=form, q=q, found=found, chosen=chosen,
                           guard=guard, recent=recent, levels=levels), status


@bp.route("/<event_id>/distribusi/<distribution_id>/batal", methods=["GET", "POST"])
@requires("disaster.cancel_distribution")
def distribution_cancel(event_id: str, distribution_id: str) -> Any:
    ev = event_or_404(event_id, "disaster.cancel_distribution")
    dist = or_404(lambda value: aid.event_distribution(ev, value), distribution_id)
    form = F.CancelDistributionForm()
    status = 200
    if request.method == "POST":
        status = 422
        if form.validate_on_submit():
            with service_errors(form) as done:
                aid.cancel_distribution(dist, form.reason.data or "", by_id=user().id)
            if done.ok:
                flash(tr("Distribusi dibatalkan; stok dikembalikan ke gudang."), "success")
                return redirect(url_for("disasters.household", event_id=ev.id, household_id=dist.household_id))
    return render_template("disasters/distribution_cancel.html", event=ev, d=dist, form=form), status
