"""Pagu per IKU: the budget and spending of the sub-activities that support each IKU (docs/performance.md).

An IKU is supported by the sub-activities recorded for it (``indicator_supports``: a sub-activity
code, or a kegiatan / program code meaning every sub-activity under it; set on the indicator form
or by the Renstra's ``iku`` column). Its pagu and spending are the sums of theirs in the
performance report (the pagu in force at the end of the quarter, the spending through it). A
sub-activity that supports two IKU counts in both, so the IKU rows do not add up to the office
total. Efficiency compares the two separate measures without mixing them: the gap capaian kinerja
− serapan anggaran in percentage points, *efisien* when the capaian is at least the serapan.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction
from typing import Any

from service.performance import indicators
from service.performance import report as performance
from service.reports.spm import HUNDRED, round2


@dataclass
class IkuBudget:
    row: Any  # indicators.IndicatorRow
    supports: list[str]
    subs: list[Any] = field(default_factory=list)  # performance.PerformanceRow of the supporting sub-activities

    @property
    def budget(self) -> int | None:
        return sum(s.budget or 0 for s in self.subs) if self.subs else None

    @property
    def spent(self) -> int | None:
        return sum(s.spent for s in self.subs) if self.subs else None

    @property
    def spent_pct(self) -> Decimal | None:
        if not self.budget or self.spent is None:
            return None
        return round2(Fraction(self.spent, self.budget) * HUNDRED)

    @property
    def spent_rating(self) -> str | None:
        return performance.rating(self.spent_pct)

    @property
    def remaining(self) -> int | None:
        return None if self.budget is None else self.budget - (self.spent or 0)

    @property
    def efficiency_gap(self) -> Decimal | None:
        """capaian kinerja − serapan anggaran, percentage points (both as shown)."""
        cap, spct = self.row.capaian, self.spent_pct
        return None if cap is None or spct is None else cap - spct

    @property
    def efficient(self) -> bool | None:
        gap = self.efficiency_gap
        return None if gap is None else gap >= 0

    def as_json(self) -> dict[str, Any]:
        def num(v: Decimal | None) -> float | None:
            return None if v is None else float(v)

        return {"code": self.row.indicator.code, "name": self.row.indicator.name, "capaian": num(self.row.capaian),
                "rating": self.row.rating, "supports": self.supports, "sub_activities": [s.code for s in self.subs],
                "budget": self.budget, "spent": self.spent, "spent_pct": num(self.spent_pct),
                "spent_rating": self.spent_rating, "remaining": self.remaining,
                "efficiency_gap": num(self.efficiency_gap), "efficient": self.efficient}


def covers(code: str, supports: list[str]) -> bool:
    return any(code == s or code.startswith(s + ".") for s in supports)


def per_iku(rep: dict[str, Any], ind_rep: dict[str, Any]) -> list[IkuBudget]:
    """One row per IKU of the year's indicator table, with its supporting sub-activities' pagu and spending."""
    subs = [r for r in rep["rows"] if r.level == "sub_kegiatan"]
    out = []
    for row in ind_rep["rows"]:
        if not row.indicator.is_iku:
            continue
        supports = indicators.supports_of(row.indicator)
        out.append(IkuBudget(row, supports, [s for s in subs if covers(s.code, supports)]))
    return out
