"""Programme membership and the double-listing check (``/perlindungan/program``), PBI-JK recommendation
letters (``/perlindungan/rekomendasi-pbi``, public ``/verifikasi/rekomendasi/<code>``), civil documents
(``/perlindungan/dokumen``), the heroes' cemetery and national days (``/perlindungan/makam``)."""

from __future__ import annotations

from typing import Any

from flask import abort, flash, redirect, render_template, request, url_for

from blueprints.care.letters import html_pdf_response, qr_data_uri
from blueprints.core.forms import ActionForm, label_choices, office_area_choices
from blueprints.core.i18n import tr
from blueprints.core.ratelimit import limiter
from blueprints.core.security import AreaOnly, ensure, public, requires, user
from blueprints.core.transaction import service_errors
from blueprints.core.urls import public_url
from blueprints.protection import bp
from blueprints.protection.common import find_subject, load
from blueprints.protection.forms import (
    CeremonyForm,
    DocumentForm,
    EnrolForm,
    GraveForm,
    LetterAnswerForm,
    LetterForm,
    MaintenanceForm,
    MembershipStatusForm,
    ProgrammeForm,
)
from service.core import audit, clock
from service.core.access import can
from service.core.db import session
from service.core.errors import N_, ValidationError
from service.core.pagination import paginate
from service.protection import cemetery, documents, letters, programmes
from service.protection.models.records import CIVIL_DOCUMENT_KINDS

UNIT_LABELS = {"household": N_("Keluarga"), "person": N_("Orang")}


def _in_my_area(code: str | None, field: str = "area_code") -> None:
    if code and not can(user(), "protection.manage", AreaOnly(code)):
        raise ValidationError({field: N_("Wilayah ini di luar wilayah kerja Anda.")})


# ---------------------------------------------------------------- programmes
def _enrol_form() -> EnrolForm:
    form = EnrolForm(prefix="en")
    form.programme_code.choices = [("", tr("— pilih —"))] + [(p.code, p.name) for p in programmes.programmes()]
    return form


@bp.route("/perlindungan/program", methods=["GET", "POST"])
@requires("protection.view")
def memberships() -> Any:
    args = request.args
    form = _enrol_form()
    if request.method == "POST":
        ensure("protection.edit", None)
        if form.validate_on_submit():
            with service_errors(form) as done:
                person, household = find_subject(form.nik.data, form.kk.data)
                programmes.enrol({"programme_code": form.programme_code.data, "member_number": form.member_number.data,
                                  "stage": form.stage.data, "started_on": form.started_on.data,
                                  "person_id": person.id if person else None,
                                  "household_id": household.id if household else None})
            if done.ok:
                flash(tr("Kepesertaan dicatat."), "success")
                return redirect(url_for("protection.memberships"))
    page = paginate(programmes.membership_query(user(), args.get("programme") or None, args.get("status") or None,
                                                args.get("q")), args.get("page", 1, type=int), 25)
    return render_template("protection/memberships.html", page=page, args=args, form=form,
                           programmes=programmes.programmes(False), unit_labels=UNIT_LABELS), \
        422 if request.method == "POST" else 200


@bp.route("/perlindungan/program/<membership_id>", methods=["GET", "POST"])
@requires("protection.view")
def membership(membership_id: str) -> Any:
    m = load(programmes.get_membership, membership_id)
    form = MembershipStatusForm(prefix="st", status=m.status, stage=m.stage)
    form.status.choices = [(m.status, tr(programmes.STATUS_LABELS[m.status]))] + [
        (t, tr(programmes.STATUS_LABELS[t])) for t in sorted(programmes.WORKFLOW.targets(m.status))]
    if request.method == "POST":
        ensure("protection.edit", m)
        if form.validate_on_submit():
            with service_errors(form) as done:
                programmes.change_status(m, form.status.data, reason=form.reason.data, on=form.on.data,
                                         stage=form.stage.data or "")
            if done.ok:
                flash(tr("Kepesertaan diperbarui."), "success")
                return redirect(url_for("protection.membership", membership_id=m.id))
    return render_template("protection/membership.html", m=m, form=form,
                           editable=can(user(), "protection.edit", m)), 422 if request.method == "POST" else 200


@bp.route("/perlindungan/program/periksa")
@requires("protection.view")
def double_listing() -> Any:
    findings = programmes.double_listing(user())
    return render_template("protection/double_listing.html", findings=findings, labels=programmes.CHECK_LABELS)


@bp.route("/perlindungan/program/daftar", methods=["GET", "POST"])
@requires("protection.view")
def programme_list() -> Any:
    form = ProgrammeForm(prefix="pg")
    form.unit.choices = label_choices(UNIT_LABELS)
    if request.method == "POST":
        ensure("protection.manage", None)
        if form.validate_on_submit():
            with service_errors(form) as done:
                programmes.save_programme({k: getattr(form, k).data for k in ("code", "name", "unit", "description",
                                                                               "active")})
            if done.ok:
                flash(tr("Program disimpan."), "success")
                return redirect(url_for("protection.programme_list"))
    return render_template("protection/programmes.html", items=programmes.programmes(False), form=form,
                           unit_labels=UNIT_LABELS, level_labels=programmes.LEVEL_LABELS), \
        422 if request.method == "POST" else 200


# ---------------------------------------------------------------- PBI-JK letters
@bp.route("/perlindungan/rekomendasi-pbi", methods=["GET", "POST"])
@requires("protection.view")
def letter_list() -> Any:
    form = LetterForm(prefix="lt")
    if request.method == "POST":
        ensure("protection.edit", None)
        if form.validate_on_submit():
            with service_errors(form) as done:
                person, _hh = find_subject(form.nik.data)
                letter = letters.issue(person, {k: getattr(form, k).data for k in ("addressed_to", "reason",
                                                                                    "letter_date")})
            if done.ok:
                flash(tr("Surat rekomendasi {number} terbit.", number=letter.letter_number), "success")
                return redirect(url_for("protection.letter", letter_id=letter.id))
    page = paginate(letters.letter_query(user(), request.args.get("status") or None),
                    request.args.get("page", 1, type=int), 25)
    return render_template("protection/letters.html", page=page, form=form), 422 if request.method == "POST" else 200


def _answer_form(letter: Any) -> LetterAnswerForm:
    form = LetterAnswerForm(prefix="ans")
    form.status.choices = [(t, tr(letters.STATUS_LABELS[t])) for t in ("accepted", "rejected", "cancelled")
                           if letters.WORKFLOW.can(letter.status, t)]
    return form


@bp.route("/perlindungan/rekomendasi-pbi/<letter_id>", methods=["GET", "POST"])
@requires("protection.view")
def letter(letter_id: str) -> Any:
    record = load(letters.get_letter, letter_id)
    form = _answer_form(record)
    if request.method == "POST":
        ensure("protection.edit", record)
        if form.validate_on_submit():
            with service_errors(form) as done:
                letters.record_answer(record, form.status.data, responder=form.responder.data or "",
                                      note=form.note.data, answered_on=form.answered_on.data)
            if done.ok:
                flash(tr("Jawaban dicatat."), "success")
                return redirect(url_for("protection.letter", letter_id=record.id))
    else:
        audit.log_access("persons", record.person_id, "pbi_letter")
    return render_template("protection/letter.html", letter=record, form=form,
                           editable=can(user(), "protection.edit", record)), 422 if request.method == "POST" else 200


@bp.route("/perlindungan/rekomendasi-pbi/<letter_id>/surat.pdf")
@requires("protection.view")
def letter_pdf(letter_id: str) -> Any:
    record = load(letters.get_letter, letter_id)
    audit.log_access("persons", record.person_id, "letter")
    verify_url = public_url("protection.verify_letter", code=record.verify_code)
    html = render_template("protection/print/pbi_letter.html", **letters.letter_context(record),
                           qr=qr_data_uri(verify_url), verify_url=verify_url)
    return html_pdf_response(html, f"rekomendasi-pbi-{record.letter_date.isoformat()}.pdf")


@bp.route("/verifikasi/rekomendasi/<code>")
@public
@limiter.limit("30 per minute")
def verify_letter(code: str) -> Any:
    """PUBLIC. The page the letter's QR opens: number, date, office — nothing about the person."""
    info = letters.verify(code)
    return render_template("protection/verify.html", info=info), 200 if info else 404


# ---------------------------------------------------------------- civil documents
@bp.route("/perlindungan/dokumen", methods=["GET", "POST"])
@requires("protection.view")
def document_list() -> Any:
    form = DocumentForm(prefix="doc", person_id=request.args.get("person_id"))
    form.kind.choices = label_choices(documents.KIND_LABELS, N_("— pilih —"))
    if request.method == "POST":
        ensure("protection.edit", None)
        if form.validate_on_submit():
            with service_errors(form) as done:
                person, _hh = find_subject(form.nik.data, person_id=form.person_id.data or None)
                documents.record_document(person, {k: getattr(form, k).data for k in ("kind", "number",
                                                                                       "obtained_on")},
                                          worker_id=user().id)
            if done.ok:
                flash(tr("Dokumen kependudukan dicatat (layanan fasilitasi dokumen tercatat juga)."), "success")
                return redirect(url_for("protection.document_list"))
    kind = request.args.get("kind")
    page = paginate(documents.document_query(user(), kind if kind in CIVIL_DOCUMENT_KINDS else None),
                    request.args.get("page", 1, type=int), 25)
    pending = list(session.scalars(documents.deliveries_without_document(user()).limit(50)))
    attach = DocumentForm(prefix="dl")
    attach.kind.choices = label_choices(documents.KIND_LABELS, N_("— pilih —"))
    return render_template("protection/documents.html", page=page, form=form, kinds=documents.KIND_LABELS,
                           pending=pending, attach=attach), 422 if request.method == "POST" else 200


@bp.route("/perlindungan/dokumen/layanan/<delivery_id>", methods=["POST"])
@requires("protection.edit")
def document_for_delivery(delivery_id: str) -> Any:
    """Attach the document obtained to a delivery recorded without it (the care area's form)."""
    from service.care.deliveries import access_target, get_delivery
    from service.core.errors import NotFound

    try:
        delivery = get_delivery(delivery_id)
    except NotFound:
        abort(404)
    ensure("protection.edit", access_target(delivery), hide=True)
    form = DocumentForm(prefix="dl")
    form.kind.choices = label_choices(documents.KIND_LABELS, N_("— pilih —"))
    if not form.validate_on_submit():
        abort(400)
    with service_errors() as done:
        documents.record_document(delivery.person, {"kind": form.kind.data, "number": form.number.data,
                                                    "obtained_on": delivery.delivered_on.isoformat()},
                                  delivery=delivery)
    if done.ok:
        flash(tr("Dokumen kependudukan dicatat."), "success")
    return redirect(url_for("protection.document_list"))


# ---------------------------------------------------------------- heroes' cemetery, national days
def _cemetery_forms() -> tuple[GraveForm, MaintenanceForm, CeremonyForm]:
    grave, maint, cer = GraveForm(prefix="gr"), MaintenanceForm(prefix="mt"), CeremonyForm(prefix="cr")
    grave.area_code.choices = cer.area_code.choices = office_area_choices(user().area_code, N_("— pilih —"))
    maint.work.choices = label_choices(cemetery.WORK_LABELS, N_("— pilih —"))
    cer.day.choices = label_choices(cemetery.DAY_LABELS, N_("— pilih —"))
    return grave, maint, cer


@bp.route("/perlindungan/makam", methods=["GET", "POST"])
@requires("protection.view")
def graves() -> Any:
    grave_form, maint, cer = _cemetery_forms()
    graves_all = list(session.scalars(cemetery.grave_query(user(), request.args.get("q"))))
    maint.graves.choices = [(str(g.id), f"{g.plot} {g.hero_name}") for g in graves_all]
    which = request.form.get("form") if request.method == "POST" else None
    if request.method == "POST":
        ensure("protection.manage", None)
        form = {"grave": grave_form, "maintenance": maint, "ceremony": cer}.get(which or "")
        if form is None:
            abort(400)
        if form.validate_on_submit():
            with service_errors(form) as done:
                if which == "grave":
                    _in_my_area(grave_form.area_code.data)
                    cemetery.create_grave({k: getattr(grave_form, k).data for k in (
                        "cemetery", "plot", "hero_name", "rank", "buried_on", "area_code")})
                elif which == "maintenance":
                    chosen = [g for g in graves_all if str(g.id) in set(maint.graves.data or [])]
                    cemetery.record_maintenance([g.id for g in chosen], {k: getattr(maint, k).data for k in (
                        "work", "done_on", "notes")})
                else:
                    _in_my_area(cer.area_code.data)
                    cemetery.record_ceremony({k: getattr(cer, k).data for k in (
                        "day", "held_on", "place", "participants", "area_code", "notes")})
            if done.ok:
                flash(tr("Data disimpan."), "success")
                return redirect(url_for("protection.graves"))
    year = request.args.get("tahun", clock.today().year, type=int)
    return render_template("protection/graves.html", graves=graves_all, last=cemetery.last_maintained(),
                           grave_form=grave_form, maint=maint, cer=cer, year=year,
                           ceremonies=list(session.scalars(cemetery.ceremony_query(user(), year)))), \
        422 if request.method == "POST" else 200


@bp.route("/perlindungan/makam/<grave_id>")
@requires("protection.view")
def grave(grave_id: str) -> Any:
    return render_template("protection/grave.html", grave=load(cemetery.get_grave, grave_id), action=ActionForm())
