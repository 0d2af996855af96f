"""Person pages: the list, intake (find or register, with the duplicate check), detail, edit, NIK warnings, DTKS, photo."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from flask import abort, current_app, flash, redirect, render_template, request, send_from_directory, url_for

from blueprints.core import pickers
from blueprints.core.i18n import tr
from blueprints.core.labels import choices
from blueprints.core.security import requires, user
from blueprints.core.transaction import service_errors
from blueprints.registry import bp
from blueprints.registry.common import person_or_404, region_root
from blueprints.registry.forms import ActionForm, DtksForm, HouseholdForm, PersonForm, PhotoForm
from service.casework import queries as case_queries
from service.core import audit, display
from service.core.access import can
from service.core.db import session
from service.core.errors import N_, Conflict
from service.core.formatting import format_date
from service.core.pagination import paginate, search_cap
from service.reference import regions
from service.registry import duplicates as dedup
from service.registry import households
from service.registry import persons as registry
from service.registry.models import Person


def _person_data(form: PersonForm) -> dict[str, Any]:
    return {"name": form.name.data, "nik": form.nik.data, "no_nik_reason": form.no_nik_reason.data or None,
            "sex": form.sex.data or None, "birth_date": form.birth_date.data, "age": form.age.data,
            "birth_place": form.birth_place.data, "village_code": form.village_code.data,
            "address": form.address.data, "phone": form.phone.data,
            "disability_types": list(form.disability_types.data or [])}


def _person_form(obj: Person | None = None) -> PersonForm:
    form = PersonForm(obj=obj)
    form.no_nik_reason.choices = choices("no_nik_reason", N_("— pilih bila tanpa NIK —"))
    form.disability_types.choices = choices("disability")
    if obj is not None and request.method == "GET":
        form.birth_date.data = format_date(obj.birth_date) if not obj.birth_date_estimated else ""
        form.age.data = str(obj.age) if obj.birth_date_estimated and obj.age is not None else ""
    return form


# ---------------------------------------------------------------- list
@bp.route("/orang")
@requires("person.view")
def index() -> Any:
    args = request.args
    number = max(1, args.get("page", 1, type=int) or 1)
    stmt = registry.person_query(user(), q=args.get("q"), area=args.get("area") or None,
                                 has_nik=args.get("has_nik") or None, warnings=args.get("warnings") == "1",
                                 reach=number * 25 + 1)
    page = paginate(stmt, number, 25, cap=search_cap(args.get("q")))
    root = region_root()
    return render_template("registry/index.html", page=page, args=args, districts=regions.children(root or None))


# ---------------------------------------------------------------- intake: find or register
@bp.route("/orang/baru", methods=["GET", "POST"])
@requires("person.edit")
def new() -> Any:
    form = _person_form()
    duplicates: list[Person] = []
    warnings: list[tuple[str, dict[str, str]]] = []
    status = 200
    next_step = request.values.get("next") or "case"
    if form.validate_on_submit():
        data = _person_data(form)
        with service_errors(form) as done:
            fields = registry.validate_person(data, require_reason=True)
            registry.ensure_may_register(user(), fields)
            duplicates = [p for p in dedup.likely_duplicates(fields) if can(user(), "person.view", p)]
            for hit in duplicates:
                audit.log_access("persons", hit.id, "likely_duplicate")
            warnings = fields.warning_details
            if (duplicates or warnings) and form.confirmed.data != "1":
                form.confirmed.data = "1"
                return render_template("registry/form.html", form=form, duplicates=duplicates, warnings=warnings,
                                       region_picker=pickers.picker(region_root(), "village_code"),
                                       next_step=next_step, editing=None)
            person = registry.register_person(fields)
        if done.ok:
            flash(tr("{name} terdaftar.", name=person.name), "success")
            if next_step == "case" and can(user(), "case.edit"):
                return redirect(url_for("casework.new", person_id=person.id))
            return redirect(url_for("registry.detail", person_id=person.id))
        status = 422
        if isinstance(done.error, Conflict):  # the NIK's holder, only when this user may open the record
            existing = registry.nik_holder(user(), done.error)
            duplicates = [existing] if existing is not None else []
    elif request.method == "POST":
        status = 422
    return render_template("registry/form.html", form=form, duplicates=duplicates, warnings=warnings,
                           region_picker=pickers.picker(region_root(), "village_code"), next_step=next_step,
                           editing=None), status


@bp.route("/orang/<person_id>")
@requires("person.view")
def detail(person_id: str) -> Any:
    person = person_or_404(person_id)
    if person.merged_into_id:
        flash(tr("Data ini telah digabung ke data lain."), "info")
        return redirect(url_for("registry.detail", person_id=person.merged_into_id))
    audit.log_access("persons", person.id)
    cases = [c for c in session.scalars(case_queries.case_query(user(), person_id=person.id))]
    dtks = DtksForm(prefix="dtks")
    dtks.dtks_status.choices = choices("dtks")
    return render_template("registry/detail.html", person=person, cases=cases,
                           households=households.households_of(person), merges=dedup.merge_history(user(), person),
                           kind_label=lambda t: display.kind_label(t, tr),
                           dtks=dtks, photo=PhotoForm(prefix="photo"), household=HouseholdForm(prefix="hh"),
                           action=ActionForm(), show_nik=can(user(), "person.view_nik", person))


@bp.route("/orang/<person_id>/ubah", methods=["GET", "POST"])
@requires("person.edit")
def edit(person_id: str) -> Any:
    person = person_or_404(person_id, "person.edit")
    form = _person_form(person)
    status = 200
    if request.method == "GET":
        audit.log_access("persons", person.id, "edit_form")  # the form shows the full NIK
    if form.validate_on_submit():
        with service_errors(form) as done:
            registry.update_person(person, _person_data(form), require_reason=True)
        if done.ok:
            flash(tr("Perubahan disimpan."), "success")
            return redirect(url_for("registry.detail", person_id=person.id))
        status = 422
    elif request.method == "POST":
        status = 422
    return render_template("registry/form.html", form=form, duplicates=[], warnings=[], next_step="person",
                           region_picker=pickers.picker(region_root(), "village_code"), editing=person), status


@bp.route("/orang/<person_id>/selesaikan-peringatan", methods=["POST"])
@requires("person.edit")
def resolve_warnings(person_id: str) -> Any:
    person = person_or_404(person_id, "person.edit")
    if not ActionForm().validate_on_submit():
        abort(400)
    registry.resolve_nik_warnings(person)
    flash(tr("Peringatan NIK ditandai sudah diperiksa."), "success")
    return redirect(url_for("registry.detail", person_id=person.id))


@bp.route("/orang/<person_id>/dtks", methods=["POST"])
@requires("person.edit")
def add_dtks(person_id: str) -> Any:
    person = person_or_404(person_id, "person.edit")
    form = DtksForm(prefix="dtks")
    form.dtks_status.choices = choices("dtks")
    if not form.validate_on_submit():
        abort(400)
    with service_errors() as done:  # errors as flashes: the form has no page of its own
        registry.record_dtks(person, form.dtks_status.data, form.checked_on.data, form.decile.data, form.note.data)
    if done.ok:
        flash(tr("Status DTKS dicatat."), "success")
    return redirect(url_for("registry.detail", person_id=person.id) + "#dtks")


def photo_folder() -> str:
    return str(Path(current_app.instance_path) / "photos")


@bp.route("/orang/<person_id>/foto", methods=["GET", "POST"])
@requires("person.view")
def photo(person_id: str) -> Any:
    if request.method == "GET":
        person = person_or_404(person_id)
        if not person.photo_path:
            abort(404)
        audit.log_access("persons", person.id, "photo")
        response = send_from_directory(photo_folder(), person.photo_path, mimetype="image/jpeg")
        response.headers["Cache-Control"] = "private, no-store"
        return response
    person = person_or_404(person_id, "person.edit")
    form = PhotoForm(prefix="photo")
    if not form.validate_on_submit():
        abort(400)
    upload = form.photo.data
    with service_errors() as done:
        registry.save_photo(person, upload.read() if upload else b"", photo_folder())
    if done.ok:
        flash(tr("Foto disimpan."), "success")
    return redirect(url_for("registry.detail", person_id=person.id))

