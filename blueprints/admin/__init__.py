"""Administration: users, reference data, settings, the audit trail."""

from __future__ import annotations

import os
import tempfile
import uuid
from typing import Any

from flask import Blueprint, abort, flash, redirect, render_template, request, send_file, url_for
from sqlalchemy import select

from blueprints.admin.forms import (
    BandsForm,
    OfficeForm,
    PasswordResetForm,
    UserCreateForm,
    UserEditForm,
    WeightsForm,
    role_choices,
    zone_choices,
)
from blueprints.core import pickers, record_labels
from blueprints.core.forms import ActionForm
from blueprints.core.i18n import lang, tr, tr_error
from blueprints.core.nav import register_nav, register_tile
from blueprints.core.security import requires, user
from blueprints.core.transaction import service_errors
from service.accounts import users as users_svc
from service.core import audit, audit_view, clock, display, settings
from service.core.db import session
from service.core.errors import N_, Conflict, ServiceError, ValidationError
from service.core.exports import xlsx
from service.core.formatting import parse_date
from service.core.pagination import paginate
from service.reference import regions
from service.reference.models import BasicService, PpksCategory, ServiceType

bp = Blueprint("admin", __name__, url_prefix="/admin")


register_nav(80, "admin.users", N_("Pengguna"), "user.manage")
register_nav(82, "admin.reference", N_("Referensi"), "reference.edit")
register_nav(84, "admin.settings_page", N_("Pengaturan"), "settings.edit")
register_nav(86, "admin.audit_page", N_("Audit"), "audit.view")
_REFERENCE_TILE = ("admin.reference", N_("Data referensi"), N_("Wilayah, kategori PPKS, layanan dasar SPM, jenis layanan."))
_AUDIT_TILE = ("admin.audit_page", N_("Jejak audit"), N_("Siapa mengubah atau melihat apa, kapan."))
register_tile(("admin",), "admin.users", N_("Pengguna"), N_("Buat akun, ubah peran dan wilayah, reset kata sandi."))
register_tile(("admin",), *_REFERENCE_TILE)
register_tile(("admin",), "admin.settings_page", N_("Pengaturan"), N_("Bobot dan kategori SPM, identitas kantor dan kop surat."))
register_tile(("admin", "auditor"), *_AUDIT_TILE)
register_tile(("auditor",), *_REFERENCE_TILE)

def _get_user(user_id: str) -> Any:
    try:
        return users_svc.get_user(uuid.UUID(user_id))
    except (ValueError, ServiceError):
        abort(404)


# ---------------------------------------------------------------- users
@bp.route("/pengguna")
@requires("user.manage")
def users() -> Any:
    q = request.args.get("q", "")
    return render_template("admin/users.html", users=users_svc.list_users(q), q=q, confirm=ActionForm())


@bp.route("/pengguna/baru", methods=["GET", "POST"])
@requires("user.manage")
def user_new() -> Any:
    form = UserCreateForm()
    form.role.choices = role_choices(placeholder=True)
    if form.validate_on_submit():
        with service_errors(form) as done:
            try:
                created = users_svc.create_user(form.username.data, form.password.data, form.role.data,
                                                form.area_code.data, form.full_name.data, form.nip.data)
            except Conflict as exc:  # the username is taken: say so beside that field
                raise ValidationError({"username": exc.message}, **exc.params) from exc
        if done.ok:
            flash(tr("Pengguna {username} dibuat.", username=created.username), "success")
            return redirect(url_for("admin.users"))
    return render_template("admin/user_form.html", form=form, editing=None, region_picker=_area_picker()), \
        422 if form.errors else 200


@bp.route("/pengguna/<user_id>", methods=["GET", "POST"])
@requires("user.manage")
def user_edit(user_id: str) -> Any:
    target = _get_user(user_id)
    form = UserEditForm(obj=target)
    form.role.choices = role_choices()
    if form.validate_on_submit():
        with service_errors(form) as done:
            users_svc.update_user(target, role=form.role.data, area_code=form.area_code.data,
                                  full_name=form.full_name.data, nip=form.nip.data)
        if done.ok:
            flash(tr("Perubahan disimpan."), "success")
            return redirect(url_for("admin.users"))
    return render_template("admin/user_form.html", form=form, editing=target, reset=PasswordResetForm(),
                           confirm=ActionForm(), region_picker=_area_picker()), 422 if form.errors else 200


def _area_picker() -> dict[str, Any]:
    """A user's area: chosen by name from the office's regions (the code is never typed)."""
    return pickers.picker(pickers.office_root(), "area_code", N_("Wilayah kerja"))


@bp.route("/pengguna/<user_id>/kata-sandi", methods=["POST"])
@requires("user.manage")
def user_password(user_id: str) -> Any:
    target = _get_user(user_id)
    form = PasswordResetForm()
    if form.validate_on_submit():
        # No form is shown again (the answer is a redirect), so a refusal is flashed.
        with service_errors() as done:
            users_svc.set_password(target, form.password.data)
        if done.ok:
            flash(tr("Kata sandi {username} direset; sesi lamanya berakhir.", username=target.username), "success")
    else:
        flash(tr("Kata sandi wajib diisi."), "error")
    return redirect(url_for("admin.user_edit", user_id=user_id))


@bp.route("/pengguna/<user_id>/aktif", methods=["POST"])
@requires("user.manage")
def user_active(user_id: str) -> Any:
    target = _get_user(user_id)
    if not ActionForm().validate_on_submit():
        abort(400)
    if target.id == user().id:
        flash(tr("Anda tidak dapat menonaktifkan akun sendiri."), "error")
        return redirect(url_for("admin.users"))
    users_svc.set_active(target, not target.active)
    msg = "Akun {username} diaktifkan." if target.active else "Akun {username} dinonaktifkan."
    flash(tr(msg, username=target.username), "success")
    return redirect(url_for("admin.users"))


# ---------------------------------------------------------------- reference
@bp.route("/referensi")
@requires("reference.view")
def reference() -> Any:
    return render_template(
        "admin/reference.html",
        categories=list(session.scalars(select(PpksCategory).order_by(PpksCategory.name_id))),
        services=list(session.scalars(select(BasicService).order_by(BasicService.order))),
        types=list(session.scalars(select(ServiceType).order_by(ServiceType.group, ServiceType.code))),
        region_count=regions.count(),
    )


@bp.route("/referensi/wilayah")
@requires("reference.view")
def reference_regions() -> Any:
    q = (request.args.get("q") or "").strip()
    parent = request.args.get("parent") or None
    rows = regions.search(q, limit=100) if q else regions.children(parent)
    return render_template("admin/regions.html", rows=rows, q=q, parent=regions.get(parent),
                           lineage=regions.lineage(parent))


# ---------------------------------------------------------------- settings
@bp.route("/pengaturan", methods=["GET", "POST"])
@requires("settings.edit")
def settings_page() -> Any:
    wr, wq = settings.spm_weights()
    weights = WeightsForm(prefix="w", data={"recipients": wr, "quality": wq})
    bands = BandsForm(prefix="b", data={"bands": [{"min": str(low), "label": label}
                                                   for low, label in settings.spm_bands()]})
    office = OfficeForm(prefix="o", data=settings.office())
    office.timezone.choices = zone_choices()
    which = request.form.get("which")
    status = 200
    if request.method == "POST":
        form = {"weights": weights, "bands": bands, "office": office}.get(which)
        if form is None or not form.validate_on_submit():
            status = 422
        else:
            with service_errors(form) as done:
                if which == "weights":
                    settings.set_spm_weights(weights.recipients.data, weights.quality.data)
                elif which == "bands":
                    rows = [(b.form.min.data, b.form.label.data) for b in bands.bands
                            if (b.form.min.data or "").strip() or (b.form.label.data or "").strip()]
                    settings.set_spm_bands(rows)
                else:
                    for key in settings.OFFICE_KEYS:
                        settings.put(key, (getattr(office, key.split(".", 1)[1]).data or "").strip())
            if done.ok:
                flash(tr("Pengaturan disimpan."), "success")
                return redirect(url_for("admin.settings_page"))
            status = 422
    return render_template("admin/settings.html", weights=weights, bands=bands, office=office), status


# ---------------------------------------------------------------- audit
def _audit_filters() -> audit_view.Filters:
    args = request.args
    try:
        date_from = parse_date(args.get("from"), "from")
        date_to = parse_date(args.get("to"), "to")
    except ValidationError as exc:
        flash(tr_error(exc), "error")
        date_from = date_to = None
    return audit_view.Filters(actor=args.get("actor", ""), action=args.get("action", ""),
                              entity_type=args.get("entity_type", ""), entity_id=args.get("entity_id", ""),
                              q=args.get("q", ""), date_from=date_from, date_to=date_to)


def _present(entries: list[Any]) -> list[audit_view.EntryView]:
    return audit_view.present(user(), entries, tr, lang(), record_labels.code_label)


@bp.route("/audit")
@requires("audit.view")
def audit_page() -> Any:
    args = request.args
    page = paginate(audit_view.search_stmt(user(), _audit_filters()), args.get("page", 1, type=int), 50)
    page.items = _present(page.items)
    export_args = {k: v for k, v in args.items() if k != "page"}
    actions = sorted(((a, audit_view.action_label(a, tr)) for a in audit_view.choices("action")), key=lambda x: x[1])
    kinds = sorted(((t, display.kind_label(t, tr)) for t in audit_view.choices("entity_type")), key=lambda x: x[1])
    return render_template("admin/audit.html", page=page, args=args, export_args=export_args,
                           actions=actions, entity_types=kinds, zone=clock.zone().code)


@bp.route("/audit/unduh")
@requires("audit.view")
def audit_export() -> Any:
    """The filtered trail as XLSX (newest first, at most EXPORT_LIMIT rows), as the page shows it:
    read in keyset chunks, presented chunk by chunk and written row by row to a temporary file
    (openpyxl write-only), which is sent and then deleted."""
    stmt = audit_view.search_stmt(user(), _audit_filters())
    columns, _ = audit_view.table([], tr)

    def rows() -> Any:
        for chunk in audit_view.export_chunks(stmt):
            yield from audit_view.table(_present(chunk), tr)[1]

    fd, path = tempfile.mkstemp(prefix="lindung-audit-", suffix=".xlsx")
    os.close(fd)
    try:
        n = xlsx.write_streamed(path, tr("Jejak audit"), tr("Diunduh {at}", at=clock.now()), columns, rows())
        audit.log_event("export", "audit_log", None, {"format": "xlsx", "rows": n, "filters": dict(request.args)})
        body = open(path, "rb")  # noqa: SIM115 — closed by the response; the name is gone at once
    finally:
        os.unlink(path)
    return send_file(body, mimetype="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                     as_attachment=True, download_name="jejak-audit.xlsx", max_age=0)
