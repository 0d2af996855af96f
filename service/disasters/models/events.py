"""Disaster events, victims by household, shelters and stays.

Owner module: ``service.disasters.events``.
"""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from sqlalchemy import CheckConstraint, ForeignKey, Index, String, Text, UniqueConstraint, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from service.core import clock
from service.core.db import Base, Timestamps, UUIDPk, Versioned
from service.registry.models import Person

EVENT_TYPES = ("banjir", "longsor", "kebakaran", "angin_puting_beliung", "gempa_bumi", "konflik_sosial", "lainnya")
EVENT_CATEGORIES = ("alam", "sosial", "non_alam")
EVENT_STATUSES = ("tanggap_darurat", "pemulihan", "selesai")
VICTIM_STATUSES = ("mengungsi", "di_pengungsian", "tinggal_keluarga", "luka", "meninggal", "hilang")
VULNERABLE_GROUPS = ("balita", "ibu_hamil_menyusui", "lansia", "disabilitas")
DAMAGE_LEVELS = ("tidak_rusak", "rusak_ringan", "rusak_sedang", "rusak_berat")


class DisasterCodeSequence(Base):
    """Per prefix and year counter behind readable event codes (BNJ-2026-003)."""

    __tablename__ = "disaster_code_sequences"
    __audit__ = False

    prefix: Mapped[str] = mapped_column(String(10), primary_key=True)
    year: Mapped[int] = mapped_column(primary_key=True)
    last_value: Mapped[int] = mapped_column(default=0)


class DisasterEvent(UUIDPk, Timestamps, Versioned, Base):
    __tablename__ = "disaster_events"

    # TAGANA volunteers reach an event only when deployed to it (service.core.access.can).
    assigned_only_roles = ("tagana",)

    code: Mapped[str] = mapped_column(String(20), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    event_type: Mapped[str] = mapped_column(String(30))
    category: Mapped[str] = mapped_column(String(12))
    # Region that governs access (the regency/city or a district).
    area_code: Mapped[str] = mapped_column(String(13), index=True)
    village_codes: Mapped[list[Any]] = mapped_column(default=list)
    started_on: Mapped[dt.date]
    emergency_start: Mapped[dt.date | None] = mapped_column(default=None)
    emergency_end: Mapped[dt.date | None] = mapped_column(default=None)
    status: Mapped[str] = mapped_column(String(20), default="tanggap_darurat", index=True)
    summary: Mapped[str | None] = mapped_column(Text, default=None)

    deployments: Mapped[list[Any]] = relationship("Deployment", back_populates="event", viewonly=True)

    @property
    def ppks_category(self) -> str:
        return "korban_bencana_sosial" if self.category == "sosial" else "korban_bencana_alam"

    def assigned_user_ids(self) -> list[uuid.UUID]:
        """Users of active members whose deployment is open; an ended deployment (end date today
        or earlier) gives no access."""
        today = clock.today()
        return [d.volunteer.user_id for d in self.deployments
                if d.volunteer.user_id and d.volunteer.active and (d.ended_on is None or d.ended_on > today)]

    def __repr__(self) -> str:
        return f"<DisasterEvent {self.code}>"


class VictimHousehold(UUIDPk, Timestamps, Versioned, Base):
    """A household affected by an event (head + members), with its house damage."""

    __tablename__ = "victim_households"
    __table_args__ = (UniqueConstraint("event_id", "head_person_id"),)

    event_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("disaster_events.id"), index=True)
    head_person_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("persons.id"))
    village_code: Mapped[str | None] = mapped_column(ForeignKey("regions.code"), default=None)
    area_code: Mapped[str] = mapped_column(String(13), index=True)
    address: Mapped[str | None] = mapped_column(Text, default=None)
    damage_level: Mapped[str] = mapped_column(String(20), default="tidak_rusak")
    notes: Mapped[str | None] = mapped_column(Text, default=None)

    event: Mapped[DisasterEvent] = relationship()
    head: Mapped[Person] = relationship()
    members: Mapped[list[Victim]] = relationship(back_populates="household", order_by="Victim.created_at")


class Victim(UUIDPk, Timestamps, Versioned, Base):
    """One person affected by one event (the eligible SPM ``bencana`` assessment)."""

    __tablename__ = "victims"
    __table_args__ = (UniqueConstraint("event_id", "person_id"),)

    event_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("disaster_events.id"), index=True)
    household_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("victim_households.id"), index=True)
    person_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("persons.id"), index=True)
    relationship_code: Mapped[str] = mapped_column(String(30), default="kepala_keluarga")
    status: Mapped[str] = mapped_column(String(20), default="mengungsi", index=True)
    vulnerable_groups: Mapped[list[Any]] = mapped_column(default=list)
    case_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("cases.id"), default=None)
    assessment_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("assessments.id"), default=None)
    registered_on: Mapped[dt.date]
    notes: Mapped[str | None] = mapped_column(Text, default=None)

    household: Mapped[VictimHousehold] = relationship(back_populates="members")
    person: Mapped[Person] = relationship()
    event: Mapped[DisasterEvent] = relationship()


class Shelter(UUIDPk, Timestamps, Versioned, Base):
    """An evacuee shelter (pos pengungsian)."""

    __tablename__ = "shelters"
    __table_args__ = (CheckConstraint("capacity >= 0", name="capacity_not_negative"),)

    event_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("disaster_events.id"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    place: Mapped[str | None] = mapped_column(Text, default=None)
    village_code: Mapped[str | None] = mapped_column(ForeignKey("regions.code"), default=None)
    capacity: Mapped[int] = mapped_column(default=0)
    active: Mapped[bool] = mapped_column(default=True)

    event: Mapped[DisasterEvent] = relationship()


class ShelterStay(UUIDPk, Timestamps, Base):
    __tablename__ = "shelter_stays"
    __table_args__ = (
        # A victim is checked in at one shelter at a time.
        Index("uq_shelter_stays_open", "victim_id", unique=True,
              sqlite_where=text("checked_out_on IS NULL"), postgresql_where=text("checked_out_on IS NULL")),
    )

    shelter_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("shelters.id"), index=True)
    victim_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("victims.id"), index=True)
    checked_in_on: Mapped[dt.date]
    checked_out_on: Mapped[dt.date | None] = mapped_column(default=None)

    shelter: Mapped[Shelter] = relationship()
    victim: Mapped[Victim] = relationship()
