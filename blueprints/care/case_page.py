"""A case's care page (``/layanan/kasus/<case_id>``): its deliveries (mark delivered, void),
its rehabilitation setting, and links to its tracing, referrals and returns home.

A failed inline form on the page (a delivery row, the placement form) renders the page
again (422) with the error beside its field: :func:`render_case`.
"""

from __future__ import annotations

from typing import Any

from flask import render_template
from sqlalchemy import select

from blueprints.care import bp
from blueprints.care.common import case_context, case_for, institution_choices, labels, type_names
from blueprints.care.forms import MarkDeliveredForm, PlacementForm, VoidForm
from blueprints.core.security import requires
from service.care import deliveries, institutions, referrals, returns, tracing
from service.care.models.referrals import Referral
from service.casework.models import Case
from service.core import audit
from service.core.db import session


def placement_form() -> PlacementForm:
    form = PlacementForm(prefix="pl")
    form.setting.choices = labels(institutions.SETTING_LABELS)
    form.institution_id.choices = institution_choices()
    return form


def render_case(case: Case, status: int = 200, row_errors: dict[Any, dict[str, str]] | None = None,
                placement: PlacementForm | None = None) -> Any:
    """The case's care page; a failed inline form re-renders it (422) with the error beside its field."""
    return render_template(
        "care/case.html", **case_context(case), deliveries=deliveries.case_deliveries(case),
        names=type_names(), void_form=VoidForm(), mark_form=MarkDeliveredForm(),
        placement_form=placement or placement_form(), row_errors=row_errors or {},
        placements=institutions.placements(case), setting_labels=institutions.SETTING_LABELS,
        tracing_rec=tracing.tracing_for(case), tracing_labels=tracing.STATUS_LABELS,
        referrals=list(session.scalars(select(Referral).where(Referral.case_id == case.id)
                                       .order_by(Referral.created_at.desc()))),
        referral_labels=referrals.STATUS_LABELS,
        returns=list(session.scalars(select(returns.ReturnHome).where(returns.ReturnHome.case_id == case.id))),
        return_labels=returns.STATUS_LABELS), status


@bp.route("/layanan/kasus/<case_id>")
@requires("care.view")
def case_page(case_id: str) -> Any:
    case = case_for(case_id, "care.view")
    audit.log_access("persons", case.person_id, "services")
    return render_case(case)
