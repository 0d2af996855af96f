"""Services and follow-through: deliveries on a case, rehabilitation setting, family
tracing and reunification, referrals with their letter, return home, task lists.

Staff pages live under ``/layanan``. Two PUBLIC routes need no login and never
show personal data: the letter verification page ``/verifikasi/surat/<code>``
(the QR on a referral letter) and the one-time answer link ``/rujukan/jawab/<token>``.
"""

from __future__ import annotations

import base64
import io
import os
from typing import Any

from flask import (
    Blueprint,
    Response,
    abort,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    send_file,
    url_for,
)
from sqlalchemy import or_, select

from blueprints.care.forms import (
    AnswerForm,
    AttemptForm,
    CancelForm,
    CompleteForm,
    ContactForm,
    DeliveryForm,
    HandoverForm,
    InstitutionForm,
    MarkDeliveredForm,
    PlacementForm,
    ReferralForm,
    ReturnCancelForm,
    ReturnForm,
    ReunifyForm,
    ServiceSettingsForm,
    TracingOpenForm,
    TracingStatusForm,
    VisitForm,
    VoidForm,
)
from blueprints.core.forms import apply_errors
from blueprints.core.i18n import lang, tr, tr_error
from blueprints.core.nav import register_nav, register_tile
from blueprints.core.security import ensure, public, requires, user
from service.accounts.models import User
from service.care import deliveries as delivery_svc
from service.care import institutions, referrals, returns, tracing
from service.care import tasks as reminders
from service.care.models.followup import Referral
from service.casework import cases as casework
from service.casework.models import Case
from service.core import audit, settings
from service.core.access import can, may_see_sensitive_unassigned, scope_area
from service.core.db import session
from service.core.errors import N_, NotFound, ServiceError, ValidationError
from service.core.exports.pdf import html_to_pdf
from service.core.pagination import paginate
from service.reference.models import PpksCategory, ServiceType
from service.registry.models import Person

bp = Blueprint("care", __name__)

register_nav(30, "care.index", N_("Layanan"), "service.view")
register_nav(32, "care.referral_list", N_("Rujukan"), "referral.view")
register_nav(34, "care.tasks", N_("Tugas saya"), "task.view")
register_nav(36, "care.overview", N_("Ringkasan tugas"), "task.overview")
register_nav(85, "care.service_settings", N_("Pengaturan layanan"), "settings.edit")
register_tile(("admin",), "care.service_settings", N_("Pengaturan layanan"),
              N_("Format nomor surat rujukan, jadwal kunjungan lanjutan, batas pengingat."))
register_tile(("admin", "supervisor", "operator"), "care.institution_list", N_("Daftar lembaga"),
              N_("Panti, LKS, rumah sakit, balai dan dinas sosial lain tujuan rujukan."))
register_tile(("peksos", "supervisor", "operator"), "care.tasks", N_("Tugas saya"),
              N_("Kunjungan terlewat, rujukan belum dijawab, kasus tanpa kegiatan, rencana lewat tenggat."))
register_tile(("supervisor", "pimpinan"), "care.overview", N_("Ringkasan tugas"),
              N_("Apa yang terlambat, per petugas."))
register_tile(("peksos", "supervisor", "operator", "pimpinan", "auditor"), "care.index", N_("Layanan"),
              N_("Pemberian layanan: rencana, diberikan, dibatalkan, terlambat dicatat."))
register_tile(("peksos", "supervisor", "operator", "pimpinan", "auditor"), "care.referral_list", N_("Rujukan"),
              N_("Rujukan ke lembaga lain dan surat resminya."))


# ---------------------------------------------------------------- helpers
def _or_404(fn: Any, *args: Any) -> Any:
    try:
        return fn(*args)
    except NotFound:
        abort(404)


def _case(case_id: str, action: str) -> Case:
    case = _or_404(casework.get_case, case_id)
    ensure(action, case)
    return case


def _type_names() -> dict[str, str]:
    en = lang() == "en"
    return {t.code: (t.name_en if en else t.name_id) for t in session.scalars(select(ServiceType))}


def _type_choices() -> list[tuple[str, str]]:
    en = lang() == "en"
    rows = session.scalars(select(ServiceType).where(ServiceType.active).order_by(ServiceType.group, ServiceType.code))
    return [("", tr("— pilih —"))] + [(t.code, t.name_en if en else t.name_id) for t in rows]


def _institution_choices(empty: bool = True) -> list[tuple[str, str]]:
    rows = session.scalars(institutions.institutions_stmt(active_only=True))
    return ([("", tr("— pilih —"))] if empty else []) + [
        (str(i.id), f"{i.name} ({tr(institutions.KIND_LABELS[i.kind])})") for i in rows]


def _labels(mapping: dict[str, str]) -> list[tuple[str, str]]:
    return [(k, tr(v)) for k, v in mapping.items()]


def _commit_or_errors(form: Any, fn: Any) -> Any:
    """Run a service call; commit on success, roll back and show errors beside fields otherwise."""
    try:
        result = fn()
        session.commit()
        return result
    except ServiceError as exc:
        session.rollback()
        apply_errors(form, exc)
        return None


CASE_STATUS_LABELS = {"new": N_("Kasus baru"), "assessment": N_("Asesmen"), "plan": N_("Penyusunan rencana"),
                      "in_service": N_("Dalam layanan"), "closed": N_("Ditutup")}


def _case_context(case: Case) -> dict[str, Any]:
    en = lang() == "en"
    category = session.get(PpksCategory, case.category_code)
    worker = session.get(User, case.worker_id) if case.worker_id else None
    return {"case": case, "person": case.person,
            "category": (category.name_en if en else category.name_id) if category else case.category_code,
            "worker": worker, "case_status": CASE_STATUS_LABELS.get(case.status, case.status)}


def _uploads() -> str:
    return os.path.join(current_app.instance_path, "uploads")


# ---------------------------------------------------------------- deliveries
@bp.route("/layanan/")
@requires("service.view")
def index() -> Any:
    q = (request.args.get("q") or "").strip()
    status = request.args.get("status") or None
    page = paginate(delivery_svc.visible_stmt(user(), q, status), request.args.get("page", 1, type=int), 25)
    return render_template("care/index.html", page=page, q=q, status=status, names=_type_names())


def _placement_form() -> PlacementForm:
    form = PlacementForm(prefix="pl")
    form.setting.choices = _labels(institutions.SETTING_LABELS)
    form.institution_id.choices = _institution_choices()
    return form


def _render_case(case: Case, status: int = 200, row_errors: dict[Any, dict[str, str]] | None = None,
                 placement_form: PlacementForm | None = None) -> Any:
    """The case's services page; a failed inline form re-renders it (422) with the error beside its field."""
    return render_template(
        "care/case.html", **_case_context(case), deliveries=delivery_svc.case_deliveries(case),
        names=_type_names(), void_form=VoidForm(), mark_form=MarkDeliveredForm(),
        placement_form=placement_form or _placement_form(), row_errors=row_errors or {},
        placements=institutions.placements(case), setting_labels=institutions.SETTING_LABELS,
        tracing_rec=tracing.tracing_for(case), tracing_labels=tracing.STATUS_LABELS,
        referrals=list(session.scalars(select(Referral).where(Referral.case_id == case.id)
                                       .order_by(Referral.created_at.desc()))),
        referral_labels=referrals.STATUS_LABELS,
        returns=list(session.scalars(select(returns.ReturnHome).where(returns.ReturnHome.case_id == case.id))),
        return_labels=returns.STATUS_LABELS), status


@bp.route("/layanan/kasus/<case_id>")
@requires("service.view")
def case_page(case_id: str) -> Any:
    case = _case(case_id, "service.view")
    audit.log_access("persons", case.person_id, "services")
    session.commit()
    return _render_case(case)


@bp.route("/layanan/kasus/<case_id>/pemberian/baru", methods=["GET", "POST"])
@requires("service.record")
def delivery_new(case_id: str) -> Any:
    case = _case(case_id, "service.record")
    form = DeliveryForm()
    form.service_type_code.choices = _type_choices()
    if form.validate_on_submit():
        def save() -> Any:
            d = delivery_svc.record_delivery(
                case.person, form.service_type_code.data, delivered_on=form.delivered_on.data,
                planned_on=form.planned_on.data, quantity=form.quantity.data, case=case,
                unit=(form.unit.data or "").strip() or None, item_detail=form.item_detail.data or None,
                place=form.place.data or None, worker_id=user().id, cost=form.cost.data, notes=form.notes.data or None)
            upload = form.receipt.data
            if upload and getattr(upload, "filename", ""):
                delivery_svc.attach_receipt(d, upload.filename, upload.read(), _uploads())
            return d
        saved = _commit_or_errors(form, save)
        if saved is not None:
            msg = N_("Layanan dicatat sebagai diberikan.") if saved.delivered_on else N_("Layanan dicatat sebagai rencana.")
            flash(tr(msg), "success")
            if saved.late:
                flash(tr("Bulan layanan ini sudah ditutup: data ditandai terlambat dicatat."), "warning")
            return redirect(url_for("care.case_page", case_id=case.id))
    return render_template("care/form.html", form=form, title=N_("Catat layanan"), multipart=True,
                           fields=["service_type_code", "delivered_on", "planned_on", "quantity", "unit",
                                   "item_detail", "place", "cost", "notes", "receipt"],
                           back=url_for("care.case_page", case_id=case.id), **_case_context(case)), \
        422 if form.errors else 200


def _delivery(delivery_id: str, action: str) -> Any:
    d = _or_404(delivery_svc.get_delivery, delivery_id)
    thing = session.get(Case, d.case_id) if d.case_id else d
    ensure(action, thing)
    return d


def _back_to(d: Any) -> Any:
    return redirect(url_for("care.case_page", case_id=d.case_id) if d.case_id else url_for("care.index"))


def _row_action(delivery_id: str, action: str, form: Any, field: str, fn: Any, ok: str) -> Any:
    """An inline form on a delivery row: redirect on success, else the page again (422) with the error."""
    d = _delivery(delivery_id, action)
    if form.validate_on_submit():
        done = _commit_or_errors(form, lambda: fn(d))
        if done is not None:
            flash(tr(ok), "success")
            if getattr(done, "late", False) and not done.voided:
                flash(tr("Bulan layanan ini sudah ditutup: data ditandai terlambat dicatat."), "warning")
            return _back_to(d)
    errors = [str(e) for f in form for e in f.errors]
    if not d.case_id:
        for e in errors:
            flash(e, "error")
        return _back_to(d)
    case = _or_404(casework.get_case, d.case_id)
    return _render_case(case, 422, {d.id: {field: errors[0] if errors else tr("Periksa isian.")}})


@bp.route("/layanan/pemberian/<delivery_id>/batal", methods=["POST"])
@requires("service.void")
def delivery_void(delivery_id: str) -> Any:
    form = VoidForm()
    return _row_action(delivery_id, "service.void", form, "void_reason",
                       lambda d: delivery_svc.void_delivery(d, form.void_reason.data, user().id),
                       N_("Data layanan dibatalkan; tetap tersimpan dan tidak dihitung."))


@bp.route("/layanan/pemberian/<delivery_id>/diberikan", methods=["POST"])
@requires("service.record")
def delivery_mark(delivery_id: str) -> Any:
    form = MarkDeliveredForm()
    return _row_action(delivery_id, "service.record", form, "delivered_on",
                       lambda d: delivery_svc.mark_delivered(d, form.delivered_on.data),
                       N_("Layanan dicatat sebagai diberikan."))


@bp.route("/layanan/pemberian/<delivery_id>/bukti")
@requires("service.view")
def delivery_receipt(delivery_id: str) -> Any:
    d = _delivery(delivery_id, "service.view")
    if not d.attachment_path:
        abort(404)
    path = os.path.join(_uploads(), d.attachment_path)
    if not os.path.exists(path):
        abort(404)
    ext = d.attachment_path.rsplit(".", 1)[-1]
    audit.log_access("persons", d.person_id, "receipt")
    session.commit()
    return send_file(path, mimetype=delivery_svc.RECEIPT_TYPES[ext])


# ---------------------------------------------------------------- rehabilitation setting
@bp.route("/layanan/kasus/<case_id>/penempatan", methods=["POST"])
@requires("service.record")
def placement_set(case_id: str) -> Any:
    case = _case(case_id, "service.record")
    form = _placement_form()
    if form.validate_on_submit():
        inst = None
        if form.institution_id.data:
            inst = _or_404(institutions.get_institution, form.institution_id.data)
        saved = _commit_or_errors(form, lambda: institutions.set_placement(
            case, form.setting.data, form.date_in.data, institution=inst, reason=form.reason.data))
        if saved is not None:
            flash(tr("Tempat rehabilitasi disimpan."), "success")
            return redirect(url_for("care.case_page", case_id=case.id))
    return _render_case(case, 422, placement_form=form)


# ---------------------------------------------------------------- tracing and reunification
@bp.route("/layanan/kasus/<case_id>/penelusuran", methods=["GET", "POST"])
@requires("tracing.view")
def tracing_page(case_id: str) -> Any:
    case = _case(case_id, "tracing.view")
    rec = tracing.tracing_for(case)
    forms = _tracing_forms(rec)
    status = 200
    if request.method == "POST":
        ensure("tracing.edit", case)
        which = request.form.get("which")
        form = {"open": forms["open"], "contact": forms["contact"], "attempt": forms["attempt"],
                "status": forms["status"], "reunify": forms["reunify"]}.get(which or "")
        if form is None or (which != "open" and rec is None):
            abort(400)
        if form.validate_on_submit():
            uid = user().id
            actions = {
                "open": lambda: tracing.open_tracing(case, form.opened_on.data),
                "contact": lambda: tracing.add_contact(rec, form.name.data, form.relationship.data,
                                                       phone=form.phone.data, address=form.address.data),
                "attempt": lambda: tracing.record_attempt(rec, form.attempted_on.data, form.channel.data,
                                                          form.result.data, by_id=uid),
                "status": lambda: tracing.set_status(rec, form.status.data),
                "reunify": lambda: tracing.reunify(rec, form.reunified_on.data, form.relative_name.data,
                                                   form.relationship.data, form.place.data, notes=form.notes.data,
                                                   by_id=uid),
            }
            if _commit_or_errors(form, actions[which]) is not None:
                flash(tr("Penelusuran diperbarui."), "success")
                return redirect(url_for("care.tracing_page", case_id=case.id))
        status = 422
    else:
        audit.log_access("persons", case.person_id, "tracing")
        session.commit()
    return _render_tracing(case, rec, forms, status)


def _tracing_forms(rec: Any) -> dict[str, Any]:
    forms = {"open": TracingOpenForm(prefix="o"), "contact": ContactForm(prefix="c"),
             "attempt": AttemptForm(prefix="a"), "status": TracingStatusForm(prefix="s"),
             "reunify": ReunifyForm(prefix="r")}
    forms["attempt"].channel.choices = _labels(tracing.CHANNEL_LABELS)
    allowed = sorted(tracing.TRANSITIONS.get(rec.status, frozenset()) - {"reunified"}) if rec else []
    forms["status"].status.choices = [(s, tr(tracing.STATUS_LABELS[s])) for s in allowed]
    return forms


def _visit_form(visit: Any) -> VisitForm:
    form = VisitForm(prefix=f"v{visit.months}")
    form.outcome.choices = _labels(tracing.VISIT_OUTCOMES)
    return form


def _render_tracing(case: Case, rec: Any, forms: dict[str, Any], status: int = 200,
                    visit_override: tuple[Any, VisitForm] | None = None) -> Any:
    import datetime as dt

    visit_forms = {}
    if rec is not None and rec.reunification is not None:
        for v in rec.reunification.visits:
            visit_forms[v.id] = _visit_form(v)
    if visit_override is not None:
        visit_forms[visit_override[0]] = visit_override[1]
    return render_template("care/tracing.html", **_case_context(case), rec=rec, forms=forms,
                           visit_forms=visit_forms, today=dt.date.today(), labels=tracing.STATUS_LABELS,
                           channels=tracing.CHANNEL_LABELS, outcomes=tracing.VISIT_OUTCOMES), status


@bp.route("/layanan/kunjungan/<visit_id>", methods=["POST"])
@requires("tracing.edit")
def visit_record(visit_id: str) -> Any:
    visit = _or_404(tracing.get_visit, visit_id)
    ensure("tracing.edit", visit)
    form = _visit_form(visit)
    if form.validate_on_submit() and _commit_or_errors(form, lambda: tracing.record_visit(
            visit, form.visited_on.data, form.outcome.data, form.notes.data, by_id=user().id)) is not None:
        flash(tr("Kunjungan dicatat."), "success")
        return redirect(url_for("care.tracing_page", case_id=visit.case_id))
    visit = _or_404(tracing.get_visit, visit_id)
    case = _or_404(casework.get_case, visit.case_id)
    rec = tracing.tracing_for(case)
    return _render_tracing(case, rec, _tracing_forms(rec), 422, (visit.id, form))


def _pdf(html: str, filename: str) -> Response:
    resp = Response(html_to_pdf(html), mimetype="application/pdf")
    resp.headers["Content-Disposition"] = f'inline; filename="{filename}"'
    return resp


@bp.route("/layanan/kasus/<case_id>/reunifikasi.pdf")
@requires("tracing.view")
def reunification_pdf(case_id: str) -> Any:
    case = _case(case_id, "tracing.view")
    rec = tracing.tracing_for(case)
    if rec is None or rec.reunification is None:
        abort(404)
    audit.log_access("persons", case.person_id, "print")
    session.commit()
    html = render_template("care/print/reunification.html", office=settings.office(), r=rec.reunification,
                           **_case_context(case))
    return _pdf(html, f"reunifikasi-{case.number}.pdf")


# ---------------------------------------------------------------- institutions
@bp.route("/layanan/lembaga")
@requires("institution.view")
def institution_list() -> Any:
    q = (request.args.get("q") or "").strip()
    page = paginate(institutions.institutions_stmt(q, request.args.get("kind") or None),
                    request.args.get("page", 1, type=int), 25)
    return render_template("care/institutions.html", page=page, q=q, kinds=institutions.KIND_LABELS)


@bp.route("/layanan/lembaga/baru", methods=["GET", "POST"])
@bp.route("/layanan/lembaga/<institution_id>", methods=["GET", "POST"])
@requires("institution.view")
def institution_edit(institution_id: str | None = None) -> Any:
    inst = _or_404(institutions.get_institution, institution_id) if institution_id else None
    if request.method == "POST" or inst is None:
        ensure("institution.manage", None)
    form = InstitutionForm(obj=inst)
    form.kind.choices = _labels(institutions.KIND_LABELS)
    if form.validate_on_submit():
        data = {k: getattr(form, k).data for k in ("name", "kind", "region_code", "address", "contact_person", "phone",
                                                   "email", "notes", "active")}
        saved = _commit_or_errors(form, lambda: institutions.update_institution(inst, data) if inst
                                  else institutions.create_institution(data))
        if saved is not None:
            flash(tr("Lembaga disimpan."), "success")
            return redirect(url_for("care.institution_list"))
    readonly = not can(user(), "institution.manage")
    return render_template("care/form.html", form=form, readonly=readonly,
                           title=N_("Ubah lembaga") if inst else N_("Tambah lembaga"),
                           fields=["name", "kind", "region_code", "address", "contact_person", "phone", "email",
                                   "notes", "active"],
                           back=url_for("care.institution_list")), 422 if form.errors else 200


# ---------------------------------------------------------------- referrals
def _referral(referral_id: str, action: str) -> Referral:
    ref = _or_404(referrals.get_referral, referral_id)
    ensure(action, ref)
    return ref


@bp.route("/layanan/rujukan")
@requires("referral.view")
def referral_list() -> Any:
    u = user()
    q = (request.args.get("q") or "").strip()
    status = request.args.get("status") or None
    stmt = (select(Referral).join(Case, Referral.case_id == Case.id).join(Person, Referral.person_id == Person.id)
            .where(scope_area(u, Referral.area_code)).order_by(Referral.created_at.desc()))
    if not may_see_sensitive_unassigned(u):
        stmt = stmt.where(or_(Referral.is_sensitive.is_(False), Case.worker_id == u.id))
    if q:
        like = f"%{q}%"
        stmt = stmt.where(or_(Person.name.ilike(like), Case.number.ilike(like), Referral.letter_number.ilike(like)))
    if status in referrals.STATUS_LABELS:
        stmt = stmt.where(Referral.status == status)
    page = paginate(stmt, request.args.get("page", 1, type=int), 25)
    return render_template("care/referrals.html", page=page, q=q, status=status, labels=referrals.STATUS_LABELS)


@bp.route("/layanan/kasus/<case_id>/rujukan/baru", methods=["GET", "POST"])
@requires("referral.edit")
def referral_new(case_id: str) -> Any:
    case = _case(case_id, "referral.edit")
    form = ReferralForm()
    form.institution_id.choices = _institution_choices()
    if request.method == "GET":
        form.consent_checked.data = case.consent_given
    if form.validate_on_submit():
        inst = None
        if form.institution_id.data:
            inst = _or_404(institutions.get_institution, form.institution_id.data)
        saved = _commit_or_errors(form, lambda: referrals.create_referral(
            case, inst, form.reason.data, form.summary.data, consent_checked=form.consent_checked.data,
            by_id=user().id))
        if saved is not None:
            flash(tr("Draf rujukan disimpan."), "success")
            return redirect(url_for("care.referral_page", referral_id=saved.id))
    return render_template("care/form.html", form=form, title=N_("Rujukan baru"),
                           fields=["institution_id", "reason", "summary", "consent_checked"],
                           back=url_for("care.case_page", case_id=case.id), **_case_context(case)), \
        422 if form.errors else 200


def _render_referral(ref: Referral, status: int = 200, **forms: Any) -> Any:
    answer = forms.get("answer") or AnswerForm(prefix="ans")
    answer.decision.choices = [(k, tr(v)) for k, v in [("accept", N_("Diterima")), ("decline", N_("Ditolak"))]]
    return render_template("care/referral.html", ref=ref, labels=referrals.STATUS_LABELS,
                           allowed=referrals.TRANSITIONS[ref.status], answer=answer,
                           complete=forms.get("complete") or CompleteForm(prefix="c"),
                           cancel=forms.get("cancel") or CancelForm(prefix="x"), send=_empty_form(),
                           kinds=institutions.KIND_LABELS, **_case_context(ref.case)), status


@bp.route("/layanan/rujukan/<referral_id>")
@requires("referral.view")
def referral_page(referral_id: str) -> Any:
    ref = _referral(referral_id, "referral.view")
    audit.log_access("persons", ref.person_id, "referral")
    session.commit()
    return _render_referral(ref)


def qr_data_uri(text: str) -> str:
    """A QR code as an inline SVG data: URI (no remote URL, works in the PDF and on screen)."""
    import qrcode
    import qrcode.image.svg

    buf = io.BytesIO()
    qrcode.make(text, image_factory=qrcode.image.svg.SvgPathImage, box_size=10, border=1).save(buf)
    return "data:image/svg+xml;base64," + base64.b64encode(buf.getvalue()).decode()


def render_letter_html(ref: Referral, token: str | None) -> str:
    """The referral letter: letterhead, number, recipient, summary, signature, QR, answer link (when given)."""
    verify_url = url_for("care.verify_letter", code=ref.verify_code, _external=True)
    answer_url = url_for("care.answer_link", token=token, _external=True) if token else None
    return render_template("care/print/referral_letter.html", **referrals.letter_context(ref),
                           qr=qr_data_uri(verify_url), verify_url=verify_url, answer_url=answer_url,
                           kind_label=institutions.KIND_LABELS[ref.institution.kind])


def render_letter(ref: Referral, token: str | None) -> bytes:
    return html_to_pdf(render_letter_html(ref, token))


def send_and_store(ref: Referral) -> str:
    """Send (number, code, link) and keep the letter PDF; returns the raw answer token (shown once)."""
    token = referrals.send_referral(ref)
    referrals.attach_letter(ref, render_letter(ref, token))
    return token


def reissue_and_store(ref: Referral) -> str:
    token = referrals.issue_answer_link(ref)
    referrals.attach_letter(ref, render_letter(ref, token))
    return token


def _referral_action(referral_id: str, form: Any, fn: Any, ok: str, name: str | None = None) -> Any:
    """A form on the referral page: redirect on success, else the page again (422) with the errors beside fields."""
    ref = _referral(referral_id, "referral.edit")
    if form.validate_on_submit():
        if _commit_or_errors(form, lambda: fn(ref)) is not None:
            flash(tr(ok), "success")
            return redirect(url_for("care.referral_page", referral_id=ref.id))
    if name is None:
        for f in form:
            for e in f.errors:
                flash(tr(e), "error")
    ref = _or_404(referrals.get_referral, referral_id)
    return _render_referral(ref, 422, **({name: form} if name else {}))


@bp.route("/layanan/rujukan/<referral_id>/kirim", methods=["POST"])
@requires("referral.edit")
def referral_send(referral_id: str) -> Any:
    ref = _referral(referral_id, "referral.edit")
    if not _empty_form().validate_on_submit():
        abort(400)
    try:
        send_and_store(ref)
        session.commit()
    except ServiceError as exc:
        session.rollback()
        flash(tr_error(exc) if not isinstance(exc, ValidationError)
              else " ".join(tr(m, **exc.params) for m in exc.fields.values()), "error")
        return redirect(url_for("care.referral_page", referral_id=referral_id)), 302
    flash(tr("Rujukan dikirim. Unduh surat dan kirimkan ke lembaga tujuan."), "success")
    return redirect(url_for("care.referral_page", referral_id=ref.id))


@bp.route("/layanan/rujukan/<referral_id>/tautan-baru", methods=["POST"])
@requires("referral.edit")
def referral_relink(referral_id: str) -> Any:
    return _referral_action(referral_id, _empty_form(), reissue_and_store, N_("Tautan jawaban baru dibuat; surat diperbarui. Tautan lama tidak berlaku."))


def _empty_form() -> Any:
    from blueprints.core.forms import ActionForm

    return ActionForm()


@bp.route("/layanan/rujukan/<referral_id>/jawaban", methods=["POST"])
@requires("referral.edit")
def referral_answer(referral_id: str) -> Any:
    form = AnswerForm(prefix="ans")
    return _referral_action(referral_id, form, lambda ref: referrals.record_answer(
        ref, form.decision.data == "accept", form.responder.data, form.decline_reason.data), N_("Jawaban dicatat."),
        "answer")


@bp.route("/layanan/rujukan/<referral_id>/selesai", methods=["POST"])
@requires("referral.edit")
def referral_complete(referral_id: str) -> Any:
    form = CompleteForm(prefix="c")
    return _referral_action(referral_id, form, lambda ref: referrals.complete_referral(
        ref, form.completed_on.data, worker_id=user().id), N_("Rujukan selesai; layanan rujukan dicatat."), "complete")


@bp.route("/layanan/rujukan/<referral_id>/batal", methods=["POST"])
@requires("referral.edit")
def referral_cancel(referral_id: str) -> Any:
    form = CancelForm(prefix="x")
    return _referral_action(referral_id, form, lambda ref: referrals.cancel_referral(ref, form.cancel_reason.data),
                            N_("Rujukan dibatalkan."), "cancel")


@bp.route("/layanan/rujukan/<referral_id>/surat.pdf")
@requires("referral.view")
def referral_letter(referral_id: str) -> Any:
    ref = _referral(referral_id, "referral.view")
    if not ref.letter_number:
        abort(404)
    pdf = session.scalar(select(Referral.letter_pdf).where(Referral.id == ref.id))
    if not pdf:
        # A letter sent without a stored copy (e.g. imported): printed again without an answer link.
        pdf = render_letter(ref, None)
    audit.log_access("persons", ref.person_id, "letter")
    session.commit()
    resp = Response(pdf, mimetype="application/pdf")
    resp.headers["Content-Disposition"] = f'inline; filename="surat-rujukan-{ref.case.number}.pdf"'
    return resp


# ---------------------------------------------------------------- PUBLIC: no login, no personal data
@bp.route("/verifikasi/surat/<code>")
@public
def verify_letter(code: str) -> Any:
    """PUBLIC. The page a letter's QR opens: number, date, issuing office — nothing about the person."""
    info = referrals.verify_letter(code)
    return render_template("care/verify.html", info=info), 200 if info else 404


@bp.route("/rujukan/jawab/<token>", methods=["GET", "POST"])
@public
def answer_link(token: str) -> Any:
    """PUBLIC. One-time link for the receiving institution to accept or decline, without an account."""
    try:
        ref = referrals.referral_for_token(token)
    except NotFound:
        return render_template("care/answer.html", gone=tr("Tautan tidak dikenal."), form=None), 404
    except referrals.LinkGone as exc:
        return render_template("care/answer.html", gone=tr_error(exc), form=None), 410
    form = AnswerForm()
    form.decision.choices = [(k, tr(v)) for k, v in form.decision.choices]  # type: ignore[union-attr]
    status = 200
    if request.method == "POST":
        status = 422
        if form.validate_on_submit():
            done = _commit_or_errors(form, lambda: referrals.answer_by_link(
                token, form.decision.data == "accept", form.responder.data, form.decline_reason.data))
            if done is not None:
                return render_template("care/answer.html", done=done, form=None, labels=referrals.STATUS_LABELS)
    return render_template("care/answer.html", ref=ref, form=form, office=settings.office()), status


# ---------------------------------------------------------------- return home
def _return(return_id: str, action: str) -> Any:
    item = _or_404(returns.get_return, return_id)
    ensure(action, item)
    return item


@bp.route("/layanan/kasus/<case_id>/pemulangan/baru", methods=["GET", "POST"])
@requires("return.edit")
def return_new(case_id: str) -> Any:
    case = _case(case_id, "return.edit")
    form = ReturnForm()
    form.kind.choices = _labels(returns.KIND_LABELS)
    if form.validate_on_submit():
        saved = _commit_or_errors(form, lambda: returns.plan_return(
            case, form.kind.data, form.origin_region_code.data, form.destination_region_code.data, form.transport.data,
            form.travel_on.data, destination_address=form.destination_address.data, cost=form.cost.data,
            escort=form.escort.data, notes=form.notes.data))
        if saved is not None:
            flash(tr("Rencana pemulangan disimpan."), "success")
            return redirect(url_for("care.return_page", return_id=saved.id))
    return render_template("care/form.html", form=form, title=N_("Rencana pemulangan"),
                           fields=["kind", "origin_region_code", "destination_region_code", "destination_address",
                                   "transport", "cost", "escort", "travel_on", "notes"],
                           back=url_for("care.case_page", case_id=case.id), **_case_context(case)), \
        422 if form.errors else 200


@bp.route("/layanan/pemulangan/<return_id>", methods=["GET", "POST"])
@requires("return.view")
def return_page(return_id: str) -> Any:
    item = _return(return_id, "return.view")
    handover = HandoverForm(prefix="h")
    handover.receiver_role.choices = _labels(returns.RECEIVER_LABELS)
    cancel = ReturnCancelForm(prefix="x")
    status = 200
    if request.method == "POST":
        ensure("return.edit", item)
        which = request.form.get("which")
        form = handover if which == "handover" else cancel
        if form.validate_on_submit():
            fn = (lambda: returns.complete_return(item, handover.handed_over_on.data, handover.receiver_name.data,
                                                  handover.receiver_role.data,
                                                  receiver_relationship=handover.receiver_relationship.data,
                                                  worker_id=user().id)) if which == "handover" \
                else (lambda: returns.cancel_return(item, cancel.reason.data))
            if _commit_or_errors(form, fn) is not None:
                flash(tr("Pemulangan diperbarui."), "success")
                return redirect(url_for("care.return_page", return_id=item.id))
        status = 422
    else:
        audit.log_access("persons", item.person_id, "return")
        session.commit()
    from service.reference import regions

    return render_template("care/return.html", item=item, handover=handover, cancel=cancel,
                           kinds=returns.KIND_LABELS, labels=returns.STATUS_LABELS, receivers=returns.RECEIVER_LABELS,
                           region=regions.label, **_case_context(item.case)), status


@bp.route("/layanan/pemulangan/<return_id>/berita-acara.pdf")
@requires("return.view")
def return_pdf(return_id: str) -> Any:
    item = _return(return_id, "return.view")
    if item.status != "completed":
        abort(404)
    from service.reference import regions

    audit.log_access("persons", item.person_id, "print")
    session.commit()
    html = render_template("care/print/return.html", office=settings.office(), item=item, region=regions.label,
                           kinds=returns.KIND_LABELS, receivers=returns.RECEIVER_LABELS, **_case_context(item.case))
    return _pdf(html, f"serah-terima-{item.case.number}.pdf")


# ---------------------------------------------------------------- tasks
@bp.route("/layanan/tugas", methods=["GET", "POST"])
@requires("task.view")
def tasks() -> Any:
    if request.method == "POST":
        if _empty_form().validate_on_submit():
            reminders.mark_seen(user())
            session.commit()
        return redirect(url_for("care.tasks"))
    import datetime as dt

    items = reminders.tasks_for(user())
    return render_template("care/tasks.html", items=items, today=dt.date.today(), kinds=reminders.KIND_LABELS,
                           names=_type_names(), seen_form=_empty_form())


@bp.route("/layanan/tugas/ringkasan")
@requires("task.overview")
def overview() -> Any:
    import datetime as dt

    data = reminders.overview(user())
    return render_template("care/overview.html", data=data, today=dt.date.today(), kinds=reminders.KIND_LABELS,
                           names=_type_names())


# ---------------------------------------------------------------- settings of the area
@bp.route("/layanan/pengaturan", methods=["GET", "POST"])
@requires("settings.edit")
def service_settings() -> Any:
    form = ServiceSettingsForm(data={
        "letter_number_format": settings.get("referral.letter_number_format"),
        "letter_code": settings.get("referral.letter_code"),
        "followup_months": ", ".join(str(m) for m in tracing.followup_months()),
        "answer_days": settings.get("referral.answer_days"), "link_days": settings.get("referral.link_days"),
        "inactive_days": settings.get("tasks.inactive_days")})
    if form.validate_on_submit():
        def save() -> bool:
            errors = {}
            for field in ("answer_days", "link_days", "inactive_days"):
                if not 1 <= (getattr(form, field).data or 0) <= 365:
                    errors[field] = N_("Isi angka 1–365.")
            if errors:
                raise ValidationError(errors)
            referrals.set_number_format(form.letter_number_format.data, form.letter_code.data or "")
            tracing.set_followup_months(form.followup_months.data)
            settings.put("referral.answer_days", form.answer_days.data)
            settings.put("referral.link_days", form.link_days.data)
            settings.put("tasks.inactive_days", form.inactive_days.data)
            return True
        if _commit_or_errors(form, save):
            flash(tr("Pengaturan disimpan."), "success")
            return redirect(url_for("care.service_settings"))
    return render_template("care/form.html", form=form, title=N_("Pengaturan layanan dan rujukan"),
                           fields=["letter_number_format", "letter_code", "followup_months", "answer_days",
                                   "link_days", "inactive_days"], back=url_for("home.home")), \
        422 if form.errors else 200
