"""The BNBA upload page and its run page with live progress (service.registry.bnba, service.core.imports)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from flask import abort, current_app, jsonify, redirect, render_template, request, url_for

from blueprints.core.i18n import tr
from blueprints.core.security import requires, user
from blueprints.core.transaction import commit_now
from blueprints.registry import bp
from blueprints.registry.forms import ImportForm
from service.core import audit
from service.core import imports as import_runs
from service.core.db import session
from service.registry import bnba as imports


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
    return render_template("registry/import.html", form=form), status


def _get_run(run_id: str) -> Any:
    run = import_runs.get_run(run_id)
    if run is None:
        abort(404)
    session.refresh(run)  # progress is written by the importing worker's own transactions
    if run.started_by_id != user().id and user().role not in ("admin", "supervisor"):
        abort(403)
    return run


@bp.route("/impor/bnba/<run_id>")
@requires("import.bnba")
def import_run(run_id: str) -> Any:
    run = _get_run(run_id)
    return render_template("registry/import_run.html", run=run, progress=import_runs.progress_of(run))


@bp.route("/impor/bnba/<run_id>/status")
@requires("import.bnba")
def import_status(run_id: str) -> Any:
    run = _get_run(run_id)
    return jsonify(import_runs.progress_of(run))


