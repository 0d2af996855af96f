"""The performance report: capaian kinerja beside serapan anggaran (shared spec PERFORMANCE.md).

Per plan row for year Y through the end of quarter Q. The output side (target, realised,
realised_pct, per quarter) is the Renja realisation itself (``service.reports.renja_realisation``),
not recomputed; this module adds the money side from the payments: ``spent``, ``spent_pct``,
``unit_cost`` and the two ratings, each on the five-band scale and labelled as what it is.
Arithmetic is exact (``Fraction``) and rounded once, half up. Figures are office-wide.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction
from typing import Any

from service.core import settings
from service.core.errors import N_
from service.performance import payments
from service.reports import renja_realisation
from service.reports.renja_plans import quarter_bounds
from service.reports.renja_realisation import RenjaRow
from service.reports.spm import HUNDRED, round2

# The default band labels, for the translation catalogue (the bands themselves are a setting).
RATING_LABELS = (N_("Sangat Tinggi"), N_("Tinggi"), N_("Sedang"), N_("Rendah"), N_("Sangat Rendah"))
FLAG_LABELS = {
    "spent_no_output": N_("Ada belanja tanpa keluaran"),
    "output_no_spent": N_("Ada keluaran tanpa belanja"),
    "behind_output": N_("Capaian keluaran di bawah laju tahunan"),
    "behind_budget": N_("Serapan anggaran di bawah laju tahunan"),
    "budget_mismatch": N_("Pagu tidak sama dengan jumlah rinciannya"),
    "orphan": N_("Tidak ada induk dalam rencana"),
    "no_children": N_("Tidak ada rincian"),
}
MISMATCH_FLAGS = frozenset({"spent_no_output", "output_no_spent"})
PACE_FLAGS = frozenset({"behind_output", "behind_budget"})


def bands() -> list[tuple[Decimal | None, str]]:
    """(lower bound or None for the catch-all, label), highest first."""
    raw = settings.get("performance.bands")
    bounded = sorted(((Decimal(b["min"]), b["label"]) for b in raw if b.get("min") is not None),
                     key=lambda b: b[0], reverse=True)
    rest = [(None, b["label"]) for b in raw if b.get("min") is None]
    return [*bounded, *rest]


def rating(pct: Decimal | None) -> str | None:
    """The band of a percentage as shown (rounded); values above 100 are the top band, never capped."""
    if pct is None:
        return None
    for low, label in bands():
        if low is None or pct >= low:
            return label
    return None


def round_rupiah(value: Fraction) -> int:
    """Half up to an integer rupiah (away from zero for a negative value)."""
    sign = -1 if value < 0 else 1
    return sign * math.floor(abs(value) + Fraction(1, 2))


@dataclass
class PerformanceRow:
    renja: RenjaRow
    budget: int | None
    spent: int = 0
    spent_quarters: list[int] = field(default_factory=list)
    flags: list[str] = field(default_factory=list)

    def __getattr__(self, name: str) -> Any:  # code, level, name, unit, target, realised, quarters, source…
        return getattr(self.__dict__["renja"], name)

    @property
    def realised_pct(self) -> Decimal | None:
        return self.renja.realised_pct

    @property
    def rating(self) -> str | None:
        return rating(self.realised_pct)

    @property
    def spent_pct(self) -> Decimal | None:
        if not self.budget:
            return None
        return round2(Fraction(self.spent, self.budget) * HUNDRED)

    @property
    def spent_rating(self) -> str | None:
        return rating(self.spent_pct)

    @property
    def unit_cost(self) -> int | None:
        if not self.renja.realised:
            return None
        return round_rupiah(Fraction(self.spent, self.renja.realised))

    def as_json(self) -> dict[str, Any]:
        r = self.renja
        pct, spct = self.realised_pct, self.spent_pct
        return {"code": r.code, "level": r.level, "name": r.name, "indicator": r.indicator, "unit": r.unit,
                "target": r.target, "realised": r.realised, "realised_pct": None if pct is None else float(pct),
                "rating": self.rating, "budget": self.budget, "spent": self.spent,
                "spent_pct": None if spct is None else float(spct), "spent_rating": self.spent_rating,
                "unit_cost": self.unit_cost, "quarters": r.quarters, "spent_quarters": self.spent_quarters,
                "planned_budget": r.budget, "flags": self.flags}


def _children(row: PerformanceRow, subs: list[PerformanceRow]) -> list[PerformanceRow]:
    return [s for s in subs if s.code.startswith(row.code + ".")]


def report(year: Any, quarter: Any) -> dict[str, Any]:
    """``{year, quarter, plan, rows: [PerformanceRow]}`` for year Y cumulative through quarter Q."""
    renja = renja_realisation.report(year, quarter)
    y, q = renja["year"], renja["quarter"]
    end = quarter_bounds(y, q)[1]  # the pagu in force on the last day of Q
    per_quarter = payments.spent_by_quarter(y, q)  # one scan; spent through Q is the sum of its quarters
    spent = {code: sum(values) for code, values in per_quarter.items()}
    subs_planned = {r.code: r.budget for r in renja["rows"] if r.level == "sub_kegiatan"}
    in_force = payments.budgets_on(y, end, subs_planned)
    rows: list[PerformanceRow] = []
    for r in renja["rows"]:
        row = PerformanceRow(r, in_force.get(r.code, r.budget), flags=list(r.flags))
        if r.level == "sub_kegiatan":
            row.spent = spent.get(r.code, 0)
            row.spent_quarters = per_quarter.get(r.code, [0] * q)
        rows.append(row)
    subs = [r for r in rows if r.level == "sub_kegiatan"]
    for row in rows:
        if row.level == "sub_kegiatan":
            _flag(row, q)
            continue
        children = _children(row, subs)
        row.spent = sum(c.spent for c in children)
        row.spent_quarters = [sum(c.spent_quarters[i] for c in children) for i in range(q)]
        # a pagu revision of a sub-activity moves its kegiatan's and program's pagu by the same amount
        delta = sum((c.budget or 0) - (c.renja.budget or 0) for c in children)
        if delta and row.budget is not None:
            row.budget += delta
    return {"year": y, "quarter": q, "plan": renja["plan"], "rows": rows}


def _flag(row: PerformanceRow, quarter: int) -> None:
    realised = row.renja.realised or 0
    if row.spent > 0 and realised == 0:
        row.flags.append("spent_no_output")
    if realised > 0 and row.spent <= 0:
        row.flags.append("output_no_spent")
    pace = Fraction(quarter, 4)  # the straight-line share of the year's target and pagu by the end of Q
    if row.target and Fraction(realised, row.target) < pace:
        row.flags.append("behind_output")
    if row.budget and Fraction(row.spent, row.budget) < pace:
        row.flags.append("behind_budget")


def report_json(rep: dict[str, Any]) -> dict[str, Any]:
    return {"year": rep["year"], "quarter": rep["quarter"], "rows": [r.as_json() for r in rep["rows"]]}


def summary(rep: dict[str, Any]) -> dict[str, Any]:
    """Office totals over the sub-activities: pagu, spent, serapan % and its rating."""
    subs = [r for r in rep["rows"] if r.level == "sub_kegiatan"]
    budget = sum(r.budget or 0 for r in subs)
    spent = sum(r.spent for r in subs)
    pct = round2(Fraction(spent, budget) * HUNDRED) if budget else None
    return {"budget": budget, "spent": spent, "spent_pct": pct, "spent_rating": rating(pct),
            "remaining": budget - spent, "flagged": sum(1 for r in subs if set(r.flags) & MISMATCH_FLAGS),
            "pace_pct": round2(Fraction(rep["quarter"], 4) * HUNDRED),
            "lagging": [r for r in subs if set(r.flags) & PACE_FLAGS]}
