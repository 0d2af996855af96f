"""Disaster response and TAGANA: events, victims, shelters, stock, aid cards, distributions,
kitchen, psychosocial support, compensation, roster, situation report.

Every route checks the role (``@requires``) and the record (``ensure`` on the event,
which hides events a TAGANA volunteer is not deployed to: 404).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from flask import Blueprint, Response, abort, flash, jsonify, redirect, render_template, request, url_for
from sqlalchemy import select

from blueprints.core.forms import ActionForm, apply_errors
from blueprints.core.i18n import tr, tr_error
from blueprints.core.nav import register_nav, register_tile
from blueprints.core.security import ensure, requires, user
from blueprints.disasters import forms as F
from service.core import audit, settings
from service.core.access import can
from service.core.db import session
from service.core.errors import N_, Conflict, NotFound, ServiceError, ValidationError
from service.core.pagination import paginate
from service.disasters import aid, cards, stock, volunteers
from service.disasters import events as disasters
from service.disasters.models.events import (
    DAMAGE_LEVELS,
    EVENT_STATUSES,
    EVENT_TYPES,
    VICTIM_STATUSES,
    VULNERABLE_GROUPS,
)
from service.disasters.models.stock import RECEIPT_SOURCES
from service.registry import persons as registry

bp = Blueprint("disasters", __name__, url_prefix="/bencana")

register_nav(40, "disasters.index", N_("Bencana"), "disaster.view")
register_tile(("pimpinan", "supervisor", "operator", "tagana", "auditor"), "disasters.index", N_("Bencana"),
              N_("Kejadian bencana, korban, pos pengungsian, distribusi bantuan, laporan situasi."))
register_tile(("supervisor", "operator"), "disasters.warehouse", N_("Gudang bantuan"),
              N_("Stok buffer: penerimaan, pengeluaran, mutasi, kedaluwarsa."))
register_tile(("supervisor", "operator"), "disasters.roster", N_("TAGANA"),
              N_("Daftar anggota, pelatihan, penugasan ke kejadian."))


def _labels(mapping: dict[str, str], codes: tuple[str, ...] | list[str]) -> list[tuple[str, str]]:
    return [(c, tr(mapping.get(c, c))) for c in codes]


@bp.app_context_processor
def _labels_ctx() -> dict[str, Any]:
    return {"D": disasters, "stock_labels": stock.KIND_LABELS, "source_labels": stock.SOURCE_LABELS}


def _event(event_id: str, action: str = "disaster.view") -> Any:
    try:
        event = disasters.get_event(event_id)
    except NotFound:
        abort(404)
    ensure(action, event, hide=True)
    return event


def _household(event: Any, household_id: str) -> Any:
    try:
        hh = disasters.get_household(household_id)
    except NotFound:
        abort(404)
    if hh.event_id != event.id:
        abort(404)
    return hh


def _victim_choices(event: Any) -> list[tuple[str, str]]:
    return [(str(v.id), f"{v.person.name} ({tr(disasters.VICTIM_STATUS_LABELS[v.status])})")
            for v in session.scalars(select(disasters.Victim).where(disasters.Victim.event_id == event.id)
                                     .join(disasters.Person, disasters.Person.id == disasters.Victim.person_id)
                                     .order_by(disasters.Person.name))]


def _fail(form: Any, exc: ServiceError) -> None:
    session.rollback()
    apply_errors(form, exc)


# ---------------------------------------------------------------- events
@bp.route("/")
@requires("disaster.view")
def index() -> Any:
    q = request.args.get("q", "").strip()
    page = paginate(disasters.events_for(user(), q), request.args.get("page", 1, type=int), 25)
    warnings = stock.expiry_warnings() if can(user(), "disaster.stock") else []
    return render_template("disasters/index.html", page=page, q=q, warnings=warnings)


def _event_form(form: F.EventForm) -> None:
    form.event_type.choices = _labels(disasters.TYPE_LABELS, EVENT_TYPES)
    form.category.choices = [("", tr("Sesuai jenis"))] + _labels(disasters.CATEGORY_LABELS,
                                                                  tuple(disasters.CATEGORY_LABELS))
    form.status.choices = _labels(disasters.STATUS_LABELS, EVENT_STATUSES)


@bp.route("/baru", methods=["GET", "POST"])
@requires("disaster.manage")
def event_new() -> Any:
    form = F.EventForm()
    _event_form(form)
    if form.validate_on_submit():
        try:
            event = disasters.create_event({k: getattr(form, k).data for k in
                                            ("name", "event_type", "category", "area_code", "village_codes",
                                             "started_on", "emergency_start", "emergency_end", "status",
                                             "summary")})
            ensure("disaster.view", event)
            session.commit()
        except ValidationError as exc:
            _fail(form, exc)
        else:
            flash(tr("Kejadian {code} dibuat.", code=event.code), "success")
            return redirect(url_for("disasters.event", event_id=event.id))
    return render_template("disasters/event_form.html", form=form), 422 if request.method == "POST" else 200


@bp.route("/<event_id>/ubah", methods=["GET", "POST"])
@requires("disaster.manage")
def event_edit(event_id: str) -> Any:
    ev = _event(event_id, "disaster.manage")
    form = F.EventForm(obj=ev if request.method == "GET" else None)
    _event_form(form)
    del form.event_type  # the type fixed the code; it is not changed afterwards
    if request.method == "GET":
        form.village_codes.data = "; ".join(ev.village_codes)
        form.category.data = ev.category
    if form.validate_on_submit():
        try:
            disasters.update_event(ev, {k: getattr(form, k).data for k in
                                        ("name", "category", "area_code", "village_codes", "started_on",
                                         "emergency_start", "emergency_end", "status", "summary")})
            ensure("disaster.view", ev)
            session.commit()
        except ValidationError as exc:
            _fail(form, exc)
        else:
            flash(tr("Perubahan disimpan."), "success")
            return redirect(url_for("disasters.event", event_id=ev.id))
    return render_template("disasters/event_form.html", form=form, editing=ev), \
        422 if request.method == "POST" else 200


@bp.route("/<event_id>/korban/<victim_id>/status", methods=["POST"])
@requires("disaster.edit")
def victim_status(event_id: str, victim_id: str) -> Any:
    ev = _event(event_id, "disaster.edit")
    try:
        victim = disasters.get_victim(victim_id)
    except NotFound:
        abort(404)
    if victim.event_id != ev.id:
        abort(404)
    if not ActionForm().validate_on_submit():
        abort(400)
    try:
        disasters.update_victim(victim, status=request.form.get("status") or "")
        session.commit()
        flash(tr("Status {name} diperbarui.", name=victim.person.name), "success")
    except ValidationError as exc:
        session.rollback()
        flash(tr_error(exc), "error")
    return redirect(url_for("disasters.household", event_id=ev.id, household_id=victim.household_id))


@bp.route("/<event_id>")
@requires("disaster.view")
def event(event_id: str) -> Any:
    ev = _event(event_id)
    report = disasters.situation_report(ev)
    return render_template("disasters/event.html", event=ev, report=report,
                           deployments=volunteers.deployments_for(ev), kitchen=aid.kitchen_days(ev)[:7])


# ---------------------------------------------------------------- victims
@bp.route("/<event_id>/korban")
@requires("disaster.view")
def victims(event_id: str) -> Any:
    ev = _event(event_id)
    q = request.args.get("q", "").strip()
    page = paginate(disasters.households_stmt(ev, q), request.args.get("page", 1, type=int), 25)
    valid = {c.household_id for c in session.scalars(cards.cards_stmt(ev))}
    return render_template("disasters/victims.html", event=ev, page=page, q=q, carded=valid)


def _victim_form(form: F.VictimForm, head: bool) -> None:
    form.status.choices = _labels(disasters.VICTIM_STATUS_LABELS, VICTIM_STATUSES)
    form.vulnerable_groups.choices = _labels(disasters.VULNERABLE_LABELS, VULNERABLE_GROUPS)
    form.damage_level.choices = _labels(disasters.DAMAGE_LABELS, DAMAGE_LEVELS)
    rels = disasters.RELATIONSHIPS if head else disasters.RELATIONSHIPS[1:]
    form.relationship_code.choices = _labels(disasters.RELATIONSHIP_LABELS, rels)
    from service.reference.models import ServiceType

    codes = disasters._bencana_components()
    names = {s.code: s.name_id for s in session.scalars(select(ServiceType).where(ServiceType.code.in_(codes)))}
    form.needs.choices = [(c, tr(names.get(c, c))) for c in codes]
    if request.method == "GET" and not form.needs.data:
        form.needs.data = codes


def _register(ev: Any, form: F.VictimForm, household: Any = None) -> tuple[Any, Any]:
    """Run register_victim from the form; returns (victim, conflict person or None)."""
    if form.use_person_id.data:
        try:
            person: Any = registry.get_person(form.use_person_id.data)
        except NotFound:
            abort(404)
        ensure("disaster.edit", ev)
    else:
        person = {"nama": form.name.data, "nik": form.nik.data, "jenis_kelamin": form.sex.data,
                  "tanggal_lahir": form.birth_date.data, "age": form.age.data,
                  "kode_wilayah": form.village_code.data or (household.village_code if household else None),
                  "address": form.address.data}
    try:
        victim = disasters.register_victim(
            ev, person, household=household, relationship_code=form.relationship_code.data or "kepala_keluarga",
            status=form.status.data, vulnerable_groups=form.vulnerable_groups.data or [],
            damage_level=form.damage_level.data or None, address=form.address.data or None,
            needs=form.needs.data or [], by_id=user().id)
        session.commit()
        return victim, None
    except Conflict as exc:
        session.rollback()
        existing = None
        if exc.existing_id is not None:
            try:
                existing = registry.get_person(exc.existing_id)
            except NotFound:
                existing = None
        if existing is not None and not isinstance(person, registry.Person):
            form.nik.errors = [tr_error(exc)]
        else:
            flash(tr_error(exc), "error")
        return None, existing
    except ValidationError as exc:
        _fail(form, exc)
        return None, None


@bp.route("/<event_id>/korban/baru", methods=["GET", "POST"])
@requires("disaster.edit")
def victim_new(event_id: str) -> Any:
    ev = _event(event_id, "disaster.edit")
    form = F.VictimForm()
    _victim_form(form, head=True)
    existing = None
    duplicates: list[Any] = []
    if request.method == "POST" and form.validate_on_submit():
        victim, existing = _register(ev, form)
        if victim is not None:
            flash(tr("{name} terdaftar sebagai korban.", name=victim.person.name), "success")
            return redirect(url_for("disasters.household", event_id=ev.id, household_id=victim.household_id))
        if not form.use_person_id.data:
            duplicates = disasters.likely_duplicates({"nama": form.name.data, "tanggal_lahir": form.birth_date.data})
    status = 422 if request.method == "POST" else 200
    return render_template("disasters/victim_form.html", event=ev, form=form, existing=existing,
                           duplicates=duplicates, household=None), status


@bp.route("/<event_id>/kk/<household_id>", methods=["GET", "POST"])
@requires("disaster.view")
def household(event_id: str, household_id: str) -> Any:
    ev = _event(event_id)
    hh = _household(ev, household_id)
    form = F.VictimForm(prefix="m")
    _victim_form(form, head=False)
    existing = None
    status = 200
    if request.method == "POST":
        ensure("disaster.edit", ev, hide=True)
        if form.validate_on_submit():
            victim, existing = _register(ev, form, household=hh)
            if victim is not None:
                flash(tr("{name} ditambahkan ke rumah tangga.", name=victim.person.name), "success")
                return redirect(url_for("disasters.household", event_id=ev.id, household_id=hh.id))
        status = 422
    if request.method == "GET":
        for member in hh.members:
            audit.log_access("persons", member.person_id, purpose="disaster_household")
        session.commit()
    card = cards.valid_card(hh)
    dists = list(session.scalars(aid.distributions_stmt(ev, hh)))
    return render_template("disasters/household.html", event=ev, household=hh, form=form, existing=existing,
                           card=card, card_form=F.CardForm(prefix="c"), distributions=dists,
                           confirm=ActionForm(), statuses=_labels(disasters.VICTIM_STATUS_LABELS,
                                                                       VICTIM_STATUSES),
                           qr=cards.qr_svg_data_uri(card.token) if card else None), status


@bp.route("/<event_id>/kk/<household_id>/kartu", methods=["POST"])
@requires("disaster.edit")
def card_issue(event_id: str, household_id: str) -> Any:
    ev = _event(event_id, "disaster.edit")
    hh = _household(ev, household_id)
    form = F.CardForm(prefix="c")
    if not form.validate_on_submit():
        abort(400)
    try:
        card = cards.issue_card(hh, reissue_reason=form.reason.data)
        session.commit()
        flash(tr("Kartu {serial} diterbitkan.", serial=card.serial), "success")
    except ValidationError as exc:
        session.rollback()
        flash(tr_error(exc), "error")
    return redirect(url_for("disasters.household", event_id=ev.id, household_id=hh.id))


@bp.route("/<event_id>/kartu")
@requires("disaster.view")
def cards_print(event_id: str) -> Any:
    """Cards to print: one (``?card=ID``) or the whole event on A4 sheets; ``?format=pdf``."""
    ev = _event(event_id)
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
        session.commit()
        return Response(html_to_pdf(html), mimetype="application/pdf",
                        headers={"Content-Disposition": f"inline; filename=kartu-{ev.code}.pdf"})
    return render_template("disasters/cards.html", event=ev, items=items, office=settings.office())


@bp.route("/<event_id>/kunci.json")
@requires("disaster.view")
def card_keys(event_id: str) -> Any:
    """Public key(s) and revoked card ids for offline verification on the tablet."""
    ev = _event(event_id)
    info = cards.public_key_info()
    session.commit()
    return jsonify({**info, "event": ev.code, "revoked": cards.revoked_ids(ev)})


# ---------------------------------------------------------------- distribution
def _distribution_form(form: F.DistributionForm) -> None:
    form.item_id.choices = [(str(i.id), f"{i.name} ({i.unit})") for i in stock.items()]
    form.warehouse_id.choices = [(str(w.id), w.name) for w in session.scalars(stock.warehouses_stmt())]


@bp.route("/<event_id>/distribusi", methods=["GET", "POST"])
@requires("disaster.distribute")
def distribute(event_id: str) -> Any:
    ev = _event(event_id, "disaster.distribute")
    form = F.DistributionForm()
    _distribution_form(form)
    q = request.args.get("q", "").strip()
    found = disasters.search_victims(ev, q) if q else []
    chosen = None
    guard = False
    status = 200
    if request.method == "GET" and request.args.get("household"):
        chosen = _household(ev, request.args["household"])
        form.household_id.data = str(chosen.id)
    if request.method == "POST":
        status = 422
        if form.household_id.data:
            chosen = _household(ev, form.household_id.data)
        if form.validate_on_submit():
            try:
                dist = aid.distribute(
                    ev, item=stock.get_item(form.item_id.data), warehouse=stock.get_warehouse(form.warehouse_id.data),
                    quantity=form.quantity.data if form.quantity.data is not None else "", household=chosen,
                    card_token=(form.token.data or "").strip() or None, place=form.place.data,
                    volunteer_user_id=user().id, override_reason=form.override_reason.data)
                session.commit()
            except aid.DoubleDistribution as exc:
                _fail(form, exc)
                guard = True
                if form.token.data and chosen is None:
                    try:
                        chosen = cards.verify_token(form.token.data, ev).card.household
                    except ServiceError:
                        chosen = None
            except (ValidationError, NotFound) as exc:
                _fail(form, exc)
            else:
                flash(tr("{item} × {qty} diberikan kepada rumah tangga {name}.", item=dist.item.name,
                         qty=dist.quantity, name=dist.household.head.name), "success")
                return redirect(url_for("disasters.distribute", event_id=ev.id))
    recent = list(session.scalars(aid.distributions_stmt(ev).limit(10)))
    return render_template("disasters/distribute.html", event=ev, form=form, q=q, found=found, chosen=chosen,
                           guard=guard, recent=recent), status


@bp.route("/<event_id>/distribusi/<distribution_id>/batal", methods=["GET", "POST"])
@requires("disaster.cancel_distribution")
def distribution_cancel(event_id: str, distribution_id: str) -> Any:
    ev = _event(event_id, "disaster.cancel_distribution")
    try:
        dist = aid.event_distribution(ev, distribution_id)
    except NotFound:
        abort(404)
    form = F.CancelDistributionForm()
    status = 200
    if request.method == "POST":
        status = 422
        if form.validate_on_submit():
            try:
                aid.cancel_distribution(dist, form.reason.data or "", by_id=user().id)
                session.commit()
            except ValidationError as exc:
                _fail(form, exc)
            else:
                flash(tr("Distribusi dibatalkan; stok dikembalikan ke gudang."), "success")
                return redirect(url_for("disasters.household", event_id=ev.id, household_id=dist.household_id))
    return render_template("disasters/distribution_cancel.html", event=ev, d=dist, form=form), status


# ---------------------------------------------------------------- shelters and kitchen
@bp.route("/<event_id>/pengungsian", methods=["GET", "POST"])
@requires("disaster.view")
def shelters(event_id: str) -> Any:
    ev = _event(event_id)
    form = F.ShelterForm(prefix="s")
    checkin = F.CheckInForm(prefix="ci")
    kitchen = F.KitchenForm(prefix="k")
    rows = disasters.shelters_with_occupancy(ev)
    for f in (checkin, kitchen):
        f.shelter_id.choices = [(str(s.id), s.name) for s, _n in rows]
    checkin.victim_id.choices = _victim_choices(ev)
    status = 200
    which = request.form.get("which")
    if request.method == "POST":
        ensure("disaster.edit", ev, hide=True)
        status = 422
        try:
            if which == "shelter" and form.validate_on_submit():
                disasters.create_shelter(ev, form.name.data, form.capacity.data if form.capacity.data is not None
                                         else "", place=form.place.data, village_code=form.village_code.data or None)
                session.commit()
                flash(tr("Pos pengungsian dibuat."), "success")
                return redirect(url_for("disasters.shelters", event_id=ev.id))
            if which == "checkin" and checkin.validate_on_submit():
                shelter = disasters.get_shelter(checkin.shelter_id.data)
                victim = disasters.get_victim(checkin.victim_id.data)
                if shelter.event_id != ev.id or victim.event_id != ev.id:
                    abort(404)
                _stay, over = disasters.check_in(shelter, victim, by_id=user().id)
                session.commit()
                flash(tr("{name} masuk {shelter}.", name=victim.person.name, shelter=shelter.name), "success")
                if over:
                    flash(tr("Perhatian: {shelter} melebihi kapasitas ({capacity} orang).", shelter=shelter.name,
                             capacity=shelter.capacity), "warning")
                return redirect(url_for("disasters.shelters", event_id=ev.id))
            if which == "kitchen" and kitchen.validate_on_submit():
                shelter = disasters.get_shelter(kitchen.shelter_id.data)
                if shelter.event_id != ev.id:
                    abort(404)
                fed = [s.victim for s in session.scalars(select(disasters.ShelterStay).where(
                    disasters.ShelterStay.shelter_id == shelter.id, disasters.ShelterStay.checked_out_on.is_(None)))
                ] if kitchen.feed_all.data else []
                aid.record_kitchen_day(ev, shelter, kitchen.served_on.data or dt.date.today(),
                                       kitchen.meals_served.data if kitchen.meals_served.data is not None else "",
                                       fed)
                session.commit()
                flash(tr("Dapur umum dicatat: {n} orang diberi makan.", n=len(fed)), "success")
                return redirect(url_for("disasters.shelters", event_id=ev.id))
        except ValidationError as exc:
            _fail({"shelter": form, "checkin": checkin, "kitchen": kitchen}.get(which, form), exc)
        except NotFound:
            abort(404)
    stays = list(session.scalars(select(disasters.ShelterStay).join(disasters.Shelter).where(
        disasters.Shelter.event_id == ev.id, disasters.ShelterStay.checked_out_on.is_(None))))
    return render_template("disasters/shelters.html", event=ev, rows=rows, form=form, checkin=checkin,
                           kitchen=kitchen, stays=stays, kitchen_days=aid.kitchen_days(ev),
                           confirm=ActionForm()), status


@bp.route("/<event_id>/pengungsian/keluar/<stay_id>", methods=["POST"])
@requires("disaster.edit")
def check_out(event_id: str, stay_id: str) -> Any:
    ev = _event(event_id, "disaster.edit")
    try:
        stay = disasters.get_stay(stay_id)
    except NotFound:
        abort(404)
    if stay.shelter.event_id != ev.id or not ActionForm().validate_on_submit():
        abort(404 if stay.shelter.event_id != ev.id else 400)
    try:
        disasters.check_out(stay)
        session.commit()
        flash(tr("{name} keluar dari pos pengungsian.", name=stay.victim.person.name), "success")
    except ValidationError as exc:
        session.rollback()
        flash(tr_error(exc), "error")
    return redirect(url_for("disasters.shelters", event_id=ev.id))


# ---------------------------------------------------------------- psychosocial, special handling, compensation
@bp.route("/<event_id>/layanan", methods=["GET", "POST"])
@requires("disaster.view")
def services(event_id: str) -> Any:
    ev = _event(event_id)
    psy, special, comp = F.PsychosocialForm(prefix="p"), F.SpecialHandlingForm(prefix="h"), F.CompensationForm(prefix="c")
    choices = _victim_choices(ev)
    psy.victim_ids.choices = choices
    special.victim_id.choices = choices
    special.group.choices = _labels(disasters.VULNERABLE_LABELS, VULNERABLE_GROUPS)
    dead = [(str(v.id), v.person.name) for v in session.scalars(select(disasters.Victim).where(
        disasters.Victim.event_id == ev.id, disasters.Victim.status == "meninggal"))]
    comp.victim_id.choices = dead
    which = request.form.get("which")
    status = 200
    if request.method == "POST":
        status = 422
        action = "disaster.compensation" if which == "compensation" else "disaster.edit"
        ensure(action, ev, hide=True)
        form = {"psy": psy, "special": special, "compensation": comp}.get(which)
        if form is not None and form.validate_on_submit():
            try:
                if which == "psy":
                    people = [disasters.get_victim(v) for v in psy.victim_ids.data or []]
                    aid.record_psychosocial(ev, psy.held_on.data or dt.date.today(), psy.facilitator.data or "",
                                            psy.activity.data or "", [v for v in people if v.event_id == ev.id])
                elif which == "special":
                    v = disasters.get_victim(special.victim_id.data)
                    if v.event_id != ev.id:
                        abort(404)
                    aid.record_special_handling(v, special.handled_on.data or dt.date.today(), special.group.data,
                                                special.action.data or "")
                else:
                    v = disasters.get_victim(comp.victim_id.data)
                    if v.event_id != ev.id:
                        abort(404)
                    aid.record_compensation(v, amount=comp.amount.data, recipient_name=comp.recipient_name.data,
                                            recipient_relationship=comp.recipient_relationship.data,
                                            recipient_nik=comp.recipient_nik.data, document_ref=comp.document_ref.data,
                                            paid_on=comp.paid_on.data or dt.date.today())
                session.commit()
            except (ValidationError, Conflict) as exc:
                _fail(form, exc)
            except NotFound:
                abort(404)
            else:
                flash(tr("Tersimpan."), "success")
                return redirect(url_for("disasters.services", event_id=ev.id))
    sessions = list(session.scalars(select(aid.PsychosocialSession).where(aid.PsychosocialSession.event_id == ev.id)
                                    .order_by(aid.PsychosocialSession.held_on.desc())))
    handlings = list(session.scalars(select(aid.SpecialHandling).where(aid.SpecialHandling.event_id == ev.id)
                                     .order_by(aid.SpecialHandling.handled_on.desc())))
    return render_template("disasters/services.html", event=ev, psy=psy, special=special, comp=comp,
                           sessions=sessions, handlings=handlings, compensations=aid.compensations(ev)), status


# ---------------------------------------------------------------- situation report
@bp.route("/<event_id>/laporan")
@requires("disaster.view")
def report(event_id: str) -> Any:
    ev = _event(event_id)
    data = disasters.situation_report(ev)
    fmt = request.args.get("format")
    if fmt == "pdf":
        from service.core.exports.pdf import html_to_pdf

        html = render_template("disasters/report_pdf.html", r=data, event=ev, office=settings.office())
        audit.log_event("export", "disaster_events", str(ev.id), {"format": "pdf", "report": "situation"})
        session.commit()
        return Response(html_to_pdf(html), mimetype="application/pdf",
                        headers={"Content-Disposition": f"attachment; filename=laporan-situasi-{ev.code}.pdf"})
    if fmt == "xlsx":
        from blueprints.disasters.xlsx import situation_xlsx

        audit.log_event("export", "disaster_events", str(ev.id), {"format": "xlsx", "report": "situation"})
        session.commit()
        return Response(situation_xlsx(data, settings.office()),
                        mimetype="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                        headers={"Content-Disposition": f"attachment; filename=laporan-situasi-{ev.code}.xlsx"})
    return render_template("disasters/report.html", r=data, event=ev)


# ---------------------------------------------------------------- warehouse
@bp.route("/gudang", methods=["GET", "POST"])
@requires("disaster.stock")
def warehouse() -> Any:
    receipt, out, new = F.ReceiptForm(prefix="r"), F.IssueForm(prefix="i"), F.WarehouseForm(prefix="w")
    whs = list(session.scalars(stock.warehouses_stmt(user())))
    wh_choices = [(str(w.id), w.name) for w in whs]
    item_choices = [(str(i.id), f"{i.name} ({i.unit})") for i in stock.items()]
    receipt.warehouse_id.choices = out.warehouse_id.choices = wh_choices
    receipt.item_id.choices = out.item_id.choices = item_choices
    receipt.source.choices = _labels(stock.SOURCE_LABELS, RECEIPT_SOURCES)
    out.event_id.choices = [("", "—")] + [(str(e.id), f"{e.code} {e.name}")
                                          for e in session.scalars(disasters.events_for(user()))]
    out.target_id.choices = [("", "—")] + wh_choices
    which = request.form.get("which")
    status = 200
    if request.method == "POST":
        status = 422
        form = {"receipt": receipt, "issue": out, "warehouse": new}.get(which)
        if form is not None and form.validate_on_submit():
            try:
                if which == "warehouse":
                    stock.create_warehouse(new.code.data, new.name.data, new.area_code.data, new.address.data)
                elif which == "receipt":
                    stock.receive(stock.get_warehouse(receipt.warehouse_id.data), stock.get_item(receipt.item_id.data),
                                  receipt.quantity.data if receipt.quantity.data is not None else "",
                                  source=receipt.source.data, document_ref=receipt.document_ref.data or "",
                                  received_on=receipt.received_on.data, expires_on=receipt.expires_on.data)
                else:
                    src, item = stock.get_warehouse(out.warehouse_id.data), stock.get_item(out.item_id.data)
                    qty = out.quantity.data if out.quantity.data is not None else ""
                    if out.target_id.data:
                        stock.transfer(src, stock.get_warehouse(out.target_id.data), item, qty,
                                       document_ref=out.document_ref.data)
                    elif out.event_id.data:
                        ev = disasters.get_event(out.event_id.data)
                        ensure("disaster.view", ev, hide=True)
                        stock.issue(src, item, qty, event=ev, document_ref=out.document_ref.data)
                    else:
                        raise ValidationError({"event_id": N_("Pilih kejadian tujuan atau gudang tujuan.")})
                session.commit()
            except ValidationError as exc:
                _fail(form, exc)
            except NotFound:
                abort(404)
            else:
                flash(tr("Tersimpan."), "success")
                return redirect(url_for("disasters.warehouse"))
    page = paginate(stock.movements_stmt(), request.args.get("page", 1, type=int), 25)
    return render_template("disasters/warehouse.html", levels=stock.levels(), receipt=receipt, out=out, new=new,
                           page=page, batches=stock.batches(user=user()),
                           warning_days=stock.EXPIRY_WARNING_DAYS), status


# ---------------------------------------------------------------- TAGANA roster
@bp.route("/tagana", methods=["GET", "POST"])
@requires("disaster.roster")
def roster() -> Any:
    form, deploy = F.VolunteerForm(prefix="v"), F.DeployForm(prefix="d")
    q = request.args.get("q", "").strip()
    deploy.volunteer_id.choices = [(str(v.id), f"{v.member_number} {v.name}")
                                   for v in session.scalars(volunteers.roster_stmt()) if v.active]
    deploy.event_id.choices = [(str(e.id), f"{e.code} {e.name}") for e in session.scalars(disasters.events_for(user()))]
    which = request.form.get("which")
    status = 200
    if request.method == "POST":
        status = 422
        f = deploy if which == "deploy" else form
        if f.validate_on_submit():
            try:
                if which == "deploy":
                    ev = disasters.get_event(deploy.event_id.data)
                    ensure("disaster.view", ev, hide=True)
                    volunteers.deploy(volunteers.get_volunteer(deploy.volunteer_id.data), ev,
                                      deploy.role.data or "", deploy.started_on.data)
                else:
                    vol = volunteers.create_volunteer({k: getattr(form, k).data for k in
                                                       ("member_number", "name", "nik", "phone", "skills",
                                                        "area_code", "username")})
                    if form.training.data:
                        volunteers.add_training(vol, form.training.data)
                session.commit()
            except (ValidationError, Conflict) as exc:
                _fail(f, exc)
            except NotFound:
                abort(404)
            else:
                flash(tr("Tersimpan."), "success")
                return redirect(url_for("disasters.roster"))
    page = paginate(volunteers.roster_stmt(q), request.args.get("page", 1, type=int), 25)
    return render_template("disasters/roster.html", page=page, q=q, form=form, deploy=deploy,
                           today=dt.date.today()), status


@bp.route("/tagana/<volunteer_id>/status", methods=["POST"])
@requires("disaster.roster")
def volunteer_status(volunteer_id: str) -> Any:
    try:
        vol = volunteers.get_volunteer(volunteer_id)
    except NotFound:
        abort(404)
    ensure("disaster.roster", vol, hide=True)
    if not ActionForm().validate_on_submit():
        abort(400)
    active = request.form.get("active") == "1"
    volunteers.set_active(vol, active)
    session.commit()
    flash(tr("{name} diaktifkan kembali.", name=vol.name) if active else tr("{name} dinonaktifkan.", name=vol.name),
          "success")
    return redirect(url_for("disasters.roster"))


@bp.route("/tagana/penugasan/<deployment_id>/selesai", methods=["POST"])
@requires("disaster.roster")
def deployment_end(deployment_id: str) -> Any:
    try:
        dep = volunteers.get_deployment(deployment_id)
    except NotFound:
        abort(404)
    ensure("disaster.roster", dep.event, hide=True)
    form = F.EndDeploymentForm()
    if not form.validate_on_submit():
        abort(400)
    try:
        volunteers.end_deployment(dep, form.ended_on.data)
        session.commit()
    except ValidationError as exc:
        session.rollback()
        flash(tr_error(exc), "error")
        return redirect(url_for("disasters.roster"))
    flash(tr("Penugasan {name} di {event} selesai.", name=dep.volunteer.name, event=dep.event.code), "success")
    return redirect(url_for("disasters.roster"))
