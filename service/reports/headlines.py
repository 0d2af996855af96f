"""The head of office's figures at a glance (the home page panel; docs/reports.md "Headlines").

Year to date at ``today``: the overall SPM index and its category with each basic service's
attainment, the IKU *Persentase PPKS yang tertangani*, and the Renja quarter's pace — how many
sub-activities with a target have reached the straight-line share of it (target × Q/4).
Every figure comes from the same report functions as the report pages, so they always agree.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from service.reports import iku, renja_realisation, spm


@dataclass
class RenjaPace:
    quarter: int
    with_target: int  # sub-activities with a target in the year's plan
    on_pace: int  # realised >= target * quarter / 4
    behind: list[Any]  # the RenjaRows behind the pace, furthest behind first


def renja_pace(year: int, quarter: int, area: str | None = None) -> RenjaPace | None:
    rep = renja_realisation.report(year, quarter, area)
    if rep["plan"] is None:
        return None
    rows = [r for r in rep["rows"] if r.level == "sub_kegiatan" and r.target]
    share = Fraction(quarter, 4)

    def ratio(r: Any) -> Fraction:
        return Fraction(r.realised or 0, r.target) / share

    behind = sorted((r for r in rows if ratio(r) < 1), key=ratio)
    return RenjaPace(quarter, len(rows), len(rows) - len(behind), behind)


def headlines(today: dt.date, area: str | None = None) -> dict[str, Any]:
    year, month = today.year, today.month
    quarter = (month - 1) // 3 + 1
    return {
        "year": year, "month": month, "today": today,
        "spm": spm.report(year, month, area),
        "iku": iku.report(year, today, area),
        "renja": renja_pace(year, quarter, area),
    }
