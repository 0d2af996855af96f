"""The performance report as the Renja evaluation / LAKIP table: K and Rp per triwulan, capaian and
serapan each with its own predikat, remaining pagu (*sisa*) and unit cost; shared by the XLSX and PDF."""

from __future__ import annotations

from typing import Any

from service.core.exports import xlsx
from service.core.exports.table import LEVEL_LABELS

TITLE = "Evaluasi Realisasi Kinerja dan Anggaran"


def table(rep: dict[str, Any]) -> tuple[str, str, list[tuple[str, str, int]], list[list[Any]]]:
    q = rep["quarter"]
    cols = [("Kode", "text", 20), ("Tingkat", "text", 12), ("Program / Kegiatan / Sub Kegiatan", "text", 44),
            ("Satuan", "text", 9), ("Target (K)", "int", 10)]
    cols += [(f"TW {i} (K)", "int", 9) for i in range(1, q + 1)]
    cols += [(f"Realisasi s.d. TW {q} (K)", "int", 12), ("Capaian kinerja (%)", "pct", 11),
             ("Predikat kinerja", "text", 14), ("Pagu (Rp)", "rupiah", 17)]
    cols += [(f"TW {i} (Rp)", "rupiah", 15) for i in range(1, q + 1)]
    cols += [(f"Realisasi s.d. TW {q} (Rp)", "rupiah", 17), ("Serapan anggaran (%)", "pct", 11),
             ("Predikat serapan", "text", 14), ("Sisa anggaran (Rp)", "rupiah", 17),
             ("Biaya per satuan (Rp)", "rupiah", 15)]
    rows = []
    for r in rep["rows"]:
        sub = r.level == "sub_kegiatan"
        rows.append([r.code, LEVEL_LABELS.get(r.level, r.level), r.name, r.unit, r.target,
                     *(r.quarters if sub else [None] * q), r.realised, r.realised_pct, r.rating, r.budget,
                     *r.spent_quarters, r.spent, r.spent_pct, r.spent_rating,
                     None if r.budget is None else r.budget - r.spent, r.unit_cost])
    return TITLE, f"Tahun {rep['year']} s.d. Triwulan {q}", cols, rows


def workbook(rep: dict[str, Any]) -> bytes:
    return xlsx.workbook(*table(rep))


# ------------------------------------------------------------------ the LAKIP workbook
def iku_table(ind_rep: dict[str, Any]) -> tuple[str, str, list[tuple[str, str, int]], list[list[Any]]]:
    cols = [("Kode", "text", 10), ("Indikator", "text", 46), ("Jenis", "text", 10), ("Satuan", "text", 8),
            ("Polaritas", "text", 10), ("Nilai dasar", "pct", 10), ("Target Renstra", "pct", 11),
            ("Target PK", "pct", 10), ("Realisasi", "pct", 10), ("Capaian (%)", "pct", 11), ("Predikat", "text", 14),
            ("Sumber data", "text", 24)]
    rows = []
    for r in ind_rep["rows"]:
        ind, t = r.indicator, r.target
        rows.append([ind.code, ind.name, ind.kind, ind.unit, "positif" if ind.polarity == "positive" else "negatif",
                     ind.baseline, t.renstra_target if t else None, t.pk_target if t else None, r.measured.value,
                     r.capaian, r.rating, "dari data" if ind.source else "isian manual"])
    return "Capaian Indikator Kinerja", f"Tahun {ind_rep['year']}", cols, rows


def _trend(before: Any, now: Any) -> str:
    if before is None or now is None:
        return ""
    return "naik" if now > before else "turun" if now < before else "tetap"


def comparison_table(rep: dict[str, Any], previous: dict[str, Any]) -> tuple[
        str, str, list[tuple[str, str, int]], list[list[Any]]]:
    """This year beside the previous year through the same quarter, aligned by code."""
    y, q = rep["year"], rep["quarter"]
    before = {r.code: r for r in previous["rows"]}
    cols = [("Kode", "text", 20), ("Program / Kegiatan / Sub Kegiatan", "text", 44), ("Satuan", "text", 9),
            (f"Realisasi {y - 1} (K)", "int", 12), (f"Realisasi {y} (K)", "int", 12), ("Δ (K)", "int", 9),
            (f"Capaian {y - 1} (%)", "pct", 11), (f"Capaian {y} (%)", "pct", 11), ("Tren capaian", "text", 9),
            (f"Belanja {y - 1} (Rp)", "rupiah", 17), (f"Belanja {y} (Rp)", "rupiah", 17), ("Δ (Rp)", "rupiah", 16),
            (f"Serapan {y - 1} (%)", "pct", 11), (f"Serapan {y} (%)", "pct", 11), ("Tren serapan", "text", 9)]
    rows = []
    for r in rep["rows"]:
        b = before.get(r.code)
        realised_before = b.realised if b else None
        delta = None if realised_before is None or r.realised is None else r.realised - realised_before
        spent_before = b.spent if b else None
        rows.append([r.code, r.name, r.unit, realised_before, r.realised, delta, b.realised_pct if b else None,
                     r.realised_pct, _trend(b.realised_pct if b else None, r.realised_pct), spent_before, r.spent,
                     None if spent_before is None else r.spent - spent_before, b.spent_pct if b else None,
                     r.spent_pct, _trend(b.spent_pct if b else None, r.spent_pct)])
    return "Perbandingan dengan Tahun Lalu", f"Tahun {y} dan {y - 1}, s.d. Triwulan {q}", cols, rows


def iku_budget_table(iku_rows: list[Any], year: int, quarter: int) -> tuple[
        str, str, list[tuple[str, str, int]], list[list[Any]]]:
    """Per IKU: target, realisation, capaian and predikat beside the pagu of its supporting sub-activities,
    their spending, serapan and the efficiency gap (capaian − serapan, percentage points)."""
    cols = [("Kode", "text", 10), ("Indikator Kinerja Utama", "text", 40), ("Satuan", "text", 8),
            ("Target", "pct", 10), ("Realisasi", "pct", 10), ("Capaian (%)", "pct", 11), ("Predikat", "text", 14),
            ("Pagu (Rp)", "rupiah", 17), ("Realisasi anggaran (Rp)", "rupiah", 17), ("Serapan (%)", "pct", 11),
            ("Predikat serapan", "text", 14), ("Efisiensi (poin)", "pct", 11), ("Keterangan", "text", 16),
            ("Sub kegiatan pendukung", "text", 30)]
    rows = []
    for b in iku_rows:
        r = b.row
        note = "" if b.efficient is None else "efisien" if b.efficient else "kurang efisien"
        rows.append([r.indicator.code, r.indicator.name, r.indicator.unit, r.target_value, r.measured.value, r.capaian,
                     r.rating, b.budget, b.spent, b.spent_pct, b.spent_rating, b.efficiency_gap, note,
                     ", ".join(s.code for s in b.subs)])
    return "Capaian IKU dan Anggaran", f"Tahun {year} s.d. Triwulan {quarter}", cols, rows


def renstra_table(comp: dict[str, Any]) -> tuple[str, str, list[tuple[str, str, int]], list[list[Any]]]:
    """The year's Renstra target beside the Renja (or PK) target and the realisation; cumulative attainment."""
    y, plan = comp["year"], comp["renstra"]
    cols = [("Kode", "text", 20), ("Program / Kegiatan / Sub Kegiatan / IKU", "text", 40), ("Satuan", "text", 9),
            (f"Target Renstra {y}", "pct", 11), (f"Target Renja/PK {y}", "pct", 11), (f"Realisasi {y}", "pct", 11),
            ("Capaian thd Renstra (%)", "pct", 11), (f"Pagu Renstra {y} (Rp)", "rupiah", 17),
            (f"Pagu Renja {y} (Rp)", "rupiah", 17), (f"Belanja {y} (Rp)", "rupiah", 17),
            ("Realisasi kumulatif", "pct", 11), ("Target akhir Renstra", "pct", 11), ("Capaian kumulatif (%)", "pct", 11),
            ("Predikat", "text", 14)]
    rows = []
    for r in comp["rows"]:
        cell = next((c for c in r.years if c.year == y), None)
        rows.append([r.row.code, r.row.name, r.row.unit, cell.renstra_target if cell else None,
                     cell.renja_target if cell else None, cell.realised_shown if cell else None,
                     cell.capaian if cell else None, cell.renstra_budget if cell else None,
                     cell.renja_budget if cell else None, cell.spent if cell else None, r.cumulative_shown,
                     r.final_target, r.cumulative_pct, r.rating])
    period = f"Renstra {plan.first_year}–{plan.last_year}" if plan else "Belum ada Renstra"
    return "Perbandingan dengan Target Renstra", f"{period}, tahun {y} s.d. Triwulan {comp['quarter']}", cols, rows


def budget_table(rep: dict[str, Any]) -> tuple[str, str, list[tuple[str, str, int]], list[list[Any]]]:
    """Budget realisation per program down to sub-activity: pagu, spent, serapan %, predikat, sisa."""
    cols = [("Kode", "text", 20), ("Tingkat", "text", 12), ("Program / Kegiatan / Sub Kegiatan", "text", 44),
            ("Pagu (Rp)", "rupiah", 17), (f"Realisasi s.d. TW {rep['quarter']} (Rp)", "rupiah", 17),
            ("Serapan (%)", "pct", 11), ("Predikat serapan", "text", 14), ("Sisa (Rp)", "rupiah", 17)]
    rows = [[r.code, LEVEL_LABELS.get(r.level, r.level), r.name, r.budget, r.spent, r.spent_pct, r.spent_rating,
             None if r.budget is None else r.budget - r.spent] for r in rep["rows"]]
    return "Realisasi Anggaran", f"Tahun {rep['year']} s.d. Triwulan {rep['quarter']}", cols, rows


def lakip_data(year: int, quarter: int) -> dict[str, Any]:
    """Every figure of the LAKIP document and workbook, computed from the records."""
    from service.performance import attribution, indicators, renstra_compare
    from service.performance import report as performance

    rep = performance.report(year, quarter)
    previous = performance.report(year - 1, quarter)
    ind_rep = indicators.report(year)
    iku = attribution.per_iku(rep, ind_rep)
    comp = renstra_compare.comparison(year, quarter)
    return {"year": rep["year"], "quarter": rep["quarter"], "rep": rep, "previous": previous, "ind_rep": ind_rep,
            "iku": iku, "renstra": comp, "summary": performance.summary(rep),
            "tables": {"iku": iku_budget_table(iku, rep["year"], rep["quarter"]), "indicators": iku_table(ind_rep),
                       "evaluation": table(rep), "previous": comparison_table(rep, previous),
                       "renstra": renstra_table(comp), "budget": budget_table(rep)}}


def lakip_workbook(data: dict[str, Any]) -> bytes:
    """Sheets: IKU capaian, the evaluation table, the previous year by code, the Renstra, pagu per IKU."""
    import io

    from openpyxl import Workbook

    t = data["tables"]
    wb = Workbook()
    wb.remove(wb.active)
    for sheet, built in (("Capaian IKU", t["indicators"]), ("Kinerja dan Anggaran", t["evaluation"]),
                         ("Perbandingan Tahun Lalu", t["previous"]), ("Perbandingan Renstra", t["renstra"]),
                         ("Anggaran per IKU", t["iku"])):
        ws = wb.create_sheet()
        xlsx.fill_sheet(ws, *built)
        ws.title = sheet
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()
