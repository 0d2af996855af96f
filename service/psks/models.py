"""PSKS: the office's social-welfare partners — persons (TKSK, PSM, penyuluh, pekerja sosial, …)
and institutions (LKS, Karang Taruna, LK3, …) — their trainings, and the LKS documents.

An LKS is not registered twice: its PSKS record *links* the care area's institution register
(``institutions``, the panti/LKS used for placements and referrals), and its name, address,
region and contact are that institution's. Other institutions (a Karang Taruna, a business)
carry their own. Owner modules: ``service.psks.register``, ``service.psks.trainings``,
``service.psks.documents``. docs/psks.md.
"""

from __future__ import annotations

import datetime as dt
import uuid
from typing import TYPE_CHECKING

from sqlalchemy import CheckConstraint, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from service.core.db import Base, Timestamps, UUIDPk, Versioned, utcnow

if TYPE_CHECKING:  # the care area's register; mapped by name so this module does not depend on its layout
    from service.care.models.institutions import Institution

# Individual PSKS (Permensos 8/2012); TAGANA volunteers are in the disaster module's roster.
WORKER_KINDS = ("tksk", "psm", "penyuluh_sosial", "penyuluh_sosial_masyarakat", "pekerja_sosial", "wpks",
                "relawan_sosial")
# Those the Renja sub-activity "PSKS perseorangan yang meningkat kapasitasnya" counts.
CAPACITY_KINDS = ("tksk", "psm", "penyuluh_sosial", "penyuluh_sosial_masyarakat", "pekerja_sosial")
ORGANISATION_KINDS = ("lks", "karang_taruna", "lk3", "wksbm", "keluarga_pioneer", "dunia_usaha", "other")
DOCUMENT_KINDS = ("tanda_daftar", "izin_operasional", "akreditasi")
ACCREDITATION_GRADES = ("A", "B", "C")


class PsksWorker(UUIDPk, Timestamps, Versioned, Base):
    """A person who works with the office: a TKSK for a district, a PSM for a village, …"""

    __tablename__ = "psks_workers"

    kind: Mapped[str] = mapped_column(String(30), index=True)
    name: Mapped[str] = mapped_column(String(200), index=True)
    nik: Mapped[str | None] = mapped_column(String(16), unique=True, default=None)
    sex: Mapped[str | None] = mapped_column(String(1), default=None)
    birth_date: Mapped[dt.date | None] = mapped_column(default=None)
    phone: Mapped[str | None] = mapped_column(String(40), default=None)
    address: Mapped[str | None] = mapped_column(Text, default=None)
    # Where they serve (a TKSK's district, a PSM's village): governs who may see the record.
    area_code: Mapped[str] = mapped_column(String(13), index=True)
    appointment_number: Mapped[str | None] = mapped_column(String(120), default=None)  # SK
    appointed_on: Mapped[dt.date | None] = mapped_column(default=None)
    certificate_number: Mapped[str | None] = mapped_column(String(120), default=None)  # competence certificate
    active: Mapped[bool] = mapped_column(default=True)
    ended_on: Mapped[dt.date | None] = mapped_column(default=None)
    notes: Mapped[str | None] = mapped_column(Text, default=None)

    participations: Mapped[list[PsksParticipation]] = relationship(back_populates="worker")


class PsksOrganisation(UUIDPk, Timestamps, Versioned, Base):
    """An institution PSKS. An LKS links the institutions register and takes its identity from it."""

    __tablename__ = "psks_organisations"
    __table_args__ = (
        CheckConstraint("(kind = 'lks' AND institution_id IS NOT NULL AND name IS NULL) OR "
                        "(kind <> 'lks' AND institution_id IS NULL AND name IS NOT NULL)", name="lks_links_institution"),
    )

    kind: Mapped[str] = mapped_column(String(30), index=True)
    institution_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("institutions.id"), unique=True, default=None)
    # Own identity, for every kind but LKS (NULL there: the institution's is used).
    name: Mapped[str | None] = mapped_column(String(200), index=True, default=None)
    region_code: Mapped[str | None] = mapped_column(String(13), index=True, default=None)
    address: Mapped[str | None] = mapped_column(Text, default=None)
    phone: Mapped[str | None] = mapped_column(String(40), default=None)
    leader_name: Mapped[str | None] = mapped_column(String(200), default=None)  # ketua / pimpinan
    registration_number: Mapped[str | None] = mapped_column(String(120), default=None)  # SK pengukuhan
    founded_on: Mapped[dt.date | None] = mapped_column(default=None)
    members: Mapped[int | None] = mapped_column(default=None)
    services: Mapped[str | None] = mapped_column(Text, default=None)  # what it does (an LKS's services)
    notes: Mapped[str | None] = mapped_column(Text, default=None)
    active: Mapped[bool] = mapped_column(default=True)

    institution: Mapped[Institution | None] = relationship("Institution")
    documents: Mapped[list[LksDocument]] = relationship(back_populates="organisation",
                                                        order_by="LksDocument.issued_on",
                                                        cascade="all, delete-orphan")
    participations: Mapped[list[PsksParticipation]] = relationship(back_populates="organisation")

    @property
    def display_name(self) -> str:
        return self.institution.name if self.institution is not None else (self.name or "")

    @property
    def area_code(self) -> str | None:
        """The region that governs access (the institution's for an LKS)."""
        return self.institution.region_code if self.institution is not None else self.region_code

    @property
    def contact(self) -> str | None:
        if self.institution is not None:
            return self.institution.contact_person
        return self.leader_name


class LksDocument(UUIDPk, Timestamps, Base):
    """A tanda daftar, operating licence or accreditation of an LKS; history is kept, the latest
    issued of each kind is the one in force."""

    __tablename__ = "psks_documents"

    organisation_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("psks_organisations.id", ondelete="CASCADE"),
                                                       index=True)
    kind: Mapped[str] = mapped_column(String(20))
    number: Mapped[str] = mapped_column(String(120))
    issued_on: Mapped[dt.date]
    expires_on: Mapped[dt.date | None] = mapped_column(index=True, default=None)
    grade: Mapped[str | None] = mapped_column(String(2), default=None)  # accreditation A / B / C
    issuer: Mapped[str | None] = mapped_column(String(200), default=None)
    notes: Mapped[str | None] = mapped_column(Text, default=None)

    organisation: Mapped[PsksOrganisation] = relationship(back_populates="documents")


class PsksTraining(UUIDPk, Timestamps, Versioned, Base):
    """A training, technical guidance (bimtek) or capacity-building event."""

    __tablename__ = "psks_trainings"

    title: Mapped[str] = mapped_column(String(300))
    organiser: Mapped[str | None] = mapped_column(String(200), default=None)
    starts_on: Mapped[dt.date]
    ends_on: Mapped[dt.date] = mapped_column(index=True)
    location: Mapped[str | None] = mapped_column(String(300), default=None)
    # Where it was held (usually the city): governs who may see it.
    area_code: Mapped[str] = mapped_column(String(13), index=True)
    notes: Mapped[str | None] = mapped_column(Text, default=None)

    participations: Mapped[list[PsksParticipation]] = relationship(back_populates="training",
                                                                   cascade="all, delete-orphan")


class PsksParticipation(UUIDPk, Timestamps, Base):
    """Who attended a training: a PSKS person, or an institution (through its representative)."""

    __tablename__ = "psks_participations"
    __table_args__ = (
        UniqueConstraint("training_id", "worker_id"),
        UniqueConstraint("training_id", "organisation_id"),
        CheckConstraint("(worker_id IS NULL) <> (organisation_id IS NULL)", name="one_participant"),
    )

    training_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("psks_trainings.id", ondelete="CASCADE"), index=True)
    worker_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("psks_workers.id"), index=True, default=None)
    organisation_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("psks_organisations.id"), index=True,
                                                              default=None)
    representative: Mapped[str | None] = mapped_column(String(200), default=None)
    certificate_number: Mapped[str | None] = mapped_column(String(120), default=None)

    training: Mapped[PsksTraining] = relationship(back_populates="participations")
    worker: Mapped[PsksWorker | None] = relationship(back_populates="participations")
    organisation: Mapped[PsksOrganisation | None] = relationship(back_populates="participations")


class PsksReminder(UUIDPk, Base):
    """A reminder made once per document and stage (expiring soon, expired) by the daily job."""

    __tablename__ = "psks_reminders"
    __audit__ = False
    __table_args__ = (UniqueConstraint("document_id", "stage"),)

    document_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("psks_documents.id", ondelete="CASCADE"), index=True)
    stage: Mapped[str] = mapped_column(String(10))  # expiring / expired
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    seen_at: Mapped[dt.datetime | None] = mapped_column(default=None)
    seen_by_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("users.id"), default=None)
