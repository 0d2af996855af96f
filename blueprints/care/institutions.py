"""The institutions register (panti, LKS, hospitals, balai, other offices) and a case's
rehabilitation setting (at home, in the community, or placed in an institution)."""

from __future__ import annotations

from typing import Any

from flask import flash, redirect, render_template, request, url_for

from blueprints.care import bp
from blueprints.care.case_page import placement_form, render_case
from blueprints.care.common import case_for, labels, or_404
from blueprints.care.forms import InstitutionForm
from blueprints.core.i18n import tr
from blueprints.core.security import ensure, requires, user
from blueprints.core.transaction import service_errors
from service.care import institutions
from service.core.access import can
from service.core.errors import N_
from service.core.pagination import paginate

FIELDS = ["name", "kind", "region_code", "address", "contact_person", "phone", "email", "notes", "active"]


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
    inst = or_404(institutions.get_institution, institution_id) if institution_id else None
    if request.method == "POST" or inst is None:
        ensure("institution.manage", None)
    form = InstitutionForm(obj=inst)
    form.kind.choices = labels(institutions.KIND_LABELS)
    if form.validate_on_submit():
        data = {k: getattr(form, k).data for k in FIELDS}
        with service_errors(form) as done:
            if inst:
                institutions.update_institution(inst, data)
            else:
                institutions.create_institution(data)
        if done.ok:
            flash(tr("Lembaga disimpan."), "success")
            return redirect(url_for("care.institution_list"))
    readonly = not can(user(), "institution.manage")
    return render_template("care/form.html", form=form, readonly=readonly,
                           title=N_("Ubah lembaga") if inst else N_("Tambah lembaga"), fields=FIELDS,
                           back=url_for("care.institution_list")), 422 if form.errors else 200


# ---------------------------------------------------------------- rehabilitation setting
@bp.route("/layanan/kasus/<case_id>/penempatan", methods=["POST"])
@requires("care.record")
def placement_set(case_id: str) -> Any:
    case = case_for(case_id, "care.record")
    form = placement_form()
    if form.validate_on_submit():
        inst = None
        if form.institution_id.data:
            inst = or_404(institutions.get_institution, form.institution_id.data)
        with service_errors(form) as done:
            institutions.set_placement(case, form.setting.data, form.date_in.data, institution=inst,
                                       reason=form.reason.data)
        if done.ok:
            flash(tr("Tempat rehabilitasi disimpan."), "success")
            return redirect(url_for("care.case_page", case_id=case.id))
    return render_case(case, 422, placement=form)
