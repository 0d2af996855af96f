"""A small plan with hand-computed figures (docs/performance.md "Worked example")."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from service.performance import payments
from service.reports import renja_plans
from tests import factories as f

D = dt.date
TODAY = D(2026, 11, 30)
MEALS, CLOTHES, AIDS = "1.06.04.2.01.0001", "1.06.04.2.01.0002", "1.06.04.2.01.0003"
PLAN = """code,level,name,indicator,unit,target,budget
1.06.04,program,Program Rehabilitasi Sosial,x,persen,,250000
1.06.04.2.01,kegiatan,Rehabilitasi Sosial Dasar di Luar Panti,x,persen,,250000
1.06.04.2.01.0001,sub_kegiatan,Penyediaan Permakanan,Jumlah orang,orang,8,200000
1.06.04.2.01.0002,sub_kegiatan,Penyediaan Sandang,Jumlah orang,orang,3,0
1.06.04.2.01.0003,sub_kegiatan,Penyediaan Alat Bantu,Jumlah orang,orang,15,50000
"""


def load_plan(year: int = 2026) -> Any:
    return renja_plans.import_plan(PLAN.encode(), "rencana.csv", year)[0]


def pay(code: str, on: dt.date, amount: int, number: str, **kw: Any) -> Any:
    return payments.record_payment(code, on, amount, kw.pop("funding_source", "APBD"), number,
                                   kw.pop("description", "Belanja"), today=TODAY, **kw)


@pytest.fixture
def scenario(db: Any) -> dict[str, Any]:
    """Through Q2 2026:

    Permakanan: 4 persons served (2 in Q1, 2 in Q2) of target 8 -> 50.00 % (Sangat Rendah);
    spent 100,000 - 10,000 (correction) + 81,990 + 10,000 = 181,990 of 200,000 -> 90.995 -> 91.00 %
    (Sangat Tinggi: the rounded value is rated); unit cost 181,990 / 4 = 45,497.5 -> 45,498.
    A July payment (Q3) and a December 2025 payment (previous year) are not counted.
    Sandang: 1 person, no spending, pagu 0 -> spent_pct null, flagged output without spending.
    Alat bantu: 30,000 spent, nothing delivered -> 60.00 % (Rendah), flagged spending without output.
    Kegiatan and program: spent 211,990 of 250,000 -> 84.80 % (Tinggi); no realisation of their own.
    """
    load_plan(2026)
    load_plan(2025)
    people = [f.person(nama=f"Lansia {i}") for i in range(5)]
    for p, on in zip(people[:4], [D(2026, 1, 5), D(2026, 2, 5), D(2026, 4, 5), D(2026, 5, 5)], strict=True):
        f.deliver(p, "permakanan", on, case=f.case(p))
    f.deliver(people[4], "sandang", D(2026, 6, 1), case=f.case(people[4]))
    pay(MEALS, D(2025, 12, 30), 77777, "SP2D-2025-9")
    pay(MEALS, D(2026, 2, 10), 100000, "SP2D-1")
    pay(MEALS, D(2026, 3, 1), -10000, "SP2D-1-K", reason="Kelebihan bayar SP2D-1")
    pay(MEALS, D(2026, 5, 5), 81990, "SP2D-2", funding_source="DAK")
    pay(MEALS, D(2026, 6, 30), 10000, "SP2D-3")
    pay(MEALS, D(2026, 7, 1), 5000, "SP2D-4")
    pay(AIDS, D(2026, 4, 15), 30000, "SP2D-5")
    return {"people": people}
