"""The situation report on the web (``/bencana/<event>/laporan``): page, PDF with the
office's letterhead, XLSX. Each export is logged in the audit trail."""

from __future__ import annotations

from typing import Any

from flask import Response, render_template, request

from blueprints.core.security import requires
from blueprints.disasters import bp
from blueprints.disasters.common import event_or_404
from service.core import audit, settings
from service.disasters import report as situation

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@bp.route("/<event_id>/laporan")
@requires("disaster.view")
def report(event_id: str) -> Any:
    ev = event_or_404(event_id)
    data = situation.situation_report(ev)
    fmt = request.args.get("format")
    disposition = {"Content-Disposition": f"attachment; filename=laporan-situasi-{ev.code}.{fmt}"}
    if fmt == "pdf":
        from service.core.exports.pdf import html_to_pdf

        html = render_template("disasters/report_pdf.html", r=data, event=ev, office=settings.office())
        audit.log_event("export", "disaster_events", str(ev.id), {"format": "pdf", "report": "situation"})
        return Response(html_to_pdf(html), mimetype="application/pdf", headers=disposition)
    if fmt == "xlsx":
        from blueprints.disasters.xlsx import situation_xlsx

        audit.log_event("export", "disaster_events", str(ev.id), {"format": "xlsx", "report": "situation"})
        return Response(situation_xlsx(data, settings.office()), mimetype=XLSX, headers=disposition)
    return render_template("disasters/report.html", r=data, event=ev)
