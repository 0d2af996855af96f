"""The reports area's derived tables, registered by ``service.core.derived.install`` (docs/reports.md)."""

from __future__ import annotations

from service.reports.iku_summary import IKU_YEARS
from service.reports.renja_summary import RENJA_YEARS
from service.reports.spm_summary import SPM_NEEDS
from service.reports.spm_trend import SPM_SIGNATURES

# SPM_SIGNATURES is computed from spm_person_needs: it must follow SPM_NEEDS (refreshes run in this order).
TABLES = (SPM_NEEDS, SPM_SIGNATURES, RENJA_YEARS, IKU_YEARS)
