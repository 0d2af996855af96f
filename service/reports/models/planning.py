"""Renja plans, the service type → sub-activity mapping, SPM targets, hand-entered realisations.

Owner module: ``service.reports.renja_plans`` (SPM targets: ``service.reports.spm``).
"""

from __future__ import annotations

import uuid

from sqlalchemy import ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from service.core.db import Base, Timestamps, UUIDPk

PLAN_LEVELS = ("program", "kegiatan", "sub_kegiatan")


class Plan(UUIDPk, Timestamps, Base):
    """The Renja plan loaded for a year (one per year; re-importing updates it)."""

    __tablename__ = "plans"

    year: Mapped[int] = mapped_column(unique=True)
    source_name: Mapped[str] = mapped_column(String(200), default="")

    rows: Mapped[list[PlanRow]] = relationship(back_populates="plan", cascade="all, delete-orphan",
                                               order_by="PlanRow.position")


class PlanRow(UUIDPk, Timestamps, Base):
    """One program, kegiatan or sub kegiatan line of a plan, as in the office's table."""

    __tablename__ = "plan_rows"
    __table_args__ = (UniqueConstraint("plan_id", "code"),)

    plan_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("plans.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(default=0)
    code: Mapped[str] = mapped_column(String(40))
    level: Mapped[str] = mapped_column(String(15))
    name: Mapped[str] = mapped_column(Text)
    indicator: Mapped[str] = mapped_column(Text, default="")
    unit: Mapped[str] = mapped_column(String(30), default="")
    target: Mapped[int | None] = mapped_column(default=None)
    budget: Mapped[int | None] = mapped_column(default=None)  # integer rupiah

    plan: Mapped[Plan] = relationship(back_populates="rows")


class RenjaMapping(Timestamps, Base):
    """An administrator's override of a service type's Renja codes (defaults: service_types.csv)."""

    __tablename__ = "renja_mappings"

    service_type_code: Mapped[str] = mapped_column(ForeignKey("service_types.code"), primary_key=True)
    renja_code_spm: Mapped[str | None] = mapped_column(String(40), default=None)
    renja_code_other: Mapped[str | None] = mapped_column(String(40), default=None)


class HandRealisation(UUIDPk, Timestamps, Base):
    """A quarter's realisation entered by hand for a unit no record can produce (who/when: Timestamps)."""

    __tablename__ = "renja_hand_entries"
    __table_args__ = (UniqueConstraint("year", "code", "quarter"),)

    year: Mapped[int]
    code: Mapped[str] = mapped_column(String(40))
    quarter: Mapped[int]
    value: Mapped[int] = mapped_column(default=0)
    note: Mapped[str | None] = mapped_column(Text, default=None)


class SpmTarget(Timestamps, Base):
    """The planned number of persons for a basic service in a year (shown beside N)."""

    __tablename__ = "spm_targets"

    year: Mapped[int] = mapped_column(primary_key=True)
    basic_service_code: Mapped[str] = mapped_column(ForeignKey("basic_services.code"), primary_key=True)
    target: Mapped[int]


# Report speed (owned here, on a core table): the SPM and Renja queries probe
# counted deliveries by person, service type and date; voided and merely planned
# rows never count, so they stay out of the index.
from sqlalchemy import Index, text  # noqa: E402

from service.care.models.deliveries import Delivery  # noqa: E402

Index("ix_deliveries_counted", Delivery.person_id, Delivery.service_type_code, Delivery.delivered_on,
      sqlite_where=text("voided_at IS NULL AND delivered_on IS NOT NULL"),
      postgresql_where=text("voided_at IS NULL AND delivered_on IS NOT NULL"))
