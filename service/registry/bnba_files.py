"""The files around a BNBA import (docs/registry.md): the template to fill in (XLSX with a sheet of codes and
drop-downs, or CSV), the code lists an operator needs, and the error report as a table.

No Flask here: the caller passes ``text`` (translation of an Indonesian source string) and ``name`` (a
reference row's name in the reader's language).
"""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select

from service.core.db import session
from service.core.errors import N_
from service.reference.models import BasicService, PpksCategory, Region, ServiceType
from service.registry.bnba import COLUMNS, NO_NIK_REASON_LABELS

Text = Callable[[str], str]
Name = Callable[[Any], str]
MAX_VILLAGES = 10_000  # a province has about 2,600; beyond this the sheet lists the first ones

# What each column holds: (column, required?, explanation, example). Indonesian source strings.
COLUMN_HELP: list[tuple[str, str, str, str]] = [
    ("nik", N_("bila ada"), N_("NIK 16 angka. Kosongkan bila orang itu tidak punya NIK, lalu isi kolom alasan tanpa "
                                 "NIK."),
     "1872014107500001"),
    ("nama", N_("wajib"), N_("Nama lengkap seperti di KTP/KK."), "Siti Rahayu"),
    ("jenis_kelamin", N_("bila ada"), N_("L (laki-laki) atau P (perempuan)."), "P"),
    ("tanggal_lahir", N_("bila ada"), N_("Tanggal lahir, TTTT-BB-HH atau HH/BB/TTTT."), "1950-07-01"),
    ("kode_wilayah", N_("wajib"), N_("Kode desa/kelurahan domisili (lihat lembar Kode). Hanya desa di wilayah kerja "
                                     "Anda."), "18.72.01.1001"),
    ("kategori_ppks", N_("bila ada asesmen"), N_("Kode kategori PPKS (lihat daftar kode)."), "lanjut_usia_terlantar"),
    ("tanggal_asesmen", N_("bila ada asesmen"), N_("Tanggal asesmen; tidak boleh di masa depan."), "2026-02-01"),
    ("kebutuhan", N_("bila ada asesmen"), N_("Kode kebutuhan dari layanan dasar kategori itu, dipisah titik koma (;)."),
     "permakanan;sandang"),
    ("layanan", N_("bila ada layanan"), N_("Kode jenis layanan yang diberikan. Kosongkan bila hanya asesmen."),
     "permakanan"),
    ("tanggal_layanan", N_("bila ada layanan"), N_("Tanggal layanan diberikan (wajib bila layanan diisi)."),
     "2026-02-10"),
    ("jumlah", N_("bila ada layanan"), N_("Banyaknya, bilangan bulat 1 atau lebih (kosong = 1)."), "1"),
    ("kejadian_bencana", N_("korban bencana"), N_("Kode kejadian bencana, mis. BNJ-2026-001, untuk korban bencana."),
     ""),
    ("alasan_tanpa_nik", N_("isi bila NIK kosong"), N_("Kode alasan tidak ada NIK (lihat daftar kode). Bila kosong, "
                                                       "tidak ada alasan yang dicatat dan orangnya ditandai untuk "
                                                       "dilengkapi."), ""),
]
assert [c[0] for c in COLUMN_HELP] == list(COLUMNS)


@dataclass
class CodeLists:
    # code, name, allowed needs (empty: any service type — a category without an SPM basic service)
    categories: list[tuple[str, str, list[str]]] = field(default_factory=list)
    services: list[tuple[str, str]] = field(default_factory=list)               # service type code, name
    villages: list[tuple[str, str, str]] = field(default_factory=list)          # code, village, district
    reasons: list[tuple[str, str]] = field(default_factory=list)                # code, label
    villages_truncated: bool = False


def code_lists(root: str | None, *, text: Text = str, name: Name = lambda r: r.name_id,
               with_villages: bool = True) -> CodeLists:
    """The codes a BNBA file may use; villages only those inside ``root`` (the user's area)."""
    out = CodeLists()
    services = {b.code: [c.service_type_code for c in b.components] for b in session.scalars(select(BasicService))}
    types = list(session.scalars(select(ServiceType).where(ServiceType.active).order_by(ServiceType.code)))
    for c in session.scalars(select(PpksCategory).where(PpksCategory.active).order_by(PpksCategory.code)):
        needs = services.get(c.spm_service_code, []) if c.spm_service_code else []
        out.categories.append((c.code, name(c), needs))
    out.services = [(t.code, name(t)) for t in types]
    out.reasons = [(code, text(label)) for code, label in NO_NIK_REASON_LABELS.items()]
    if with_villages:
        stmt = select(Region).where(Region.level == 4)
        if root:
            stmt = stmt.where(Region.code.like(root + ".%"))
        rows = list(session.scalars(stmt.order_by(Region.code).limit(MAX_VILLAGES + 1)))
        out.villages_truncated = len(rows) > MAX_VILLAGES
        rows = rows[:MAX_VILLAGES]
        parents = {p.code: p.name for p in session.scalars(
            select(Region).where(Region.code.in_({r.parent_code for r in rows if r.parent_code})))}
        out.villages = [(r.code, r.name, parents.get(r.parent_code or "", "")) for r in rows]
    return out


def example_row(lists: CodeLists) -> list[str]:
    """One filled row, with a village of the user's own area when there is one."""
    row = {c[0]: c[3] for c in COLUMN_HELP}
    if lists.villages and row["kode_wilayah"] not in {v[0] for v in lists.villages}:
        village = lists.villages[0][0]
        row["kode_wilayah"] = village
        row["nik"] = ""  # the example NIK's region would not match this village
        row["alasan_tanpa_nik"] = "belum_terdaftar"
    return [row[c] for c in COLUMNS]


def template_csv(lists: CodeLists) -> bytes:
    """Header and one example row for Indonesian-locale Excel: ';'-separated, UTF-8 with BOM (the import
    reads ',' and ';' alike)."""
    import csv

    buf = io.StringIO()
    writer = csv.writer(buf, delimiter=";")
    writer.writerow(COLUMNS)
    writer.writerow(example_row(lists))
    return ("\ufeff" + buf.getvalue()).encode("utf-8")


def template_xlsx(lists: CodeLists, *, text: Text = str) -> bytes:
    """Sheet "BNBA": the header exactly as the spec (plus ``alasan_tanpa_nik``), an example row, drop-downs for
    the coded columns; sheet "Kode": the code lists (categories with their needs, service types, the villages
    of the user's area with names, NIK-less reasons, sex)."""
    from openpyxl import Workbook
    from openpyxl.comments import Comment
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    from service.core.exports.xlsx import append

    wb = Workbook()
    ws = wb.active
    ws.title = "BNBA"
    append(ws, list(COLUMNS))
    append(ws, example_row(lists))
    fill = PatternFill("solid", fgColor="DDE7E2")
    helps = {c[0]: c for c in COLUMN_HELP}
    for i, col in enumerate(COLUMNS, start=1):
        cell = ws.cell(row=1, column=i)
        cell.font = Font(bold=True)
        cell.fill = fill
        _c, need, explain, _ex = helps[col]
        cell.comment = Comment(f"{text(need)}: {text(explain)}", "Lindung")
        ws.column_dimensions[get_column_letter(i)].width = max(14, len(col) + 4)
        for r in range(2, 1002):  # dates and codes stay text (no locale-dependent date conversion)
            ws.cell(row=r, column=i).number_format = "@"
    ws.freeze_panes = "A2"

    codes = wb.create_sheet("Kode")
    blocks: list[tuple[str, list[str], list[list[str]]]] = [
        (text(N_("Kategori PPKS")), [text(N_("Kode")), text(N_("Nama")), text(N_("Kebutuhan yang boleh"))],
         [[c, n, ";".join(needs) or text(N_("jenis layanan mana pun"))] for c, n, needs in lists.categories]),
        (text(N_("Jenis layanan / kebutuhan")), [text(N_("Kode")), text(N_("Nama"))],
         [[c, n] for c, n in lists.services]),
        (text(N_("Desa/kelurahan di wilayah Anda")), [text(N_("Kode")), text(N_("Desa/kelurahan")),
                                                      text(N_("Kecamatan"))],
         [list(v) for v in lists.villages]),
        (text(N_("Alasan tanpa NIK")), [text(N_("Kode")), text(N_("Arti"))], [list(r) for r in lists.reasons]),
        (text(N_("Jenis kelamin")), [text(N_("Kode")), text(N_("Arti"))],
         [["L", text(N_("Laki-laki"))], ["P", text(N_("Perempuan"))]]),
    ]
    ranges: dict[int, str] = {}
    col = 1
    for index, (title, header, rows) in enumerate(blocks):
        codes.cell(row=1, column=col, value=title).font = Font(bold=True, size=12)
        for j, h in enumerate(header):
            cell = codes.cell(row=2, column=col + j, value=h)
            cell.font = Font(bold=True)
            cell.fill = fill
            codes.column_dimensions[get_column_letter(col + j)].width = 34 if j else 26
        for i, values in enumerate(rows, start=3):
            for j, v in enumerate(values):
                cell = codes.cell(row=i, column=col + j, value=v)
                cell.data_type = "s"
                cell.alignment = Alignment(vertical="top")
        letter = get_column_letter(col)
        ranges[index] = f"Kode!${letter}$3:${letter}${max(3, len(rows) + 2)}"
        col += len(header) + 1
    codes.freeze_panes = "A3"

    def listed(column: str, source: str, prompt: str) -> None:
        letter = get_column_letter(COLUMNS.index(column) + 1)
        dv = DataValidation(type="list", formula1=source, allow_blank=True, showErrorMessage=True,
                            errorTitle=text(N_("Kode tidak dikenal")), error=text(N_("Pilih kode dari daftar.")),
                            promptTitle=column, prompt=prompt, showInputMessage=True)
        dv.add(f"{letter}2:{letter}1001")
        ws.add_data_validation(dv)

    listed("jenis_kelamin", '"L,P"', text(N_("L atau P")))
    listed("kategori_ppks", ranges[0], text(N_("Kode kategori PPKS (lembar Kode)")))
    listed("layanan", ranges[1], text(N_("Kode jenis layanan (lembar Kode)")))
    if lists.villages:
        listed("kode_wilayah", ranges[2], text(N_("Kode desa/kelurahan di wilayah Anda (lembar Kode)")))
    listed("alasan_tanpa_nik", ranges[3], text(N_("Isi bila NIK kosong")))
    qty = DataValidation(type="whole", operator="greaterThanOrEqual", formula1="1", allow_blank=True,
                         showErrorMessage=True, error=text(N_("Jumlah harus bilangan bulat 1 atau lebih.")))
    qletter = get_column_letter(COLUMNS.index("jumlah") + 1)
    qty.add(f"{qletter}2:{qletter}1001")
    ws.add_data_validation(qty)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def error_rows(report: dict[str, Any], message: Callable[[dict[str, Any]], str]) -> list[list[Any]]:
    """``[[line, column, reason]]``, one row per bad field of the stored report (``message`` renders one)."""
    out: list[list[Any]] = []
    for e in report.get("errors", []) or []:
        msgs = e.get("messages") or [{"field": "_", "message": e.get("reason", ""), "params": {}}]
        for m in msgs:
            column = m.get("field") or "_"
            out.append([e.get("line"), "" if column in ("_", "file") else column, message(m)])
    return out
