"""The supervisor's duplicate queue: merge two records of one person, or mark them as different people."""

from __future__ import annotations

from typing import Any

from flask import abort, flash, redirect, render_template, request, url_for

from blueprints.core.i18n import tr
from blueprints.core.security import requires, user
from blueprints.core.transaction import service_errors
from blueprints.registry import bp
from blueprints.registry.common import person_or_404
from blueprints.registry.forms import ActionForm, MergeForm
from service.registry import duplicates as dedup
from service.registry.models import Person


@bp.route("/orang/duplikat")
@requires("person.merge")
def duplicates() -> Any:
    page = dedup.duplicate_queue_page(user(), request.args.get("page", 1, type=int), 20)
    return render_template("registry/duplicates.html", page=page, form=MergeForm(), action=ActionForm())


def _pair_from_form() -> tuple[Person, Person, MergeForm]:
    form = MergeForm()
    if not form.validate_on_submit():
        abort(400)
    a = person_or_404(form.survivor_id.data or "", "person.merge")
    b = person_or_404(form.merged_id.data or "", "person.merge")
    return a, b, form


@bp.route("/orang/duplikat/gabung", methods=["POST"])
@requires("person.merge")
def merge() -> Any:
    survivor, merged, form = _pair_from_form()
    with service_errors() as done:
        dedup.merge_persons(survivor, merged, by_id=user().id, reason=form.reason.data)
    if not done.ok:
        return redirect(url_for("registry.duplicates"))
    flash(tr("Data digabung ke {name}.", name=survivor.name), "success")
    return redirect(url_for("registry.detail", person_id=survivor.id))


@bp.route("/orang/duplikat/berbeda", methods=["POST"])
@requires("person.merge")
def distinct() -> Any:
    a, b, form = _pair_from_form()
    with service_errors() as done:
        dedup.mark_not_duplicate(a, b, by_id=user().id, note=form.reason.data or None)
    if done.ok:
        flash(tr("Dicatat: {a} dan {b} adalah orang yang berbeda.", a=a.name, b=b.name), "success")
    return redirect(url_for("registry.duplicates"))

