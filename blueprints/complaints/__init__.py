"""The complaints desk (pengaduan): staff pages under ``/pengaduan`` (``views``), and two PUBLIC
pages that need no login (``public``): the complaint form ``/aduan`` and the status lookup
``/aduan/status``, rate limited and showing nothing but status and dates. docs/complaints.md.
"""

from __future__ import annotations

from flask import Blueprint

from blueprints.core.nav import register_nav, register_tile
from service.core.errors import N_

bp = Blueprint("complaints", __name__)

register_nav(38, "complaints.index", N_("Pengaduan"), "complaint.view")
register_tile(("peksos", "supervisor", "operator", "pimpinan", "auditor"), "complaints.index", N_("Pengaduan"),
              N_("Pengaduan dan permohonan masyarakat dari semua saluran: nomor lacak, tenggat, tindak lanjut."))
register_tile(("supervisor",), "complaints.escalated", N_("Pengaduan lewat tenggat"),
              N_("Pengaduan yang melewati batas waktu layanan dan dieskalasi kepada Anda."))
register_tile(("admin",), "complaints.categories", N_("Kategori pengaduan"),
              N_("Batas waktu layanan per kategori pengaduan."))

from blueprints.complaints import intake, public, views  # noqa: E402,F401  (routes)
