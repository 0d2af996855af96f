"""The Renja report of a quarter, hand-entered realisations and the drill-down to the persons served."""

from __future__ import annotations

from typing import Any

from flask import abort, flash, redirect, render_template, request, url_for

from blueprints.core.i18n import tr
from blueprints.core.security import requires, user
from blueprints.core.transaction import service_errors
from blueprints.reports import bp
from blueprints.reports import sources as record_sources
from blueprints.reports.common import (
    FLAG_LABELS,
    SOURCE_LABELS,
    area,
    area_label,
    person_context,
    quarter_args,
    user_names,
)
from blueprints.reports.forms import HandEntryForm
from service.core import audit
from service.core.errors import ValidationError
from service.core.pagination import paginate, search_cap
from service.reports import people, renja_plans, renja_realisation, renja_tree


@bp.route("/renja")
@requires("report.view")
def renja_page() -> Any:
    y, q, errors = quarter_args()
    rep = renja_realisation.report(y, q, area())
    hand_form = HandEntryForm(prefix="h", data={"year": y, "quarter": q})
    entered_by = user_names([h.updated_by_id for r in rep["rows"] for h in r.hand_entries.values()])
    return render_template("reports/renja.html", **_page(rep), errors=errors, hand_form=hand_form,
                           entered_by=entered_by, open_code=request.args.get("buka", ""),
                           all_open=request.args.get("semua") == "1"), 422 if errors else 200


def _page(rep: dict[str, Any]) -> dict[str, Any]:
    """What the Renja page shows besides the form: the report, its tree, labels, the area by name."""
    return {"rep": rep, "tree": renja_tree.tree(rep["rows"]), "flag_labels": FLAG_LABELS,
            "source_labels": record_sources.labels(SOURCE_LABELS), "area_name": area_label()}


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
        return render_template("reports/renja.html", **_page(rep), errors={}, hand_form=form, entered_by={},
                               failed_code=code, open_code=code or "", all_open=False), 422
    flash(tr("Capaian {code} triwulan {quarter} disimpan.", code=code, quarter=form.quarter.data), "success")
    return redirect(url_for("reports.renja_page", year=year, quarter=form.quarter.data, buka=code) + "#r-" + code)


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
    stmt = renja_realisation.person_query(y, qt, code, area(), q)
    page = paginate(stmt.where(people.named_filter(user())) if q else stmt, request.args.get("page", 1, type=int), 50,
                    cap=search_cap(q))
    stats = renja_realisation.person_stats(y, qt, code, [p.id for p in page.items])
    page.items = [(p, *stats.get(p.id, (0, 0, None))) for p in page.items]
    ids = [r[0].id for r in page.items]
    audit.log_event("report.drilldown", "plan_rows", code, {"year": y, "quarter": qt,
                                                            "persons": [str(i) for i in ids]})
    return render_template("reports/renja_persons.html", row=row, page=page, year=y, quarter=qt, q=q,
                           **person_context(ids, [r[0].area_code for r in page.items]))
