"""Care a case receives: deliveries, rehabilitation setting, family tracing and reunification,
referrals with their letter, return home, task lists (docs/care.md).

Staff pages live under ``/layanan``; two PUBLIC pages need no login and never show personal
data (``referrals``: the letter verification page and the one-time answer link). The views are
in ``case_page``, ``deliveries``, ``institutions``, ``tracing``, ``referrals`` (with ``letters``),
``returns`` and ``tasks``; the API endpoints in the ``api`` package.
"""

from __future__ import annotations

from flask import Blueprint

from blueprints.core.nav import register_nav, register_tile
from service.core.errors import N_

bp = Blueprint("care", __name__)

register_nav(30, "care.index", N_("Layanan"), "care.view")
register_nav(32, "care.referral_list", N_("Rujukan"), "referral.view")
register_nav(34, "care.tasks", N_("Tugas saya"), "task.view")
register_nav(36, "care.overview", N_("Ringkasan tugas"), "task.overview")
register_nav(85, "care.settings_page", N_("Pengaturan layanan"), "settings.edit")
register_tile(("admin",), "care.settings_page", N_("Pengaturan layanan"),
              N_("Format nomor surat rujukan, jadwal kunjungan lanjutan, batas pengingat."))
register_tile(("admin", "supervisor", "operator"), "care.institution_list", N_("Daftar lembaga"),
              N_("Panti, LKS, rumah sakit, balai dan dinas sosial lain tujuan rujukan."))
register_tile(("peksos", "supervisor", "operator"), "care.tasks", N_("Tugas saya"),
              N_("Kunjungan terlewat, rujukan belum dijawab, kasus tanpa kegiatan, rencana lewat tenggat."))
register_tile(("supervisor", "pimpinan"), "care.overview", N_("Ringkasan tugas"),
              N_("Apa yang terlambat, per petugas."))
register_tile(("peksos", "supervisor", "operator", "pimpinan", "auditor"), "care.index", N_("Layanan"),
              N_("Pemberian layanan: rencana, diberikan, dibatalkan, terlambat dicatat."))
register_tile(("peksos", "supervisor", "operator", "pimpinan", "auditor"), "care.referral_list", N_("Rujukan"),
              N_("Rujukan ke lembaga lain dan surat resminya."))

from blueprints.care import (  # noqa: E402,F401  (register the views)
    case_page,
    deliveries,
    institutions,
    referrals,
    returns,
    tasks,
    tracing,
)
