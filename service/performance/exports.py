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


def lakip_workbook(rep: dict[str, Any], previous: dict[str, Any], ind_rep: dict[str, Any]) -> bytes:
    """Three sheets: IKU capaian, the evaluation table, the comparison with the previous year."""
    import io

    from openpyxl import Workbook

    wb = Workbook()
    wb.remove(wb.active)
    for sheet, built in (("Capaian IKU", iku_table(ind_rep)), ("Kinerja dan Anggaran", table(rep)),
                         ("Perbandingan Tahun Lalu", comparison_table(rep, previous))):
        ws = wb.create_sheet()
        xlsx.fill_sheet(ws, *built)
        ws.title = sheet
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()
