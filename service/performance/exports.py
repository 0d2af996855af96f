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
