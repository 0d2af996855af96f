"""The PSKS register's Renja record sources (docs/psks.md): PSKS persons (TKSK, PSM, penyuluh, pekerja
sosial) and institutions that attended a training ending in the period — the sub-activities
"PSKS perseorangan / kelembagaan yang meningkat kapasitasnya"."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Select, or_

from service.core.errors import N_
from service.psks.models import PsksOrganisation, PsksWorker
from service.psks.register import LKS, ORGANISATION_LABELS, WORKER_LABELS
from service.psks.trainings import trained_organisations_stmt, trained_workers_stmt
from service.reports.renja_sources import RecordSource, SourceRecord, register_source


def _worker(w: PsksWorker) -> SourceRecord:
    return SourceRecord(label=w.name, detail=WORKER_LABELS[w.kind], link=("psks.worker", {"worker_id": w.id}))


def _organisation(o: PsksOrganisation) -> SourceRecord:
    return SourceRecord(label=o.display_name, detail=ORGANISATION_LABELS[o.kind],
                        link=("psks.organisation", {"organisation_id": o.id}))


def _search_workers(stmt: Select[Any], q: str) -> Select[Any]:
    return stmt.where(PsksWorker.name.ilike(f"%{q}%"))


def _search_organisations(stmt: Select[Any], q: str) -> Select[Any]:
    like = f"%{q}%"
    return stmt.where(or_(PsksOrganisation.name.ilike(like), LKS.name.ilike(like)))


register_source(RecordSource("psks_persons", N_("PSKS perseorangan yang dilatih"), "orang", trained_workers_stmt,
                             _worker, _search_workers))
register_source(RecordSource("psks_institutions", N_("Lembaga PSKS yang dilatih"), "lembaga",
                             trained_organisations_stmt, _organisation, _search_organisations))
