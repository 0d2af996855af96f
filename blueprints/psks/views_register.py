"""PSKS persons and institutions, and the LKS documents (``/psks/orang``, ``/psks/lembaga``)."""

from __future__ import annotations

from typing import Any

from flask import flash, redirect, render_template, request, url_for

from blueprints.core.forms import label_choices, office_area_choices
from blueprints.core.i18n import tr
from blueprints.core.labels import LABELS
from blueprints.core.security import AreaOnly, ensure, requires, user
from blueprints.core.transaction import service_errors
from blueprints.psks import bp
from blueprints.psks.common import load
from blueprints.psks.forms import DocumentForm, OrganisationForm, WorkerForm
from service.core import clock
from service.core.access import can
from service.core.errors import N_, Conflict, ValidationError
from service.core.formatting import format_date
from service.core.pagination import paginate
from service.psks import documents, register
from service.psks.models import ACCREDITATION_GRADES, PsksOrganisation, PsksWorker

WORKER_FIELDS = ("kind", "name", "nik", "sex", "birth_date", "phone", "address", "area_code", "appointment_number",
                 "appointed_on", "certificate_number", "ended_on", "notes")
ORG_FIELDS = ("kind", "institution_id", "name", "region_code", "address", "leader_name", "phone",
              "registration_number", "founded_on", "members", "services", "notes", "active")


@bp.app_context_processor
def _globals() -> dict[str, Any]:
    return {"worker_labels": register.WORKER_LABELS, "organisation_labels": register.ORGANISATION_LABELS,
            "document_labels": documents.KIND_LABELS, "stage_labels": documents.STAGE_LABELS}


def _in_my_area(code: str | None, field: str) -> None:
    if code and not can(user(), "psks.manage", AreaOnly(code)):
        raise ValidationError({field: N_("Wilayah ini di luar wilayah kerja Anda.")})


# ---------------------------------------------------------------- persons
@bp.route("/psks/orang")
@requires("psks.view")
def workers() -> Any:
    args = request.args
    page = paginate(register.worker_query(user(), args.get("q"), args.get("kind") or None),
                    args.get("page", 1, type=int), 25)
    return render_template("psks/workers.html", page=page, args=args)


def _worker_form(worker: PsksWorker | None) -> WorkerForm:
    form = WorkerForm(obj=worker)
    form.kind.choices = label_choices(register.WORKER_LABELS, N_("— pilih —"))
    form.sex.choices = label_choices(LABELS["sex"], N_("— pilih —"))
    form.area_code.choices = office_area_choices(user().area_code, N_("— pilih —"))
    if worker is not None and request.method == "GET":
        for name in ("birth_date", "appointed_on", "ended_on"):
            getattr(form, name).data = format_date(getattr(worker, name))
    return form


@bp.route("/psks/orang/baru", methods=["GET", "POST"])
@bp.route("/psks/orang/<worker_id>", methods=["GET", "POST"])
@requires("psks.view")
def worker(worker_id: str | None = None) -> Any:
    record = load(register.get_worker, worker_id) if worker_id else None
    if request.method == "POST" or record is None:
        ensure("psks.manage", record)
    form = _worker_form(record)
    if form.validate_on_submit():
        data = {name: getattr(form, name).data for name in WORKER_FIELDS}
        with service_errors(form) as done:
            _in_my_area(data["area_code"], "area_code")
            try:
                saved = register.update_worker(record, data) if record else register.create_worker(data)
            except Conflict as exc:
                raise ValidationError({"nik": exc.message}, **exc.params) from None
        if done.ok:
            flash(tr("Data PSKS disimpan."), "success")
            return redirect(url_for("psks.worker", worker_id=saved.id))
    return render_template("psks/worker.html", form=form, record=record, readonly=not can(user(), "psks.manage", record),
                           today=clock.today()), 422 if request.method == "POST" else 200


# ---------------------------------------------------------------- institutions
@bp.route("/psks/lembaga")
@requires("psks.view")
def organisations() -> Any:
    args = request.args
    page = paginate(register.organisation_query(user(), args.get("q"), args.get("kind") or None),
                    args.get("page", 1, type=int), 25)
    return render_template("psks/organisations.html", page=page, args=args)


def _org_form(org: PsksOrganisation | None) -> OrganisationForm:
    form = OrganisationForm(obj=org)
    form.kind.choices = label_choices(register.ORGANISATION_LABELS, N_("— pilih —"))
    form.region_code.choices = office_area_choices(user().area_code, N_("— pilih —"))
    form.institution_id.choices = [("", tr("— daftarkan LKS baru —"))] + [
        (str(i.id), i.name) for i in register.linkable_institutions()]
    if org is not None and request.method == "GET":
        form.founded_on.data = format_date(org.founded_on)
        form.members.data = "" if org.members is None else str(org.members)
        if org.institution is not None:
            inst = org.institution
            form.name.data, form.region_code.data, form.address.data = inst.name, inst.region_code, inst.address
            form.leader_name.data, form.phone.data = inst.contact_person, inst.phone
            form.active.data = org.active and inst.active
    return form


def _render_org(org: PsksOrganisation | None, form: OrganisationForm, doc_form: DocumentForm | None = None,
                status: int = 200) -> Any:
    doc_form = doc_form or _doc_form()
    return render_template("psks/organisation.html", form=form, record=org, doc_form=doc_form,
                           readonly=not can(user(), "psks.manage", org),
                           in_force=documents.in_force(org) if org else {}, today=clock.today(),
                           warn_days=documents.warning_days()), status


@bp.route("/psks/lembaga/baru", methods=["GET", "POST"])
@bp.route("/psks/lembaga/<organisation_id>", methods=["GET", "POST"])
@requires("psks.view")
def organisation(organisation_id: str | None = None) -> Any:
    org = load(register.get_organisation, organisation_id) if organisation_id else None
    if request.method == "POST" or org is None:
        ensure("psks.manage", org)
    form = _org_form(org)
    if form.validate_on_submit():
        data = {name: getattr(form, name).data for name in ORG_FIELDS}
        with service_errors(form) as done:
            _in_my_area(data["region_code"] if not data.get("institution_id") else None, "region_code")
            saved = register.update_organisation(org, data) if org else register.create_organisation(data)
        if done.ok:
            flash(tr("Data lembaga disimpan."), "success")
            return redirect(url_for("psks.organisation", organisation_id=saved.id))
        return _render_org(org, form, status=422)
    return _render_org(org, form, status=422 if request.method == "POST" else 200)


def _doc_form() -> DocumentForm:
    form = DocumentForm(prefix="doc")
    form.kind.choices = label_choices(documents.KIND_LABELS, N_("— pilih —"))
    form.grade.choices = [("", "–")] + [(g, g) for g in ACCREDITATION_GRADES]
    return form


@bp.route("/psks/lembaga/<organisation_id>/dokumen", methods=["POST"])
@requires("psks.manage")
def add_document(organisation_id: str) -> Any:
    org = load(register.get_organisation, organisation_id, "psks.manage")
    form = _doc_form()
    if form.validate_on_submit():
        with service_errors(form) as done:
            documents.add_document(org, {k: getattr(form, k).data for k in
                                         ("kind", "number", "issued_on", "expires_on", "grade", "issuer")})
        if done.ok:
            flash(tr("Dokumen disimpan."), "success")
            return redirect(url_for("psks.organisation", organisation_id=org.id))
    return _render_org(register.get_organisation(org.id), _org_form(org), form, 422)
