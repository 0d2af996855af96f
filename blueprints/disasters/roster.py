"""The TAGANA roster on the web (``/bencana/tagana``): members, trainings, deployments to
events, deactivating a member, ending a deployment (which ends the volunteer's access)."""

from __future__ import annotations

from typing import Any

from flask import abort, flash, redirect, render_template, request, url_for

from blueprints.core.forms import ActionForm
from blueprints.core.i18n import tr
from blueprints.core.security import ensure, requires, user
from blueprints.core.transaction import service_errors
from blueprints.disasters import bp
from blueprints.disasters import forms as F
from blueprints.disasters.common import or_404
from service.core import clock
from service.core.db import session
from service.core.pagination import paginate
from service.disasters import events, volunteers

VOLUNTEER_FIELDS = ("member_number", "name", "nik", "phone", "skills", "area_code", "username")


def _roster_forms(posted: bool = True) -> tuple[F.VolunteerForm, F.DeployForm]:
    """The page's forms: bound to what was posted, or empty (``posted=False``)."""
    data: dict[str, Any] = {} if posted else {"formdata": None}
    form, deploy = F.VolunteerForm(prefix="v", **data), F.DeployForm(prefix="d", **data)
    deploy.volunteer_id.choices = [(str(v.id), f"{v.member_number} {v.name}")
                                   for v in session.scalars(volunteers.roster_stmt()) if v.active]
    deploy.event_id.choices = [(str(e.id), f"{e.code} {e.name}") for e in session.scalars(events.events_for(user()))]
    return form, deploy


def _roster_page(form: F.VolunteerForm, deploy: F.DeployForm, status: int = 200,
                 ending: tuple[Any, F.EndDeploymentForm] | None = None) -> Any:
    """The roster; ``ending`` = (deployment, its refused end form) shows the error beside that date."""
    q = request.args.get("q", "").strip()
    page = paginate(volunteers.roster_stmt(q), request.args.get("page", 1, type=int), 25)
    return render_template("disasters/roster.html", page=page, q=q, form=form, deploy=deploy,
                           today=clock.today(), ending_id=ending[0].id if ending else None,
                           ending=ending[1] if ending else None), status


def _deploy(form: F.DeployForm) -> None:
    ev = or_404(events.get_event, form.event_id.data)
    ensure("disaster.view", ev, hide=True)
    volunteers.deploy(or_404(volunteers.get_volunteer, form.volunteer_id.data), ev, form.role.data or "",
                      form.started_on.data)


def _add_volunteer(form: F.VolunteerForm) -> None:
    vol = volunteers.create_volunteer({k: getattr(form, k).data for k in VOLUNTEER_FIELDS})
    if form.training.data:
        volunteers.add_training(vol, form.training.data)


@bp.route("/tagana", methods=["GET", "POST"])
@requires("disaster.roster")
def roster() -> Any:
    form, deploy = _roster_forms()
    if request.method == "GET":
        return _roster_page(form, deploy)
    which = request.form.get("which")
    f = deploy if which == "deploy" else form
    if f.validate_on_submit():
        with service_errors(f) as done:
            if which == "deploy":
                _deploy(deploy)
            else:
                _add_volunteer(form)
        if done.ok:
            flash(tr("Tersimpan."), "success")
            return redirect(url_for("disasters.roster"))
    return _roster_page(form, deploy, 422)


@bp.route("/tagana/<volunteer_id>/status", methods=["POST"])
@requires("disaster.roster")
def volunteer_status(volunteer_id: str) -> Any:
    vol = or_404(volunteers.get_volunteer, volunteer_id)
    ensure("disaster.roster", vol, hide=True)
    if not ActionForm().validate_on_submit():
        abort(400)
    active = request.form.get("active") == "1"
    volunteers.set_active(vol, active)
    flash(tr("{name} diaktifkan kembali.", name=vol.name) if active else tr("{name} dinonaktifkan.", name=vol.name),
          "success")
    return redirect(url_for("disasters.roster"))


@bp.route("/tagana/penugasan/<deployment_id>/selesai", methods=["POST"])
@requires("disaster.roster")
def deployment_end(deployment_id: str) -> Any:
    dep = or_404(volunteers.get_deployment, deployment_id)
    ensure("disaster.roster", dep.event, hide=True)
    form = F.EndDeploymentForm()
    if not form.validate_on_submit():
        abort(400)
    with service_errors(form) as done:
        volunteers.end_deployment(dep, form.ended_on.data)
    if not done.ok:
        return _roster_page(*_roster_forms(posted=False), 422, ending=(dep, form))
    flash(tr("Penugasan {name} di {event} selesai.", name=dep.volunteer.name, event=dep.event.code), "success")
    return redirect(url_for("disasters.roster"))
