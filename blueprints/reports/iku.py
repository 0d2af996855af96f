"""The IKU report (PPKS handled in a year) with its list of persons."""

from __future__ import annotations

from typing import Any

from flask import render_template, request

from blueprints.core.security import requires, user
from blueprints.reports import bp
from blueprints.reports.common import area, area_label, period_args, person_context
from service.core.pagination import paginate, search_cap
from service.reports import iku, people


@bp.route("/iku")
@requires("report.view")
def iku_page() -> Any:
    y, _m, errors = period_args()
    which = request.args.get("filter", "unhandled")
    if which not in ("registered", "handled", "unhandled"):
        which = "unhandled"
    rep = iku.report(y, area=area())
    q = (request.args.get("q") or "").strip()
    stmt = iku.person_query(y, which, area(), q)
    page = paginate(stmt.where(people.named_filter(user())) if q else stmt, request.args.get("page", 1, type=int),
                    50, cap=search_cap(q))
    return render_template("reports/iku.html", rep=rep, page=page, which=which, errors=errors,
                           q=request.args.get("q", ""), area_name=area_label(),
                           **person_context([p.id for p in page.items], [p.area_code for p in page.items])), \
        422 if errors else 200
