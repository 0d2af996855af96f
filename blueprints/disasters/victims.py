"""Victims, households and shelters on the web: the household list, registering a head or a
member (a known NIK offers the registered person), a victim's status, shelters with
check-in/check-out and the public kitchen."""

from __future__ import annotations

from typing import Any

from flask import abort, flash, redirect, render_template, request, url_for

from blueprints.core import pickers
from blueprints.core.forms import ActionForm
from blueprints.core.i18n import tr, tr_error
from blueprints.core.labels import choices
from blueprints.core.security import ensure, requires, user
from blueprints.core.transaction import service_errors
from blueprints.disasters import bp
from blueprints.disasters import forms as F
from blueprints.disasters.common import (
    event_or_404,
    household_or_404,
    in_event,
    labels,
    or_404,
    victim_choices,
)
from service.core import audit, clock
from service.core.access import can
from service.core.db import session
from service.core.errors import N_, Conflict
from service.core.pagination import paginate
from service.disasters import aid, cards, shelters, victims
from service.disasters.models.events import DAMAGE_LEVELS, VICTIM_STATUSES, VULNERABLE_GROUPS
from service.registry import persons as registry


@bp.route("/<event_id>/korban", endpoint="victims")
@requires("disaster.view")
def victims_list(event_id: str) -> Any:
    ev = event_or_404(event_id)
    q = request.args.get("q", "").strip()
    page = paginate(victims.households_stmt(ev, q), request.args.get("page", 1, type=int), 25)
    valid = {c.household_id for c in session.scalars(cards.cards_stmt(ev))}
    return render_template("disasters/victims.html", event=ev, page=page, q=q, carded=valid)


def _picker(ev: Any, form: F.VictimForm) -> dict[str, Any]:
    """The village picker: the event's area within the user's (no region code to type)."""
    return pickers.picker(pickers.picker_root(user(), ev.area_code), form.village_code.id,
                          N_("Desa/kelurahan domisili"))


def shelter_choices(ev: Any) -> list[tuple[str, str]]:
    """The event's shelters with their occupancy, for "Di pos pengungsian"."""
    return [("", tr("— Pilih pos pengungsian —"))] + [
        (str(s.id), tr("{name} ({occupancy}/{capacity} orang)", name=s.name, occupancy=n, capacity=s.capacity))
        for s, n in shelters.shelters_with_occupancy(ev)]


def _chosen_shelter(ev: Any, raw: Any) -> Any:
    return in_event(or_404(shelters.get_shelter, raw), ev) if raw else None


def _village_choices(root: str) -> list[tuple[str, str]]:
    """The villages under the picker's root by name (a family row's village; the head's by default)."""
    return [("", tr("— sama dengan kepala keluarga —"))] + [
        (code, name) for code, name in pickers.villages_under(root)]


def _member_rows(form: F.HouseholdForm, ev: Any) -> F.MemberForm:
    """Choices of the posted family rows, and a blank row for "Tambah anggota keluarga" to copy."""
    villages = _village_choices(pickers.picker_root(user(), ev.area_code))
    rels = labels(victims.RELATIONSHIP_LABELS, victims.RELATIONSHIPS[1:])
    groups = labels(victims.VULNERABLE_LABELS, VULNERABLE_GROUPS)
    blank = F.MemberForm(prefix="members-__i__-", formdata=None)
    reasons = choices("no_nik_reason", N_("— pilih bila tanpa NIK —"))
    for row in [entry.form for entry in form.members] + [blank]:
        row.relationship_code.choices, row.vulnerable_groups.choices, row.village_code.choices = rels, groups, villages
        row.no_nik_reason.choices = reasons
    blank.relationship_code.data = "anak"
    return blank


class _RowFields:
    """``apply_errors`` target for ``register_members``' ``members-<i>-<field>`` errors: the row's
    field, else the row's name (a reason without a field of its own), else the head's field."""

    def __init__(self, form: F.HouseholdForm) -> None:
        self._form = form
        self._fields = {f.name: f for entry in form.members for f in entry.form}

    def __getattr__(self, name: str) -> Any:
        if name in self._fields:
            return self._fields[name]
        row = name.rsplit("-", 1)[0]
        return self._fields.get(row + "-name") or getattr(self._form, name, None)


def _register_family(ev: Any, form: F.HouseholdForm, head: Any) -> bool:
    """Register the posted family rows into the head's household (all or nothing with the head)."""
    rows = [entry for entry in form.members if not entry.form.is_blank()]
    if not rows:
        return True
    members = [{"row": entry.name, "relationship_code": entry.form.relationship_code.data,
                "vulnerable_groups": entry.form.vulnerable_groups.data or [],
                "person": {"name": entry.form.name.data, "nik": entry.form.nik.data,
                           "no_nik_reason": entry.form.no_nik_reason.data or None, "sex": entry.form.sex.data or None,
                           "birth_date": entry.form.birth_date.data, "age": entry.form.age.data,
                           "address": entry.form.address.data, "village_code": entry.form.village_code.data}}
               for entry in rows]
    with service_errors(_RowFields(form)) as done:
        victims.register_members(ev, head.household, members, status=form.status.data,
                                 shelter=_chosen_shelter(ev, form.shelter_id.data), needs=form.needs.data or [],
                                 by_id=user().id, require_reason=True)
    return done.ok


def _victim_form(form: F.VictimForm, head: bool, fresh: bool, ev: Any, household: Any = None) -> None:
    form.status.choices = labels(victims.VICTIM_STATUS_LABELS, VICTIM_STATUSES)
    form.no_nik_reason.choices = choices("no_nik_reason", N_("— pilih bila tanpa NIK —"))
    form.shelter_id.choices = shelter_choices(ev)
    form.vulnerable_groups.choices = labels(victims.VULNERABLE_LABELS, VULNERABLE_GROUPS)
    form.damage_level.choices = labels(victims.DAMAGE_LABELS, DAMAGE_LEVELS)
    rels = victims.RELATIONSHIPS if head else victims.RELATIONSHIPS[1:]
    form.relationship_code.choices = labels(victims.RELATIONSHIP_LABELS, rels)
    needs = victims.bencana_needs()
    form.needs.choices = [(c, tr(name)) for c, name in needs]
    if fresh and not form.needs.data:
        form.needs.data = [c for c, _name in needs]
    if fresh and household is not None:  # a member lives at the head's address unless changed
        form.address.data = form.address.data or household.address
        form.village_code.data = form.village_code.data or household.village_code


def _person_fields(form: F.VictimForm, household: Any) -> dict[str, Any]:
    """The form's person fields in the domain's names (``registry.validate_person``)."""
    return {"name": form.name.data, "nik": form.nik.data, "no_nik_reason": form.no_nik_reason.data or None,
            "sex": form.sex.data, "birth_date": form.birth_date.data,
            "age": form.age.data, "address": form.address.data,
            "village_code": form.village_code.data or (household.village_code if household else None)}


def _chosen(form: F.VictimForm) -> Any:
    """The registered person chosen with "Gunakan data orang ini" (None: the typed one). Only a person
    this user may open can be chosen (the page offers no other; a crafted id is answered 404)."""
    if not form.use_person_id.data:
        return None
    person = or_404(registry.get_person, form.use_person_id.data)
    if not can(user(), "person.view", person):
        abort(404)
    return person


def _register(ev: Any, form: F.VictimForm, household: Any = None) -> tuple[Any, Any]:
    """Run register_victim from the form; returns (victim, the registered person a NIK conflict offers)."""
    chosen = _chosen(form)
    if chosen is not None:
        person: Any = chosen
        ensure("disaster.edit", ev)
    else:
        person = _person_fields(form, household)
    conflict: Conflict | None = None
    with service_errors(form) as done:
        try:
            victim = victims.register_victim(
                ev, person, household=household,
                relationship_code=form.relationship_code.data or "kepala_keluarga", status=form.status.data,
                vulnerable_groups=form.vulnerable_groups.data or [], damage_level=form.damage_level.data or None,
                address=form.address.data or None, needs=form.needs.data or [], by_id=user().id,
                shelter=_chosen_shelter(ev, form.shelter_id.data), require_reason=True)
            return victim, None
        except Conflict as exc:  # raised before anything is written; the 422 answer rolls the request back
            conflict = exc
    if not done.ok or conflict is None:
        return None, None
    existing = registry.nik_holder(user(), conflict)  # offered only to a user who may open that record
    if existing is not None:
        audit.log_access("persons", existing.id, "nik_holder")
    if conflict.field == "nik" and not isinstance(person, registry.Person):
        form.nik.errors = [tr_error(conflict)]
    else:
        flash(tr_error(conflict), "error")
    return None, existing


def _visible_duplicates(form: F.VictimForm) -> list[Any]:
    """Registered namesakes this user may open (never one they may not: no sideways leak); views logged."""
    hits = [p for p in victims.likely_duplicates({"name": form.name.data, "birth_date": form.birth_date.data})
            if can(user(), "person.view", p)]
    for hit in hits:
        audit.log_access("persons", hit.id, "likely_duplicate")
    return hits


@bp.route("/<event_id>/korban/baru", methods=["GET", "POST"])
@requires("disaster.edit")
def victim_new(event_id: str) -> Any:
    ev = event_or_404(event_id, "disaster.edit")
    form = F.HouseholdForm()
    _victim_form(form, head=True, fresh=request.method == "GET", ev=ev)
    blank_row = _member_rows(form, ev)
    existing = None
    duplicates: list[Any] = []
    if request.method == "POST" and form.validate_on_submit():
        victim, existing = _register(ev, form)
        if victim is not None and not _register_family(ev, form, victim):
            victim = None  # a bad family row: nothing was kept, the rows show their errors
        if victim is not None:
            size = len(victim.household.members)
            flash(tr("{name} terdaftar sebagai korban.", name=victim.person.name) if size == 1 else
                  tr("Rumah tangga {name} terdaftar: {n} orang.", name=victim.person.name, n=size), "success")
            return redirect(url_for("disasters.household", event_id=ev.id, household_id=victim.household_id))
        if not form.use_person_id.data:
            duplicates = _visible_duplicates(form)
    status = 422 if request.method == "POST" else 200
    return render_template("disasters/victim_form.html", event=ev, form=form, existing=existing,
                           duplicates=duplicates, household=None, region_picker=_picker(ev, form),
                           blank_row=blank_row, chosen=_chosen(form)), status


def household_page(ev: Any, hh: Any, *, form: F.VictimForm | None = None, card_form: F.CardForm | None = None,
                   existing: Any = None, status: int = 200) -> Any:
    """The household page: members (status), card, aid history, the add-member form."""
    if form is None:
        form = F.VictimForm(prefix="m", formdata=None)
        _victim_form(form, head=False, fresh=True, ev=ev, household=hh)
    card = cards.valid_card(hh)
    return render_template(
        "disasters/household.html", event=ev, household=hh, form=form, existing=existing, card=card,
        region_picker=_picker(ev, form),
        card_form=card_form or F.CardForm(prefix="c"), chosen=_chosen(form),
        distributions=list(session.scalars(aid.distributions_stmt(ev, hh))),
        confirm=ActionForm(), statuses=labels(victims.VICTIM_STATUS_LABELS, VICTIM_STATUSES),
        shelter_options=shelter_choices(ev), stays={v.id: shelters.current_stay(v) for v in hh.members},
        qr=cards.qr_svg_data_uri(card.token) if card else None), status


@bp.route("/<event_id>/kk/<household_id>", methods=["GET", "POST"])
@requires("disaster.view")
def household(event_id: str, household_id: str) -> Any:
    ev = event_or_404(event_id)
    hh = household_or_404(ev, household_id)
    form = F.VictimForm(prefix="m")
    _victim_form(form, head=False, fresh=request.method == "GET", ev=ev, household=hh)
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
    else:
        for member in hh.members:
            audit.log_access("persons", member.person_id, purpose="disaster_household")
    return household_page(ev, hh, form=form, existing=existing, status=status)


@bp.route("/<event_id>/korban/<victim_id>/status", methods=["POST"])
@requires("disaster.edit")
def victim_status(event_id: str, victim_id: str) -> Any:
    ev = event_or_404(event_id, "disaster.edit")
    victim = in_event(or_404(victims.get_victim, victim_id), ev)
    if not ActionForm().validate_on_submit():
        abort(400)
    with service_errors() as done:
        victims.update_victim(victim, status=request.form.get("status") or "", by_id=user().id,
                              shelter=_chosen_shelter(ev, request.form.get("shelter_id")))
    if done.ok:
        flash(tr("Status {name} diperbarui.", name=victim.person.name), "success")
    return redirect(url_for("disasters.household", event_id=ev.id, household_id=victim.household_id))


# ---------------------------------------------------------------- shelters and kitchen
def _shelters_page(ev: Any, forms: dict[str, Any] | None = None, status: int = 200) -> Any:
    forms = forms or _shelter_forms(ev, posted=False)
    stays = list(session.scalars(shelters.open_stays_stmt(ev)))
    return render_template("disasters/shelters.html", event=ev, rows=forms["rows"], form=forms["shelter"],
                           checkin=forms["checkin"], kitchen=forms["kitchen"], stays=stays,
                           kitchen_days=aid.kitchen_days(ev), confirm=ActionForm()), status


def _shelter_forms(ev: Any, posted: bool = True) -> dict[str, Any]:
    """The page's forms: bound to what was posted, or empty (``posted=False``)."""
    data: dict[str, Any] = {} if posted else {"formdata": None}
    rows = shelters.shelters_with_occupancy(ev)
    checkin, kitchen = F.CheckInForm(prefix="ci", **data), F.KitchenForm(prefix="k", **data)
    for f in (checkin, kitchen):
        f.shelter_id.choices = [(str(s.id), s.name) for s, _n in rows]
    checkin.victim_id.choices = victim_choices(ev)
    return {"rows": rows, "shelter": F.ShelterForm(prefix="s", **data), "checkin": checkin, "kitchen": kitchen}


def _check_in(ev: Any, form: F.CheckInForm) -> None:
    shelter = in_event(or_404(shelters.get_shelter, form.shelter_id.data), ev)
    victim = in_event(or_404(victims.get_victim, form.victim_id.data), ev)
    _stay, over = shelters.check_in(shelter, victim, by_id=user().id)
    flash(tr("{name} masuk {shelter}.", name=victim.person.name, shelter=shelter.name), "success")
    if over:
        flash(tr("Perhatian: {shelter} melebihi kapasitas ({capacity} orang).", shelter=shelter.name,
                 capacity=shelter.capacity), "warning")


def _kitchen_day(ev: Any, form: F.KitchenForm) -> None:
    shelter = in_event(or_404(shelters.get_shelter, form.shelter_id.data), ev)
    fed = [s.victim for s in session.scalars(shelters.open_stays_stmt(shelter=shelter))] if form.feed_all.data else []
    aid.record_kitchen_day(ev, shelter, form.served_on.data or clock.today(),
                           form.meals_served.data if form.meals_served.data is not None else "", fed)
    flash(tr("Dapur umum dicatat: {n} orang diberi makan.", n=len(fed)), "success")


@bp.route("/<event_id>/pengungsian", methods=["GET", "POST"], endpoint="shelters")
@requires("disaster.view")
def shelters_page(event_id: str) -> Any:
    ev = event_or_404(event_id)
    forms = _shelter_forms(ev)
    if request.method == "GET":
        return _shelters_page(ev, forms)
    ensure("disaster.edit", ev, hide=True)
    which = request.form.get("which")
    form = forms.get(which) if which in ("shelter", "checkin", "kitchen") else None
    if form is not None and form.validate_on_submit():
        with service_errors(form) as done:
            if which == "shelter":
                shelters.create_shelter(ev, form.name.data, form.capacity.data if form.capacity.data is not None
                                        else "", place=form.place.data, village_code=form.village_code.data or None)
                flash(tr("Pos pengungsian dibuat."), "success")
            elif which == "checkin":
                _check_in(ev, form)
            else:
                _kitchen_day(ev, form)
        if done.ok:
            return redirect(url_for("disasters.shelters", event_id=ev.id))
    return _shelters_page(ev, forms, 422)


@bp.route("/<event_id>/pengungsian/keluar/<stay_id>", methods=["POST"])
@requires("disaster.edit")
def check_out(event_id: str, stay_id: str) -> Any:
    ev = event_or_404(event_id, "disaster.edit")
    stay = or_404(shelters.get_stay, stay_id)
    if stay.shelter.event_id != ev.id:
        abort(404)
    if not ActionForm().validate_on_submit():
        abort(400)
    with service_errors() as done:  # no field of its own: the message stands above the page
        shelters.check_out(stay)
    if not done.ok:
        return _shelters_page(ev, status=422)
    flash(tr("{name} keluar dari pos pengungsian.", name=stay.victim.person.name), "success")
    return redirect(url_for("disasters.shelters", event_id=ev.id))
