"""Fixtures for the reports area: a hand-computed SPM scenario (figures in docs/reports.md)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from service.care import deliveries as delivery
from service.casework import cases as casework
from tests import factories as f

PLAN_FILE = Path(__file__).resolve().parents[2] / "service" / "reference" / "data" / "renja_plan_kota_metro_2026.csv"
D = dt.date


@pytest.fixture
def scenario(db: Any) -> dict[str, Any]:
    """Lansia, March 2026 (Jan 1 – Mar 31): N = 4 (p1–p4), R = 3 (p1, p2, p4).

    quality = mean(1/2, 1/3, 1/2) = 44.44 %, recipients = 75 %, index = 68.89.
    Disabilitas: p1 only, fully served: 100 / 100 / 100. Overall = mean(68.888…, 100) = 84.44.
    """
    p = {i: f.person(nama=f"Lansia {i}") for i in range(1, 9)}
    lansia = {i: f.case(p[i]) for i in p}
    dis1 = f.case(p[1], "penyandang_disabilitas")
    # p1: needs permakanan + sandang; permakanan delivered twice, under the *other* case.
    f.assessment(lansia[1], ["permakanan", "sandang"], D(2026, 1, 10))
    f.assessment(dis1, ["alat_bantu"], D(2026, 2, 1))
    f.deliver(p[1], "permakanan", D(2026, 2, 1), case=dis1)
    f.deliver(p[1], "permakanan", D(2026, 2, 15), case=lansia[1])
    f.deliver(p[1], "alat_bantu", D(2026, 3, 3), case=dis1)
    # p2: two assessments (union of needs = 3); sandang delivered before the assessments count;
    # alat_bantu after the period; bimbingan_fmss not needed.
    f.assessment(lansia[2], ["permakanan"], D(2026, 2, 5))
    f.assessment(lansia[2], ["sandang", "alat_bantu"], D(2026, 3, 1))
    f.deliver(p[2], "sandang", D(2026, 1, 20))
    f.deliver(p[2], "alat_bantu", D(2026, 4, 2))
    f.deliver(p[2], "bimbingan_fmss", D(2026, 3, 5))
    # p3: needs permakanan; the delivery was voided, sandang only planned.
    f.assessment(lansia[3], ["permakanan"], D(2026, 3, 10))
    voided = f.deliver(p[3], "permakanan", D(2026, 3, 12))
    delivery.void_delivery(voided, "salah input")
    delivery.record_delivery(p[3], "sandang", planned_on=D(2026, 3, 20))
    # p4: needs permakanan + sandang; permakanan on Dec 31 (other year), sandang on Jan 1.
    f.assessment(lansia[4], ["permakanan", "sandang"], D(2026, 1, 15))
    f.deliver(p[4], "permakanan", D(2025, 12, 31))
    f.deliver(p[4], "sandang", D(2026, 1, 1))
    # p5: assessed in the previous year only. p6: assessed after March.
    f.assessment(lansia[5], ["permakanan"], D(2025, 12, 31))
    f.deliver(p[5], "permakanan", D(2026, 1, 5))
    f.assessment(lansia[6], ["permakanan"], D(2026, 4, 5))
    f.deliver(p[6], "permakanan", D(2026, 3, 30))
    # p7: rejected assessment. p8: in an institution (not eligible).
    rejected = f.assessment(lansia[7], ["permakanan"], D(2026, 2, 2))
    rejected.status = "rejected"
    f.deliver(p[7], "permakanan", D(2026, 2, 3))
    casework.record_assessment(lansia[8], D(2026, 2, 2), ["permakanan"], outside_institution=False)
    f.deliver(p[8], "permakanan", D(2026, 2, 3))
    db.flush()
    return {"persons": p, "cases": lansia}
