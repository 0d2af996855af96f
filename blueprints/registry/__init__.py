"""Registry web area: persons (intake with duplicate check), households, duplicates queue, BNBA upload."""

from __future__ import annotations

import uuid
from pathlib import Path
from typing import Any

from flask import (
    Blueprint,
    abort,
    current_app,
    flash,
    jsonify,
    redirect,
    render_template,
    request,
    send_from_directory,
    url_for,
)

from blueprints.core.forms import apply_errors
from blueprints.core.i18n import tr, tr_error
from blueprints.core.labels import choices, label, ref_name
from blueprints.core.nav import register_nav, register_tile
from blueprints.core.security import ensure, requires, user
from blueprints.registry.forms import (
    ActionForm,
    DtksForm,
    HouseholdForm,
    ImportForm,
    MemberForm,
    MergeForm,
    PersonForm,
    PhotoForm,
)
from service.casework import queries as case_queries
from service.core import audit, settings
from service.core import imports as import_runs
from service.core.access import can
from service.core.db import session
from service.core.errors import N_, Conflict, NotFound, ValidationError
from service.core.formatting import format_date
from service.core.pagination import paginate
from service.reference import regions
from service.registry import bnba as imports
from service.registry import duplicates as dedup
from service.registry import households
from service.registry import persons as registry
from service.registry.models import Household, Person

bp = Blueprint("registry", __name__)

register_nav(10, "registry.index", N_("Orang"), "person.view")
register_nav(14, "registry.duplicates", N_("Duplikat"), "person.merge")
register_nav(16, "registry.import_page", N_("Impor BNBA"), "import.bnba")
register_tile(("peksos", "supervisor", "operator"), "registry.new", N_("Registrasi & intake"),
              N_("Cari atau daftarkan orang, lalu buka kasus."))
register_tile(("peksos", "supervisor", "operator", "pimpinan", "auditor"), "registry.index", N_("Daftar orang"),
              N_("PPKS terdaftar, dengan atau tanpa NIK."))
register_tile(("supervisor",), "registry.duplicates", N_("Antrean duplikat"),
              N_("Periksa dan gabungkan data orang yang tercatat ganda."))
register_tile(("operator", "supervisor", "admin"), "registry.import_page", N_("Impor BNBA"),
              N_("Unggah daftar by-name-by-address (CSV/XLSX)."))


@bp.app_context_processor
def _labels() -> dict[str, Any]:
    from service.reference.models import PpksCategory
    from service.registry.nik import WARNINGS

    def category_name(code: str) -> str:
        return ref_name(session.get(PpksCategory, code)) or code

    def region_name(code: str | None) -> str:
        region = regions.get(code)
        return region.name if region is not None else (code or "")

    return {"label": label, "ref_name": ref_name, "region_label": regions.label, "region_name": region_name,
            "code_message": lambda code: WARNINGS.get(code, code), "category_name": category_name}


def _get_person(person_id: str, action: str = "person.view") -> Person:
    try:
        person = registry.get_person(person_id)
    except NotFound:
        abort(404)
    ensure(action, person)
    return person


def region_root() -> str:
    root = settings.get("office.region_code") or ""
    return root if regions.get(root) is not None else ""


def picker_levels(root: str) -> list[tuple[str, str]]:
    """(select id, label) per level below ``root`` down to the village."""
    names = [("pk-prov", N_("Provinsi")), ("pk-kab", N_("Kabupaten/kota")), ("pk-kec", N_("Kecamatan")),
             ("pk-desa", N_("Desa/kelurahan"))]
    depth = len(root.split(".")) if root else 0
    return names[depth:]


def _person_data(form: PersonForm) -> dict[str, Any]:
    return {"name": form.name.data, "nik": form.nik.data, "no_nik_reason": form.no_nik_reason.data or None,
            "sex": form.sex.data or None, "birth_date": form.birth_date.data, "age": form.age.data,
            "birth_place": form.birth_place.data, "village_code": form.village_code.data,
            "address": form.address.data, "phone": form.phone.data,
            "disability_types": list(form.disability_types.data or [])}


def _person_form(obj: Person | None = None) -> PersonForm:
    form = PersonForm(obj=obj)
    form.sex.choices = choices("sex", N_("— pilih —"))
    form.no_nik_reason.choices = choices("no_nik_reason", N_("— pilih —"))
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
    stmt = registry.person_query(user(), q=args.get("q"), area=args.get("area") or None,
                                 has_nik=args.get("has_nik") or None, warnings=args.get("warnings") == "1")
    page = paginate(stmt, args.get("page", 1, type=int), 25)
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
        try:
            fields = registry.validate_person(data)
            if fields.area_code and not can(user(), "person.edit", _Area(fields.area_code)):
                raise ValidationError({"village_code": N_("Wilayah ini di luar wilayah kerja Anda.")})
            duplicates = [p for p in dedup.likely_duplicates(fields) if can(user(), "person.view", p)]
            warnings = fields.warning_details
            if (duplicates or warnings) and form.confirmed.data != "1":
                form.confirmed.data = "1"
                return render_template("registry/form.html", form=form, duplicates=duplicates, warnings=warnings,
                                       root=region_root(), levels=picker_levels(region_root()),
                                       next_step=next_step, editing=None)
            person = registry.register_person(fields)
            session.commit()
        except Conflict as exc:
            session.rollback()
            form.nik.errors = [tr_error(exc)]
            existing = session.get(Person, exc.existing_id) if exc.existing_id else None
            if existing is not None and can(user(), "person.view", existing):
                duplicates = [existing]
            status = 422
        except ValidationError as exc:
            session.rollback()
            apply_errors(form, exc)
            status = 422
        else:
            flash(tr("{name} terdaftar.", name=person.name), "success")
            if next_step == "case" and can(user(), "case.edit"):
                return redirect(url_for("casework.new", person_id=person.id))
            return redirect(url_for("registry.detail", person_id=person.id))
    elif request.method == "POST":
        status = 422
    return render_template("registry/form.html", form=form, duplicates=duplicates, warnings=warnings,
                           root=region_root(), levels=picker_levels(region_root()), next_step=next_step,
                           editing=None), status


class _Area:
    """A stand-in with only an area, to ask ``can`` about a record not yet created."""

    def __init__(self, area_code: str) -> None:
        self.area_code = area_code


@bp.route("/orang/<person_id>")
@requires("person.view")
def detail(person_id: str) -> Any:
    person = _get_person(person_id)
    if person.merged_into_id:
        flash(tr("Data ini telah digabung ke data lain."), "info")
        return redirect(url_for("registry.detail", person_id=person.merged_into_id))
    audit.log_access("persons", person.id)
    session.commit()
    cases = [c for c in session.scalars(case_queries.case_query(user(), person_id=person.id))]
    dtks = DtksForm(prefix="dtks")
    dtks.dtks_status.choices = choices("dtks")
    return render_template("registry/detail.html", person=person, cases=cases,
                           households=households.households_of(person), merges=dedup.merges_of(person),
                           dtks=dtks, photo=PhotoForm(prefix="photo"), household=HouseholdForm(prefix="hh"),
                           action=ActionForm(), show_nik=can(user(), "person.view_nik", person))


@bp.route("/orang/<person_id>/ubah", methods=["GET", "POST"])
@requires("person.edit")
def edit(person_id: str) -> Any:
    person = _get_person(person_id, "person.edit")
    form = _person_form(person)
    status = 200
    if form.validate_on_submit():
        try:
            registry.update_person(person, _person_data(form))
            session.commit()
        except (ValidationError, Conflict) as exc:
            session.rollback()
            if isinstance(exc, Conflict):
                form.nik.errors = [tr_error(exc)]
            else:
                apply_errors(form, exc)
            status = 422
        else:
            flash(tr("Perubahan disimpan."), "success")
            return redirect(url_for("registry.detail", person_id=person.id))
    elif request.method == "POST":
        status = 422
    return render_template("registry/form.html", form=form, duplicates=[], warnings=[], root=region_root(),
                           levels=picker_levels(region_root()), next_step="person", editing=person), status


@bp.route("/orang/<person_id>/selesaikan-peringatan", methods=["POST"])
@requires("person.edit")
def resolve_warnings(person_id: str) -> Any:
    person = _get_person(person_id, "person.edit")
    if not ActionForm().validate_on_submit():
        abort(400)
    registry.resolve_nik_warnings(person)
    session.commit()
    flash(tr("Peringatan NIK ditandai sudah diperiksa."), "success")
    return redirect(url_for("registry.detail", person_id=person.id))


@bp.route("/orang/<person_id>/dtks", methods=["POST"])
@requires("person.edit")
def add_dtks(person_id: str) -> Any:
    person = _get_person(person_id, "person.edit")
    form = DtksForm(prefix="dtks")
    form.dtks_status.choices = choices("dtks")
    if not form.validate_on_submit():
        abort(400)
    try:
        registry.record_dtks(person, form.dtks_status.data, form.checked_on.data, form.decile.data, form.note.data)
        session.commit()
        flash(tr("Status DTKS dicatat."), "success")
    except ValidationError as exc:
        session.rollback()
        for message in exc.fields.values():
            flash(tr(message, **exc.params), "error")
    return redirect(url_for("registry.detail", person_id=person.id) + "#dtks")


def photo_folder() -> str:
    return str(Path(current_app.instance_path) / "photos")


@bp.route("/orang/<person_id>/foto", methods=["GET", "POST"])
@requires("person.view")
def photo(person_id: str) -> Any:
    if request.method == "GET":
        person = _get_person(person_id)
        if not person.photo_path:
            abort(404)
        response = send_from_directory(photo_folder(), person.photo_path, mimetype="image/jpeg")
        response.headers["Cache-Control"] = "private, no-store"
        return response
    person = _get_person(person_id, "person.edit")
    form = PhotoForm(prefix="photo")
    if not form.validate_on_submit():
        abort(400)
    upload = form.photo.data
    try:
        registry.save_photo(person, upload.read() if upload else b"", photo_folder())
        session.commit()
        flash(tr("Foto disimpan."), "success")
    except ValidationError as exc:
        session.rollback()
        flash(tr_error(exc), "error")
    return redirect(url_for("registry.detail", person_id=person.id))


# ---------------------------------------------------------------- households
@bp.route("/orang/<person_id>/keluarga", methods=["POST"])
@requires("person.edit")
def household_new(person_id: str) -> Any:
    person = _get_person(person_id, "person.edit")
    form = HouseholdForm(prefix="hh")
    if not form.validate_on_submit():
        abort(400)
    try:
        household = households.create_household(person, form.kk_number.data)
        session.commit()
    except ValidationError as exc:
        session.rollback()
        flash(tr_error(exc), "error")
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
            try:
                person = _get_person(form.person_id.data or "", "person.edit")
                households.add_member(hh, person, form.relationship_code.data)
                session.commit()
                flash(tr("{name} ditambahkan ke keluarga.", name=person.name), "success")
                return redirect(url_for("registry.household", household_id=hh.id))
            except ValidationError as exc:
                session.rollback()
                flash(tr_error(exc), "error")
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
        households.remove_member(hh, uuid.UUID(person_id))
        session.commit()
    except (ValueError, NotFound):
        abort(404)
    except ValidationError as exc:
        session.rollback()
        flash(tr_error(exc), "error")
    return redirect(url_for("registry.household", household_id=hh.id))


# ---------------------------------------------------------------- duplicates
@bp.route("/orang/duplikat")
@requires("person.merge")
def duplicates() -> Any:
    page = paginate(dedup.duplicate_queue_query(user()), request.args.get("page", 1, type=int), 20,
                    scalars=False)
    return render_template("registry/duplicates.html", page=page, form=MergeForm(), action=ActionForm())


def _pair_from_form() -> tuple[Person, Person, MergeForm]:
    form = MergeForm()
    if not form.validate_on_submit():
        abort(400)
    a = _get_person(form.survivor_id.data or "", "person.merge")
    b = _get_person(form.merged_id.data or "", "person.merge")
    return a, b, form


@bp.route("/orang/duplikat/gabung", methods=["POST"])
@requires("person.merge")
def merge() -> Any:
    survivor, merged, form = _pair_from_form()
    try:
        dedup.merge_persons(survivor, merged, by_id=user().id, reason=form.reason.data)
        session.commit()
    except ValidationError as exc:
        session.rollback()
        flash(tr_error(exc), "error")
        return redirect(url_for("registry.duplicates"))
    flash(tr("Data digabung ke {name}.", name=survivor.name), "success")
    return redirect(url_for("registry.detail", person_id=survivor.id))


@bp.route("/orang/duplikat/berbeda", methods=["POST"])
@requires("person.merge")
def distinct() -> Any:
    a, b, form = _pair_from_form()
    try:
        dedup.mark_not_duplicate(a, b, by_id=user().id, note=form.reason.data or None)
        session.commit()
    except ValidationError as exc:
        session.rollback()
        flash(tr_error(exc), "error")
    else:
        flash(tr("Dicatat: {a} dan {b} adalah orang yang berbeda.", a=a.name, b=b.name), "success")
    return redirect(url_for("registry.duplicates"))


# ---------------------------------------------------------------- BNBA import
@bp.route("/impor/bnba", methods=["GET", "POST"])
@requires("import.bnba")
def import_page() -> Any:
    form = ImportForm()
    status = 200
    if form.validate_on_submit():
        upload = form.file.data
        name = (getattr(upload, "filename", "") or "").strip()
        data = upload.read() if upload else b""
        if not name or not data:
            form.file.errors = [tr("Pilih berkas CSV atau XLSX.")]
            status = 422
        elif not name.lower().endswith((".csv", ".xlsx")):
            form.file.errors = [tr("Berkas harus CSV atau XLSX.")]
            status = 422
        else:
            run = import_runs.start_run(Path(name).name, user().id)
            session.commit()
            if current_app.config.get("TESTING") and not current_app.config.get("IMPORT_IN_BACKGROUND"):
                imports.execute_run(run, data)
                session.commit()
            else:
                imports.run_in_background(run.id, data, audit.current_actor())
            return redirect(url_for("registry.import_run", run_id=run.id))
    elif request.method == "POST":
        status = 422
    return render_template("registry/import.html", form=form), status


def _get_run(run_id: str) -> Any:
    run = import_runs.get_run(run_id)
    if run is None:
        abort(404)
    session.refresh(run)  # progress is written by the importing worker's own transactions
    if run.started_by_id != user().id and user().role not in ("admin", "supervisor"):
        abort(403)
    return run


@bp.route("/impor/bnba/<run_id>")
@requires("import.bnba")
def import_run(run_id: str) -> Any:
    run = _get_run(run_id)
    return render_template("registry/import_run.html", run=run, progress=import_runs.progress_of(run))


@bp.route("/impor/bnba/<run_id>/status")
@requires("import.bnba")
def import_status(run_id: str) -> Any:
    run = _get_run(run_id)
    return jsonify(import_runs.progress_of(run))


