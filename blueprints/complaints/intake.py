"""A report of a neglected person becomes an intake in one step (``/pengaduan/<id>/intake``):
find or register the person — likely duplicates shown before a new record is made — and open
(or find) their case, through the registry and casework use cases."""

from __future__ import annotations

from typing import Any

from flask import flash, redirect, render_template, request, url_for

from blueprints.complaints import bp
from blueprints.complaints.common import get_or_404
from blueprints.complaints.forms import IntakeForm
from blueprints.core.forms import label_choices
from blueprints.core.i18n import lang, tr
from blueprints.core.labels import LABELS
from blueprints.core.security import ensure, requires, user
from blueprints.core.transaction import service_errors
from service.accounts.models import User
from service.complaints import desk
from service.complaints import intake as intake_svc
from service.complaints.models import Complaint
from service.core.access import can
from service.core.db import parse_uuid, session
from service.core.errors import N_, ValidationError
from service.reference import regions
from service.reference.models import PpksCategory
from service.registry import duplicates as dedup
from service.registry import persons as registry
from service.registry.models import Person


def _form(complaint: Complaint) -> IntakeForm:
    form = IntakeForm(prefix="in")
    en = lang() == "en"
    cats = session.query(PpksCategory).filter(PpksCategory.active).order_by(PpksCategory.name_id).all()
    form.ppks_category_code.choices = [(c.code, c.name_en if en else c.name_id) for c in cats]
    form.urgency.choices = label_choices(LABELS["urgency"])
    area = complaint.area_code
    form.village_code.choices = [("", tr("— tidak diketahui —"))] + [(v.code, v.name) for v in _villages(area)]
    form.worker_id.choices = [("", tr("— belum ditentukan —"))] + [
        (str(w.id), w.full_name or w.username) for w in desk.assignable_workers(complaint) if w.role == "peksos"
        or w.role == "supervisor"]
    if request.method == "GET":
        form.ppks_category_code.data = complaint.category.ppks_category_code or "orang_terlantar"
        form.urgency.data = "high" if complaint.category.sla_days <= 1 else "normal"
        form.worker_id.data = str(complaint.assignee_id) if complaint.assignee_id else ""
        form.village_code.data = area if regions.get(area) is not None and regions.get(area).level == 4 else ""
    return form


def _villages(code: str) -> list[Any]:
    """The villages at or under a region code (a village itself, a district's, a regency's)."""
    region = regions.get(code)
    if region is None:
        return []
    if region.level == 4:
        return [region]
    found = []
    for child in regions.children(code):
        found += _villages(child.code) if child.level < 4 else [child]
    return found


@bp.route("/pengaduan/<complaint_id>/intake", methods=["GET", "POST"])
@requires("complaint.record")
def intake(complaint_id: str) -> Any:
    complaint = get_or_404(complaint_id, "complaint.record")
    ensure("case.edit", None)
    ensure("person.edit", None)
    form = _form(complaint)
    duplicates: list[Person] = []
    status = 200
    if form.validate_on_submit():
        with service_errors(form) as done:
            person = _chosen_person(form)
            fields = None
            if person is None:
                fields = registry.validate_person({"name": form.name.data, "sex": form.sex.data or None,
                                                   "age": form.age.data or None,
                                                   "village_code": form.village_code.data or None,
                                                   "area_code": complaint.area_code, "address": complaint.location})
                registry.ensure_may_register(user(), fields)
                duplicates = [p for p in dedup.likely_duplicates(fields) if can(user(), "person.view", p)]
            if not duplicates or form.confirmed.data == "1":
                uid = parse_uuid(form.worker_id.data)
                case, created = intake_svc.intake(
                    complaint, form.ppks_category_code.data, person=person, person_data=fields,
                    worker_id=uid if uid and session.get(User, uid) else None, urgency=form.urgency.data,
                    by_id=user().id)
        if done.ok and not (duplicates and form.confirmed.data != "1"):
            flash(tr("Kasus {number} dibuka dari pengaduan {complaint}.", number=case.number,
                     complaint=complaint.number) if created else
                  tr("Pengaduan ditautkan ke kasus terbuka {number}.", number=case.number), "success")
            return redirect(url_for("casework.detail", case_id=case.id))
        if done.ok:  # likely duplicates: show them first, then the same form confirms
            form.confirmed.data = "1"
        status = 422 if not done.ok else 200
    elif request.method == "POST":
        status = 422
    return render_template("complaints/intake.html", complaint=complaint, form=form, duplicates=duplicates), status


def _chosen_person(form: IntakeForm) -> Person | None:
    pid = parse_uuid(form.person_id.data)
    if pid is None:
        return None
    person = session.get(Person, pid)
    if person is None or not can(user(), "person.view", person):
        raise ValidationError({"name": N_("Orang tidak ditemukan.")})
    return person
