"""Persons (PPKS, with or without NIK), households, duplicate decisions and merges.

Owner module: ``service.registry.persons``.
"""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from sqlalchemy import ForeignKey, Index, String, Text, UniqueConstraint, event, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from service.core import clock
from service.core.db import Base, Timestamps, UUIDPk, Versioned, utcnow

SEXES = ("L", "P")
# Why a person has no NIK (persons without NIK are first-class).
NO_NIK_REASONS = ("belum_terdaftar", "dokumen_hilang", "identitas_tidak_diketahui")
# Relationship to the head of the family card (Kartu Keluarga).
RELATIONSHIPS = ("kepala_keluarga", "suami", "istri", "anak", "menantu", "cucu", "orang_tua", "mertua",
                 "famili_lain", "lainnya")
DTKS_STATUSES = ("terdaftar", "tidak_terdaftar", "diusulkan")
DISABILITY_TYPES = ("fisik", "intelektual", "mental", "sensorik_netra", "sensorik_rungu", "sensorik_wicara", "ganda")


def _dedup_key_default(ctx: Any) -> str:
    return (ctx.get_current_parameters().get("name_key") or "").replace(" ", "")


def _birth_year_default(ctx: Any) -> int | None:
    birth = ctx.get_current_parameters().get("birth_date")
    return birth.year if birth is not None else None


class Person(UUIDPk, Timestamps, Versioned, Base):
    __tablename__ = "persons"
    __table_args__ = (
        # Blocking keys of the duplicate check (service.registry.duplicates).
        Index("ix_persons_dedup_date", "dedup_key", "birth_date"),
        Index("ix_persons_dedup_village", "dedup_key", "village_code", "birth_year"),
        # Name search (LIKE '%siti%'): trigrams on PostgreSQL (pg_trgm), a plain index on SQLite.
        Index("ix_persons_name_trgm", "name_key", postgresql_using="gin", postgresql_ops={"name_key": "gin_trgm_ops"}),
        # Area prefix filters (LIKE '18.72.01.%') under any collation.
        Index("ix_persons_area_prefix", "area_code", postgresql_ops={"area_code": "text_pattern_ops"}),
        # Report drill-downs in name order (service.reports.spm.order_by_name): the first page of
        # a common set without sorting it.
        Index("ix_persons_name_id", "name", "id"),
        # Partial NIK search (LIKE '%350000%', service.registry.search.person_search).
        Index("ix_persons_nik_trgm", "nik", postgresql_using="gin", postgresql_ops={"nik": "gin_trgm_ops"}),
    )

    nik: Mapped[str | None] = mapped_column(String(16), unique=True, default=None)
    no_nik_reason: Mapped[str | None] = mapped_column(String(40), default=None)
    name: Mapped[str] = mapped_column(String(200))
    # Normalised name for duplicate search (service.registry.persons.name_key).
    name_key: Mapped[str] = mapped_column(String(200), index=True, default="")
    # Blocking keys, kept by the mapper (``_blocking_keys``): name_key without spaces, birth year.
    dedup_key: Mapped[str] = mapped_column(String(200), default=_dedup_key_default)
    birth_year: Mapped[int | None] = mapped_column(default=_birth_year_default)
    sex: Mapped[str | None] = mapped_column(String(1), default=None)
    birth_date: Mapped[dt.date | None] = mapped_column(default=None)
    # True when birth_date was derived from an estimated age.
    birth_date_estimated: Mapped[bool] = mapped_column(default=False)
    birth_place: Mapped[str | None] = mapped_column(String(120), default=None)
    # Domicile village (PP.KK.DD.VVVV); may be unknown (homeless, found persons).
    village_code: Mapped[str | None] = mapped_column(ForeignKey("regions.code"), index=True, default=None)
    # The region that governs who may see this person: domicile village, or where
    # the person was found / is handled. Required (access control needs it).
    area_code: Mapped[str] = mapped_column(String(13), index=True)
    address: Mapped[str | None] = mapped_column(Text, default=None)
    phone: Mapped[str | None] = mapped_column(String(32), default=None)
    photo_path: Mapped[str | None] = mapped_column(String(200), default=None)
    disability_types: Mapped[list[Any]] = mapped_column(default=list)
    # Unresolved NIK warnings, e.g. ["nik_birth_date_mismatch"]: shown until resolved.
    nik_warnings: Mapped[list[Any]] = mapped_column(default=list)
    deceased_on: Mapped[dt.date | None] = mapped_column(default=None)
    # Set on the losing record of a merge; such a person is hidden from lists.
    merged_into_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("persons.id"), default=None, index=True)

    dtks_snapshots: Mapped[list[DtksSnapshot]] = relationship(
        back_populates="person", cascade="all, delete-orphan", order_by="DtksSnapshot.checked_on.desc()"
    )

    def _sensitive_cases(self) -> list[Any]:
        from sqlalchemy import inspect, select
        from sqlalchemy.orm import object_session

        from service.casework.models import Case

        sess = object_session(self)
        if sess is None or self.id is None:
            return []
        if inspect(self).pending:  # not written yet: its only cases are the session's new ones (no autoflush)
            return [c for c in sess.new if isinstance(c, Case) and c.is_sensitive
                    and (c.person_id == self.id or c.__dict__.get("person") is self)]
        return list(sess.scalars(select(Case).where(Case.person_id == self.id, Case.is_sensitive)))

    @property
    def is_sensitive(self) -> bool:
        """A person with a case in a sensitive PPKS category is need-to-know (service.core.access)."""
        return bool(self._sensitive_cases())

    def assigned_user_ids(self) -> list[uuid.UUID]:
        """Workers assigned to the person's sensitive cases may see the person."""
        return [c.worker_id for c in self._sensitive_cases() if c.worker_id]

    @property
    def age(self) -> int | None:
        if self.birth_date is None:
            return None
        today = clock.today()
        return today.year - self.birth_date.year - ((today.month, today.day) < (self.birth_date.month, self.birth_date.day))

    def __repr__(self) -> str:
        return f"<Person {self.name} {self.nik or '-'}>"


# The persons list, newest first then by name (service.registry.search.person_query), in exactly
# that order: (created_at, name) read backwards is name DESC within equal timestamps, so a run of
# equal created_at (one import) was re-sorted whole (306 ms for 280,000 at 1 M; now 0.2 ms).
Index("ix_persons_list_order", Person.created_at.desc(), Person.name)

# The few persons with unresolved NIK warnings (``/orang?warnings=1``, search.NIK_WARNED), in the
# list's order: the list walks it whatever the planner guesses of the predicate (it has no statistics
# on it and guessed 830,000 persons at 1 M, so it scanned them all instead of using an index).
_WARNED = text("CAST(nik_warnings AS VARCHAR) != '[]'")
Index("ix_persons_nik_warned", Person.created_at.desc(), Person.name, sqlite_where=_WARNED, postgresql_where=_WARNED)


@event.listens_for(Person, "before_insert")
@event.listens_for(Person, "before_update")
def _blocking_keys(_mapper: Any, _conn: Any, person: Person) -> None:
    """Every ORM write keeps the duplicate check's blocking keys equal to the name and birth date."""
    person.dedup_key = (person.name_key or "").replace(" ", "")
    person.birth_year = person.birth_date.year if person.birth_date is not None else None


class DtksSnapshot(UUIDPk, Timestamps, Base):
    """DTKS/DTSEN status as checked on a date (the ministry's register is read-only)."""

    __tablename__ = "dtks_snapshots"

    person_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("persons.id", ondelete="CASCADE"), index=True)
    status: Mapped[str] = mapped_column(String(30))  # terdaftar / tidak_terdaftar / diusulkan
    decile: Mapped[int | None] = mapped_column(default=None)
    checked_on: Mapped[dt.date]
    note: Mapped[str | None] = mapped_column(Text, default=None)

    person: Mapped[Person] = relationship(back_populates="dtks_snapshots")


class Household(UUIDPk, Timestamps, Versioned, Base):
    __tablename__ = "households"

    kk_number: Mapped[str | None] = mapped_column(String(16), unique=True, default=None)
    village_code: Mapped[str | None] = mapped_column(ForeignKey("regions.code"), index=True, default=None)
    area_code: Mapped[str] = mapped_column(String(13), index=True)
    address: Mapped[str | None] = mapped_column(Text, default=None)

    members: Mapped[list[HouseholdMember]] = relationship(back_populates="household", cascade="all, delete-orphan")


class HouseholdMember(UUIDPk, Timestamps, Base):
    __tablename__ = "household_members"
    __table_args__ = (
        UniqueConstraint("household_id", "person_id"),
        # Exactly one head per household (the service checks there is one; the index that there is at most one).
        Index("uq_household_members_head", "household_id", unique=True,
              sqlite_where=text("is_head"), postgresql_where=text("is_head")),
    )

    household_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("households.id", ondelete="CASCADE"), index=True)
    person_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("persons.id"), index=True)
    relationship_code: Mapped[str] = mapped_column(String(30))  # kepala_keluarga, istri, suami, anak, ...
    is_head: Mapped[bool] = mapped_column(default=False)

    household: Mapped[Household] = relationship(back_populates="members")
    person: Mapped[Person] = relationship()


class DuplicateDecision(UUIDPk, Base):
    """A supervisor's "not a duplicate" decision for a pair (remembered)."""

    __tablename__ = "duplicate_decisions"
    __table_args__ = (UniqueConstraint("person_a_id", "person_b_id"),)

    # Stored with person_a_id < person_b_id.
    person_a_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("persons.id"))
    person_b_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("persons.id"))
    decision: Mapped[str] = mapped_column(String(20), default="not_duplicate")
    decided_by_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("users.id"), default=None)
    decided_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    note: Mapped[str | None] = mapped_column(Text, default=None)


class PersonMerge(UUIDPk, Base):
    """A merge of ``merged_id`` into ``survivor_id``: what moved, who, why."""

    __tablename__ = "person_merges"

    survivor_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("persons.id"), index=True)
    merged_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("persons.id"), index=True)
    merged_by_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("users.id"), default=None)
    merged_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    reason: Mapped[str | None] = mapped_column(Text, default=None)
    # {"cases": [ids], "deliveries": [ids], ...} and the merged record's values before the merge.
    moved: Mapped[dict[str, Any]] = mapped_column(default=dict)


class DuplicatePair(Base):
    """A suspected duplicate pair, kept on write by ``service.registry.duplicate_pairs`` (a derived
    table: never written by hand). Stored once, ``person_a_id < person_b_id``."""

    __tablename__ = "duplicate_pairs"
    __table_args__ = (
        Index("ix_duplicate_pairs_b", "person_b_id"),
        Index("ix_duplicate_pairs_queue", "score", "sort_key"),
    )

    person_a_id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    person_b_id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    # How many fields agree (name 1, birth date 2 or birth year 1, village 1, sex 1): higher first.
    score: Mapped[int]
    area_a: Mapped[str] = mapped_column(String(13))
    area_b: Mapped[str] = mapped_column(String(13))
    sort_key: Mapped[str] = mapped_column(String(200))  # person A's name_key (the queue's order)
