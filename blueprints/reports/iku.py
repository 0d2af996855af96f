"""The IKU report (PPKS handled in a year) with its list of persons."""

from __future__ import annotations

from typing import Any

from flask import render_template, request

from blueprints.core.security import requires, user
from blueprints.reports import bp
from blueprints.reports.common import area, period_args
from service.core.access import may_see_sensitive_unassigned
from service.core.pagination import paginate
from service.reports import iku, spm


@bp.route("/iku")
@requires("report.view")
def iku_page() -> Any:
    y, _m, errors = period_args()
    which = request.args.get("filter", "unhandled")
    if which not in ("registered", "handled", "unhandled"):
        which = "unhandled"
    rep = iku.report(y, area=area())
    page = paginate(iku.person_query(y, which, area(), request.args.get("q")), request.args.get("page", 1, type=int),
                    50)
    hidden = set() if may_see_sensitive_unassigned(user()) else spm.sensitive_person_ids([p.id for p in page.items])
    return render_template("reports/iku.html", rep=rep, page=page, which=which, hidden=hidden, errors=errors,
                           q=request.args.get("q", "")), 422 if errors else 200
