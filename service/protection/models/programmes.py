"""Social-assistance programmes (PKH, BPNT/sembako, PBI-JK, ASPD, regional ones) as reference data,
the membership of households and persons with the disbursement stage and graduation, and the PBI-JK
recommendation letters. Owner modules: ``service.protection.programmes``, ``service.protection.letters``.
"""

from __future__ import annotations

import datetime as dt
import uuid

from sqlalchemy import CheckConstraint, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from service.core.db import Base, Timestamps, UUIDPk, Versioned
from service.registry.models import Household, Person

PROGRAMME_LEVELS = ("national", "regional")
PROGRAMME_UNITS = ("household", "person")
MEMBERSHIP_STATUSES = ("active", "suspended", "graduated", "ended")
LETTER_STATUSES = ("issued", "accepted", "rejected", "cancelled")


class AidProgramme(Timestamps, Base):
    __tablename__ = "aid_programmes"

    code: Mapped[str] = mapped_column(String(30), primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    level: Mapped[str] = mapped_column(String(10), default="national")
    unit: Mapped[str] = mapped_column(String(10), default="household")  # who is a member
    description: Mapped[str | None] = mapped_column(Text, default=None)
    active: Mapped[bool] = mapped_column(default=True)


class ProgrammeMembership(UUIDPk, Timestamps, Versioned, Base):
    __tablename__ = "programme_memberships"
    __table_args__ = (CheckConstraint("(person_id IS NULL) <> (household_id IS NULL)", name="one_member"),)

    programme_code: Mapped[str] = mapped_column(ForeignKey("aid_programmes.code"), index=True)
    person_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("persons.id"), index=True, default=None)
    household_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("households.id"), index=True, default=None)
    area_code: Mapped[str] = mapped_column(String(13), index=True)
    member_number: Mapped[str | None] = mapped_column(String(60), default=None)  # KPM / BPJS card number
    stage: Mapped[str | None] = mapped_column(String(60), default=None)  # tahap (disbursement stage)
    status: Mapped[str] = mapped_column(String(12), default="active", index=True)
    started_on: Mapped[dt.date]
    ended_on: Mapped[dt.date | None] = mapped_column(default=None)  # graduated or ended
    status_reason: Mapped[str | None] = mapped_column(Text, default=None)

    programme: Mapped[AidProgramme] = relationship()
    person: Mapped[Person | None] = relationship()
    household: Mapped[Household | None] = relationship()


class PbiRecommendation(UUIDPk, Timestamps, Versioned, Base):
    """A *surat rekomendasi* PBI-JK: the office asks a hospital or the BPJS office to enrol a person now."""

    __tablename__ = "pbi_recommendations"

    person_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("persons.id"), index=True)
    area_code: Mapped[str] = mapped_column(String(13), index=True)
    addressed_to: Mapped[str] = mapped_column(String(200))  # RSUD …, BPJS Kesehatan Kantor Cabang …
    reason: Mapped[str] = mapped_column(Text)
    letter_number: Mapped[str] = mapped_column(String(120), unique=True)
    letter_date: Mapped[dt.date] = mapped_column(index=True)
    verify_code: Mapped[str] = mapped_column(String(40), unique=True)
    signer_name: Mapped[str | None] = mapped_column(String(200), default=None)
    signer_title: Mapped[str | None] = mapped_column(String(200), default=None)
    signer_nip: Mapped[str | None] = mapped_column(String(30), default=None)
    status: Mapped[str] = mapped_column(String(12), default="issued", index=True)
    answered_on: Mapped[dt.date | None] = mapped_column(default=None)
    responder: Mapped[str | None] = mapped_column(String(200), default=None)
    answer_note: Mapped[str | None] = mapped_column(Text, default=None)

    person: Mapped[Person] = relationship()
