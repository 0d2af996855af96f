"""Performance demo data: a year of payments against the demo plan (2026), a correction and a pagu shift.

Deterministic and idempotent (document numbers are fixed; existing ones are skipped). Payments
are dated on the 25th of each month up to today and pile up towards the fourth quarter, as the
seeds complain; absorption differs per sub-activity (from about 40 % to a little over 100 %), one
sub-activity has no spending at all, so every flag of the report shows on real figures.
"""

from __future__ import annotations

import datetime as dt
import zlib

from service.core import clock
from service.core.demo import register_seeder
from service.performance import payments
from service.reports.renja_plans import get_plan

YEAR = 2026
# share of the year's spending paid in each month: slow start, Q4 pile-up (sums to 100)
MONTH_WEIGHTS = (3, 4, 5, 6, 6, 7, 7, 8, 9, 10, 13, 22)
ABSORPTION = (96, 88, 73, 61, 104, 82, 45, 92, 67, 79, 55, 99)  # % of the pagu paid over the year
NO_SPENDING = "1.06.04.2.01.0011"  # Penelusuran Keluarga: output without spending
DAK_CODES = {"1.06.04.2.01.0003"}
CORRECTION = ("1.06.04.2.01.0001", dt.date(YEAR, 3, 28), -500_000, "SP2D/0001/03/2026-K",
              "Kelebihan bayar pada SP2D/0001/03/2026 (salah hitung porsi)")
SHIFT = (("1.06.04.2.01.0001", 2_000_000), ("1.06.04.2.01.0002", -2_000_000))  # pergeseran from 1 July


def _absorption(code: str) -> int:
    return ABSORPTION[zlib.crc32(code.encode()) % len(ABSORPTION)]


def seed_payments(today: dt.date | None = None) -> None:
    today = today or clock.today()
    plan = get_plan(YEAR)
    if plan is None:
        return
    subs = [r for r in plan.rows if r.level == "sub_kegiatan" and r.budget and r.code != NO_SPENDING]
    for n, row in enumerate(subs, start=1):
        share = _absorption(row.code)
        for month, weight in enumerate(MONTH_WEIGHTS, start=1):
            day = dt.date(YEAR, month, 25)
            if day > today:
                break
            amount = row.budget * share * weight // 10_000 // 1000 * 1000  # whole thousands of rupiah
            number = f"SP2D/{n:04d}/{month:02d}/{YEAR}"
            if amount <= 0 or payments.find_payment(row.code, number) is not None:
                continue
            payments.record_payment(row.code, day, amount, "DAK" if row.code in DAK_CODES else "APBD", number,
                                    f"Belanja {row.name[:80]} bulan {month:02d}/{YEAR}", today=today, source="demo")
    code, day, amount, number, reason = CORRECTION
    if day <= today and payments.find_payment(code, number) is None:
        payments.record_payment(code, day, amount, "APBD", number, "Koreksi", reason, today=today, source="demo")
    effective = dt.date(YEAR, 7, 1)
    in_plan = {r.code: r for r in plan.rows}
    if effective <= today and not payments.revisions(YEAR, SHIFT[0][0]):
        for code, delta in SHIFT:
            if code in in_plan and in_plan[code].budget is not None:
                payments.revise_budget(YEAR, code, effective, in_plan[code].budget + delta, "pergeseran",
                                       "Pergeseran antar sub kegiatan: tambahan porsi permakanan lansia",
                                       "SK Kadis 900/123/DINSOS/VI/2026")


def seed_indicators() -> None:
    """The IKU (computed from the records, the same figure as the IKU report) and a negative-polarity indicator."""
    from service.performance import indicators

    iku = indicators.get_indicator("IKU-01") or indicators.save_indicator(
        "IKU-01", "Persentase PPKS yang tertangani", kind="outcome", unit="%", polarity="positive",
        formula="PPKS tertangani ÷ PPKS terdaftar × 100", numerator="Orang dengan asesmen dan layanan dalam tahun",
        denominator="Orang dengan asesmen dalam tahun (semua kategori)", source="iku_ppks_handled",
        baseline="62.5", baseline_year=2024, is_iku=True)
    if not any(t.year == YEAR for t in _targets(iku)):
        indicators.set_targets(iku, YEAR, "75", "80")
    days = indicators.get_indicator("IK-02") or indicators.save_indicator(
        "IK-02", "Rata-rata waktu penyelesaian pengaduan", kind="output", unit="hari", polarity="negative",
        formula="Jumlah hari penyelesaian ÷ jumlah pengaduan selesai", numerator="Jumlah hari penyelesaian",
        denominator="Jumlah pengaduan selesai", baseline="9", baseline_year=2024)
    if not any(t.year == YEAR for t in _targets(days)):
        indicators.set_targets(days, YEAR, "7", "7")
        indicators.enter_value(days, YEAR, "6", "78", "13", "Rekap meja pengaduan Januari–November")


def _targets(indicator: object) -> list:
    from sqlalchemy import select

    from service.core.db import session
    from service.performance.models import IndicatorTarget

    return list(session.scalars(select(IndicatorTarget).where(IndicatorTarget.indicator_id == indicator.id)))


RENSTRA_YEARS = range(2025, 2030)
IKU_TARGETS = {"IKU-01": ("70", "75", "78", "80", "82"), "IK-02": ("8", "7", "6", "6", "5")}
IKU_SUPPORTS = "1.06.04 1.06.06"  # rehabilitation and disaster protection: the PPKS handled


def renstra_table() -> str | None:
    """The demo Renstra 2025–2029 built from the 2026 plan: the 2026 target a tenth above the Renja's (the
    Renja is often set below the Renstra), targets growing by a tenth a year, pagu by 5 % a year."""
    import csv
    import io

    plan = get_plan(YEAR)
    if plan is None:
        return None
    out = io.StringIO()
    w = csv.writer(out, delimiter=";")
    w.writerow(["kode", "tingkat", "nama", "indikator", "satuan", "nilai_dasar"]
               + [f"{k}_{y}" for y in RENSTRA_YEARS for k in ("target", "pagu")])
    from service.performance import indicators

    for code, targets in IKU_TARGETS.items():
        ind = indicators.get_indicator(code)
        if ind is not None:
            w.writerow([code, "iku", ind.name, ind.formula, ind.unit, ind.baseline or ""]
                       + [v for t in targets for v in (t, "")])
    for r in plan.rows:
        cells = []
        for y in RENSTRA_YEARS:
            step = y - YEAR
            target = "" if r.target is None else round(r.target * (1.1 + step / 10))
            budget = "" if r.budget is None else round(r.budget * (1 + step * 5 / 100))
            cells += [target, budget]
        w.writerow([r.code, r.level, r.name, r.indicator, r.unit, ""] + cells)
    return out.getvalue()


def seed_renstra() -> None:
    from service.performance import indicators, renstra

    text = renstra_table()
    if text is None:
        return
    rep = renstra.load(text.encode(), "renstra-2025-2029.csv")
    if not rep.ok:  # the demo table is generated from the plan: a bad row is a bug
        raise RuntimeError("; ".join(e.reason for e in rep.errors))
    iku = indicators.get_indicator("IKU-01")
    if iku is not None and not indicators.supports_of(iku):
        indicators.set_supports(iku, IKU_SUPPORTS)


def seed() -> None:
    seed_payments()
    seed_indicators()
    seed_renstra()


register_seeder(55, "performance", seed)
