"""DTKS/DTSEN proposals and their batches (``/perlindungan/usulan``, ``/perlindungan/berkas``) and the
area's overview page (``/perlindungan``)."""

from __future__ import annotations

from typing import Any

from flask import Response, abort, flash, redirect, render_template, request, url_for
from sqlalchemy import func, select

from blueprints.core.forms import ActionForm, label_choices
from blueprints.core.i18n import tr
from blueprints.core.security import ensure, requires, user
from blueprints.core.transaction import service_errors
from blueprints.protection import bp
from blueprints.protection.common import find_subject, household_head, load
from blueprints.protection.forms import (
    AddToBatchForm,
    AnswerForm,
    AnswersFileForm,
    BatchForm,
    EvidenceForm,
    ProposalForm,
    ReasonForm,
)
from service.core.access import can, scope_area
from service.core.db import session
from service.core.errors import N_, NotFound
from service.core.pagination import paginate
from service.protection import batches, cemetery, letters, programmes, proposals
from service.protection.models import DtksBatch, DtksProposal, PbiRecommendation, ProgrammeMembership


@bp.app_context_processor
def _globals() -> dict[str, Any]:
    return {"proposal_kinds": proposals.KIND_LABELS, "removal_labels": proposals.REMOVAL_LABELS,
            "proposal_statuses": proposals.STATUS_LABELS, "evidence_labels": proposals.EVIDENCE_LABELS,
            "batch_statuses": batches.STATUS_LABELS, "membership_statuses": programmes.STATUS_LABELS,
            "letter_statuses": letters.STATUS_LABELS, "work_labels": cemetery.WORK_LABELS,
            "day_labels": cemetery.DAY_LABELS, "household_head": household_head}


@bp.route("/perlindungan")
@requires("protection.view")
def index() -> Any:
    me = user()
    by_status = dict(session.execute(select(DtksProposal.status, func.count()).where(
        scope_area(me, DtksProposal.area_code)).group_by(DtksProposal.status)).all())
    members = dict(session.execute(select(ProgrammeMembership.programme_code, func.count()).where(
        scope_area(me, ProgrammeMembership.area_code), ProgrammeMembership.status == "active")
        .group_by(ProgrammeMembership.programme_code)).all())
    waiting_letters = session.scalar(select(func.count()).select_from(PbiRecommendation).where(
        scope_area(me, PbiRecommendation.area_code), PbiRecommendation.status == "issued"))
    waiting_batches = list(session.scalars(select(DtksBatch).where(DtksBatch.status == "submitted")))
    return render_template("protection/index.html", by_status=by_status, members=members,
                           programmes={p.code: p for p in programmes.programmes(False)},
                           waiting_letters=waiting_letters, waiting_batches=waiting_batches,
                           findings=len(programmes.double_listing(me)))


# ---------------------------------------------------------------- proposals
@bp.route("/perlindungan/usulan")
@requires("protection.view")
def proposal_list() -> Any:
    args = request.args
    page = paginate(proposals.proposal_query(user(), args.get("q"), args.get("status") or None,
                                             args.get("kind") or None), args.get("page", 1, type=int), 25)
    return render_template("protection/proposals.html", page=page, args=args)


@bp.route("/perlindungan/usulan/baru", methods=["GET", "POST"])
@requires("protection.edit")
def proposal_new() -> Any:
    form = ProposalForm()
    form.kind.choices = label_choices(proposals.KIND_LABELS, N_("— pilih —"))
    form.removal_reason.choices = label_choices(proposals.REMOVAL_LABELS, N_("— pilih —"))
    pid, hid = request.args.get("person_id"), request.args.get("household_id")
    if form.validate_on_submit():
        with service_errors(form) as done:
            person, household = find_subject(form.nik.data, form.kk.data, pid, hid)
            prop = proposals.create_proposal({"kind": form.kind.data, "removal_reason": form.removal_reason.data,
                                              "reason": form.reason.data, "proposed_on": form.proposed_on.data,
                                              "person_id": person.id if person else None,
                                              "household_id": household.id if household else None},
                                             worker_id=user().id)
        if done.ok:
            flash(tr("Usulan dicatat. Lampirkan berita acara atau hasil kunjungan rumah."), "success")
            return redirect(url_for("protection.proposal", proposal_id=prop.id))
    return render_template("protection/proposal_new.html", form=form, preset=pid or hid), \
        422 if request.method == "POST" else 200


@bp.route("/perlindungan/usulan/<proposal_id>")
@requires("protection.view")
def proposal(proposal_id: str) -> Any:
    prop = load(proposals.get_proposal, proposal_id)
    if prop.person_id:
        from service.core import audit

        audit.log_access("persons", prop.person_id, "dtks_proposal")
    return _proposal_page(prop)


def _proposal_page(prop: DtksProposal, evidence: EvidenceForm | None = None, status: int = 200) -> Any:
    if evidence is None:
        evidence = EvidenceForm(prefix="ev")
    evidence.kind.choices = label_choices(proposals.EVIDENCE_LABELS, N_("— pilih —"))
    answer = AnswerForm(prefix="ans")
    answer.answer.choices = label_choices({"accepted": N_("Diterima"), "rejected": N_("Ditolak")})
    return render_template("protection/proposal.html", prop=prop, evidence=evidence, answer=answer,
                           withdraw=ReasonForm(prefix="wd"), missing=proposals.missing_evidence(prop),
                           editable=can(user(), "protection.edit", prop)), status


@bp.route("/perlindungan/usulan/<proposal_id>/bukti", methods=["POST"])
@requires("protection.edit")
def proposal_evidence(proposal_id: str) -> Any:
    prop = load(proposals.get_proposal, proposal_id, "protection.edit")
    form = EvidenceForm(prefix="ev")
    form.kind.choices = label_choices(proposals.EVIDENCE_LABELS, N_("— pilih —"))
    if form.validate_on_submit():
        with service_errors(form) as done:
            proposals.add_evidence(prop, {k: getattr(form, k).data for k in ("kind", "held_on", "reference",
                                                                              "officer", "finding")})
        if done.ok:
            flash(tr("Bukti dicatat."), "success")
            return redirect(url_for("protection.proposal", proposal_id=prop.id))
    return _proposal_page(load(proposals.get_proposal, proposal_id), form, 422)


@bp.route("/perlindungan/usulan/<proposal_id>/batal", methods=["POST"])
@requires("protection.edit")
def proposal_withdraw(proposal_id: str) -> Any:
    prop = load(proposals.get_proposal, proposal_id, "protection.edit")
    form = ReasonForm(prefix="wd")
    if not form.validate_on_submit():
        abort(400)
    with service_errors() as done:
        proposals.withdraw(prop, form.reason.data or "")
    if done.ok:
        flash(tr("Usulan dibatalkan."), "success")
    return redirect(url_for("protection.proposal", proposal_id=proposal_id))


@bp.route("/perlindungan/usulan/<proposal_id>/jawaban", methods=["POST"])
@requires("protection.batch")
def proposal_answer(proposal_id: str) -> Any:
    prop = load(proposals.get_proposal, proposal_id, "protection.batch")
    form = AnswerForm(prefix="ans")
    form.answer.choices = label_choices({"accepted": N_("Diterima"), "rejected": N_("Ditolak")})
    if not form.validate_on_submit():
        abort(400)
    with service_errors() as done:
        batches.record_answer(prop, form.answer.data, form.answer_reason.data, form.answered_on.data)
    if done.ok:
        flash(tr("Jawaban kementerian dicatat."), "success")
    back = request.form.get("next")
    return redirect(back if back and back.startswith("/perlindungan/") else
                    url_for("protection.proposal", proposal_id=proposal_id))


# ---------------------------------------------------------------- batches
@bp.route("/perlindungan/berkas", methods=["GET", "POST"], endpoint="batches")
@requires("protection.view")
def batches_page() -> Any:
    form = BatchForm()
    if request.method == "POST":
        ensure("protection.batch", None)
        if form.validate_on_submit():
            with service_errors(form) as done:
                batch = batches.create_batch(form.period.data, form.notes.data)
            if done.ok:
                return redirect(url_for("protection.batch", batch_id=batch.id))
    counts = dict(session.execute(select(DtksProposal.batch_id, func.count()).where(
        scope_area(user(), DtksProposal.area_code), DtksProposal.batch_id.is_not(None))
        .group_by(DtksProposal.batch_id)).all())
    return render_template("protection/batches.html", batches=list(session.scalars(batches.batch_query())),
                           counts=counts, form=form), 422 if request.method == "POST" else 200


def _batch_page(batch: DtksBatch, status: int = 200) -> Any:
    rows = [p for p in batch.proposals if can(user(), "protection.view", p)]
    add = AddToBatchForm(prefix="add")
    ready = list(session.scalars(proposals.proposal_query(user(), status="verified"))) if batch.status == "draft" else []
    add.proposals.choices = [(str(p.id), p.subject_name) for p in ready]
    answer = AnswerForm(prefix="ans")
    answer.answer.choices = label_choices({"accepted": N_("Diterima"), "rejected": N_("Ditolak")})
    return render_template("protection/batch.html", batch=batch, rows=rows, ready=ready, add=add, answer=answer,
                           action=ActionForm(), reason=ReasonForm(prefix="ret"), upload=AnswersFileForm(prefix="up"),
                           may_batch=can(user(), "protection.batch") and not user().area_code,
                           may_approve=can(user(), "protection.approve")), status


def _get_batch(batch_id: str, action: str = "protection.view") -> DtksBatch:
    """A batch is the whole office's (no area of its own): the role decides; its rows are filtered."""
    ensure(action, None)
    try:
        return batches.get_batch(batch_id)
    except NotFound:
        abort(404)


@bp.route("/perlindungan/berkas/<batch_id>")
@requires("protection.view")
def batch(batch_id: str) -> Any:
    return _batch_page(_get_batch(batch_id))


def _office_batch(batch_id: str, action: str) -> DtksBatch:
    record = _get_batch(batch_id, action)
    if user().area_code:  # a batch is the whole office's: only staff without an area restriction handle it
        abort(403)
    return record  # type: ignore[no-any-return]


@bp.route("/perlindungan/berkas/<batch_id>/tambah", methods=["POST"])
@requires("protection.batch")
def batch_add(batch_id: str) -> Any:
    record = _office_batch(batch_id, "protection.batch")
    form = AddToBatchForm(prefix="add")
    form.proposals.choices = []
    if form.validate_on_submit():
        with service_errors() as done:
            n = batches.add_proposals(record, list(form.proposals.data or []))
        if done.ok:
            flash(tr("{n} usulan dimasukkan ke berkas.", n=n), "success")
    return redirect(url_for("protection.batch", batch_id=batch_id))


@bp.route("/perlindungan/berkas/<batch_id>/keluarkan/<proposal_id>", methods=["POST"])
@requires("protection.batch")
def batch_remove(batch_id: str, proposal_id: str) -> Any:
    record = _office_batch(batch_id, "protection.batch")
    if not ActionForm().validate_on_submit():
        abort(400)
    with service_errors():
        batches.remove_proposal(record, load(proposals.get_proposal, proposal_id, "protection.batch"))
    return redirect(url_for("protection.batch", batch_id=batch_id))


STEP_DONE = {"ajukan": N_("Berkas diajukan kepada Kepala Dinas."), "setujui": N_("Berkas disetujui."),
             "kembalikan": N_("Berkas dikembalikan untuk diperbaiki.")}


@bp.route("/perlindungan/berkas/<batch_id>/<step>", methods=["POST"])
@requires("protection.view")
def batch_step(batch_id: str, step: str) -> Any:
    """``ajukan`` (submit), ``setujui`` (approve, head of office), ``kembalikan`` (return with a reason)."""
    actions = {"ajukan": "protection.batch", "setujui": "protection.approve", "kembalikan": "protection.approve"}
    if not (can(user(), "protection.batch") or can(user(), "protection.approve")):
        abort(403)
    if step not in actions:
        abort(404)
    ensure(actions[step], None)
    record = _get_batch(batch_id, actions[step])
    form = ReasonForm(prefix="ret") if step == "kembalikan" else ActionForm()
    if not form.validate_on_submit():
        abort(400)
    with service_errors() as done:
        if step == "ajukan":
            batches.submit(record, user().id)
        elif step == "setujui":
            batches.approve(record, user().id)
        else:
            batches.return_batch(record, form.reason.data or "")  # type: ignore[attr-defined]
    if done.ok:
        flash(tr(STEP_DONE[step]), "success")
    return redirect(url_for("protection.batch", batch_id=batch_id))


@bp.route("/perlindungan/berkas/<batch_id>/unduh.<fmt>")
@requires("protection.batch")
def batch_export(batch_id: str, fmt: str) -> Any:
    if fmt not in ("xlsx", "csv"):
        abort(404)
    record = _office_batch(batch_id, "protection.batch")
    ensure("person.view_nik", None)
    with service_errors() as done:
        content, filename, mime = batches.export(record, fmt)
    if not done.ok:
        return redirect(url_for("protection.batch", batch_id=batch_id))
    return Response(content, mimetype=mime, headers={"Content-Disposition": f'attachment; filename="{filename}"'})


@bp.route("/perlindungan/berkas/<batch_id>/jawaban", methods=["POST"])
@requires("protection.batch")
def batch_answers(batch_id: str) -> Any:
    record = _office_batch(batch_id, "protection.batch")
    form = AnswersFileForm(prefix="up")
    if not form.validate_on_submit() or not form.file.data:
        flash(tr("Pilih berkas jawaban (CSV)."), "error")
        return _batch_page(record, 422)
    with service_errors() as done:
        n = batches.import_answers(record, form.file.data.read())
    if not done.ok:
        return _batch_page(_get_batch(batch_id), 422)
    flash(tr("{n} jawaban kementerian dicatat.", n=n), "success")
    return redirect(url_for("protection.batch", batch_id=batch_id))
