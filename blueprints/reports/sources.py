"""Renja rows computed from an area's records (``service.reports.renja_sources``): their labels,
their part of the mapping page, and the drill-down listing the records counted
(``/laporan/renja/catatan``)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from flask import abort, render_template, request, url_for

from blueprints.core.security import requires, user
from blueprints.reports import bp
from blueprints.reports.common import area, quarter_args
from service.core import audit
from service.core.pagination import paginate
from service.reports import people, renja_sources
from service.reports import renja_plans as renja


def labels(base: dict[str, str]) -> dict[str, str]:
    """The Renja source labels: the delivery kinds, hand entry, roll-up, and every record source."""
    return {**base, **{key: s.label for key, s in renja_sources.sources().items()}}


def mapping_rows(year: int | None) -> list[tuple[str, str]]:
    """(code, name) of the sub-activities the mapping page offers a source for: the plan's, the defaults'."""
    plan = renja.get_plan(year) if year else None
    names = {r.code: r.name for r in plan.rows if r.level == "sub_kegiatan"} if plan else {}
    for code in [*renja_sources.default_mapping(), *renja_sources.overrides()]:
        names.setdefault(code, "")
    return sorted(names.items())


def save_mapping(form: Any, codes: list[str]) -> None:
    for code in codes:
        if f"source-{code}" in form:
            renja_sources.set_source(code, form.get(f"source-{code}"))


def mapping_context(year: int | None) -> dict[str, Any]:
    return {"source_rows": mapping_rows(year), "source_map": renja_sources.effective_mapping(),
            "source_overrides": renja_sources.overrides(), "record_sources": renja_sources.sources()}


@bp.route("/renja/catatan")
@requires("report.view")
def renja_records() -> Any:
    code = request.args.get("code", "")
    y, qt, errors = quarter_args()
    plan = renja.get_plan(y)
    row = next((r for r in plan.rows if r.code == code), None) if plan else None
    source = renja_sources.source_for(code)
    if row is None or source is None or errors:
        abort(404)
    stmt = source.records(dt.date(y, 1, 1), renja.quarter_bounds(y, qt)[1], area())
    q = (request.args.get("q") or "").strip()
    if q and source.search is not None:
        stmt = source.search(stmt, q)
    page = paginate(stmt, request.args.get("page", 1, type=int), 50)
    records = [source.describe(obj) for obj in page.items]
    audit.log_event("report.drilldown", "plan_rows", code, {"year": y, "quarter": qt, "source": source.key,
                                                            "records": [r.label for r in records]})
    access = people.person_access(user(), [r.person_id for r in records])
    withheld = [r.person_id in access.hidden for r in records]
    links = [url_for(r.link[0], **r.link[1]) if r.link and (r.person_id is None or r.person_id in access.linked)
             else None for r in records]
    return render_template("reports/renja_records.html", row=row, source=source, page=page,
                           records=list(zip(records, links, withheld, strict=True)), year=y, quarter=qt, q=q)
