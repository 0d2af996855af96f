"""Household (family card) pages: create with its head, add and remove members."""

from __future__ import annotations

import uuid
from typing import Any

from flask import abort, flash, redirect, render_template, request, url_for

from blueprints.core.i18n import tr
from blueprints.core.labels import choices
from blueprints.core.security import ensure, requires, user
from blueprints.core.transaction import service_errors
from blueprints.registry import bp
from blueprints.registry.common import person_or_404
from blueprints.registry.forms import ActionForm, HouseholdForm, MemberForm
from service.core import audit
from service.core.db import session
from service.core.errors import NotFound
from service.registry import households
from service.registry import persons as registry
from service.registry.models import Household


@bp.route("/orang/<person_id>/keluarga", methods=["POST"])
@requires("person.edit")
def household_new(person_id: str) -> Any:
    person = person_or_404(person_id, "person.edit")
    form = HouseholdForm(prefix="hh")
    if not form.validate_on_submit():
        abort(400)
    with service_errors() as done:
        household = households.create_household(person, form.kk_number.data)
    if not done.ok:
        return redirect(url_for("registry.detail", person_id=person.id))
    return redirect(url_for("registry.household", household_id=household.id))


def _get_household(household_id: str, action: str = "person.view") -> Household:
    try:
        household = households.get_household(household_id)
    except NotFound:
        abort(404)
    ensure(action, household)
    return household


@bp.route("/keluarga/<household_id>", methods=["GET", "POST"])
@requires("person.view")
def household(household_id: str) -> Any:
    hh = _get_household(household_id)
    form = MemberForm()
    form.relationship_code.choices = [c for c in choices("relationship") if c[0] != "kepala_keluarga"]
    if request.method == "POST":
        ensure("person.edit", hh)
        if form.validate_on_submit():
            person = person_or_404(form.person_id.data or "", "person.edit")
            with service_errors() as done:
                households.add_member(hh, person, form.relationship_code.data)
            if done.ok:
                flash(tr("{name} ditambahkan ke keluarga.", name=person.name), "success")
                return redirect(url_for("registry.household", household_id=hh.id))
    audit.log_access("households", hh.id, "household")
    for m in hh.members:
        audit.log_access("persons", m.person_id, "household")
    q = request.args.get("q", "").strip()
    found = []
    if q:
        member_ids = {m.person_id for m in hh.members}
        found = [p for p in session.scalars(registry.person_query(user(), q=q).limit(10)) if p.id not in member_ids]
    return render_template("registry/household.html", hh=hh, form=form, q=q, found=found, action=ActionForm())


@bp.route("/keluarga/<household_id>/anggota/<person_id>/hapus", methods=["POST"])
@requires("person.edit")
def household_remove(household_id: str, person_id: str) -> Any:
    hh = _get_household(household_id, "person.edit")
    if not ActionForm().validate_on_submit():
        abort(400)
    try:
        member_id = uuid.UUID(person_id)
    except ValueError:
        abort(404)
    with service_errors() as done:
        households.remove_member(hh, member_id)
    if isinstance(done.error, NotFound):
        abort(404)
    return redirect(url_for("registry.household", household_id=hh.id))

