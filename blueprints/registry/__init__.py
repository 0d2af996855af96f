"""Registry web area (docs/registry.md): persons (intake with duplicate check), households, the
duplicates queue, the BNBA upload. The views are in ``persons``, ``households``, ``duplicates`` and
``bnba``; shared helpers in ``common``; the API in ``api``.
"""

from __future__ import annotations

from typing import Any

from flask import Blueprint

from blueprints.core.labels import label, ref_name
from blueprints.core.nav import register_nav, register_tile
from service.core.db import session
from service.core.errors import N_
from service.reference import regions

bp = Blueprint("registry", __name__)

register_nav(10, "registry.index", N_("Orang"), "person.view")
register_nav(14, "registry.duplicates", N_("Duplikat"), "person.merge")
register_nav(16, "registry.import_page", N_("Impor BNBA"), "import.bnba")
register_tile(("peksos", "supervisor", "operator"), "registry.new", N_("Registrasi & intake"),
              N_("Cari atau daftarkan orang, lalu buka kasus."))
register_tile(("peksos", "supervisor", "operator", "pimpinan", "auditor"), "registry.index", N_("Daftar orang"),
              N_("PPKS terdaftar, dengan atau tanpa NIK."))
register_tile(("supervisor",), "registry.duplicates", N_("Antrean duplikat"),
              N_("Periksa dan gabungkan data orang yang tercatat ganda."))
register_tile(("operator", "supervisor"), "registry.import_page", N_("Impor BNBA"),
              N_("Unggah daftar by-name-by-address (CSV/XLSX)."))


@bp.app_context_processor
def _labels() -> dict[str, Any]:
    from service.reference.models import PpksCategory
    from service.registry.nik import WARNINGS

    def category_name(code: str) -> str:
        return ref_name(session.get(PpksCategory, code)) or code

    def region_name(code: str | None) -> str:
        region = regions.get(code)
        return region.name if region is not None else (code or "")

    return {"label": label, "ref_name": ref_name, "region_label": regions.label, "region_name": region_name,
            "code_message": lambda code: WARNINGS.get(code, code), "category_name": category_name}



from blueprints.registry import bnba, duplicates, households, persons  # noqa: E402,F401  (register the views)
