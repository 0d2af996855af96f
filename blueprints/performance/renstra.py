"""The Renstra: its comparison with each year's Renja and realisation, and the load (upload) of its table."""

from __future__ import annotations

from typing import Any

from flask import flash, redirect, render_template, request, url_for

from blueprints.core.i18n import tr, tr_error
from blueprints.core.security import requires
from blueprints.performance import band_index, bp, office_wide, quarter_args
from blueprints.performance.forms import RenstraForm
from service.core import audit
from service.core.errors import ValidationError
from service.performance import renstra, renstra_compare


def _page(form: RenstraForm, status: int = 200, report: Any = None, file_error: str | None = None) -> Any:
    y, q, errors = quarter_args()
    comp = renstra_compare.comparison(y, q)
    return render_template("performance/renstra.html", comp=comp, form=form, report=report, file_error=file_error,
                           errors=errors, plans=renstra.all_plans(), bands=band_index(),
                           groups=_groups(comp["rows"])), 422 if errors else status


def _groups(rows: list[Any]) -> list[tuple[Any, list[Any]]]:
    """[(program or None for the IKU, [rows under it])] in file order."""
    out: list[tuple[Any, list[Any]]] = []
    iku = [r for r in rows if r.row.level == "iku"]
    if iku:
        out.append((None, iku))
    for r in rows:
        if r.row.level == "program":
            out.append((r, []))
        elif r.row.level != "iku":
            if not out or out[-1][0] is None:
                out.append((None, []))
            out[-1][1].append(r)
    return [g for g in out if g[0] is not None or g[1]]


@bp.route("/renstra")
@requires("performance.view")
def renstra_page() -> Any:
    office_wide("performance.view")
    return _page(RenstraForm())


@bp.route("/renstra", methods=["POST"])
@requires("renstra.load")
def renstra_load() -> Any:
    office_wide("renstra.load")
    form = RenstraForm()
    if not form.validate_on_submit():
        return _page(form, 422)
    upload = form.file.data
    name = (getattr(upload, "filename", "") or "").strip()
    data = upload.read() if upload else b""
    if not name or not data:
        return _page(form, 422, file_error=tr("Pilih berkas CSV atau XLSX."))
    try:
        report = renstra.load(data, name)
    except ValidationError as exc:
        return _page(form, 422, file_error=tr_error(exc))
    if not report.ok:
        return _page(form, 422, report=report)
    audit.log_event("renstra.load", "performance", "renstra",
                    {"file": name[-200:], "first_year": report.first_year, "last_year": report.last_year,
                     **report.counts})
    c = report.counts
    flash(tr("Renstra {first}–{last} dimuat: {new} baris baru, {changed} berubah, {same} tetap, {gone} dihapus.",
             first=report.first_year, last=report.last_year, new=c["inserted"], changed=c["updated"],
             same=c["unchanged"], gone=c["deleted"]), "success")
    year = request.args.get("year") or report.first_year
    return redirect(url_for("performance.renstra_page", year=year))
