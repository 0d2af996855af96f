"""Reports: SPM month with drill-downs, Renja quarter, IKU, the supervisor's month, dashboard, exports,
plan upload and the service type → sub-activity mapping.

Figures for a user limited to an area are computed over the persons of that
area; closing a month (an office-wide snapshot) needs an unrestricted user.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from flask import Blueprint, Response, abort, flash, redirect, render_template, request, url_for
from sqlalchemy import select

from blueprints.core.forms import ActionForm, apply_errors
from blueprints.core.i18n import tr
from blueprints.core.nav import register_nav, register_tile
from blueprints.core.security import requires, user
from blueprints.reports import charts
from blueprints.reports import sources as record_sources
from blueprints.reports.forms import HandEntryForm, MonthForm, PlanUploadForm
from service.accounts.models import User
from service.core import audit, periods, settings
from service.core.access import can, may_see_sensitive_unassigned
from service.core.db import session
from service.core.errors import N_, ValidationError
from service.core.exports import csv as csv_export
from service.core.exports import xlsx as xlsx_export
from service.core.exports.pdf import html_to_pdf
from service.core.exports.table import MONTHS
from service.core.pagination import paginate
from service.reference.models import BasicService, ServiceType
from service.reports import iku, renja, spm

bp = Blueprint("reports", __name__, url_prefix="/laporan")

register_nav(50, "reports.index", N_("Laporan"), "report.view")
register_tile(("pimpinan", "supervisor", "operator", "auditor"), "reports.index", N_("Laporan SPM dan Renja"),
              N_("Capaian SPM, realisasi Renja, IKU, grafik dan ekspor."))
register_tile(("supervisor",), "reports.month", N_("Bulan berjalan"),
              N_("Tinjau angka bulan ini, kasus yang belum terlayani, lalu tutup bulan."))
register_tile(("admin",), "reports.plan", N_("Rencana kerja (Renja)"),
              N_("Unggah rencana tahunan dan atur pemetaan jenis layanan ke sub kegiatan."))

MONTH_NAMES = [N_("Januari"), N_("Februari"), N_("Maret"), N_("April"), N_("Mei"), N_("Juni"), N_("Juli"),
               N_("Agustus"), N_("September"), N_("Oktober"), N_("November"), N_("Desember")]
FLAG_LABELS = {"budget_mismatch": N_("Pagu tidak sama dengan jumlah rinciannya"),
               "orphan": N_("Tidak ada induk dalam rencana"), "no_children": N_("Tidak ada rincian")}
SOURCE_LABELS = {"persons": N_("orang berbeda"), "households": N_("KK berbeda"), "quantity": N_("jumlah barang"),
                 "hand": N_("isian manual"), "rollup": N_("rekap")}


def _area() -> str | None:
    return user().area_code or None


def _default_month(today: dt.date) -> tuple[int, int]:
    return (today.year - 1, 12) if today.month == 1 else (today.year, today.month - 1)


def _period_args() -> tuple[int, int, dict[str, str]]:
    """year/month from the query (default: last month); errors shown beside the filter."""
    y, m = _default_month(dt.date.today())
    errors: dict[str, str] = {}
    year_raw, month_raw = request.args.get("year"), request.args.get("month")
    try:
        y = spm.check_year(year_raw) if year_raw else y
    except ValidationError as exc:
        errors["year"] = tr(exc.fields["year"], **exc.params)
    try:
        m = spm.check_month(month_raw) if month_raw else m
    except ValidationError as exc:
        errors["month"] = tr(exc.fields["month"], **exc.params)
    return y, m, errors


def _quarter_args() -> tuple[int, int, dict[str, str]]:
    today = dt.date.today()
    y, q = today.year, (today.month - 1) // 3 + 1
    errors: dict[str, str] = {}
    try:
        y = spm.check_year(request.args["year"]) if request.args.get("year") else y
    except ValidationError as exc:
        errors["year"] = tr(exc.fields["year"], **exc.params)
    try:
        q = renja.check_quarter(request.args["quarter"]) if request.args.get("quarter") else q
    except ValidationError as exc:
        errors["quarter"] = tr(exc.fields["quarter"])
    return y, q, errors


def _names(ids: list[Any]) -> dict[Any, str]:
    ids = [i for i in ids if i]
    if not ids:
        return {}
    return {u.id: u.full_name or u.username for u in session.scalars(select(User).where(User.id.in_(ids)))}


# ------------------------------------------------------------------ overview
@bp.route("/")
@requires("report.view")
def index() -> Any:
    y, m = _default_month(dt.date.today())
    return render_template("reports/index.html", year=y, month=m, unclosed=periods.unclosed_months(),
                           month_names=MONTH_NAMES, area=_area())


# ------------------------------------------------------------------ SPM
@bp.route("/spm")
@requires("report.view")
def spm_page() -> Any:
    y, m, errors = _period_args()
    rep = spm.report(y, m, _area())
    row = periods.get_close(y, m)
    return render_template("reports/spm.html", rep=rep, errors=errors, month_names=MONTH_NAMES, close=row,
                           area=_area()), 422 if errors else 200


@bp.route("/spm/orang")
@requires("report.view")
def spm_persons() -> Any:
    service = request.args.get("service", "")
    bs = session.get(BasicService, service)
    if bs is None:
        abort(404)
    y, m, errors = _period_args()
    which = request.args.get("filter", "all")
    if which not in spm.PERSON_FILTERS:
        which = "all"
    q = (request.args.get("q") or "").strip()
    page = paginate(spm.person_query(y, m, service, which, _area(), q), request.args.get("page", 1, type=int), 50,
                    scalars=False)
    ids = [r[0].id for r in page.items]
    comps = spm.components(y, m, service, ids)
    hidden = set() if may_see_sensitive_unassigned(user()) else spm.sensitive_person_ids(ids)
    audit.log_event("report.drilldown", "basic_services", service,
                    {"year": y, "month": m, "filter": which, "persons": [str(i) for i in ids]})
    session.commit()
    types = {t.code: t.name_id for t in session.scalars(select(ServiceType))}
    return render_template("reports/spm_persons.html", bs=bs, page=page, comps=comps, hidden=hidden, year=y,
                           month=m, which=which, q=q, types=types, errors=errors,
                           month_names=MONTH_NAMES), 422 if errors else 200


# ------------------------------------------------------------------ Renja
@bp.route("/renja")
@requires("report.view")
def renja_page() -> Any:
    y, q, errors = _quarter_args()
    rep = renja.report(y, q, _area())
    hand_form = HandEntryForm(prefix="h", data={"year": y, "quarter": q})
    entered_by = _names([h.updated_by_id for r in rep["rows"] for h in r.hand_entries.values()])
    return render_template("reports/renja.html", rep=rep, errors=errors, flag_labels=FLAG_LABELS,
                           source_labels=record_sources.labels(SOURCE_LABELS), hand_form=hand_form,
                           entered_by=entered_by, area=_area()), 422 if errors else 200


@bp.route("/renja/manual", methods=["POST"])
@requires("report.hand_entry")
def renja_hand() -> Any:
    form = HandEntryForm(prefix="h")
    year, code = form.year.data, form.code.data
    if not form.validate_on_submit():
        flash(tr("Isian tidak lengkap."), "error")
        return redirect(url_for("reports.renja_page", year=year))
    try:
        renja.set_hand_value(year, code, form.quarter.data, form.value.data, form.note.data)
        session.commit()
    except ValidationError as exc:
        session.rollback()
        y, q = year, form.quarter.data
        try:
            rep = renja.report(y, q or 1, _area())
        except ValidationError:
            abort(422)
        apply_errors(form, exc)
        return render_template("reports/renja.html", rep=rep, errors={}, flag_labels=FLAG_LABELS,
                               source_labels=record_sources.labels(SOURCE_LABELS), hand_form=form, entered_by={},
                               failed_code=code,
                               area=_area()), 422
    flash(tr("Capaian {code} triwulan {quarter} disimpan.", code=code, quarter=form.quarter.data), "success")
    return redirect(url_for("reports.renja_page", year=year, quarter=form.quarter.data) + "#r-" + code)


@bp.route("/renja/orang")
@requires("report.view")
def renja_persons() -> Any:
    code = request.args.get("code", "")
    y, qt, errors = _quarter_args()
    plan = renja.get_plan(y)
    row = next((r for r in plan.rows if r.code == code), None) if plan else None
    if row is None or errors:
        abort(404)
    q = (request.args.get("q") or "").strip()
    page = paginate(renja.person_query(y, qt, code, _area(), q), request.args.get("page", 1, type=int), 50,
                    scalars=False)
    ids = [r[0].id for r in page.items]
    hidden = set() if may_see_sensitive_unassigned(user()) else spm.sensitive_person_ids(ids)
    audit.log_event("report.drilldown", "plan_rows", code, {"year": y, "quarter": qt,
                                                            "persons": [str(i) for i in ids]})
    session.commit()
    return render_template("reports/renja_persons.html", row=row, page=page, hidden=hidden, year=y, quarter=qt, q=q)


# ------------------------------------------------------------------ IKU
@bp.route("/iku")
@requires("report.view")
def iku_page() -> Any:
    y, _m, errors = _period_args()
    which = request.args.get("filter", "unhandled")
    if which not in ("registered", "handled", "unhandled"):
        which = "unhandled"
    rep = iku.report(y, area=_area())
    page = paginate(iku.person_query(y, which, _area(), request.args.get("q")), request.args.get("page", 1, type=int),
                    50)
    hidden = set() if may_see_sensitive_unassigned(user()) else spm.sensitive_person_ids([p.id for p in page.items])
    return render_template("reports/iku.html", rep=rep, page=page, which=which, hidden=hidden, errors=errors,
                           q=request.args.get("q", "")), 422 if errors else 200


# ------------------------------------------------------------------ supervisor's month
@bp.route("/bulan")
@requires("report.view")
def month() -> Any:
    y, m, errors = _period_args()
    rep = spm.report(y, m, _area())
    live = spm.report_json(rep)
    previous = spm.report(y, m - 1, _area()) if m > 1 else None
    row = periods.get_close(y, m)
    diffs = periods.snapshot_differences(row, spm.report_json(spm.report(y, m))) if row else []
    late = periods.late_entries(y, m)
    unserved = {}
    for s in rep["services"]:
        if s.needing > s.served:
            unserved[s.code] = session.execute(spm.person_query(y, m, s.code, "unserved", _area()).limit(10)).all()
    names = _names([row.closed_by_id, row.reopened_by_id] if row else [])
    may_close = can(user(), "report.close_month") and not _area()
    return render_template("reports/month.html", rep=rep, live=live, previous=previous, close=row, diffs=diffs,
                           late=late, unserved=unserved, names=names, may_close=may_close, form=MonthForm(
                               data={"year": y, "month": m}), errors=errors, month_names=MONTH_NAMES,
                           unclosed=periods.unclosed_months(), ended=periods.month_bounds(y, m)[1] < dt.date.today(),
                           hidden=set() if may_see_sensitive_unassigned(user()) else spm.sensitive_person_ids(
                               [r[0].id for rows in unserved.values() for r in rows])), 422 if errors else 200


def _month_action(fn: Any, done: str) -> Any:
    if _area():
        abort(403)
    form = MonthForm()
    if not form.validate_on_submit():
        abort(400)
    try:
        fn(form.year.data, form.month.data, user().id)
        session.commit()
        flash(tr(done), "success")
    except ValidationError as exc:
        session.rollback()
        flash(tr(next(iter(exc.fields.values())), **exc.params), "error")
        return redirect(url_for("reports.month", year=form.year.data, month=form.month.data)), 303
    return redirect(url_for("reports.month", year=form.year.data, month=form.month.data))


@bp.route("/bulan/tutup", methods=["POST"])
@requires("report.close_month")
def month_close() -> Any:
    return _month_action(periods.close_month, N_("Bulan ditutup; angka disimpan sebagai snapshot."))


@bp.route("/bulan/buka-kembali", methods=["POST"])
@requires("report.close_month")
def month_reopen() -> Any:
    return _month_action(periods.reopen_month, N_("Bulan dibuka kembali."))


# ------------------------------------------------------------------ dashboard
@bp.route("/dasbor")
@requires("report.view")
def dashboard() -> Any:
    today = dt.date.today()
    y, _m, errors = _period_args()
    upto = 12 if y < today.year else max(1, today.month)
    months = spm.trend(y, upto, _area()) if y <= today.year else []
    labels = [tr(MONTH_NAMES[i])[:3] for i in range(len(months))]
    services = list(session.scalars(select(BasicService).order_by(BasicService.order)))
    series = [(bs.code, [next(s.recipients_pct for s in rep["services"] if s.code == bs.code) for rep in months])
              for bs in services]
    index_series = [(bs.code, [next(s.index_value for s in rep["services"] if s.code == bs.code) for rep in months])
                    for bs in services]
    quarter = 4 if y < today.year else (today.month - 1) // 3 + 1
    rj = renja.report(y, quarter, _area())
    bars = [(r.code[5:], r.realised_pct) for r in rj["rows"]
            if r.level == "sub_kegiatan" and r.target]
    no_data = tr("Belum ada data")
    return render_template(
        "reports/dashboard.html", year=y, errors=errors, quarter=quarter, rj=rj,
        trend=charts.trend_chart(tr("Persentase penerima layanan per bulan"), labels, series, no_data),
        index_chart=charts.trend_chart(tr("Indeks SPM per bulan"), labels, index_series, no_data),
        bars=charts.target_bars(tr("Realisasi Renja terhadap target"), bars, no_data),
        services=services), 422 if errors else 200


# ------------------------------------------------------------------ exports
def _export_report(kind: str) -> tuple[dict[str, Any], str]:
    if kind == "spm":
        y, m, errors = _period_args()
        if errors:
            abort(422)
        return spm.report(y, m, _area()), f"spm-{y}-{m:02d}"
    if kind == "renja":
        y, q, errors = _quarter_args()
        if errors:
            abort(422)
        return renja.report(y, q, _area()), f"renja-{y}-tw{q}"
    y, _m, errors = _period_args()
    if errors:
        abort(422)
    return iku.report(y, area=_area()), f"iku-{y}"


@bp.route("/ekspor/<kind>.<fmt>")
@requires("report.export")
def export(kind: str, fmt: str) -> Any:
    if kind not in ("spm", "renja", "iku") or fmt not in ("xlsx", "csv", "pdf"):
        abort(404)
    rep, name = _export_report(kind)
    audit.log_event("report.export", "reports", kind, {"format": fmt, "file": name})
    session.commit()
    if fmt == "xlsx":
        return Response(xlsx_export.export(kind, rep), headers={"Content-Disposition": f'attachment; filename="{name}.xlsx"'},
                        mimetype="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    if fmt == "csv":
        return Response(csv_export.export(kind, rep), mimetype="text/csv",
                        headers={"Content-Disposition": f'attachment; filename="{name}.csv"'})
    office = settings.office()
    html = render_template(f"reports/print_{kind}.html", rep=rep, office=office, today=dt.date.today(),
                           month_names=MONTH_NAMES, months_id=MONTHS, flag_labels=FLAG_LABELS, area=_area())
    return Response(html_to_pdf(html), mimetype="application/pdf",
                    headers={"Content-Disposition": f'inline; filename="{name}.pdf"'})


# ------------------------------------------------------------------ plan, targets, mapping
@bp.route("/rencana", methods=["GET", "POST"])
@requires("plan.import")
def plan() -> Any:
    form = PlanUploadForm(prefix="p")
    status = 200
    if request.method == "POST" and request.form.get("which") == "targets":
        y = request.form.get("year", type=int) or dt.date.today().year
        try:
            for bs in session.scalars(select(BasicService)):
                spm.set_target(y, bs.code, request.form.get(f"target-{bs.code}"))
            session.commit()
            flash(tr("Sasaran SPM disimpan."), "success")
            return redirect(url_for("reports.plan", year=y))
        except ValidationError as exc:
            session.rollback()
            apply_errors(form, exc)
            status = 422
    elif form.validate_on_submit():
        upload = form.file.data
        try:
            if upload is None or not getattr(upload, "filename", ""):
                raise ValidationError({"file": N_("Pilih berkas rencana.")})
            p, counts = renja.import_plan(upload.read(), upload.filename, form.year.data)
            session.commit()
        except ValidationError as exc:
            session.rollback()
            apply_errors(form, exc)
            status = 422
        else:
            flash(tr("Rencana {year} dimuat: {rows} baris ({inserted} baru, {updated} diubah, {deleted} dihapus).",
                     year=p.year, rows=len(p.rows), **{k: counts[k] for k in ("inserted", "updated", "deleted")}),
                  "success")
            return redirect(url_for("reports.plan", year=p.year))
    elif request.method == "POST":
        status = 422
    year = request.args.get("year", type=int) or form.year.data or dt.date.today().year
    if not form.year.data:
        form.year.data = year
    return render_template("reports/plan.html", form=form, plan=renja.get_plan(year), year=year,
                           targets=spm.targets(year),
                           services=list(session.scalars(select(BasicService).order_by(BasicService.order))),
                           target_errors={k: v for k, v in form.errors.items() if k.startswith("target-")}), status


@bp.route("/pemetaan", methods=["GET", "POST"])
@requires("plan.mapping")
def mapping() -> Any:
    form = ActionForm()
    errors: dict[str, str] = {}
    status = 200
    if request.method == "POST":
        if not form.validate_on_submit():
            abort(400)
        try:
            for code in renja.effective_mapping():
                renja.set_mapping(code, request.form.get(f"{code}-spm"), request.form.get(f"{code}-other"))
            record_sources.save_mapping(request.form, [c for c, _n in record_sources.mapping_rows(_plan_year())])
            session.commit()
        except ValidationError as exc:
            session.rollback()
            errors = {k: tr(v, **exc.params) for k, v in exc.fields.items()}
            status = 422
        else:
            flash(tr("Pemetaan disimpan."), "success")
            return redirect(url_for("reports.mapping"))
    types = list(session.scalars(select(ServiceType).order_by(ServiceType.group, ServiceType.code)))
    return render_template("reports/mapping.html", form=form, types=types, mapping=renja.effective_mapping(),
                           overrides=renja.overrides(), errors=errors,
                           posted=request.form if status == 422 else None,
                           **record_sources.mapping_context(_plan_year())), status


def _plan_year() -> int:
    """The year whose plan's sub-activities the mapping page lists (``?year=``, default this year)."""
    return request.args.get("year", dt.date.today().year, type=int)


record_sources.register(bp, _quarter_args, _area)
