"""Services to victims on the web (``/bencana/<event>/layanan``): psychosocial sessions,
special handling of vulnerable groups, compensation for the heirs of a victim who died.
(The public kitchen is recorded on the shelters page, ``blueprints.disasters.victims``.)"""

from __future__ import annotations

from typing import Any

from flask import flash, redirect, render_template, request, url_for
from sqlalchemy import select

from blueprints.core.i18n import tr
from blueprints.core.security import ensure, requires
from blueprints.core.transaction import service_errors
from blueprints.disasters import bp
from blueprints.disasters import forms as F
from blueprints.disasters.common import event_or_404, in_event, labels, or_404, victim_choices
from service.core import clock
from service.core.db import session
from service.disasters import aid, victims
from service.disasters.models.aid import PsychosocialSession, SpecialHandling
from service.disasters.models.events import VULNERABLE_GROUPS


def _psychosocial(ev: Any, form: F.PsychosocialForm) -> None:
    people = [or_404(victims.get_victim, v) for v in form.victim_ids.data or []]
    aid.record_psychosocial(ev, form.held_on.data or clock.today(), form.facilitator.data or "",
                            form.activity.data or "", [v for v in people if v.event_id == ev.id])


def _special_handling(ev: Any, form: F.SpecialHandlingForm) -> None:
    victim = in_event(or_404(victims.get_victim, form.victim_id.data), ev)
    aid.record_special_handling(victim, form.handled_on.data or clock.today(), form.group.data,
                                form.action.data or "")


def _compensation(ev: Any, form: F.CompensationForm) -> None:
    victim = in_event(or_404(victims.get_victim, form.victim_id.data), ev)
    aid.record_compensation(victim, amount=form.amount.data, recipient_name=form.recipient_name.data,
                            recipient_relationship=form.recipient_relationship.data,
                            recipient_nik=form.recipient_nik.data, document_ref=form.document_ref.data,
                            paid_on=form.paid_on.data or clock.today())


RECORD = {"psy": _psychosocial, "special": _special_handling, "compensation": _compensation}


@bp.route("/<event_id>/layanan", methods=["GET", "POST"])
@requires("disaster.view")
def services(event_id: str) -> Any:
    ev = event_or_404(event_id)
    psy, special, comp = F.PsychosocialForm(prefix="p"), F.SpecialHandlingForm(prefix="h"), F.CompensationForm(prefix="c")
    choices = victim_choices(ev)
    psy.victim_ids.choices = choices
    special.victim_id.choices = choices
    special.group.choices = labels(victims.VULNERABLE_LABELS, VULNERABLE_GROUPS)
    comp.victim_id.choices = [(str(v.id), v.person.name)
                              for v in session.scalars(victims.victims_stmt(ev, status="meninggal"))]
    status = 200
    if request.method == "POST":
        status = 422
        which = request.form.get("which") or ""
        ensure("disaster.compensation" if which == "compensation" else "disaster.edit", ev, hide=True)
        form = {"psy": psy, "special": special, "compensation": comp}.get(which)
        if form is not None and form.validate_on_submit():
            with service_errors(form) as done:
                RECORD[which](ev, form)
            if done.ok:
                flash(tr("Tersimpan."), "success")
                return redirect(url_for("disasters.services", event_id=ev.id))
    sessions = list(session.scalars(select(PsychosocialSession).where(PsychosocialSession.event_id == ev.id)
                                    .order_by(PsychosocialSession.held_on.desc())))
    handlings = list(session.scalars(select(SpecialHandling).where(SpecialHandling.event_id == ev.id)
                                     .order_by(SpecialHandling.handled_on.desc())))
    return render_template("disasters/services.html", event=ev, psy=psy, special=special, comp=comp,
                           sessions=sessions, handlings=handlings, compensations=aid.compensations(ev)), status
