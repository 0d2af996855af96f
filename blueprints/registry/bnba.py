"""The BNBA import page (template, column help, code lists, upload, past imports), its run page with live
progress and the downloadable error report (service.registry.bnba, bnba_files, service.core.imports)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from flask import Response, abort, current_app, jsonify, redirect, render_template, request, url_for

from blueprints.core.i18n import tr
from blueprints.core.labels import ref_name
from blueprints.core.security import requires, user
from blueprints.core.transaction import commit_now
from blueprints.registry import bp
from blueprints.registry.common import region_root
from blueprints.registry.forms import ImportForm
from service.core import audit
from service.core import imports as import_runs
from service.core.db import session
from service.core.errors import N_
from service.core.exports import xlsx
from service.core.pagination import paginate
from service.registry import bnba as imports
from service.registry import bnba_files

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
RUN_STATUS = {"pending": N_("Menunggu"), "running": N_("Berjalan"), "done": N_("Selesai"),
              "rejected": N_("Ditolak"), "failed": N_("Gagal")}


def _lists(with_villages: bool = True) -> bnba_files.CodeLists:
    return bnba_files.code_lists(region_root(), text=tr, name=ref_name, with_villages=with_villages)


def _page(form: ImportForm, status: int) -> Any:
    page = paginate(import_runs.runs_query(user()), request.args.get("page", 1, type=int), 20)
    starters = import_runs.starter_names(page.items)
    return render_template("registry/import.html", form=form, page=page, starters=starters, lists=_lists(False),
                           columns=bnba_files.COLUMN_HELP, run_status=RUN_STATUS), status


@bp.route("/impor/bnba", methods=["GET", "POST"])
@requires("import.bnba")
def import_page() -> Any:
    form = ImportForm()
    status = 200
    if form.validate_on_submit():
        upload = form.file.data
        name = (getattr(upload, "filename", "") or "").strip()
        data = upload.read() if upload else b""
        if not name or not data:
            form.file.errors = [tr("Pilih berkas CSV atau XLSX.")]
            status = 422
        elif not name.lower().endswith((".csv", ".xlsx")):
            form.file.errors = [tr("Berkas harus CSV atau XLSX.")]
            status = 422
        else:
            run = import_runs.start_run(Path(name).name, user().id)
            commit_now()  # the run row must exist before the background thread reads it
            if current_app.config.get("TESTING") and not current_app.config.get("IMPORT_IN_BACKGROUND"):
                imports.execute_run(run, data)
            else:
                imports.run_in_background(run.id, data, audit.current_actor())
            return redirect(url_for("registry.import_run", run_id=run.id))
    elif request.method == "POST":
        status = 422
    return _page(form, status)


@bp.route("/impor/bnba/templat.<fmt>")
@requires("import.bnba")
def import_template(fmt: str) -> Any:
    """The file to fill in: XLSX with the code sheet and drop-downs (villages of the user's area), or CSV."""
    if fmt not in ("xlsx", "csv"):
        abort(404)
    lists = _lists(with_villages=fmt == "xlsx")
    if fmt == "csv":
        return Response(bnba_files.template_csv(lists), mimetype="text/csv; charset=utf-8",
                        headers={"Content-Disposition": 'attachment; filename="templat-bnba.csv"'})
    return Response(bnba_files.template_xlsx(lists, text=tr), mimetype=XLSX,
                    headers={"Content-Disposition": 'attachment; filename="templat-bnba.xlsx"'})


def _get_run(run_id: str) -> Any:
    run = import_runs.get_run(run_id)
    if run is None:
        abort(404)
    session.refresh(run)  # progress is written by the importing worker's own transactions
    if not import_runs.may_see_run(user(), run):
        abort(403)
    return run


@bp.route("/impor/bnba/<run_id>")
@requires("import.bnba")
def import_run(run_id: str) -> Any:
    run = _get_run(run_id)
    return render_template("registry/import_run.html", run=run, progress=import_runs.progress_of(run))


@bp.route("/impor/bnba/<run_id>/laporan.xlsx")
@requires("import.bnba")
def import_errors_xlsx(run_id: str) -> Any:
    """The rejected rows as XLSX: line number, column, reason (in the reader's language)."""
    run = _get_run(run_id)
    if run.status not in ("rejected", "failed"):
        abort(404)
    rows = bnba_files.error_rows(run.report or {}, lambda m: tr(m["message"], **(m.get("params") or {})))
    data = xlsx.workbook(tr("Laporan impor BNBA"), run.filename,
                         [(tr("Baris"), "int", 8), (tr("Kolom"), "text", 20), (tr("Alasan"), "text", 80)], rows)
    stem = Path(run.filename).stem or "bnba"
    return Response(data, mimetype=XLSX,
                    headers={"Content-Disposition": f'attachment; filename="laporan-{stem[:60]}.xlsx"'})


@bp.route("/impor/bnba/<run_id>/status")
@requires("import.bnba")
def import_status(run_id: str) -> Any:
    run = _get_run(run_id)
    return jsonify(import_runs.progress_of(run))


