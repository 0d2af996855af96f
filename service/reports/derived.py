"""The reports area's derived tables, registered by ``service.core.derived.install`` (docs/reports.md)."""

from __future__ import annotations

from service.reports.iku_summary import IKU_YEARS
from service.reports.renja_summary import RENJA_YEARS
from service.reports.spm_summary import SPM_NEEDS

TABLES = (SPM_NEEDS, RENJA_YEARS, IKU_YEARS)
