"""Perlindungan dan Jaminan Sosial (``/perlindungan``): DTKS/DTSEN proposals and their batches
(``views_proposals``), programmes, PBI-JK letters, civil documents, the heroes' cemetery
(``views_records``), the API (``api``). docs/protection.md."""

from __future__ import annotations

from flask import Blueprint

from blueprints.core.nav import register_nav, register_tile
from service.core.errors import N_

bp = Blueprint("protection", __name__)

register_nav(37, "protection.index", N_("Perlindungan"), "protection.view")
register_tile(("supervisor", "operator", "pimpinan", "auditor", "peksos"), "protection.index",
              N_("Perlindungan dan Jaminan Sosial"),
              N_("Usulan DTKS/DTSEN, kepesertaan PKH/BPNT/PBI-JK, rekomendasi PBI-JK, dokumen kependudukan, TMP."))
register_tile(("pimpinan",), "protection.batches", N_("Berkas usulan DTKS menunggu persetujuan"),
              N_("Setujui atau kembalikan berkas usulan DTKS/DTSEN sebelum diunggah ke kementerian."))

from blueprints.protection import person_section, views_proposals, views_records  # noqa: E402,F401  (routes)
