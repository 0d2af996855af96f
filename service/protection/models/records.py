"""Records that feed Renja sub-activities directly: civil documents obtained for a person (the
*dokumen_kependudukan* service), the heroes' cemetery's graves and their maintenance, and the
national-day ceremonies. Owner modules: ``service.protection.documents``, ``service.protection.cemetery``.
"""

from __future__ import annotations

import datetime as dt
import uuid

from sqlalchemy import ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from service.core.db import Base, Timestamps, UUIDPk
from service.registry.models import Person

CIVIL_DOCUMENT_KINDS = ("nik", "kk", "akta", "kia")
MAINTENANCE_WORKS = ("cleaning", "painting", "repair", "landscaping")
NATIONAL_DAYS = ("pahlawan", "kemerdekaan", "kesaktian_pancasila", "hks", "other")


class CivilDocument(UUIDPk, Timestamps, Base):
    """A civil-registration document a person obtained with the office's help (one delivery of the
    *dokumen_kependudukan* service, which SPM counts)."""

    __tablename__ = "civil_documents"

    person_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("persons.id"), index=True)
    delivery_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("deliveries.id"), unique=True)
    kind: Mapped[str] = mapped_column(String(6))
    number: Mapped[str | None] = mapped_column(String(60), default=None)
    obtained_on: Mapped[dt.date] = mapped_column(index=True)
    area_code: Mapped[str] = mapped_column(String(13), index=True)

    person: Mapped[Person] = relationship()


class Grave(UUIDPk, Timestamps, Base):
    __tablename__ = "tmp_graves"
    __table_args__ = (UniqueConstraint("cemetery", "plot", name="cemetery_plot"),)

    cemetery: Mapped[str] = mapped_column(String(200))  # Taman Makam Pahlawan …
    plot: Mapped[str] = mapped_column(String(40))  # block-row-number
    hero_name: Mapped[str] = mapped_column(String(200), index=True)
    rank: Mapped[str | None] = mapped_column(String(120), default=None)
    buried_on: Mapped[dt.date | None] = mapped_column(default=None)
    area_code: Mapped[str] = mapped_column(String(13), index=True)  # where the cemetery is

    maintenance: Mapped[list[GraveMaintenance]] = relationship(back_populates="grave",
                                                               order_by="GraveMaintenance.done_on.desc()")


class GraveMaintenance(UUIDPk, Timestamps, Base):
    __tablename__ = "tmp_grave_maintenance"

    grave_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("tmp_graves.id"), index=True)
    done_on: Mapped[dt.date] = mapped_column(index=True)
    work: Mapped[str] = mapped_column(String(20))
    notes: Mapped[str | None] = mapped_column(Text, default=None)

    grave: Mapped[Grave] = relationship(back_populates="maintenance")


class Ceremony(UUIDPk, Timestamps, Base):
    """A national-day ceremony the office held or took part in (Hari Pahlawan at the cemetery, …)."""

    __tablename__ = "national_day_ceremonies"

    day: Mapped[str] = mapped_column(String(24))
    held_on: Mapped[dt.date] = mapped_column(index=True)
    place: Mapped[str] = mapped_column(String(200))
    participants: Mapped[int | None] = mapped_column(default=None)
    area_code: Mapped[str] = mapped_column(String(13), index=True)
    notes: Mapped[str | None] = mapped_column(Text, default=None)
