"""Staff pages of the complaints desk (``/pengaduan``): list, register, the complaint's page with
its actions, the printable receipt, the monthly recap and the categories' deadlines."""

from __future__ import annotations

from typing import Any

from flask import abort, flash, redirect, render_template, request, url_for

from blueprints.complaints import bp
from blueprints.complaints.common import (
    category_choices,
    get_or_404,
    remember_code,
    take_code,
    template_globals,
    user_names,
)
from blueprints.complaints.forms import AssignForm, ComplaintForm, NoteForm, StatusForm
from blueprints.core.forms import ActionForm, label_choices, office_area_choices
from blueprints.core.i18n import tr
from blueprints.core.security import AreaOnly, ensure, requires, user
from blueprints.core.transaction import service_errors
from blueprints.core.urls import public_url
from service.accounts.models import User
from service.complaints import desk, stats
from service.complaints.models import Complaint
from service.core import audit, clock, settings
from service.core.access import can
from service.core.db import parse_uuid, session
from service.core.errors import N_, ValidationError
from service.core.formatting import format_date
from service.core.pagination import paginate


@bp.app_context_processor
def _globals() -> dict[str, Any]:
    return template_globals()


# ---------------------------------------------------------------- list
VIEWS = {"open": N_("Terbuka"), "mine": N_("Ditugaskan kepada saya"), "overdue": N_("Lewat tenggat"),
         "escalated": N_("Eskalasi")}


@bp.route("/pengaduan")
@requires("complaint.view")
def index() -> Any:
    args = request.args
    view = args.get("view") or None
    stmt = desk.complaint_query(user(), q=args.get("q"), status=args.get("status") or None,
                                category=args.get("category") or None, view=view)
    page = paginate(stmt, args.get("page", 1, type=int), 25)
    return render_template("complaints/index.html", page=page, args=args, view=view, views=VIEWS,
                           categories=category_choices(), today=clock.today(),
                           names=user_names({c.assignee_id for c in page.items}))


@bp.route("/pengaduan/eskalasi")
@requires("complaint.view")
def escalated() -> Any:
    return redirect(url_for("complaints.index", view="escalated"))


# ---------------------------------------------------------------- register
def _new_form() -> ComplaintForm:
    form = ComplaintForm()
    form.channel.choices = label_choices(desk.CHANNEL_LABELS, N_("— pilih —"))
    form.category_code.choices = category_choices(N_("— pilih —"))
    form.area_code.choices = office_area_choices(user().area_code, N_("— pilih —"))
    form.complainant_relation.choices = label_choices(desk.RELATION_LABELS, N_("— pilih —"))
    if request.method == "GET" and not form.received_on.data:
        form.received_on.data = format_date(clock.today())
    return form


@bp.route("/pengaduan/baru", methods=["GET", "POST"])
@requires("complaint.record")
def new() -> Any:
    form = _new_form()
    if form.validate_on_submit():
        data = {name: getattr(form, name).data for name in (
            "channel", "category_code", "received_on", "area_code", "location", "description", "complainant_name",
            "complainant_phone", "complainant_address", "complainant_relation")}
        with service_errors(form) as done:
            if data["area_code"] and not can(user(), "complaint.record", AreaOnly(data["area_code"])):
                raise ValidationError({"area_code": N_("Wilayah ini di luar wilayah kerja Anda.")})
            complaint, code = desk.register_complaint(data, by_id=user().id)
        if done.ok:
            remember_code(complaint, code)
            flash(tr("Pengaduan {number} dicatat.", number=complaint.number), "success")
            return redirect(url_for("complaints.receipt", complaint_id=complaint.id))
    return render_template("complaints/form.html", form=form), 422 if request.method == "POST" else 200


# ---------------------------------------------------------------- one complaint
def _status_form() -> StatusForm:
    form = StatusForm(prefix="st")
    if request.method == "GET" and not form.resolved_on.data:
        form.resolved_on.data = format_date(clock.today())
    return form


def _render(complaint: Complaint, status: int = 200, **forms: Any) -> Any:
    u = user()
    status_form = forms.get("status_form") or _status_form()
    status_form.to_status.choices = label_choices({s: desk.STATUS_LABELS[s] for s in
                                            sorted(desk.WORKFLOW.targets(complaint.status),
                                                   key=list(desk.STATUS_LABELS).index)})
    assign_form = forms.get("assign_form") or AssignForm(prefix="as")
    assign_form.assignee_id.choices = [(str(w.id), w.full_name or w.username) for w in desk.assignable_workers(complaint)]
    if complaint.assignee_id and not assign_form.assignee_id.data:
        assign_form.assignee_id.data = str(complaint.assignee_id)
    names = user_names({complaint.assignee_id, complaint.resolved_by_id, *(e.by_id for e in complaint.events)})
    return render_template(
        "complaints/detail.html", complaint=complaint, today=clock.today(), names=names,
        status_form=status_form, assign_form=assign_form, note_form=forms.get("note_form") or NoteForm(prefix="nt"),
        action_form=ActionForm(), may_record=can(u, "complaint.record", complaint),
        may_assign=can(u, "complaint.assign", complaint),
        may_intake=complaint.case_id is None and complaint.category.ppks_category_code is not None
        and can(u, "case.edit") and can(u, "person.edit")
        and can(u, "complaint.record", complaint)), status


@bp.route("/pengaduan/<complaint_id>")
@requires("complaint.view")
def detail(complaint_id: str) -> Any:
    complaint = get_or_404(complaint_id, "complaint.view")
    audit.log_access("complaints", complaint.id)
    return _render(complaint)


@bp.route("/pengaduan/<complaint_id>/petugas", methods=["POST"])
@requires("complaint.assign")
def assign(complaint_id: str) -> Any:
    complaint = get_or_404(complaint_id, "complaint.assign")
    form = AssignForm(prefix="as")
    if not form.validate_on_submit():
        abort(400)
    uid = parse_uuid(form.assignee_id.data)
    return _inline(complaint, form, "assign_form", lambda: desk.assign(
        complaint, session.get(User, uid) if uid else None, by_id=user().id), lambda: tr("Pengaduan ditugaskan."))


def _inline(complaint: Complaint, form: Any, name: str, action: Any, done_message: Any) -> Any:
    """Run one of the complaint page's forms: back to the page, or the page again (422) with the error."""
    with service_errors(form) as done:
        action()
    if done.ok:
        flash(done_message(), "success")
        return redirect(url_for("complaints.detail", complaint_id=complaint.id))
    return _render(desk.get_complaint(complaint.id), 422, **{name: form})


@bp.route("/pengaduan/<complaint_id>/status", methods=["POST"])
@requires("complaint.record")
def change_status(complaint_id: str) -> Any:
    complaint = get_or_404(complaint_id, "complaint.record")
    form = _status_form()
    if not form.validate_on_submit():
        abort(400)
    return _inline(complaint, form, "status_form", lambda: desk.change_status(
        complaint, form.to_status.data, by_id=user().id, reason=form.reason.data, resolution=form.resolution.data,
        resolved_on=form.resolved_on.data), lambda: tr("Status pengaduan: {status}.",
                                                       status=tr(desk.STATUS_LABELS[complaint.status])))


@bp.route("/pengaduan/<complaint_id>/catatan", methods=["POST"])
@requires("complaint.record")
def note(complaint_id: str) -> Any:
    complaint = get_or_404(complaint_id, "complaint.record")
    form = NoteForm(prefix="nt")
    if not form.validate_on_submit():
        abort(400)
    return _inline(complaint, form, "note_form", lambda: desk.add_note(complaint, form.note.data, by_id=user().id),
                   lambda: tr("Catatan disimpan."))


@bp.route("/pengaduan/<complaint_id>/kode-baru", methods=["POST"])
@requires("complaint.record")
def new_code(complaint_id: str) -> Any:
    complaint = get_or_404(complaint_id, "complaint.record")
    if not ActionForm().validate_on_submit():
        abort(400)
    remember_code(complaint, desk.reissue_code(complaint, by_id=user().id))
    flash(tr("Kode akses baru dibuat; kode lama tidak berlaku lagi."), "success")
    return redirect(url_for("complaints.receipt", complaint_id=complaint.id))


@bp.route("/pengaduan/<complaint_id>/tanda-terima")
@requires("complaint.view")
def receipt(complaint_id: str) -> Any:
    """The printable receipt for the person: number, date, deadline, where to look it up and — right
    after registering or re-issuing — the access code (shown this once)."""
    complaint = get_or_404(complaint_id, "complaint.view")
    audit.log_access("complaints", complaint.id, "receipt")
    return render_template("complaints/receipt.html", complaint=complaint, code=take_code(complaint),
                           office=settings.office(), action_form=ActionForm(),
                           may_record=can(user(), "complaint.record", complaint),
                           lookup_url=public_url("complaints.lookup"))


# ---------------------------------------------------------------- recap and categories
@bp.route("/pengaduan/rekap")
@requires("complaint.view")
def recap() -> Any:
    today = clock.today()
    year = request.args.get("year", today.year, type=int)
    if not 2000 <= year <= 2100:
        year = today.year
    data = stats.monthly(year, desk.visible_filter(user()), today)
    return render_template("complaints/recap.html", data=data, year=year)


@bp.route("/pengaduan/kategori", methods=["GET", "POST"])
@requires("reference.view")
def categories() -> Any:
    editable = can(user(), "reference.edit")
    if not (editable or can(user(), "complaint.view")):
        abort(403)  # reference data, but of the desk: not for a TAGANA volunteer
    form = ActionForm()
    status = 200
    if request.method == "POST":
        ensure("reference.edit", None)
        if not form.validate_on_submit():
            abort(400)
        with service_errors() as done:
            for cat in desk.categories(active_only=False):
                desk.set_category(cat.code, request.form.get(f"sla-{cat.code}", cat.sla_days),
                                  request.form.get(f"active-{cat.code}") == "1")
        if done.ok:
            flash(tr("Kategori pengaduan disimpan."), "success")
            return redirect(url_for("complaints.categories"))
        status = 422
    return render_template("complaints/categories.html", items=desk.categories(active_only=False), form=form,
                           editable=editable), status
