"""Indicators (IKU and others): the year's table with capaian by polarity, definitions, targets, values."""

from __future__ import annotations

from typing import Any

from flask import Response, abort, flash, redirect, render_template, url_for

from blueprints.core.forms import ActionForm
from blueprints.core.i18n import tr
from blueprints.core.security import requires, user
from blueprints.core.transaction import service_errors
from blueprints.performance import bp, office_wide
from blueprints.performance.budget import _year
from blueprints.performance.forms import IndicatorForm, IndicatorYearForm
from service.core import audit, clock, settings
from service.core.exports.pdf import html_to_pdf
from service.performance import agreement, indicators
from service.performance.report import bands


def _page(year: int, form: Any, year_form: Any, failed: str | None = None, status: int = 200) -> Any:
    return render_template("performance/indicators.html", rep=indicators.report(year), year=year, form=form,
                           year_form=year_form, failed=failed, sources=indicators.SOURCES,
                           supports_of=indicators.supports_of,
                           band_index={label: i for i, (_l, label) in enumerate(bands())}), status


@bp.route("/indikator")
@requires("performance.view")
def indicators_page() -> Any:
    office_wide("performance.view")
    return _page(_year(), IndicatorForm(prefix="i"), IndicatorYearForm(prefix="y"))


@bp.route("/indikator/baru", methods=["POST"])
@requires("indicator.manage")
def indicator_save() -> Any:
    office_wide("indicator.manage")
    year = _year()
    form = IndicatorForm(prefix="i")
    if form.validate_on_submit():
        with service_errors(form) as done:
            ind = indicators.save_indicator(form.code.data, form.name.data, kind=form.kind.data, unit=form.unit.data,
                                            polarity=form.polarity.data, formula=form.formula.data,
                                            numerator=form.numerator.data, denominator=form.denominator.data,
                                            baseline=form.baseline.data, baseline_year=form.baseline_year.data,
                                            is_iku=bool(form.is_iku.data))
            indicators.set_supports(ind, form.supports.data)
        if done.ok:
            flash(tr("Indikator {code} disimpan.", code=ind.code), "success")
            return redirect(url_for("performance.indicators_page", year=year))
    return _page(year, form, IndicatorYearForm(prefix="y"), failed="new", status=422)


@bp.route("/indikator/<code>", methods=["POST"])
@requires("indicator.manage")
def indicator_year(code: str) -> Any:
    office_wide("indicator.manage")
    year = _year()
    ind = indicators.get_indicator(code)
    if ind is None:
        abort(404)
    form = IndicatorYearForm(prefix="y")
    if form.validate_on_submit():
        with service_errors(form) as done:
            indicators.set_targets(ind, year, form.renstra_target.data, form.pk_target.data)
            if not ind.source and (form.value.data or "").strip():
                indicators.enter_value(ind, year, form.value.data, form.numerator.data, form.denominator.data,
                                       form.note.data)
        if done.ok:
            flash(tr("Indikator {code} tahun {year} disimpan.", code=ind.code, year=year), "success")
            return redirect(url_for("performance.indicators_page", year=year) + "#i-" + ind.code)
    return _page(year, IndicatorForm(prefix="i"), form, failed=ind.code, status=422)


# ---------------------------------------------------------------- Perjanjian Kinerja
def _name(user_id: Any) -> str | None:
    from service.accounts.models import User
    from service.core.db import session

    u = session.get(User, user_id) if user_id else None
    return (u.full_name or u.username) if u else None


@bp.route("/perjanjian")
@requires("performance.view")
def agreement_page() -> Any:
    office_wide("performance.view")
    year = _year()
    pk = agreement.get(year)
    return render_template("performance/agreement.html", year=year, pk=pk,
                           targets=pk.targets if pk else agreement.draft(year), form=ActionForm(),
                           signer=_name(pk.signed_by_id) if pk else None)


@bp.route("/perjanjian/tandatangani", methods=["POST"])
@requires("agreement.sign")
def agreement_sign() -> Any:
    office_wide("agreement.sign")
    year = _year()
    form = ActionForm()
    if form.validate_on_submit():
        with service_errors() as done:
            agreement.sign(year, user())
        if done.ok:
            flash(tr("Perjanjian Kinerja {year} ditandatangani.", year=year), "success")
    return redirect(url_for("performance.agreement_page", year=year))


@bp.route("/perjanjian.pdf")
@requires("performance.view")
def agreement_pdf() -> Any:
    office_wide("performance.view")
    year = _year()
    pk = agreement.get(year)
    html = render_template("performance/print_agreement.html", year=year, pk=pk,
                           targets=pk.targets if pk else agreement.draft(year), office=settings.office(),
                           today=clock.today())
    audit.log_event("report.export", "performance", "agreement", {"year": year, "signed": pk is not None})
    return Response(html_to_pdf(html), mimetype="application/pdf",
                    headers={"Content-Disposition": f'inline; filename="perjanjian-kinerja-{year}.pdf"'})
