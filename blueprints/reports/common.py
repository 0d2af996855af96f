"""What the report views share: the user's area, the period filters of the query string, labels."""

from __future__ import annotations

import datetime as dt
from typing import Any

from flask import request
from sqlalchemy import select

from blueprints.core.i18n import tr
from blueprints.core.security import user
from service.accounts.models import User
from service.core import clock
from service.core.db import session
from service.core.errors import N_, ValidationError
from service.core.exports.table import MONTHS
from service.reports import people, renja_plans, spm

MONTH_NAMES = MONTHS  # Indonesian, marked for translation: tr(MONTH_NAMES[m - 1])
FLAG_LABELS = {"budget_mismatch": N_("Pagu tidak sama dengan jumlah rinciannya"),
               "orphan": N_("Tidak ada induk dalam rencana"), "no_children": N_("Tidak ada rincian")}
# The figures of an SPM row, as the snapshot differences name them (service.reports.month).
FIGURE_LABELS = {"needing": N_("Membutuhkan (N)"), "served": N_("Terlayani (R)"), "recipients_pct": N_("% Penerima"),
                 "quality_pct": N_("% Mutu"), "index": N_("Indeks"), "target": N_("Sasaran"),
                 "target_pct": N_("% Sasaran"), "category": N_("Kategori")}
PERCENT_FIGURES = frozenset({"recipients_pct", "quality_pct", "index", "target_pct"})
SOURCE_LABELS = {"persons": N_("orang berbeda"), "households": N_("KK berbeda"), "quantity": N_("jumlah barang"),
                 "hand": N_("isian manual"), "rollup": N_("rekap")}


def area() -> str | None:
    """The area the signed-in user is limited to (figures over its persons), or None."""
    return user().area_code or None


def default_month(today: dt.date) -> tuple[int, int]:
    return (today.year - 1, 12) if today.month == 1 else (today.year, today.month - 1)


def period_args() -> tuple[int, int, dict[str, str]]:
    """year/month from the query (default: last month); errors shown beside the filter."""
    y, m = default_month(clock.today())
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


def quarter_args() -> tuple[int, int, dict[str, str]]:
    today = clock.today()
    y, q = today.year, (today.month - 1) // 3 + 1
    errors: dict[str, str] = {}
    try:
        y = spm.check_year(request.args["year"]) if request.args.get("year") else y
    except ValidationError as exc:
        errors["year"] = tr(exc.fields["year"], **exc.params)
    try:
        q = renja_plans.check_quarter(request.args["quarter"]) if request.args.get("quarter") else q
    except ValidationError as exc:
        errors["quarter"] = tr(exc.fields["quarter"])
    return y, q, errors


def area_label() -> str | None:
    """The signed-in user's area by name (``Metro Pusat``), or None for the whole office."""
    code = area()
    return people.region_name(code) if code else None


def person_context(person_ids: list[Any], area_codes: list[str | None]) -> dict[str, Any]:
    """What the ``person_cell`` and ``village`` macros need: who may be opened, who is withheld,
    the villages by name."""
    access = people.person_access(user(), person_ids)
    return {"linked": access.linked, "hidden": access.hidden, "villages": people.village_labels(area_codes)}


def user_names(ids: list[Any]) -> dict[Any, str]:
    ids = [i for i in ids if i]
    if not ids:
        return {}
    return {u.id: u.full_name or u.username for u in session.scalars(select(User).where(User.id.in_(ids)))}
