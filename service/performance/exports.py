"""The performance report as the Renja evaluation / LAKIP table: K and Rp per triwulan, capaian and
serapan each with its own predikat, remaining pagu (*sisa*) and unit cost; shared by the XLSX and PDF.

Every builder takes ``tr`` (the reader's language, from the web layer; Indonesian by default), as in
``service.core.exports.table``."""

from __future__ import annotations

from typing import Any

from service.core.exports import xlsx
from service.core.exports.table import Tr, indonesian, label, level_label

Built = tuple[str, str, list[tuple[str, str, int]], list[list[Any]]]


def table(rep: dict[str, Any], tr: Tr = indonesian) -> Built:
    q = rep["quarter"]
    cols = [(tr("Kode"), "text", 20), (tr("Tingkat"), "text", 12), (tr("Program / Kegiatan / Sub Kegiatan"), "text", 44),
            (tr("Satuan"), "text", 9), (tr("Target (K)"), "int", 10)]
    cols += [(tr("TW {q} (K)", q=i), "int", 9) for i in range(1, q + 1)]
    cols += [(tr("Realisasi s.d. TW {q} (K)", q=q), "int", 12), (tr("Capaian kinerja (%)"), "pct", 11),
             (tr("Predikat kinerja"), "text", 14), (tr("Pagu (Rp)"), "rupiah", 17)]
    cols += [(tr("TW {q} (Rp)", q=i), "rupiah", 15) for i in range(1, q + 1)]
    cols += [(tr("Realisasi s.d. TW {q} (Rp)", q=q), "rupiah", 17), (tr("Serapan anggaran (%)"), "pct", 11),
             (tr("Predikat serapan"), "text", 14), (tr("Sisa anggaran (Rp)"), "rupiah", 17),
             (tr("Biaya per satuan (Rp)"), "rupiah", 15)]
    rows = []
    for r in rep["rows"]:
        sub = r.level == "sub_kegiatan"
        rows.append([r.code, level_label(r.level, tr), r.name, r.unit, r.target,
                     *(r.quarters if sub else [None] * q), r.realised, r.realised_pct, label(r.rating, tr), r.budget,
                     *r.spent_quarters, r.spent, r.spent_pct, label(r.spent_rating, tr),
                     None if r.budget is None else r.budget - r.spent, r.unit_cost])
    return (tr("Evaluasi Realisasi Kinerja dan Anggaran"), tr("Tahun {year} s.d. Triwulan {q}", year=rep["year"], q=q),
            cols, rows)


def workbook(rep: dict[str, Any], tr: Tr = indonesian) -> bytes:
    return xlsx.workbook(*table(rep, tr))


# ------------------------------------------------------------------ the LAKIP workbook
def iku_table(ind_rep: dict[str, Any], tr: Tr = indonesian) -> Built:
    cols = [(tr("Kode"), "text", 10), (tr("Indikator"), "text", 46), (tr("Jenis"), "text", 10),
            (tr("Satuan"), "text", 8), (tr("Polaritas"), "text", 10), (tr("Nilai dasar"), "pct", 10),
            (tr("Target Renstra"), "pct", 11), (tr("Target PK"), "pct", 10), (tr("Realisasi"), "pct", 10),
            (tr("Capaian (%)"), "pct", 11), (tr("Predikat"), "text", 14), (tr("Sumber data"), "text", 24)]
    rows = []
    for r in ind_rep["rows"]:
        ind, t = r.indicator, r.target
        rows.append([ind.code, ind.name, ind.kind, ind.unit, tr("positif") if ind.polarity == "positive"
                     else tr("negatif"), ind.baseline, t.renstra_target if t else None, t.pk_target if t else None,
                     r.measured.value, r.capaian, label(r.rating, tr),
                     tr("dari data") if ind.source else tr("isian manual")])
    return tr("Capaian Indikator Kinerja"), tr("Tahun {year}", year=ind_rep["year"]), cols, rows


def _trend(before: Any, now: Any, tr: Tr) -> str:
    if before is None or now is None:
        return ""
    return tr("naik") if now > before else tr("turun") if now < before else tr("tetap")


def comparison_table(rep: dict[str, Any], previous: dict[str, Any], tr: Tr = indonesian) -> Built:
    """This year beside the previous year through the same quarter, aligned by code."""
    y, q = rep["year"], rep["quarter"]
    before = {r.code: r for r in previous["rows"]}
    cols = [(tr("Kode"), "text", 20), (tr("Program / Kegiatan / Sub Kegiatan"), "text", 44), (tr("Satuan"), "text", 9),
            (tr("Realisasi {year} (K)", year=y - 1), "int", 12), (tr("Realisasi {year} (K)", year=y), "int", 12),
            (tr("Δ (K)"), "int", 9), (tr("Capaian {year} (%)", year=y - 1), "pct", 11),
            (tr("Capaian {year} (%)", year=y), "pct", 11), (tr("Tren capaian"), "text", 9),
            (tr("Belanja {year} (Rp)", year=y - 1), "rupiah", 17), (tr("Belanja {year} (Rp)", year=y), "rupiah", 17),
            ("Δ (Rp)", "rupiah", 16), (tr("Serapan {year} (%)", year=y - 1), "pct", 11),
            (tr("Serapan {year} (%)", year=y), "pct", 11), (tr("Tren serapan"), "text", 9)]
    rows = []
    for r in rep["rows"]:
        b = before.get(r.code)
        realised_before = b.realised if b else None
        delta = None if realised_before is None or r.realised is None else r.realised - realised_before
        spent_before = b.spent if b else None
        rows.append([r.code, r.name, r.unit, realised_before, r.realised, delta, b.realised_pct if b else None,
                     r.realised_pct, _trend(b.realised_pct if b else None, r.realised_pct, tr), spent_before,
                     r.spent, None if spent_before is None else r.spent - spent_before, b.spent_pct if b else None,
                     r.spent_pct, _trend(b.spent_pct if b else None, r.spent_pct, tr)])
    return (tr("Perbandingan dengan Tahun Lalu"),
            tr("Tahun {year} dan {previous}, s.d. Triwulan {q}", year=y, previous=y - 1, q=q), cols, rows)


def iku_budget_table(iku_rows: list[Any], year: int, quarter: int, tr: Tr = indonesian) -> Built:
    """Per IKU: target, realisation, capaian and predikat beside the pagu of its supporting sub-activities,
    their spending, serapan and the efficiency gap (capaian − serapan, percentage points)."""
    cols = [(tr("Kode"), "text", 10), (tr("Indikator Kinerja Utama"), "text", 40), (tr("Satuan"), "text", 8),
            (tr("Target"), "pct", 10), (tr("Realisasi"), "pct", 10), (tr("Capaian (%)"), "pct", 11),
            (tr("Predikat"), "text", 14), (tr("Pagu (Rp)"), "rupiah", 17), (tr("Realisasi anggaran (Rp)"), "rupiah", 17),
            (tr("Serapan (%)"), "pct", 11), (tr("Predikat serapan"), "text", 14), (tr("Efisiensi (poin)"), "points", 11),
            (tr("Keterangan"), "text", 16), (tr("Sub kegiatan pendukung"), "text", 30)]
    rows = []
    for b in iku_rows:
        r = b.row
        note = "" if b.efficient is None else tr("efisien") if b.efficient else tr("kurang efisien")
        rows.append([r.indicator.code, r.indicator.name, r.indicator.unit, r.target_value, r.measured.value, r.capaian,
                     label(r.rating, tr), b.budget, b.spent, b.spent_pct, label(b.spent_rating, tr), b.efficiency_gap,
                     note, ", ".join(s.code for s in b.subs)])
    return (tr("Capaian IKU dan Anggaran"), tr("Tahun {year} s.d. Triwulan {q}", year=year, q=quarter), cols, rows)


def renstra_table(comp: dict[str, Any], tr: Tr = indonesian) -> Built:
    """The year's Renstra target beside the Renja (or PK) target and the realisation; cumulative attainment."""
    y, plan = comp["year"], comp["renstra"]
    cols = [(tr("Kode"), "text", 20), (tr("Program / Kegiatan / Sub Kegiatan / IKU"), "text", 40),
            (tr("Satuan"), "text", 9), (tr("Target Renstra {year}", year=y), "pct", 11),
            (tr("Target Renja/PK {year}", year=y), "pct", 11), (tr("Realisasi {year}", year=y), "pct", 11),
            (tr("Capaian thd Renstra (%)"), "pct", 11), (tr("Pagu Renstra {year} (Rp)", year=y), "rupiah", 17),
            (tr("Pagu Renja {year} (Rp)", year=y), "rupiah", 17), (tr("Belanja {year} (Rp)", year=y), "rupiah", 17),
            (tr("Realisasi kumulatif"), "pct", 11), (tr("Target akhir Renstra"), "pct", 11),
            (tr("Capaian kumulatif (%)"), "pct", 11), (tr("Predikat"), "text", 14)]
    rows = []
    for r in comp["rows"]:
        cell = next((c for c in r.years if c.year == y), None)
        rows.append([r.row.code, r.row.name, r.row.unit, cell.renstra_target if cell else None,
                     cell.renja_target if cell else None, cell.realised_shown if cell else None,
                     cell.capaian if cell else None, cell.renstra_budget if cell else None,
                     cell.renja_budget if cell else None, cell.spent if cell else None, r.cumulative_shown,
                     r.final_target, r.cumulative_pct, label(r.rating, tr)])
    period = (tr("Renstra {first}–{last}", first=plan.first_year, last=plan.last_year) if plan
              else tr("Belum ada Renstra"))
    return (tr("Perbandingan dengan Target Renstra"),
            tr("{period}, tahun {year} s.d. Triwulan {q}", period=period, year=y, q=comp["quarter"]), cols, rows)


def budget_table(rep: dict[str, Any], tr: Tr = indonesian) -> Built:
    """Budget realisation per program down to sub-activity: pagu, spent, serapan %, predikat, sisa."""
    cols = [(tr("Kode"), "text", 20), (tr("Tingkat"), "text", 12), (tr("Program / Kegiatan / Sub Kegiatan"), "text", 44),
            (tr("Pagu (Rp)"), "rupiah", 17), (tr("Realisasi s.d. TW {q} (Rp)", q=rep["quarter"]), "rupiah", 17),
            (tr("Serapan (%)"), "pct", 11), (tr("Predikat serapan"), "text", 14), (tr("Sisa (Rp)"), "rupiah", 17)]
    rows = [[r.code, level_label(r.level, tr), r.name, r.budget, r.spent, r.spent_pct, label(r.spent_rating, tr),
             None if r.budget is None else r.budget - r.spent] for r in rep["rows"]]
    return (tr("Realisasi Anggaran"), tr("Tahun {year} s.d. Triwulan {q}", year=rep["year"], q=rep["quarter"]),
            cols, rows)


def lakip_data(year: int, quarter: int, tr: Tr = indonesian) -> dict[str, Any]:
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
            "tables": {"iku": iku_budget_table(iku, rep["year"], rep["quarter"], tr),
                       "indicators": iku_table(ind_rep, tr), "evaluation": table(rep, tr),
                       "previous": comparison_table(rep, previous, tr), "renstra": renstra_table(comp, tr),
                       "budget": budget_table(rep, tr)}}


def lakip_workbook(data: dict[str, Any], tr: Tr = indonesian) -> bytes:
    """Sheets: IKU capaian, the evaluation table, the previous year by code, the Renstra, pagu per IKU."""
    import io

    from openpyxl import Workbook

    t = data["tables"]
    wb = Workbook()
    wb.remove(wb.active)
    for sheet, built in ((tr("Capaian IKU"), t["indicators"]), (tr("Kinerja dan Anggaran"), t["evaluation"]),
                         (tr("Perbandingan Tahun Lalu"), t["previous"]), (tr("Perbandingan Renstra"), t["renstra"]),
                         (tr("Anggaran per IKU"), t["iku"])):
        ws = wb.create_sheet()
        xlsx.fill_sheet(ws, *built)
        ws.title = sheet[:31]
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()
