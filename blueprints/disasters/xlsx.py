"""The situation report as a formatted XLSX workbook (openpyxl)."""

from __future__ import annotations

import io
from typing import Any

from blueprints.core.i18n import lang, tr
from blueprints.core.labels import ref_name
from service.core.exports.xlsx import append
from service.disasters import victims


def situation_xlsx(r: dict[str, Any], office: dict[str, str]) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side

    ev = r["event"]
    wb = Workbook()
    ws = wb.active
    ws.title = tr("Laporan situasi")
    bold = Font(bold=True)
    head_fill = PatternFill("solid", fgColor="DDEBE4")
    thin = Side(style="thin", color="999999")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    append(ws, [office.get("name", "")])
    ws["A1"].font = Font(bold=True, size=14)
    append(ws, [tr("Laporan situasi bencana"), f"{ev.code} — {ev.name}"])
    ws["A2"].font = bold
    append(ws, [tr("Tanggal kejadian"), ev.started_on.strftime("%d/%m/%Y"), tr("Per tanggal"),
               r["today"].strftime("%d/%m/%Y")])
    append(ws, [])

    def table(title: str, header: list[str], rows: list[list[Any]]) -> None:
        append(ws, [title])
        ws.cell(ws.max_row, 1).font = Font(bold=True, size=12)
        append(ws, header)
        for c in ws[ws.max_row]:
            c.font, c.fill, c.border = bold, head_fill, border
        for row in rows:
            append(ws, row)
            for c in ws[ws.max_row]:
                c.border = border
                if isinstance(c.value, int):
                    c.number_format = "#,##0"
        append(ws, [])

    v = r["victims"]
    table(tr("Korban menurut status"), [tr("Status"), tr("Jiwa")],
          [[tr(victims.VICTIM_STATUS_LABELS[k]), n] for k, n in v["by_status"].items()]
          + [[tr("Total"), v["persons"]]])
    ws.cell(ws.max_row - 1, 1).font = bold
    table(tr("Kelompok rentan"), [tr("Kelompok"), tr("Jiwa")],
          [[tr(victims.VULNERABLE_LABELS[k]), n] for k, n in v["by_group"].items()])
    table(tr("Rumah tangga dan kerusakan rumah"), [tr("Kerusakan"), tr("KK")],
          [[tr(victims.DAMAGE_LABELS[k]), n] for k, n in v["damage"].items()] + [[tr("Total"), v["households"]]])
    table(tr("Pos pengungsian"), [tr("Nama"), tr("Kapasitas"), tr("Penghuni")],
          [[s["shelter"].name, s["capacity"], s["occupancy"]] for s in r["shelters"]]
          + [[tr("Total"), r["shelter_capacity"], r["shelter_occupancy"]]])
    table(tr("Bantuan dan stok"), [tr("Barang"), tr("Satuan"), tr("Didistribusikan"), tr("Kali"),
                                   tr("Dikeluarkan langsung"), tr("Sisa stok gudang")],
          [[ref_name(i["item"]), i["item"].unit, i["distributed"], i["distributions"], i["bulk_issued"], i["on_hand"]]
           for i in r["items"]])
    table(tr("Komponen SPM bencana"), [tr("Komponen"), tr("Jiwa menerima")],
          [[s["name_en"] if lang() == "en" else s["name"], s["persons"]] for s in r["spm"]]
          + [[tr("Korban menerima minimal satu komponen"), r["spm_served"]]])
    for col, width in zip("ABCDEF", (42, 18, 16, 10, 20, 18), strict=True):
        ws.column_dimensions[col].width = width
    for row in ws.iter_rows():
        for c in row:
            c.alignment = Alignment(vertical="top", wrap_text=True)
    ws.freeze_panes = "A5"
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()
