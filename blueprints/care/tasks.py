"""Task lists ("Tugas saya", the supervisor's overview) and the area's settings page (letter
number scheme, follow-up visit months, reminder thresholds)."""

from __future__ import annotations

from typing import Any

from flask import flash, redirect, render_template, request, url_for

from blueprints.care import bp
from blueprints.care.common import type_names
from blueprints.care.forms import CareSettingsForm
from blueprints.core.forms import ActionForm
from blueprints.core.i18n import tr
from blueprints.core.security import requires, user
from blueprints.core.transaction import service_errors
from service.care import referrals, tracing
from service.care import tasks as care_tasks
from service.core import clock, settings
from service.core.errors import N_, ValidationError

DAY_SETTINGS = {"answer_days": "referral.answer_days", "link_days": "referral.link_days",
                "inactive_days": "tasks.inactive_days"}


@bp.route("/layanan/tugas", methods=["GET", "POST"])
@requires("task.view")
def tasks() -> Any:
    if request.method == "POST":
        if ActionForm().validate_on_submit():
            care_tasks.mark_seen(user())
        return redirect(url_for("care.tasks"))
    return render_template("care/tasks.html", items=care_tasks.tasks_for(user()), today=clock.today(),
                           kinds=care_tasks.KIND_LABELS, names=type_names(), seen_form=ActionForm())


@bp.route("/layanan/tugas/ringkasan")
@requires("task.overview")
def overview() -> Any:
    data = care_tasks.overview(user(), page=request.args.get("page", 1, type=int))
    return render_template("care/overview.html", data=data, page=data["page"], today=clock.today(),
                           kinds=care_tasks.KIND_LABELS, names=type_names())


def _save_settings(form: CareSettingsForm) -> None:
    errors = {}
    for field in DAY_SETTINGS:
        if not 1 <= (getattr(form, field).data or 0) <= 365:
            errors[field] = N_("Isi angka 1–365.")
    if errors:
        raise ValidationError(errors)
    referrals.set_number_format(form.letter_number_format.data, form.letter_code.data or "")
    tracing.set_followup_months(form.followup_months.data)
    for field, key in DAY_SETTINGS.items():
        settings.put(key, getattr(form, field).data)


@bp.route("/layanan/pengaturan", methods=["GET", "POST"])
@requires("settings.edit")
def settings_page() -> Any:
    form = CareSettingsForm(data={
        "letter_number_format": settings.get("referral.letter_number_format"),
        "letter_code": settings.get("referral.letter_code"),
        "followup_months": ", ".join(str(m) for m in tracing.followup_months()),
        **{field: settings.get(key) for field, key in DAY_SETTINGS.items()}})
    if form.validate_on_submit():
        with service_errors(form) as done:
            _save_settings(form)
        if done.ok:
            flash(tr("Pengaturan disimpan."), "success")
            return redirect(url_for("care.settings_page"))
    return render_template("care/form.html", form=form, title=N_("Pengaturan layanan dan rujukan"),
                           fields=["letter_number_format", "letter_code", "followup_months", "answer_days",
                                   "link_days", "inactive_days"], back=url_for("home.home")), \
        422 if form.errors else 200
