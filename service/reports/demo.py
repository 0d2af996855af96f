"""Reports' demo data: the 2026 Renja plan, SPM targets, January closed (registered at import)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from service.accounts.users import find_by_username
from service.core import clock, periods
from service.core.demo import register_seeder
from service.reports import renja_plans, spm

DEMO_PLAN = Path(__file__).resolve().parents[1] / "reference" / "data" / "renja_plan_kota_metro_2026.csv"
# Demo office targets (persons) per basic service for 2026: the four rehabilitation
# services share the 110 persons of "Penyediaan Permakanan"; disasters follow
# "Penyediaan Makanan" (50 persons). An office sets its own on the plan page.
DEMO_TARGETS = {"disabilitas": 30, "anak": 25, "lansia": 40, "gepeng": 15, "bencana": 50}


def seed_reports() -> None:
    renja_plans.import_plan(DEMO_PLAN.read_bytes(), DEMO_PLAN.name, 2026)
    existing = spm.targets(2026)
    for code, target in DEMO_TARGETS.items():
        if existing.get(code) is None:
            spm.set_target(2026, code, target)
    if periods.get_close(2026, 1) is None and clock.today() > dt.date(2026, 1, 31):
        supervisor = find_by_username("supervisor")
        periods.close_month(2026, 1, supervisor.id if supervisor else None)


register_seeder(50, "reports", seed_reports)
