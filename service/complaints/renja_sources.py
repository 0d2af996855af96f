"""The complaints desk's Renja record source (docs/complaints.md): a resolved complaint is one person
who received the "Layanan Data dan Pengaduan" in the month it was resolved."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Select, or_

from service.complaints.models import Complaint
from service.complaints.stats import resolved_stmt
from service.core.errors import N_
from service.reports.renja_sources import RecordSource, SourceRecord, register_source


def _describe(c: Complaint) -> SourceRecord:
    return SourceRecord(label=c.number, detail=c.category, on=c.resolved_on,
                        link=("complaints.detail", {"complaint_id": c.id}))


def _search(stmt: Select[Any], q: str) -> Select[Any]:
    like = f"%{q}%"
    return stmt.where(or_(Complaint.number.ilike(like), Complaint.complainant_name.ilike(like)))


register_source(RecordSource("complaints", N_("Pengaduan yang diselesaikan"), "orang", resolved_stmt, _describe,
                             _search))
