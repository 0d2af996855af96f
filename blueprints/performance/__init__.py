"""Performance (/kinerja): capaian kinerja beside serapan anggaran, and the budget realisation
records behind it (docs/performance.md).

Views: this module (the report page and the drill-down from ``spent`` to the payments) and
``budget`` (the payment form, pagu revisions, the budget upload with its progress page). Budget
figures are office-wide: a user limited to an area gets 403 (``office_wide``).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from flask import Blueprint, Response, abort, render_template, request

from blueprints.core.i18n import tr
from blueprints.core.nav import register_nav, register_tile
from blueprints.core.security import AreaOnly, ensure, requires
from service.core import audit, clock, settings
from service.core.errors import N_, ValidationError
from service.core.exports.pdf import html_to_pdf
from service.core.pagination import paginate
from service.performance import exports, payments
from service.performance import report as performance
from service.reports import renja_plans
from service.reports.spm import check_year

bp = Blueprint("performance", __name__, url_prefix="/kinerja")
OFFICE = AreaOnly(None)  # budget records belong to the whole office

register_nav(55, "performance.index", N_("Kinerja"), "performance.view")
register_tile(("pimpinan", "supervisor", "operator", "auditor"), "performance.index", N_("Kinerja dan anggaran"),
              N_("Capaian kinerja dan serapan anggaran per sub kegiatan, realisasi belanja."))


def office_wide(action: str) -> None:
    ensure(action, OFFICE)


def quarter_args() -> tuple[int, int, dict[str, str]]:
    """year/quarter from the query (default: this quarter); errors shown beside the filter."""
    today = clock.today()
    y, q = today.year, (today.month - 1) // 3 + 1
    errors: dict[str, str] = {}
    try:
        y = check_year(request.args["year"]) if request.args.get("year") else y
    except ValidationError as exc:
        errors["year"] = tr(exc.fields["year"], **exc.params)
    try:
        q = renja_plans.check_quarter(request.args["quarter"]) if request.args.get("quarter") else q
    except ValidationError as exc:
        errors["quarter"] = tr(exc.fields["quarter"])
    return y, q, errors


def tree(rows: list[Any]) -> list[tuple[Any, list[tuple[Any, list[Any]]]]]:
    """[(program, [(kegiatan, [sub-activities])])] in plan order; rows without a parent go last."""
    programs = [r for r in rows if r.level == "program"]
    kegiatan = [r for r in rows if r.level == "kegiatan"]
    subs = [r for r in rows if r.level == "sub_kegiatan"]
    out = []
    for p in programs:
        ks = [k for k in kegiatan if k.code.startswith(p.code + ".")]
        out.append((p, [(k, [s for s in subs if s.code.startswith(k.code + ".")]) for k in ks]))
    placed = {s.code for _p, ks in out for _k, ss in ks for s in ss}
    loose = [s for s in subs if s.code not in placed]
    if loose:
        out.append((None, [(None, loose)]))
    return out


def band_index() -> dict[str, int]:
    """rating label -> its position on the scale (0 = highest), for the badge colours."""
    return {label: i for i, (_low, label) in enumerate(performance.bands())}


@bp.route("/")
@requires("performance.view")
def index() -> Any:
    office_wide("performance.view")
    y, q, errors = quarter_args()
    rep = performance.report(y, q)
    from service.performance import attribution
    from service.performance import indicators as indicator_data

    iku = attribution.per_iku(rep, indicator_data.report(y)) if rep["plan"] else []
    return render_template("performance/index.html", rep=rep, tree=tree(rep["rows"]), errors=errors, iku=iku,
                           summary=performance.summary(rep), flag_labels=performance.FLAG_LABELS,
                           mismatch=performance.MISMATCH_FLAGS, band_index=band_index()), 422 if errors else 200


@bp.route("/belanja")
@requires("budget.view")
def payments_page() -> Any:
    """The payments of a year (through a quarter), optionally of one sub-activity: the drill-down from spent."""
    office_wide("budget.view")
    y, q, errors = quarter_args()
    code = (request.args.get("code") or "").strip() or None
    row = None
    if code:
        plan = renja_plans.get_plan(y)
        row = next((r for r in plan.rows if r.code == code), None) if plan else None
        if row is None:
            abort(404)
    end = renja_plans.quarter_bounds(y, q)[1] if request.args.get("quarter") else dt.date(y, 12, 31)
    page = paginate(payments.payments_query(y, code, end), request.args.get("page", 1, type=int), 50)
    total = payments.spent_by_code(y, end).get(code, 0) if code else sum(payments.spent_by_code(y, end).values())
    return render_template("performance/payments.html", page=page, row=row, code=code, year=y,
                           quarter=q if request.args.get("quarter") else None, end=end, total=total,
                           errors=errors), 422 if errors else 200


@bp.route("/ekspor.<fmt>")
@requires("report.export")
def export(fmt: str) -> Any:
    """The Renja evaluation / LAKIP table (K and Rp per triwulan) as XLSX or a PDF with letterhead."""
    office_wide("performance.view")
    if fmt not in ("xlsx", "pdf"):
        abort(404)
    y, q, errors = quarter_args()
    if errors:
        abort(422)
    rep = performance.report(y, q)
    name = f"kinerja-anggaran-{y}-tw{q}"
    audit.log_event("report.export", "performance", "performance", {"format": fmt, "file": name})
    if fmt == "xlsx":
        return Response(exports.workbook(rep, tr), headers={"Content-Disposition": f'attachment; filename="{name}.xlsx"'},
                        mimetype="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    title, _subtitle, cols, rows = exports.table(rep, tr)
    html = render_template("performance/print_report.html", rep=rep, title=title, cols=cols, rows=rows,
                           office=settings.office(), today=clock.today())
    return Response(html_to_pdf(html), mimetype="application/pdf",
                    headers={"Content-Disposition": f'inline; filename="{name}.pdf"'})


@bp.route("/lakip.<fmt>")
@requires("report.export")
def lakip(fmt: str) -> Any:
    """The LAKIP: IKU capaian with pagu per IKU, the evaluation table, the previous year by code, the
    Renstra comparison, budget realisation and efficiency — as XLSX or a PDF with letterhead."""
    office_wide("performance.view")
    if fmt not in ("xlsx", "pdf"):
        abort(404)
    y, q, errors = quarter_args()
    if errors:
        abort(422)
    data = exports.lakip_data(y, q, tr)
    name = f"lakip-{y}-tw{q}"
    audit.log_event("report.export", "performance", "lakip", {"format": fmt, "file": name})
    if fmt == "xlsx":
        return Response(exports.lakip_workbook(data, tr), headers={"Content-Disposition": f'attachment; filename="{name}.xlsx"'},
                        mimetype="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    html = render_template("performance/print_lakip.html", data=data, office=settings.office(), today=clock.today(),
                           tree=tree(data["rep"]["rows"]))
    return Response(html_to_pdf(html), mimetype="application/pdf",
                    headers={"Content-Disposition": f'inline; filename="{name}.pdf"'})


from blueprints.performance import budget, indicators, renstra  # noqa: E402,F401  (register the views)
