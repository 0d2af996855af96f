"""The SPM report of a month (year to date) and its drill-down to the persons behind a figure."""

from __future__ import annotations

from typing import Any

from flask import abort, render_template, request
from sqlalchemy import select

from blueprints.core.labels import ref_name
from blueprints.core.security import requires, user
from blueprints.core.transaction import commit_now
from blueprints.reports import bp
from blueprints.reports.common import MONTH_NAMES, area, area_label, period_args, person_context
from service.core import audit, periods
from service.core.db import session
from service.core.pagination import paginate, search_cap
from service.reference.models import BasicService, ServiceType
from service.reports import people, spm


@bp.route("/spm")
@requires("report.view")
def spm_page() -> Any:
    y, m, errors = period_args()
    rep = spm.report(y, m, area())
    row = periods.get_close(y, m)
    return render_template("reports/spm.html", rep=rep, errors=errors, month_names=MONTH_NAMES, close=row,
                           area_name=area_label()), 422 if errors else 200


@bp.route("/spm/orang")
@requires("report.view")
def spm_persons() -> Any:
    service = request.args.get("service", "")
    bs = session.get(BasicService, service)
    if bs is None:
        abort(404)
    y, m, errors = period_args()
    which = request.args.get("filter", "all")
    if which not in spm.PERSON_FILTERS:
        which = "all"
    q = (request.args.get("q") or "").strip()
    stmt = spm.person_query(y, m, service, which, area(), q)
    page = paginate(stmt.where(people.named_filter(user())) if q else stmt, request.args.get("page", 1, type=int), 50,
                    scalars=False, cap=search_cap(q))
    ids = [r[0].id for r in page.items]
    comps = spm.components(y, m, service, ids)
    audit.log_event("report.drilldown", "basic_services", service,
                    {"year": y, "month": m, "filter": which, "persons": [str(i) for i in ids]})
    if errors:
        commit_now()  # the persons (of the default period) are shown although the answer is 422: keep the audit
    types = {t.code: ref_name(t) for t in session.scalars(select(ServiceType))}
    return render_template("reports/spm_persons.html", bs=bs, page=page, comps=comps, year=y,
                           month=m, which=which, q=q, types=types, errors=errors, month_names=MONTH_NAMES,
                           **person_context(ids, [r[0].area_code for r in page.items])), 422 if errors else 200
