"""Indicators as data (IKU and other performance indicators) — shared spec PERFORMANCE.md "Indicators".

An indicator has a type, unit, polarity, its formula as text and how numerator and denominator
are counted; a baseline, a Renstra target per year and the year's Perjanjian Kinerja target. Its
realisation comes from records when it has a ``source`` (:data:`SOURCES`; the IKU *Persentase PPKS
yang tertangani* is ``iku_ppks_handled``, computed by ``service.reports.iku`` — the same figure as
``GET /api/v1/reports/iku``), otherwise from a value entered by hand per year (who and when kept).

capaian (positive polarity) = realised ÷ target × 100; (negative) = (2 × target − realised) ÷
target × 100, never below 0. The target is the Perjanjian Kinerja target, else the Renstra target
of the year. Exact, rounded once half up; rated on the performance five-band scale.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from fractions import Fraction
from typing import Any

from sqlalchemy import select

from service.core.db import session
from service.core.errors import N_, ValidationError
from service.performance.models import (
    INDICATOR_TYPES,
    POLARITIES,
    Indicator,
    IndicatorSupport,
    IndicatorTarget,
    IndicatorValue,
)
from service.performance.report import rating
from service.reports import iku
from service.reports.spm import HUNDRED, check_year, round2


@dataclass
class Measured:
    value: Decimal | None  # as shown (rounded)
    numerator: Decimal | None = None
    denominator: Decimal | None = None
    exact: Fraction | None = None  # the unrounded value, when computed from records (rounded once, at the end)


def _iku(year: int) -> Measured:
    rep = iku.report(year)
    exact = Fraction(rep["handled"], rep["registered"]) * HUNDRED if rep["registered"] else None
    return Measured(rep["pct"], Decimal(rep["handled"]), Decimal(rep["registered"]), exact)


# source key -> (label, function of the year)
SOURCES: dict[str, tuple[str, Callable[[int], Measured]]] = {
    "iku_ppks_handled": (N_("Dari data: PPKS tertangani ÷ PPKS terdaftar (IKU)"), _iku),
}


def capaian(polarity: str, target: Decimal | None, realised: Decimal | Fraction | None) -> Decimal | None:
    """Attainment in % by polarity; null without a (non-zero) target or a realisation."""
    if target is None or realised is None or target == 0:
        return None
    t, r = Fraction(target), Fraction(realised)
    if polarity == "negative":
        return round2(max(Fraction(0), (2 * t - r) / t * HUNDRED))
    return round2(r / t * HUNDRED)


def _decimal(raw: Any, field: str, required: bool = False) -> Decimal | None:
    text = str(raw if raw is not None else "").strip().replace(",", ".")
    if not text:
        if required:
            raise ValidationError({field: N_("Wajib diisi.")})
        return None
    try:
        value = Decimal(text)
    except InvalidOperation:
        raise ValidationError({field: N_("Bukan angka yang valid.")}) from None
    if not value.is_finite() or abs(value) >= Decimal(10) ** 13:
        raise ValidationError({field: N_("Bukan angka yang valid.")})
    return value


# ------------------------------------------------------------------ definitions
def save_indicator(code: Any, name: Any, *, kind: Any = "outcome", unit: Any = "%", polarity: Any = "positive",
                   formula: Any = "", numerator: Any = "", denominator: Any = "", source: Any = None,
                   baseline: Any = None, baseline_year: Any = None, is_iku: bool = False) -> Indicator:
    """Create or update the indicator ``code`` (the code is its identity)."""
    errors: dict[str, str] = {}
    code, name = str(code or "").strip(), str(name or "").strip()
    if not code or len(code) > 40:
        errors["code"] = N_("Kode wajib diisi (maksimal 40 karakter).")
    if not name:
        errors["name"] = N_("Nama indikator wajib diisi.")
    if kind not in INDICATOR_TYPES:
        errors["kind"] = N_("Jenis indikator harus input, output, outcome, benefit atau impact.")
    if polarity not in POLARITIES:
        errors["polarity"] = N_("Polaritas harus positif atau negatif.")
    source = str(source or "").strip() or None
    if source is not None and source not in SOURCES:
        errors["source"] = N_("Sumber data tidak dikenal.")
    try:
        base = _decimal(baseline, "baseline")
    except ValidationError as exc:
        errors.update(exc.fields)
        base = None
    base_year = None
    if str(baseline_year or "").strip():
        try:
            base_year = check_year(baseline_year, "baseline_year")
        except ValidationError as exc:
            errors.update(exc.fields)
    if errors:
        raise ValidationError(errors, min=2000, max=2100)
    ind = session.scalar(select(Indicator).where(Indicator.code == code))
    if ind is None:
        ind = Indicator(code=code, position=len(all_indicators()))
        session.add(ind)
    values = {"name": name, "kind": kind, "unit": str(unit or "").strip()[:30], "polarity": polarity,
              "formula": str(formula or "").strip(), "numerator": str(numerator or "").strip(),
              "denominator": str(denominator or "").strip(), "source": source, "baseline": base,
              "baseline_year": base_year, "is_iku": bool(is_iku)}
    for key, value in values.items():
        if getattr(ind, key) != value:
            setattr(ind, key, value)
    session.flush()
    return ind


def all_indicators() -> list[Indicator]:
    return list(session.scalars(select(Indicator).order_by(Indicator.position, Indicator.code)))


def get_indicator(code: str) -> Indicator | None:
    return session.scalar(select(Indicator).where(Indicator.code == code))


def targets_of(indicator: Indicator) -> list[IndicatorTarget]:
    return list(session.scalars(select(IndicatorTarget).where(IndicatorTarget.indicator_id == indicator.id)
                                .order_by(IndicatorTarget.year)))


def supports_of(indicator: Indicator) -> list[str]:
    """The codes (sub-activities, or kegiatan / programs meaning every sub-activity under them) supporting it."""
    return list(session.scalars(select(IndicatorSupport.code).where(IndicatorSupport.indicator_id == indicator.id)
                                .order_by(IndicatorSupport.code)))


def set_supports(indicator: Indicator, codes: Any) -> list[str]:
    """Replace the supporting codes (text: codes separated by commas, spaces or new lines)."""
    import re

    wanted = sorted({c for c in re.split(r"[\s,;]+", str(codes or "").strip()) if c})
    bad = [c for c in wanted if not re.fullmatch(r"\d+(\.\d+)+", c) or len(c) > 40]
    if bad:
        raise ValidationError({"supports": N_("Kode sub kegiatan tidak valid: {code}.")}, code=bad[0])
    rows = {s.code: s for s in session.scalars(select(IndicatorSupport)
                                               .where(IndicatorSupport.indicator_id == indicator.id))}
    for code, row in rows.items():
        if code not in wanted:
            session.delete(row)
    for code in wanted:
        if code not in rows:
            session.add(IndicatorSupport(indicator_id=indicator.id, code=code))
    session.flush()
    return wanted


def set_targets(indicator: Indicator, year: Any, renstra_target: Any, pk_target: Any) -> IndicatorTarget:
    y = check_year(year)
    renstra, pk = _decimal(renstra_target, "renstra_target"), _decimal(pk_target, "pk_target")
    row = session.scalar(select(IndicatorTarget).where(IndicatorTarget.indicator_id == indicator.id,
                                                       IndicatorTarget.year == y))
    if row is None:
        row = IndicatorTarget(indicator_id=indicator.id, year=y)
        session.add(row)
    if row.renstra_target != renstra:
        row.renstra_target = renstra
    if row.pk_target != pk:
        row.pk_target = pk
    session.flush()
    return row


def enter_value(indicator: Indicator, year: Any, value: Any, numerator: Any = None, denominator: Any = None,
                note: Any = None) -> IndicatorValue:
    """A year's realisation by hand (only for an indicator no record produces)."""
    y = check_year(year)
    if indicator.source:
        raise ValidationError({"value": N_("Realisasi indikator ini dihitung dari data, bukan diisi manual.")})
    number = _decimal(value, "value", required=True)
    num, den = _decimal(numerator, "numerator"), _decimal(denominator, "denominator")
    if den is not None and den == 0:
        raise ValidationError({"denominator": N_("Penyebut tidak boleh nol.")})
    row = session.scalar(select(IndicatorValue).where(IndicatorValue.indicator_id == indicator.id,
                                                      IndicatorValue.year == y))
    if row is None:
        row = IndicatorValue(indicator_id=indicator.id, year=y, value=number)
        session.add(row)
    for key, v in {"value": number, "numerator_value": num, "denominator_value": den,
                   "note": str(note or "").strip() or None}.items():
        if getattr(row, key) != v:
            setattr(row, key, v)
    session.flush()
    return row


# ------------------------------------------------------------------ the year's table
@dataclass
class IndicatorRow:
    indicator: Indicator
    target: IndicatorTarget | None
    measured: Measured
    entry: IndicatorValue | None

    @property
    def target_value(self) -> Decimal | None:
        if self.target is None:
            return None
        return self.target.pk_target if self.target.pk_target is not None else self.target.renstra_target

    @property
    def capaian(self) -> Decimal | None:
        m = self.measured
        return capaian(self.indicator.polarity, self.target_value, m.exact if m.exact is not None else m.value)

    @property
    def rating(self) -> str | None:
        return rating(self.capaian)

    def as_json(self) -> dict[str, Any]:
        ind, t = self.indicator, self.target

        def num(v: Decimal | None) -> float | None:
            return None if v is None else float(v)

        return {"code": ind.code, "name": ind.name, "type": ind.kind, "iku": ind.is_iku, "unit": ind.unit,
                "polarity": ind.polarity, "formula": ind.formula, "source": ind.source or "hand",
                "baseline": num(ind.baseline), "renstra_target": num(t.renstra_target if t else None),
                "pk_target": num(t.pk_target if t else None), "realised": num(self.measured.value),
                "numerator": num(self.measured.numerator), "denominator": num(self.measured.denominator),
                "capaian": num(self.capaian), "rating": self.rating}


def report(year: Any) -> dict[str, Any]:
    y = check_year(year)
    targets = {t.indicator_id: t for t in session.scalars(select(IndicatorTarget).where(IndicatorTarget.year == y))}
    entries = {v.indicator_id: v for v in session.scalars(select(IndicatorValue).where(IndicatorValue.year == y))}
    rows = []
    for ind in all_indicators():
        entry = entries.get(ind.id)
        if ind.source:
            measured = SOURCES[ind.source][1](y)
        elif entry is not None:
            measured = Measured(entry.value, entry.numerator_value, entry.denominator_value)
        else:
            measured = Measured(None)
        rows.append(IndicatorRow(ind, targets.get(ind.id), measured, entry))
    return {"year": y, "rows": rows}
