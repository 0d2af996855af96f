"""The Renja report of a quarter, hand-entered realisations and the drill-down to the persons served."""

from __future__ import annotations

from typing import Any

from flask import abort, flash, redirect, render_template, request, url_for

from blueprints.core.i18n import tr
from blueprints.core.security import requires, user
from blueprints.core.transaction import service_errors
from blueprints.reports import bp
from blueprints.reports import sources as record_sources
from blueprints.reports.common import FLAG_LABELS, SOURCE_LABELS, area, quarter_args, user_names
from blueprints.reports.forms import HandEntryForm
from service.core import audit
from service.core.access import may_see_sensitive_unassigned
from service.core.errors import ValidationError
from service.core.pagination import paginate
from service.reports import renja_plans, renja_realisation, spm


@bp.route("/renja")
@requires("report.view")
def renja_page() -> Any:
    y, q, errors = quarter_args()
    rep = renja_realisation.report(y, q, area())
    hand_form = HandEntryForm(prefix="h", data={"year": y, "quarter": q})
    entered_by = user_names([h.updated_by_id for r in rep["rows"] for h in r.hand_entries.values()])
    return render_template("reports/renja.html", rep=rep, errors=errors, flag_labels=FLAG_LABELS,
                           source_labels=record_sources.labels(SOURCE_LABELS), hand_form=hand_form, entered_by=entered_by,
                           area=area()), 422 if errors else 200


@bp.route("/renja/manual", methods=["POST"])
@requires("report.hand_entry")
def renja_hand() -> Any:
    form = HandEntryForm(prefix="h")
    year, code = form.year.data, form.code.data
    if not form.validate_on_submit():
        flash(tr("Isian tidak lengkap."), "error")
        return redirect(url_for("reports.renja_page", year=year))
    with service_errors(form) as done:
        renja_plans.set_hand_value(year, code, form.quarter.data, form.value.data, form.note.data)
    if not done.ok:
        try:
            rep = renja_realisation.report(year, form.quarter.data or 1, area())
        except ValidationError:
            abort(422)
        return render_template("reports/renja.html", rep=rep, errors={}, flag_labels=FLAG_LABELS,
                               source_labels=record_sources.labels(SOURCE_LABELS), hand_form=form, entered_by={}, failed_code=code,
                               area=area()), 422
    flash(tr("Capaian {code} triwulan {quarter} disimpan.", code=code, quarter=form.quarter.data), "success")
    return redirect(url_for("reports.renja_page", year=year, quarter=form.quarter.data) + "#r-" + code)


@bp.route("/renja/orang")
@requires("report.view")
def renja_persons() -> Any:
    code = request.args.get("code", "")
    y, qt, errors = quarter_args()
    plan = renja_plans.get_plan(y)
    row = next((r for r in plan.rows if r.code == code), None) if plan else None
    if row is None or errors:
        abort(404)
    q = (request.args.get("q") or "").strip()
    page = paginate(renja_realisation.person_query(y, qt, code, area(), q), request.args.get("page", 1, type=int),
                    50, scalars=False)
    ids = [r[0].id for r in page.items]
    hidden = set() if may_see_sensitive_unassigned(user()) else spm.sensitive_person_ids(ids)
    audit.log_event("report.drilldown", "plan_rows", code, {"year": y, "quarter": qt,
                                                            "persons": [str(i) for i in ids]})
    return render_template("reports/renja_persons.html", row=row, page=page, hidden=hidden, year=y, quarter=qt, q=q)
