"""Trainings and capacity building of PSKS: who attended what, when (docs/psks.md).

The Renja counts come from here: distinct PSKS persons of the capacity kinds (TKSK, PSM,
penyuluh, pekerja sosial) and distinct institutions that attended a training that **ended** in
the period.
"""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from sqlalchemy import Select, func, or_, select, true

from service.core import clock
from service.core.access import scope_area
from service.core.db import get_or_raise, session
from service.core.errors import N_, ValidationError
from service.core.formatting import past_date
from service.psks.models import CAPACITY_KINDS, PsksOrganisation, PsksParticipation, PsksTraining, PsksWorker
from service.psks.register import LKS, organisation_area
from service.reference import regions


def get_training(training_id: uuid.UUID | str) -> PsksTraining:
    return get_or_raise(PsksTraining, training_id, N_("Pelatihan tidak ditemukan."))  # type: ignore[no-any-return]


def _fields(data: dict[str, Any], today: dt.date) -> dict[str, Any]:
    errors: dict[str, str] = {}
    title = " ".join(str(data.get("title") or "").split())[:300]
    if not title:
        errors["title"] = N_("Nama pelatihan wajib diisi.")
    starts = past_date(data.get("starts_on"), "starts_on", today, errors, required=True)
    ends = past_date(data.get("ends_on") or data.get("starts_on"), "ends_on", today, errors, required=True)
    if starts and ends and ends < starts:
        errors["ends_on"] = N_("Tanggal selesai tidak boleh sebelum tanggal mulai.")
    area = str(data.get("area_code") or "").strip()
    if not area or regions.get(area) is None:
        errors["area_code"] = N_("Pilih wilayah.")
    if errors:
        raise ValidationError(errors)
    return {"title": title, "starts_on": starts, "ends_on": ends, "area_code": area,
            **{k: (" ".join(str(data.get(k) or "").split()) or None) for k in ("organiser", "location", "notes")}}


def create_training(data: dict[str, Any], today: dt.date | None = None) -> PsksTraining:
    training = PsksTraining(**_fields(data, today or clock.today()))
    session.add(training)
    session.flush()
    return training


def update_training(training: PsksTraining, data: dict[str, Any], today: dt.date | None = None) -> PsksTraining:
    for key, value in _fields(data, today or clock.today()).items():
        if getattr(training, key) != value:
            setattr(training, key, value)
    session.flush()
    return training


def add_participant(training: PsksTraining, *, worker: PsksWorker | None = None,
                    organisation: PsksOrganisation | None = None, representative: str | None = None,
                    certificate_number: str | None = None) -> PsksParticipation:
    if (worker is None) == (organisation is None):
        raise ValidationError({"participant": N_("Pilih satu orang atau satu lembaga.")})
    clash = select(PsksParticipation.id).where(PsksParticipation.training_id == training.id)
    clash = clash.where(PsksParticipation.worker_id == worker.id) if worker is not None else \
        clash.where(PsksParticipation.organisation_id == organisation.id)  # type: ignore[union-attr]
    if session.scalar(clash) is not None:
        raise ValidationError({"participant": N_("Peserta ini sudah tercatat pada pelatihan ini.")})
    part = PsksParticipation(worker_id=worker.id if worker else None,
                             organisation_id=organisation.id if organisation else None,
                             representative=(representative or "").strip() or None,
                             certificate_number=(certificate_number or "").strip() or None)
    training.participations.append(part)
    session.flush()
    return part


def remove_participant(training: PsksTraining, participation_id: uuid.UUID | str) -> None:
    part = next((p for p in training.participations if str(p.id) == str(participation_id)), None)
    if part is None:
        raise ValidationError({"participant": N_("Peserta tidak ditemukan.")})
    training.participations.remove(part)
    session.flush()


def training_query(user: Any, q: str | None = None, year: int | None = None) -> Select[Any]:
    stmt = (select(PsksTraining).where(scope_area(user, PsksTraining.area_code))
            .order_by(PsksTraining.starts_on.desc(), PsksTraining.title))
    if q:
        like = f"%{q.strip()}%"
        stmt = stmt.where(or_(PsksTraining.title.ilike(like), PsksTraining.organiser.ilike(like),
                              PsksTraining.location.ilike(like)))
    if year:
        stmt = stmt.where(PsksTraining.ends_on >= dt.date(year, 1, 1), PsksTraining.ends_on <= dt.date(year, 12, 31))
    return stmt


def participant_count(training_ids: list[uuid.UUID]) -> dict[uuid.UUID, int]:
    if not training_ids:
        return {}
    return dict(session.execute(select(PsksParticipation.training_id, func.count())  # type: ignore[arg-type]
                                .where(PsksParticipation.training_id.in_(training_ids))
                                .group_by(PsksParticipation.training_id)).all())


# ---------------------------------------------------------------- Renja counts and their drill-down
def _area(column: Any, area: str | None) -> Any:
    return true() if not area else or_(column == area, column.like(area + ".%"))


def trained_workers_stmt(start: dt.date, end: dt.date, area: str | None = None) -> Select[Any]:
    """PSKS persons of the capacity kinds who attended a training that ended in [start, end]."""
    attended = (select(PsksParticipation.worker_id).join(PsksTraining)
                .where(PsksTraining.ends_on >= start, PsksTraining.ends_on <= end))
    return (select(PsksWorker).where(PsksWorker.id.in_(attended), PsksWorker.kind.in_(CAPACITY_KINDS),
                                     _area(PsksWorker.area_code, area)).order_by(PsksWorker.name))


def trained_organisations_stmt(start: dt.date, end: dt.date, area: str | None = None) -> Select[Any]:
    """Institutions that attended a training that ended in [start, end]."""
    attended = (select(PsksParticipation.organisation_id).join(PsksTraining)
                .where(PsksTraining.ends_on >= start, PsksTraining.ends_on <= end))
    return (select(PsksOrganisation).outerjoin(LKS, LKS.id == PsksOrganisation.institution_id)
            .where(PsksOrganisation.id.in_(attended), _area(organisation_area(), area)))


def count(stmt: Select[Any]) -> int:
    return int(session.scalar(select(func.count()).select_from(stmt.order_by(None).subquery())) or 0)
