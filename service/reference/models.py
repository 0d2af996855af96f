"""Reference data: regions, PPKS categories, SPM basic services, service types, settings."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from sqlalchemy import JSON, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from service.core.db import Base, utcnow

REGION_LEVELS = {1: "provinsi", 2: "kabupaten/kota", 3: "kecamatan", 4: "desa/kelurahan"}


class Region(Base):
    """Kepmendagri region code: PP, PP.KK, PP.KK.DD, PP.KK.DD.VVVV."""

    __tablename__ = "regions"
    __audit__ = False  # bulk-loaded reference data; the load itself is audited

    code: Mapped[str] = mapped_column(String(13), primary_key=True)
    name: Mapped[str] = mapped_column(String(120))
    level: Mapped[int] = mapped_column(index=True)
    parent_code: Mapped[str | None] = mapped_column(String(13), index=True, default=None)

    def __repr__(self) -> str:
        return f"<Region {self.code} {self.name}>"


class BasicService(Base):
    """One of the five SPM basic services (spm_basic_services.csv)."""

    __tablename__ = "basic_services"

    code: Mapped[str] = mapped_column(String(40), primary_key=True)
    order: Mapped[int] = mapped_column(default=0)
    name_id: Mapped[str] = mapped_column(String(300))
    name_en: Mapped[str] = mapped_column(String(300))
    indicator_id: Mapped[str] = mapped_column(Text, default="")
    renja_kegiatan: Mapped[str] = mapped_column(String(40), default="")

    components: Mapped[list[BasicServiceComponent]] = relationship(
        back_populates="basic_service", cascade="all, delete-orphan", order_by="BasicServiceComponent.position"
    )

    @property
    def component_codes(self) -> list[str]:
        return [c.service_type_code for c in self.components]


class ServiceType(Base):
    """A kind of service delivered to a person (service_types.csv)."""

    __tablename__ = "service_types"

    code: Mapped[str] = mapped_column(String(60), primary_key=True)
    name_id: Mapped[str] = mapped_column(String(300))
    name_en: Mapped[str] = mapped_column(String(300))
    group: Mapped[str] = mapped_column(String(40))
    unit: Mapped[str] = mapped_column(String(20))
    renja_code_spm: Mapped[str | None] = mapped_column(String(40), default=None)
    renja_code_other: Mapped[str | None] = mapped_column(String(40), default=None)
    active: Mapped[bool] = mapped_column(default=True)


class BasicServiceComponent(Base):
    __tablename__ = "basic_service_components"

    basic_service_code: Mapped[str] = mapped_column(ForeignKey("basic_services.code"), primary_key=True)
    service_type_code: Mapped[str] = mapped_column(ForeignKey("service_types.code"), primary_key=True)
    position: Mapped[int] = mapped_column(default=0)

    basic_service: Mapped[BasicService] = relationship(back_populates="components")
    service_type: Mapped[ServiceType] = relationship()


class PpksCategory(Base):
    """PPKS category (ppks_categories.csv); ``sensitive`` ones are need-to-know."""

    __tablename__ = "ppks_categories"

    code: Mapped[str] = mapped_column(String(60), primary_key=True)
    name_id: Mapped[str] = mapped_column(String(300))
    name_en: Mapped[str] = mapped_column(String(300))
    spm_service_code: Mapped[str | None] = mapped_column(ForeignKey("basic_services.code"), default=None)
    sensitive: Mapped[bool] = mapped_column(default=False)
    active: Mapped[bool] = mapped_column(default=True)

    spm_service: Mapped[BasicService | None] = relationship()


class Setting(Base):
    """Admin-editable configuration (SPM weights and bands, office details)."""

    __tablename__ = "settings"

    key: Mapped[str] = mapped_column(String(80), primary_key=True)
    value: Mapped[Any] = mapped_column(JSON)
    updated_at: Mapped[dt.datetime] = mapped_column(default=utcnow, onupdate=utcnow)
    updated_by_id: Mapped[uuid.UUID | None] = mapped_column(default=None)
