"""The PSKS register (``/psks``): persons and institutions, their trainings, LKS documents and the
reminders before they lapse (docs/psks.md). ``views_register`` (persons, institutions, documents),
``views_trainings`` (trainings, the overview, the reminder list), ``api``."""

from __future__ import annotations

from flask import Blueprint

from blueprints.core.nav import register_nav, register_tile
from service.core.errors import N_

bp = Blueprint("psks", __name__)

register_nav(39, "psks.index", N_("PSKS"), "psks.view")
register_tile(("supervisor", "operator", "pimpinan", "auditor", "peksos"), "psks.index", N_("PSKS"),
              N_("TKSK, PSM, penyuluh, pekerja sosial, Karang Taruna, LKS: data, pelatihan, dokumen LKS."))
register_tile(("supervisor", "operator"), "psks.reminders", N_("Dokumen LKS akan berakhir"),
              N_("Tanda daftar, izin operasional dan akreditasi LKS yang segera atau sudah berakhir."))

from blueprints.psks import views_register, views_trainings  # noqa: E402,F401  (routes)
