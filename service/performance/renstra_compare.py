"""The Renstra comparison (shared spec PERFORMANCE.md "Renstra comparison"; docs/performance.md).

Per row of the Renstra covering the year and per Renstra year: the Renstra target and pagu beside
the Renja (the year's plan) target and pagu — or, for an IKU, the Perjanjian Kinerja target — and
the realisation and spending (``service.performance.report``; earlier years whole, the year through
the quarter, later years only their targets). Cumulative realisation over the Renstra years so far
÷ the final target × 100, exact, rounded once; a negative indicator by its polarity.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from typing import Any

from service.performance import indicators
from service.performance import report as performance
from service.performance.models import RenstraRow
from service.performance.renstra import PERCENT_UNITS, covering, rows_of
from service.reports import renja_plans
from service.reports.spm import HUNDRED, round2


def is_percent(unit: str) -> bool:
    return unit.strip().lower() in PERCENT_UNITS


@dataclass
class YearCell:
    year: int
    renstra_target: Decimal | None
    renstra_budget: int | None
    renja_target: int | Decimal | None = None  # the year's plan (Renja) or the PK target for an IKU
    renja_budget: int | None = None
    realised: Fraction | int | None = None
    spent: int | None = None
    measured: bool = False  # the year has a plan (or the IKU a realisation) so far
    polarity: str = "positive"  # an indicator's: less is better when negative

    @property
    def realised_shown(self) -> Decimal | int | None:
        if self.realised is None:
            return None
        return self.realised if isinstance(self.realised, int) else round2(Fraction(self.realised))

    @property
    def capaian(self) -> Decimal | None:
        """realisation against the Renstra target of the year, by polarity (as an indicator's capaian)."""
        if self.realised is None or not self.renstra_target:
            return None
        return indicators.capaian(self.polarity, self.renstra_target, Fraction(self.realised))


@dataclass
class ComparisonRow:
    row: RenstraRow
    years: list[YearCell]
    polarity: str = "positive"

    @property
    def final_target(self) -> Decimal | None:
        """As printed; else the last year's target for a percentage (or an IKU), else the sum of the years'."""
        if self.row.final_target is not None:
            return self.row.final_target
        targets = [c.renstra_target for c in self.years if c.renstra_target is not None]
        if not targets:
            return None
        if self.row.level == "iku" or is_percent(self.row.unit):
            return targets[-1]
        return sum(targets, Decimal(0))

    @property
    def cumulative(self) -> Fraction | None:
        """The latest measured year's value for a percentage (or an IKU), else the sum over the years so far."""
        done = [c.realised for c in self.years if c.realised is not None]
        if not done:
            return None
        if self.row.level == "iku" or is_percent(self.row.unit):
            return Fraction(done[-1])
        return sum((Fraction(d) for d in done), Fraction(0))

    @property
    def cumulative_shown(self) -> Decimal | None:
        c = self.cumulative
        return None if c is None else round2(c)

    @property
    def cumulative_pct(self) -> Decimal | None:
        final, cum = self.final_target, self.cumulative
        if final is None or cum is None or final == 0:
            return None
        if self.polarity == "negative":
            return indicators.capaian("negative", final, cum)
        return round2(cum / Fraction(final) * HUNDRED)

    @property
    def rating(self) -> str | None:
        return performance.rating(self.cumulative_pct)

    @property
    def budget_total(self) -> int | None:
        values = [c.renstra_budget for c in self.years if c.renstra_budget is not None]
        return sum(values) if values else None

    @property
    def spent_total(self) -> int | None:
        values = [c.spent for c in self.years if c.spent is not None]
        return sum(values) if values else None

    @property
    def spent_pct(self) -> Decimal | None:
        """Spending over the Renstra years so far ÷ the whole Renstra pagu × 100."""
        if not self.budget_total or self.spent_total is None:
            return None
        return round2(Fraction(self.spent_total, self.budget_total) * HUNDRED)


def comparison(year: int, quarter: int) -> dict[str, Any]:
    """``{renstra, year, quarter, years, rows: [ComparisonRow]}`` for the Renstra covering ``year``; the
    years before ``year`` count whole, ``year`` through ``quarter``, later years show only their targets."""
    plan = covering(year)
    if plan is None:
        return {"renstra": None, "year": year, "quarter": quarter, "years": [], "rows": []}
    years = list(range(plan.first_year, plan.last_year + 1))
    perf: dict[int, dict[str, Any]] = {}
    iku: dict[int, dict[str, Any]] = {}
    for y in years:
        if y > year:
            break
        if renja_plans.get_plan(y) is not None:
            perf[y] = {r.code: r for r in performance.report(y, 4 if y < year else quarter)["rows"]}
        iku[y] = {r.indicator.code: r for r in indicators.report(y)["rows"]}
    polarity = {i.code: i.polarity for i in indicators.all_indicators()}
    out = []
    for row in rows_of(plan):
        cells = []
        for y in years:
            t = row.targets.get(str(y)) or {}
            cell = YearCell(y, Decimal(t["target"]) if t.get("target") is not None else None, t.get("budget"),
                            polarity=polarity.get(row.code, "positive") if row.level == "iku" else "positive")
            if row.level == "iku":
                ir = iku.get(y, {}).get(row.code)
                if ir is not None:
                    m = ir.measured
                    cell.renja_target = ir.target.pk_target if ir.target else None
                    cell.realised = m.exact if m.exact is not None else (None if m.value is None
                                                                          else Fraction(m.value))
                    cell.measured = cell.realised is not None
            elif y in perf:
                pr = perf[y].get(row.renja_code)
                cell.measured = True
                if pr is not None:
                    cell.renja_target, cell.renja_budget, cell.spent = pr.target, pr.budget, pr.spent
                    cell.realised = pr.realised if row.level == "sub_kegiatan" else None
                else:
                    cell.spent = 0
            cells.append(cell)
        out.append(ComparisonRow(row, cells, polarity.get(row.code, "positive")))
    return {"renstra": plan, "year": year, "quarter": quarter, "years": years, "rows": out}


def comparison_json(comp: dict[str, Any]) -> dict[str, Any]:
    def num(v: Any) -> float | int | None:
        return None if v is None else v if isinstance(v, int) else float(v)

    plan = comp["renstra"]
    return {"year": comp["year"], "quarter": comp["quarter"],
            "period": None if plan is None else [plan.first_year, plan.last_year],
            "rows": [{"code": r.row.code, "renja_code": r.row.renja_code, "level": r.row.level, "name": r.row.name,
                      "unit": r.row.unit, "baseline": num(r.row.baseline), "final_target": num(r.final_target),
                      "cumulative": num(r.cumulative_shown), "cumulative_pct": num(r.cumulative_pct),
                      "rating": r.rating, "budget_total": r.budget_total, "spent_total": r.spent_total,
                      "spent_pct": num(r.spent_pct),
                      "years": [{"year": c.year, "renstra_target": num(c.renstra_target),
                                 "renstra_budget": c.renstra_budget, "renja_target": num(c.renja_target),
                                 "renja_budget": c.renja_budget, "realised": num(c.realised_shown),
                                 "spent": c.spent, "capaian": num(c.capaian)} for c in r.years]}
                     for r in comp["rows"]]}
