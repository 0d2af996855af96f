"""The reports home page and the dashboard (SPM trend, Renja against targets)."""

from __future__ import annotations

from typing import Any

from flask import render_template
from sqlalchemy import select

from blueprints.core.i18n import _pct, tr
from blueprints.core.labels import ref_name
from blueprints.core.security import requires
from blueprints.reports import bp, charts
from blueprints.reports.common import MONTH_NAMES, area, area_label, default_month, period_args
from service.core import clock
from service.core.db import session
from service.core.errors import N_
from service.reference.models import BasicService
from service.reports import month as report_month
from service.reports import renja_realisation, spm_trend


@bp.route("/")
@requires("report.view")
def index() -> Any:
    y, m = default_month(clock.today())
    return render_template("reports/index.html", year=y, month=m, unclosed=report_month.unclosed_months(),
                           month_names=MONTH_NAMES, area=area_label())


@bp.route("/dasbor")
@requires("report.view")
def dashboard() -> Any:
    today = clock.today()
    y, _m, errors = period_args()
    upto = 12 if y < today.year else max(1, today.month)
    months = spm_trend.trend(y, upto, area()) if y <= today.year else []
    labels = [tr(MONTH_NAMES[i])[:3] for i in range(len(months))]
    services = list(session.scalars(select(BasicService).order_by(BasicService.order)))
    short = {bs.code: short_name(bs) for bs in services}
    series = [(short[bs.code], [next(s.recipients_pct for s in rep["services"] if s.code == bs.code)
                                for rep in months]) for bs in services]
    index_series = [(short[bs.code], [next(s.index_value for s in rep["services"] if s.code == bs.code)
                                      for rep in months]) for bs in services]
    quarter = 4 if y < today.year else (today.month - 1) // 3 + 1
    rj = renja_realisation.report(y, quarter, area())
    bars = [(r.name, r.realised_pct) for r in rj["rows"] if r.level == "sub_kegiatan" and r.target]
    no_data = tr("Belum ada data")
    return render_template(
        "reports/dashboard.html", year=y, errors=errors, quarter=quarter, rj=rj,
        trend=charts.trend_chart(tr("Persentase penerima layanan per bulan"), labels, series, no_data),
        index_chart=charts.trend_chart(tr("Indeks SPM per bulan"), labels, index_series, no_data),
        bars=charts.target_bars(tr("Realisasi Renja terhadap target"), bars, no_data, fmt_pct=_pct),
        services=[(short[bs.code], ref_name(bs)) for bs in services], area_name=area_label()), 422 if errors else 200


# The chart legend's short names of the SPM basic services (the full name is beside the chart).
SHORT_NAMES = {"disabilitas": N_("Penyandang disabilitas"), "anak": N_("Anak telantar"), "lansia": N_("Lanjut usia"),
               "gepeng": N_("Gelandangan & pengemis"), "bencana": N_("Korban bencana")}


def short_name(bs: BasicService) -> str:
    """A legend-sized name: the known short names, else the name cut at 24 characters."""
    if bs.code in SHORT_NAMES:
        return tr(SHORT_NAMES[bs.code])
    name = ref_name(bs)
    return name if len(name) <= 24 else name[:23].rstrip() + "…"
