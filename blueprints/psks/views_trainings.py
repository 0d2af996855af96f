"""The PSKS overview (``/psks``), trainings with their participants (``/psks/pelatihan``) and the
reminders of LKS documents about to lapse (``/psks/pengingat``)."""

from __future__ import annotations

from typing import Any

from flask import abort, flash, redirect, render_template, request, url_for

from blueprints.core.forms import ActionForm, office_area_choices
from blueprints.core.i18n import tr
from blueprints.core.security import AreaOnly, ensure, requires, user
from blueprints.core.transaction import service_errors
from blueprints.psks import bp
from blueprints.psks.common import load
from blueprints.psks.forms import ParticipantForm, TrainingForm
from service.core import clock
from service.core.access import can
from service.core.db import parse_uuid, session
from service.core.errors import N_, ValidationError
from service.core.formatting import format_date
from service.core.pagination import paginate
from service.psks import documents, register, trainings
from service.psks.models import PsksOrganisation, PsksTraining, PsksWorker


@bp.route("/psks")
@requires("psks.view")
def index() -> Any:
    today = clock.today()
    due = documents.due_documents(today, user())
    year_trainings = paginate(trainings.training_query(user(), year=today.year), 1, 5)
    return render_template("psks/index.html", counts=register.counts(user()), due=due, today=today,
                           trainings=year_trainings)


# ---------------------------------------------------------------- trainings
@bp.route("/psks/pelatihan")
@requires("psks.view")
def training_list() -> Any:
    args = request.args
    page = paginate(trainings.training_query(user(), args.get("q"), args.get("year", type=int)),
                    args.get("page", 1, type=int), 25)
    return render_template("psks/trainings.html", page=page, args=args,
                           participants=trainings.participant_count([t.id for t in page.items]))


def _training_form(training: PsksTraining | None) -> TrainingForm:
    form = TrainingForm(obj=training)
    form.area_code.choices = office_area_choices(user().area_code)
    if request.method == "GET":
        if training is not None:
            form.starts_on.data, form.ends_on.data = format_date(training.starts_on), format_date(training.ends_on)
        elif not form.area_code.data and form.area_code.choices:
            form.area_code.data = form.area_code.choices[0][0]
    return form


def _participant_form(training: PsksTraining) -> ParticipantForm:
    form = ParticipantForm(prefix="pt")
    taken_w = {p.worker_id for p in training.participations}
    taken_o = {p.organisation_id for p in training.participations}
    workers = session.scalars(register.worker_query(user(), active_only=True))
    form.worker_id.choices = [("", tr("— pilih —"))] + [
        (str(w.id), f"{w.name} · {tr(register.WORKER_LABELS[w.kind])}") for w in workers if w.id not in taken_w]
    orgs = session.scalars(register.organisation_query(user()).where(PsksOrganisation.active))
    form.organisation_id.choices = [("", tr("— pilih —"))] + [
        (str(o.id), f"{o.display_name} · {tr(register.ORGANISATION_LABELS[o.kind])}") for o in orgs
        if o.id not in taken_o]
    return form


def _render_training(training: PsksTraining | None, form: TrainingForm, part_form: ParticipantForm | None = None,
                     status: int = 200) -> Any:
    return render_template("psks/training.html", form=form, record=training,
                           part_form=part_form or (_participant_form(training) if training else None),
                           action_form=ActionForm(), readonly=not can(user(), "psks.manage", training)), status


@bp.route("/psks/pelatihan/baru", methods=["GET", "POST"])
@bp.route("/psks/pelatihan/<training_id>", methods=["GET", "POST"])
@requires("psks.view")
def training(training_id: str | None = None) -> Any:
    record = load(trainings.get_training, training_id) if training_id else None
    if request.method == "POST" or record is None:
        ensure("psks.manage", record)
    form = _training_form(record)
    if form.validate_on_submit():
        data = {k: getattr(form, k).data for k in ("title", "organiser", "starts_on", "ends_on", "location",
                                                   "area_code", "notes")}
        with service_errors(form) as done:
            if not can(user(), "psks.manage", AreaOnly(data["area_code"])):
                raise ValidationError({"area_code": N_("Wilayah ini di luar wilayah kerja Anda.")})
            saved = trainings.update_training(record, data) if record else trainings.create_training(data)
        if done.ok:
            flash(tr("Pelatihan disimpan."), "success")
            return redirect(url_for("psks.training", training_id=saved.id))
    return _render_training(record, form, status=422 if request.method == "POST" else 200)


@bp.route("/psks/pelatihan/<training_id>/peserta", methods=["POST"])
@requires("psks.manage")
def add_participant(training_id: str) -> Any:
    record = load(trainings.get_training, training_id, "psks.manage")
    form = _participant_form(record)
    if not form.validate_on_submit():
        abort(400)
    with service_errors(form) as done:
        wid, oid = parse_uuid(form.worker_id.data), parse_uuid(form.organisation_id.data)
        worker = session.get(PsksWorker, wid) if wid else None
        org = session.get(PsksOrganisation, oid) if oid else None
        for thing in (worker, org):
            if thing is not None and not can(user(), "psks.view", thing):
                raise ValidationError({"worker_id": N_("Peserta tidak ditemukan.")})
        trainings.add_participant(record, worker=worker, organisation=org, representative=form.representative.data,
                                  certificate_number=form.certificate_number.data)
    if done.ok:
        flash(tr("Peserta ditambahkan."), "success")
        return redirect(url_for("psks.training", training_id=record.id))
    if done.error is not None and getattr(done.error, "fields", {}).get("participant"):
        form.worker_id.errors = [tr(done.error.fields["participant"])]
    fresh = trainings.get_training(record.id)
    return _render_training(fresh, _training_form(fresh), form, 422)


@bp.route("/psks/pelatihan/<training_id>/peserta/<participation_id>/hapus", methods=["POST"])
@requires("psks.manage")
def remove_participant(training_id: str, participation_id: str) -> Any:
    record = load(trainings.get_training, training_id, "psks.manage")
    if not ActionForm().validate_on_submit():
        abort(400)
    with service_errors() as done:
        trainings.remove_participant(record, participation_id)
    if done.ok:
        flash(tr("Peserta dihapus dari pelatihan."), "success")
    return redirect(url_for("psks.training", training_id=record.id))


# ---------------------------------------------------------------- reminders
@bp.route("/psks/pengingat", methods=["GET", "POST"])
@requires("psks.view")
def reminders() -> Any:
    if request.method == "POST":
        ensure("psks.manage", None)
        if not ActionForm().validate_on_submit():
            abort(400)
        due = documents.due_documents(clock.today(), user())
        documents.mark_seen(user().id, [d.document.id for d in due])
        flash(tr("Pengingat ditandai sudah dilihat."), "success")
        return redirect(url_for("psks.reminders"))
    return render_template("psks/reminders.html", due=documents.due_documents(clock.today(), user()),
                           days=documents.warning_days(), action_form=ActionForm(), today=clock.today())


@bp.app_template_global()
def psks_trainings_of(thing: Any) -> list[Any]:
    """The participations of a person or institution, newest training first (their pages)."""
    if thing is None:
        return []
    return sorted(thing.participations, key=lambda p: p.training.ends_on, reverse=True)
