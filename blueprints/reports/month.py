"""The supervisor's month: live figures against the close's snapshot, late entries, persons not yet
served; closing and reopening the month."""

from __future__ import annotations

from typing import Any

from flask import abort, flash, redirect, render_template, url_for
from sqlalchemy import select

from blueprints.core.i18n import tr
from blueprints.core.labels import ref_name
from blueprints.core.security import requires, user
from blueprints.core.transaction import service_errors
from blueprints.reports import bp
from blueprints.reports.common import (
    FIGURE_LABELS,
    MONTH_NAMES,
    PERCENT_FIGURES,
    area,
    area_label,
    period_args,
    person_context,
    user_names,
)
from blueprints.reports.forms import MonthForm
from service.core import clock, periods
from service.core.access import can
from service.core.db import session
from service.core.errors import N_
from service.reference.models import ServiceType
from service.reports import month as report_month
from service.reports import spm, spm_trend


@bp.route("/bulan")
@requires("report.view")
def month() -> Any:
    y, m, errors = period_args()
    reports = spm_trend.reports(y, [m - 1, m] if m > 1 else [m], area())  # both months from one scan
    rep, previous = reports[m], reports.get(m - 1)
    live = spm.report_json(rep)
    row = periods.get_close(y, m)
    office = rep if not area() else spm.report(y, m)  # the snapshot is the office's
    diffs = report_month.snapshot_differences(row, spm.report_json(office)) if row else []
    late = report_month.late_entries(y, m, area())
    unserved = {}
    for s in rep["services"]:
        if s.needing > s.served:
            unserved[s.code] = session.execute(spm.person_query(y, m, s.code, "unserved", area()).limit(10)).all()
    listed = [r[0] for rows in unserved.values() for r in rows] + [d.person for d in late]
    names = user_names(([row.closed_by_id, row.reopened_by_id] if row else [])
                       + [d.created_by_id for d in late] + [d.voided_by_id for d in late])
    may_close = can(user(), "report.close_month") and not area()
    return render_template("reports/month.html", rep=rep, live=live, previous=previous, close=row, diffs=diffs,
                           late=late, unserved=unserved, names=names, may_close=may_close, form=MonthForm(
                               data={"year": y, "month": m}), errors=errors, month_names=MONTH_NAMES,
                           unclosed=report_month.unclosed_months(),
                           ended=periods.month_bounds(y, m)[1] < clock.today(),
                           service_names={s.code: ref_name(s) for s in rep["services"]},
                           service_types={t.code: t for t in session.scalars(select(ServiceType))},
                           figure_labels=FIGURE_LABELS, percent_figures=PERCENT_FIGURES, zone=clock.zone_code(),
                           area_name=area_label(),
                           **person_context([p.id for p in listed], [p.area_code for p in listed]
                                            + [d.area_code for d in late])), 422 if errors else 200


def _month_action(fn: Any, done_message: str) -> Any:
    if area():
        abort(403)
    form = MonthForm()
    if not form.validate_on_submit():
        abort(400)
    with service_errors() as done:  # an error is flashed on the month page
        fn(form.year.data, form.month.data, user().id)
    back = url_for("reports.month", year=form.year.data, month=form.month.data)
    if not done.ok:
        return redirect(back), 303
    flash(tr(done_message), "success")
    return redirect(back)


@bp.route("/bulan/tutup", methods=["POST"])
@requires("report.close_month")
def month_close() -> Any:
    return _month_action(periods.close_month, N_("Bulan ditutup; angka disimpan sebagai snapshot."))


@bp.route("/bulan/buka-kembali", methods=["POST"])
@requires("report.close_month")
def month_reopen() -> Any:
    return _month_action(periods.reopen_month, N_("Bulan dibuka kembali."))
