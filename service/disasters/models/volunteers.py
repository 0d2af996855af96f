"""TAGANA roster: members, trainings/certificates, deployments to events.

Owner module: ``service.disasters.volunteers``.
"""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from sqlalchemy import ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from service.core.db import Base, Timestamps, UUIDPk, Versioned
from service.disasters.models.events import DisasterEvent


class Volunteer(UUIDPk, Timestamps, Versioned, Base):
    __tablename__ = "volunteers"

    member_number: Mapped[str] = mapped_column(String(40), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    nik: Mapped[str | None] = mapped_column(String(16), unique=True, default=None)
    phone: Mapped[str | None] = mapped_column(String(32), default=None)
    skills: Mapped[list[Any]] = mapped_column(default=list)
    # District (kecamatan) code the member belongs to; governs access.
    area_code: Mapped[str] = mapped_column(String(13), index=True)
    active: Mapped[bool] = mapped_column(default=True)
    # The member's login (role tagana), if any.
    user_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("users.id"), unique=True, default=None)

    trainings: Mapped[list[VolunteerTraining]] = relationship(back_populates="volunteer",
                                                              order_by="VolunteerTraining.held_on",
                                                              cascade="all, delete-orphan")
    deployments: Mapped[list[Deployment]] = relationship(back_populates="volunteer",
                                                         order_by="Deployment.started_on")


class VolunteerTraining(UUIDPk, Timestamps, Base):
    __tablename__ = "volunteer_trainings"

    volunteer_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("volunteers.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    certificate_no: Mapped[str | None] = mapped_column(String(80), default=None)
    held_on: Mapped[dt.date | None] = mapped_column(default=None)

    volunteer: Mapped[Volunteer] = relationship(back_populates="trainings")


class Deployment(UUIDPk, Timestamps, Base):
    __tablename__ = "deployments"
    __table_args__ = (UniqueConstraint("volunteer_id", "event_id", "started_on"),)

    volunteer_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("volunteers.id"), index=True)
    event_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("disaster_events.id"), index=True)
    role: Mapped[str] = mapped_column(String(80))
    started_on: Mapped[dt.date]
    ended_on: Mapped[dt.date | None] = mapped_column(default=None)
    notes: Mapped[str | None] = mapped_column(Text, default=None)

    volunteer: Mapped[Volunteer] = relationship(back_populates="deployments")
    event: Mapped[DisasterEvent] = relationship(back_populates="deployments")
