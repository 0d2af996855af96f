"""The SPM, Renja and IKU reports as XLSX, CSV and PDF files."""

from __future__ import annotations

from typing import Any

from flask import Response, abort, render_template

from blueprints.core.i18n import tr
from blueprints.core.labels import ref_name
from blueprints.core.security import requires
from blueprints.reports import bp
from blueprints.reports.common import FLAG_LABELS, MONTH_NAMES, area, period_args, quarter_args
from service.core import audit, clock, settings
from service.core.exports import csv as csv_export
from service.core.exports import xlsx as xlsx_export
from service.core.exports.pdf import html_to_pdf
from service.reports import iku, renja_realisation, spm


def _export_report(kind: str) -> tuple[dict[str, Any], str]:
    if kind == "spm":
        y, m, errors = period_args()
        if errors:
            abort(422)
        return spm.report(y, m, area()), f"spm-{y}-{m:02d}"
    if kind == "renja":
        y, q, errors = quarter_args()
        if errors:
            abort(422)
        return renja_realisation.report(y, q, area()), f"renja-{y}-tw{q}"
    y, _m, errors = period_args()
    if errors:
        abort(422)
    return iku.report(y, area=area()), f"iku-{y}"


@bp.route("/ekspor/<kind>.<fmt>")
@requires("report.export")
def export(kind: str, fmt: str) -> Any:
    if kind not in ("spm", "renja", "iku") or fmt not in ("xlsx", "csv", "pdf"):
        abort(404)
    rep, name = _export_report(kind)
    audit.log_event("report.export", "reports", kind, {"format": fmt, "file": name})
    if fmt == "xlsx":
        return Response(xlsx_export.export(kind, rep, tr, ref_name), headers={"Content-Disposition": f'attachment; filename="{name}.xlsx"'},
                        mimetype="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    if fmt == "csv":
        return Response(csv_export.export(kind, rep, tr, ref_name), mimetype="text/csv",
                        headers={"Content-Disposition": f'attachment; filename="{name}.csv"'})
    office = settings.office()
    html = render_template(f"reports/print_{kind}.html", rep=rep, office=office, today=clock.today(),
                           month_names=MONTH_NAMES, flag_labels=FLAG_LABELS, area=area())
    return Response(html_to_pdf(html), mimetype="application/pdf",
                    headers={"Content-Disposition": f'inline; filename="{name}.pdf"'})
