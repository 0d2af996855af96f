"""The report tables as columns and rows, shared by the XLSX, CSV and PDF exports."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

LEVEL_LABELS = {"program": "Program", "kegiatan": "Kegiatan", "sub_kegiatan": "Sub Kegiatan"}
MONTHS = ["Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September", "Oktober",
          "November", "Desember"]


# A text cell starting with one of these is read as a formula by spreadsheet programs
# (CSV/formula injection): exports write such cells as text.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def cell_value(v: Any) -> Any:
    if isinstance(v, Decimal):
        return float(v)
    return v


def csv_cell(v: Any) -> Any:
    """A value for a CSV cell: text that a spreadsheet would evaluate gets a leading apostrophe."""
    v = cell_value(v)
    if isinstance(v, str) and v.startswith(FORMULA_START):
        return "'" + v
    return v


def build(kind: str, rep: dict[str, Any]) -> tuple[str, str, list[tuple[str, str, int]], list[list[Any]]]:
    if kind == "spm":
        cols = [("Kode", "text", 14), ("Layanan dasar", "text", 50), ("Sasaran (orang)", "int", 12),
                ("Membutuhkan (N)", "int", 12), ("Terlayani (R)", "int", 12), ("% Penerima", "pct", 11),
                ("% Mutu", "pct", 11), ("Indeks", "pct", 11), ("Kategori", "text", 18), ("% Sasaran", "pct", 11)]
        rows = [[s.code, s.name, s.target, s.needing, s.served, s.recipients_pct, s.quality_pct, s.index_value,
                 s.category, s.target_pct] for s in rep["services"]]
        rows.append(["", "Indeks SPM keseluruhan", None, None, None, None, None, rep["overall_index"],
                     rep.get("overall_category"), None])
        title = "Capaian SPM Bidang Sosial"
        subtitle = f"1 Januari – {rep['end'].day} {MONTHS[rep['month'] - 1]} {rep['year']}"
        return title, subtitle, cols, rows
    if kind == "renja":
        q = rep["quarter"]
        cols = [("Kode", "text", 20), ("Tingkat", "text", 13), ("Program / Kegiatan / Sub Kegiatan", "text", 48),
                ("Indikator", "text", 48), ("Satuan", "text", 10), ("Target", "int", 10)]
        cols += [(f"Realisasi TW {i}", "int", 12) for i in range(1, q + 1)]
        cols += [(f"Realisasi s.d. TW {q}", "int", 13), ("%", "pct", 9), ("Pagu anggaran (Rp)", "rupiah", 18),
                 ("Catatan", "text", 24)]
        rows = []
        for r in rep["rows"]:
            quarters = r.quarters if r.level == "sub_kegiatan" else [None] * q
            note = "; ".join({"budget_mismatch": f"Jumlah pagu rincian Rp {r.children_budget:,}".replace(",", "."),
                              "orphan": "Tanpa induk", "no_children": "Tanpa rincian"}[flag] for flag in r.flags)
            rows.append([r.code, LEVEL_LABELS.get(r.level, r.level), r.name, r.indicator, r.unit, r.target,
                         *quarters, r.realised, r.realised_pct, r.budget, note])
        return "Realisasi Renja", f"Tahun {rep['year']} s.d. Triwulan {q}", cols, rows
    if kind == "iku":
        cols = [("Indikator", "text", 50), ("PPKS terdaftar", "int", 16), ("PPKS tertangani", "int", 16),
                ("Capaian (%)", "pct", 12)]
        rows = [["Persentase PPKS yang tertangani", rep["registered"], rep["handled"], rep["pct"]]]
        return "Indikator Kinerja Utama", f"Tahun {rep['year']}", cols, rows
    raise ValueError(kind)
