"""The report tables as columns and rows, shared by the XLSX, CSV and PDF exports.

Every builder of an export table takes ``tr``: the web layer passes its own (``blueprints.core.i18n.tr``,
the signed-in user's language) and ``name`` (``blueprints.core.labels.ref_name``), anything else gets
:func:`indonesian` and :func:`indonesian_name`. Labels are written in Indonesian
inside ``tr("…")`` (or marked with ``N_`` when they live in a list), so the catalogue extraction finds them.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Any

from service.core.errors import N_
from service.core.formatting import format_rupiah

Tr = Callable[..., str]
Name = Callable[[Any], str]


def indonesian(message: str, **params: Any) -> str:
    """The Indonesian source text with its ``{name}`` parameters filled (the default ``tr`` of every builder)."""
    return message.format(**params) if params else message


def indonesian_name(thing: Any) -> str:
    """The Indonesian name of a reference row (the default ``name`` of the builders; the web layer passes
    ``ref_name``, the English name where one exists)."""
    return str(getattr(thing, "name_id", None) or getattr(thing, "name", ""))


LEVEL_LABELS = {"program": N_("Program"), "kegiatan": N_("Kegiatan"), "sub_kegiatan": N_("Sub Kegiatan")}
MONTHS = [N_("Januari"), N_("Februari"), N_("Maret"), N_("April"), N_("Mei"), N_("Juni"), N_("Juli"), N_("Agustus"),
          N_("September"), N_("Oktober"), N_("November"), N_("Desember")]


def level_label(level: str, tr: Tr = indonesian) -> str:
    return tr(LEVEL_LABELS[level]) if level in LEVEL_LABELS else level


def label(value: str | None, tr: Tr = indonesian) -> str | None:
    """A band label (SPM category, predikat) from the settings, translated when the catalogue knows it."""
    return tr(value) if value else value


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


def build(kind: str, rep: dict[str, Any], tr: Tr = indonesian, name: Name = indonesian_name) -> tuple[
        str, str, list[tuple[str, str, int]], list[list[Any]]]:
    if kind == "spm":
        cols = [(tr("Kode"), "text", 14), (tr("Layanan dasar"), "text", 50), (tr("Sasaran (orang)"), "int", 12),
                (tr("Membutuhkan (N)"), "int", 12), (tr("Terlayani (R)"), "int", 12), (tr("% Penerima"), "pct", 11),
                (tr("% Mutu"), "pct", 11), (tr("Indeks"), "pct", 11), (tr("Kategori"), "text", 18),
                (tr("% Sasaran"), "pct", 11)]
        rows = [[s.code, name(s), s.target, s.needing, s.served, s.recipients_pct, s.quality_pct, s.index_value,
                 label(s.category, tr), s.target_pct] for s in rep["services"]]
        rows.append(["", tr("Indeks SPM keseluruhan"), None, None, None, None, None, rep["overall_index"],
                     label(rep.get("overall_category"), tr), None])
        subtitle = tr("1 Januari – {day} {month} {year}", day=rep["end"].day, month=tr(MONTHS[rep["month"] - 1]),
                      year=rep["year"])
        return tr("Capaian SPM Bidang Sosial"), subtitle, cols, rows
    if kind == "renja":
        q = rep["quarter"]
        cols = [(tr("Kode"), "text", 20), (tr("Tingkat"), "text", 13),
                (tr("Program / Kegiatan / Sub Kegiatan"), "text", 48), (tr("Indikator"), "text", 48),
                (tr("Satuan"), "text", 10), (tr("Target"), "int", 10)]
        cols += [(tr("Realisasi TW {q}", q=i), "int", 12) for i in range(1, q + 1)]
        cols += [(tr("Realisasi s.d. TW {q}", q=q), "int", 13), ("%", "pct", 9),
                 (tr("Pagu anggaran (Rp)"), "rupiah", 18), (tr("Catatan"), "text", 24)]
        notes = {"orphan": tr("Tanpa induk"), "no_children": tr("Tanpa rincian")}
        rows = []
        for r in rep["rows"]:
            quarters = r.quarters if r.level == "sub_kegiatan" else [None] * q
            note = "; ".join(tr("Jumlah pagu rincian {amount}", amount=format_rupiah(r.children_budget))
                             if flag == "budget_mismatch" else notes[flag] for flag in r.flags)
            rows.append([r.code, level_label(r.level, tr), r.name, r.indicator, r.unit, r.target,
                         *quarters, r.realised, r.realised_pct, r.budget, note])
        return tr("Realisasi Renja"), tr("Tahun {year} s.d. Triwulan {q}", year=rep["year"], q=q), cols, rows
    if kind == "iku":
        cols = [(tr("Indikator"), "text", 50), (tr("PPKS terdaftar"), "int", 16), (tr("PPKS tertangani"), "int", 16),
                (tr("Capaian (%)"), "pct", 12)]
        rows = [[tr("Persentase PPKS yang tertangani"), rep["registered"], rep["handled"], rep["pct"]]]
        return tr("Indikator Kinerja Utama"), tr("Tahun {year}", year=rep["year"]), cols, rows
    raise ValueError(kind)
