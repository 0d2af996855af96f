"""Casework web area: intake (step 2 of the wizard), assessment, plan, approvals, lifecycle, lists."""

from __future__ import annotations

import uuid
from typing import Any

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from sqlalchemy import select

from blueprints.casework.forms import (
    AssessmentForm,
    CaseForm,
    ClosureForm,
    DecisionForm,
    PlanCancelForm,
    PlanDoneForm,
    PlanItemForm,
    ReasonForm,
    WorkerForm,
)
from blueprints.core.forms import ActionForm
from blueprints.core.i18n import tr
from blueprints.core.labels import choices, ref_name
from blueprints.core.nav import register_nav, register_tile
from blueprints.core.security import ensure, requires, user
from blueprints.core.transaction import service_errors
from service.accounts.models import User
from service.casework import approvals as case_approvals
from service.casework import cases as casework
from service.casework import plans
from service.casework import queries as case_queries
from service.casework.models import CASE_STATUSES, Case
from service.core import audit, clock
from service.core.access import can, in_area
from service.core.db import session
from service.core.errors import N_, NotFound, ValidationError
from service.core.formatting import format_date
from service.core.pagination import paginate, search_cap
from service.reference import regions
from service.reference.models import BasicService, PpksCategory, ServiceType
from service.registry import persons as registry

bp = Blueprint("casework", __name__, url_prefix="/kasus")

register_nav(12, "casework.index", N_("Kasus"), "case.view")
register_nav(13, "casework.approvals", N_("Persetujuan"), "case.approve")
register_tile(("peksos", "supervisor", "operator", "pimpinan", "auditor"), "casework.index", N_("Kasus"),
              N_("Daftar kasus, beban kasus saya, yang terlambat."))
register_tile(("supervisor",), "casework.approvals", N_("Persetujuan"),
              N_("Asesmen, rencana layanan dan penutupan kasus yang menunggu keputusan."))


def _get_case(case_id: str, action: str = "case.view") -> Case:
    try:
        case = casework.get_case(case_id)
    except NotFound:
        abort(404)
    ensure(action, case)
    return case


def _workers(area: str | None = None) -> list[User]:
    rows = session.scalars(select(User).where(User.active, User.role.in_(("peksos", "supervisor")))
                           .order_by(User.full_name))
    return [u for u in rows if area is None or not u.area_code or in_area(u.area_code, area)]


def _worker_choices(area: str | None, blank: bool = True) -> list[tuple[str, str]]:
    out = [("", tr("— belum ditentukan —"))] if blank else []
    return out + [(str(u.id), u.full_name or u.username) for u in _workers(area)]


def _categories() -> list[PpksCategory]:
    return list(session.scalars(select(PpksCategory).where(PpksCategory.active).order_by(PpksCategory.name_id)))


def _uuid(raw: str | None) -> uuid.UUID | None:
    try:
        return uuid.UUID(raw) if raw else None
    except ValueError:
        return None


# ---------------------------------------------------------------- lists
@bp.route("")
@requires("case.view")
def index() -> Any:
    args = request.args
    today = clock.today()
    stmt = case_queries.case_query(
        user(), q=args.get("q"), status=args.get("status") or None, category=args.get("category") or None,
        spm_service=args.get("spm") or None, area=args.get("area") or None,
        worker_id=_uuid(args.get("worker")), overdue=args.get("overdue") == "1", mine=args.get("mine") == "1",
        today=today)
    page = paginate(stmt, args.get("page", 1, type=int), 25, cap=search_cap(args.get("q")))
    from blueprints.registry.common import region_root

    root = region_root()
    areas = regions.children(root or None)
    overdue_ids = set()
    if page.items:
        ids = [c.id for c in page.items]
        overdue_ids = set(session.scalars(select(Case.id).where(Case.id.in_(ids), case_queries.overdue_filter(today))))
    return render_template("casework/index.html", page=page, args=args, statuses=CASE_STATUSES,
                           categories=_categories(),
                           services=list(session.scalars(select(BasicService).order_by(BasicService.order))),
                           areas=areas, workers=_workers(), overdue_ids=overdue_ids)


@bp.route("/persetujuan")
@requires("case.approve")
def approvals() -> Any:
    page = paginate(case_approvals.pending_approvals_query(user()), request.args.get("page", 1, type=int), 25)
    cases = {a.case_id: session.get(Case, a.case_id) for a in page.items}
    return render_template("casework/approvals.html", page=page, cases=cases, form=DecisionForm())


# ---------------------------------------------------------------- intake (wizard step 2)
@bp.route("/baru", methods=["GET", "POST"])
@requires("case.edit")
def new() -> Any:
    pid = request.values.get("person_id")
    if not pid:
        return redirect(url_for("registry.new"))
    try:
        person = registry.get_person(pid)
    except NotFound:
        abort(404)
    ensure("person.view", person)
    form = CaseForm()
    form.category_code.choices = [("", tr("— pilih —"))] + [(c.code, ref_name(c)) for c in _categories()]
    form.intake_source.choices = choices("intake_source", N_("— pilih —"))
    form.urgency.choices = choices("urgency")
    form.worker_id.choices = _worker_choices(person.area_code)
    if request.method == "GET":
        form.intake_date.data = format_date(clock.today())
        form.urgency.data = "normal"
        if user().role == "peksos":
            form.worker_id.data = str(user().id)
    status = 200
    if form.validate_on_submit():
        with service_errors(form) as done:
            if not form.category_code.data:
                raise ValidationError({"category_code": N_("Pilih kategori PPKS.")})
            if not form.consent_given.data:
                raise ValidationError({"consent_given": N_("Catat persetujuan sebelum membuka kasus.")})
            if not can(user(), "case.edit", person):
                raise ValidationError({"_": N_("Orang ini di luar wilayah kerja Anda.")})
            case = casework.open_case(
                person, form.category_code.data, form.intake_source.data or "", form.intake_date.data,
                found_place=form.found_place.data or None, urgency=form.urgency.data or "normal",
                consent_given=True, consent_by=form.consent_by.data or None,
                worker_id=_uuid(form.worker_id.data), by_id=user().id, notes=form.notes.data or None)
        if done.ok:
            flash(tr("Kasus {number} dibuka.", number=case.number), "success")
            return redirect(url_for("casework.assess", case_id=case.id))
        status = 422
    elif request.method == "POST":
        status = 422
    return render_template("casework/form.html", form=form, person=person), status


# ---------------------------------------------------------------- case page
@bp.route("/<case_id>")
@requires("case.view")
def detail(case_id: str) -> Any:
    case = _get_case(case_id)
    from service.core import audit

    audit.log_access("persons", case.person_id, purpose=f"case {case.number}")
    return _render_detail(case)


def _item_forms(item: Any) -> tuple[PlanDoneForm, PlanCancelForm]:
    """The "done" and "cancel" forms of one planned service (prefixes keep their ids unique)."""
    done = PlanDoneForm(prefix=f"done-{item.id}", formdata=None)
    done.delivery_id.choices = [("", tr("— tanpa tautan —"))] + [
        (str(d.id), f"{format_date(d.delivered_on)} · {d.quantity} {d.unit}")
        for d in plans.plan_item_deliveries(item)]
    return done, PlanCancelForm(prefix=f"cancel-{item.id}", formdata=None)


def _plan_item_forms(case: Case) -> dict[Any, tuple[PlanDoneForm, PlanCancelForm]]:
    return {item.id: _item_forms(item) for item in case.plan_items if item.status == "planned"}


def _render_detail(case: Case, status: int = 200, item_forms: dict[Any, Any] | None = None) -> Any:
    person = case.person
    latest = casework.latest_assessment(case)
    plan = PlanItemForm(prefix="plan")
    plan.service_type_code.choices = [(c, ref_name(session.get(ServiceType, c)))
                                      for c in (latest.need_codes if latest else [])]
    plan.responsible_id.choices = _worker_choices(case.area_code, blank=False)
    closure = ClosureForm(prefix="close")
    closure.close_reason.choices = choices("close_reason", N_("— pilih —"))
    worker = WorkerForm(prefix="w", data={"worker_id": str(case.worker_id) if case.worker_id else ""})
    worker.worker_id.choices = _worker_choices(case.area_code)
    pending = {a.kind: a for a in case_approvals.approvals_of(case) if a.status == "pending"}
    users = {u.id: u for u in session.scalars(select(User))}
    forms = _plan_item_forms(case)
    forms.update(item_forms or {})
    return render_template("casework/detail.html", case=case, person=person, latest=latest,
                           timeline=case_queries.timeline(case), plan=plan, closure=closure, worker=worker,
                           reason=ReasonForm(prefix="r"), decision=DecisionForm(), action=ActionForm(),
                           pending=pending, users=users, category=session.get(PpksCategory, case.category_code),
                           service_types={s.code: s for s in session.scalars(select(ServiceType))},
                           item_forms=forms, today=clock.today()), status


@bp.route("/<case_id>/asesmen", methods=["GET", "POST"])
@requires("case.edit")
def assess(case_id: str) -> Any:
    case = _get_case(case_id, "case.edit")
    category = casework.get_category(case.category_code)
    service = casework.basic_service_for(category)
    components, others = casework.need_options(category)
    form = AssessmentForm()
    form.needs.choices = [(st.code, ref_name(st)) for st in components + others]
    if request.method == "GET":
        audit.log_access("persons", case.person_id, f"assessment {case.number}")
        form.assessed_on.data = format_date(clock.today())
        latest = casework.latest_assessment(case)
        if latest is not None:
            form.needs.data = latest.need_codes
    status = 200
    if form.validate_on_submit():
        with service_errors(form) as done:
            case_approvals.submit_assessment(case, form.assessed_on.data, list(form.needs.data or []),
                                             neglected=form.neglected.data,
                                             outside_institution=form.outside_institution.data,
                                             notes=form.notes.data or None, by_id=user().id)
        if done.ok:
            flash(tr("Asesmen dicatat dan diajukan untuk persetujuan supervisor."), "success")
            return redirect(url_for("casework.detail", case_id=case.id))
        status = 422
    elif request.method == "POST":
        status = 422
    return render_template("casework/assess.html", form=form, case=case, category=category, service=service,
                           primary_needs=[st.code for st in components]), status


def _post_action(case: Case, fn: Any, ok_message: str) -> Any:
    with service_errors() as done:
        fn()
    if done.ok:
        flash(tr(ok_message), "success")
    return redirect(url_for("casework.detail", case_id=case.id))


@bp.route("/<case_id>/rencana", methods=["POST"])
@requires("case.edit")
def plan_add(case_id: str) -> Any:
    case = _get_case(case_id, "case.edit")
    form = PlanItemForm(prefix="plan")
    form.service_type_code.choices = form.responsible_id.choices = []
    if not form.validate_on_submit():
        abort(400)
    return _post_action(case, lambda: plans.add_plan_item(
        case, form.service_type_code.data or "", form.due_on.data, responsible_id=_uuid(form.responsible_id.data),
        notes=form.notes.data or None, by_id=user().id), N_("Layanan ditambahkan ke rencana."))


@bp.route("/<case_id>/rencana/ajukan", methods=["POST"])
@requires("case.edit")
def plan_submit(case_id: str) -> Any:
    case = _get_case(case_id, "case.edit")
    if not ActionForm().validate_on_submit():
        abort(400)
    return _post_action(case, lambda: case_approvals.request_plan_approval(case, by_id=user().id),
                        N_("Rencana diajukan untuk persetujuan supervisor."))


def _plan_item_action(case_id: str, item_id: str, status: str) -> Any:
    case = _get_case(case_id, "case.edit")
    try:
        item = plans.get_plan_item(case, item_id)
    except NotFound:
        abort(404)
    done, cancel = _item_forms(item)
    form = done if status == "done" else cancel
    form.process(request.form)
    if not form.validate_on_submit():
        return _render_detail(case, 422, {item.id: (done, cancel)})
    with service_errors(form) as outcome:
        if status == "done":
            plans.set_plan_item_status(item, "done", done.delivery_id.data or None, by_id=user().id)
        else:
            plans.set_plan_item_status(item, "cancelled", reason=cancel.reason.data, by_id=user().id)
    if not outcome.ok:
        return _render_detail(case, 422, {item.id: (done, cancel)})
    flash(tr("Layanan ditandai selesai.") if status == "done" else tr("Layanan dibatalkan."), "success")
    return redirect(url_for("casework.detail", case_id=case.id))


@bp.route("/<case_id>/rencana/<item_id>/selesai", methods=["POST"])
@requires("case.edit")
def plan_done(case_id: str, item_id: str) -> Any:
    return _plan_item_action(case_id, item_id, "done")


@bp.route("/<case_id>/rencana/<item_id>/batal", methods=["POST"])
@requires("case.edit")
def plan_cancel(case_id: str, item_id: str) -> Any:
    return _plan_item_action(case_id, item_id, "cancelled")


@bp.route("/<case_id>/tutup", methods=["POST"])
@requires("case.edit")
def close(case_id: str) -> Any:
    case = _get_case(case_id, "case.edit")
    form = ClosureForm(prefix="close")
    form.close_reason.choices = choices("close_reason", N_("— pilih —"))
    if not form.validate_on_submit():
        abort(400)
    return _post_action(case, lambda: case_approvals.request_closure(case, form.close_reason.data or "", form.note.data,
                                                               by_id=user().id),
                        N_("Penutupan kasus diajukan untuk persetujuan supervisor."))


@bp.route("/<case_id>/buka-kembali", methods=["POST"])
@requires("case.edit")
def reopen(case_id: str) -> Any:
    case = _get_case(case_id, "case.edit")
    form = ReasonForm(prefix="r")
    if not form.validate_on_submit():
        abort(400)
    return _post_action(case, lambda: casework.reopen_case(case, form.reason.data or "", by_id=user().id),
                        N_("Kasus dibuka kembali."))


@bp.route("/<case_id>/petugas", methods=["POST"])
@requires("case.edit")
def set_worker(case_id: str) -> Any:
    case = _get_case(case_id, "case.edit")
    form = WorkerForm(prefix="w")
    form.worker_id.choices = _worker_choices(case.area_code)
    if not form.validate_on_submit():
        abort(400)
    return _post_action(case, lambda: casework.assign_worker(case, _uuid(form.worker_id.data)),
                        N_("Petugas kasus diperbarui."))


@bp.route("/persetujuan/<approval_id>", methods=["POST"])
@requires("case.approve")
def decide(approval_id: str) -> Any:
    try:
        approval = case_approvals.get_approval(approval_id)
    except NotFound:
        abort(404)
    case = _get_case(str(approval.case_id), "case.approve")
    form = DecisionForm()
    if not form.validate_on_submit() or form.decision.data not in ("approve", "reject"):
        abort(400)
    with service_errors() as done:
        case_approvals.decide_approval(approval, form.decision.data == "approve", by_id=user().id,
                                       comment=form.comment.data)
    if done.ok:
        flash(tr("Disetujui.") if approval.status == "approved" else tr("Ditolak."), "success")
    back = request.form.get("back")
    return redirect(url_for("casework.approvals") if back == "queue" else url_for("casework.detail", case_id=case.id))

