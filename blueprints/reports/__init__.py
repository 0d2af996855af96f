"""Reports: SPM month with drill-downs, Renja quarter, IKU, the supervisor's month, dashboard, exports,
plan upload and the service type → sub-activity mapping (docs/reports.md).

Views live in ``dashboard`` (the reports home, the dashboard), ``spm``, ``renja``, ``iku``,
``month`` (the supervisor's month, close and reopen), ``exports`` and ``plan`` (plan, SPM
targets, mapping); what they share in ``common``; the API endpoints in ``api``. Figures for a
user limited to an area are computed over the persons of that area; closing a month (an
office-wide snapshot) needs an unrestricted user.
"""

from __future__ import annotations

from flask import Blueprint

from blueprints.core.nav import register_nav, register_tile
from service.core.errors import N_

bp = Blueprint("reports", __name__, url_prefix="/laporan")

register_nav(50, "reports.index", N_("Laporan"), "report.view")
register_tile(("pimpinan", "supervisor", "operator", "auditor"), "reports.index", N_("Laporan SPM dan Renja"),
              N_("Capaian SPM, realisasi Renja, IKU, grafik dan ekspor."))
register_tile(("supervisor",), "reports.month", N_("Bulan berjalan"),
              N_("Tinjau angka bulan ini, kasus yang belum terlayani, lalu tutup bulan."))
register_tile(("admin",), "reports.plan", N_("Rencana kerja (Renja)"),
              N_("Unggah rencana tahunan dan atur pemetaan jenis layanan ke sub kegiatan."))

from blueprints.reports import dashboard, exports, headlines, iku, month, plan, renja, sources, spm  # noqa: E402,F401  (register the views)
