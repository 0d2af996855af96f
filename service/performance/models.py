"""Budget realisation records and pagu revisions (shared spec PERFORMANCE.md).

Owner modules: ``service.performance.payments`` (payments, revisions),
``service.performance.budget_import`` (the CSV/XLSX import) and ``service.performance.indicators``
(indicators as data: an indicator's realisation is computed from records when it has a ``source``,
otherwise entered by hand per year, who and when in the audit columns). Payments are never deleted:
a correction is a new record with a negative amount and a reason.
"""

from __future__ import annotations

import datetime as dt
import uuid
from decimal import Decimal

from sqlalchemy import JSON, BigInteger, ForeignKey, Index, Numeric, String, Text, UniqueConstraint, event
from sqlalchemy.orm import Mapped, mapped_column

from service.core.db import Base, Timestamps, UUIDPk

FUNDING_SOURCES = ("APBD", "APBN", "DAK", "DBH", "lainnya")
REVISION_KINDS = ("pergeseran", "perubahan")


class BudgetPayment(UUIDPk, Timestamps, Base):
    """One payment (or a negative correction) against a sub-activity; (code, document_no) identifies it."""

    __tablename__ = "budget_payments"
    # the report sums amounts by code over a date range: (paid_on, code, amount) serves it from the index alone
    __table_args__ = (UniqueConstraint("code", "document_no"),
                      Index("ix_budget_payments_period", "paid_on", "code", "amount"))

    code: Mapped[str] = mapped_column(String(40), index=True)
    paid_on: Mapped[dt.date]
    amount: Mapped[int] = mapped_column(BigInteger)  # integer rupiah; negative: a correction
    funding_source: Mapped[str] = mapped_column(String(10))
    document_no: Mapped[str] = mapped_column(String(80))  # nomor bukti (e.g. an SP2D number)
    description: Mapped[str] = mapped_column(Text, default="")
    reason: Mapped[str | None] = mapped_column(Text, default=None)  # why a correction was made
    source: Mapped[str] = mapped_column(String(10), default="form")  # form / import / demo

    @property
    def is_correction(self) -> bool:
        return self.amount < 0


class BudgetRevision(UUIDPk, Timestamps, Base):
    """A pagu change (pergeseran / perubahan anggaran) of a sub-activity from a date; the history is kept."""

    __tablename__ = "budget_revisions"

    year: Mapped[int] = mapped_column(index=True)
    code: Mapped[str] = mapped_column(String(40))
    effective_on: Mapped[dt.date]
    budget: Mapped[int] = mapped_column(BigInteger)  # the new pagu, integer rupiah
    previous_budget: Mapped[int | None] = mapped_column(BigInteger, default=None)
    kind: Mapped[str] = mapped_column(String(12), default="pergeseran")
    document_no: Mapped[str] = mapped_column(String(80), default="")
    reason: Mapped[str] = mapped_column(Text, default="")


@event.listens_for(BudgetPayment, "before_delete")
@event.listens_for(BudgetRevision, "before_delete")
def _never_deleted(_mapper: object, _conn: object, target: object) -> None:
    raise RuntimeError(f"{type(target).__name__} records are never deleted; record a correction instead")


# ------------------------------------------------------------------ indicators (IKU and others)
INDICATOR_TYPES = ("input", "output", "outcome", "benefit", "impact")
POLARITIES = ("positive", "negative")
DECIMAL = Numeric(18, 4)


class Indicator(UUIDPk, Timestamps, Base):
    __tablename__ = "indicators"

    code: Mapped[str] = mapped_column(String(40), unique=True)
    name: Mapped[str] = mapped_column(Text)
    kind: Mapped[str] = mapped_column(String(10), default="outcome")  # input/output/outcome/benefit/impact
    is_iku: Mapped[bool] = mapped_column(default=False)
    unit: Mapped[str] = mapped_column(String(30), default="%")
    polarity: Mapped[str] = mapped_column(String(10), default="positive")
    formula: Mapped[str] = mapped_column(Text, default="")
    numerator: Mapped[str] = mapped_column(Text, default="")  # how the numerator is counted
    denominator: Mapped[str] = mapped_column(Text, default="")
    source: Mapped[str | None] = mapped_column(String(40), default=None)  # computed from records; None: by hand
    baseline: Mapped[Decimal | None] = mapped_column(DECIMAL, default=None)
    baseline_year: Mapped[int | None] = mapped_column(default=None)
    position: Mapped[int] = mapped_column(default=0)


class IndicatorTarget(UUIDPk, Timestamps, Base):
    """The Renstra target of a year and the year's Perjanjian Kinerja target."""

    __tablename__ = "indicator_targets"
    __table_args__ = (UniqueConstraint("indicator_id", "year"),)

    indicator_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("indicators.id", ondelete="CASCADE"), index=True)
    year: Mapped[int]
    renstra_target: Mapped[Decimal | None] = mapped_column(DECIMAL, default=None)
    pk_target: Mapped[Decimal | None] = mapped_column(DECIMAL, default=None)


class IndicatorValue(UUIDPk, Timestamps, Base):
    """A hand-entered realisation of a year (with its numerator and denominator when it is a ratio)."""

    __tablename__ = "indicator_values"
    __table_args__ = (UniqueConstraint("indicator_id", "year"),)

    indicator_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("indicators.id", ondelete="CASCADE"), index=True)
    year: Mapped[int]
    value: Mapped[Decimal] = mapped_column(DECIMAL)
    numerator_value: Mapped[Decimal | None] = mapped_column(DECIMAL, default=None)
    denominator_value: Mapped[Decimal | None] = mapped_column(DECIMAL, default=None)
    note: Mapped[str | None] = mapped_column(Text, default=None)


class PerformanceAgreement(UUIDPk, Timestamps, Base):
    """The Perjanjian Kinerja of a year: the IKU targets as signed by the head of office (who, when, what)."""

    __tablename__ = "performance_agreements"

    year: Mapped[int] = mapped_column(unique=True)
    signed_by_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("users.id"), default=None)
    signed_at: Mapped[dt.datetime | None] = mapped_column(default=None)
    signer_name: Mapped[str] = mapped_column(String(200), default="")
    signer_title: Mapped[str] = mapped_column(String(200), default="")
    signer_nip: Mapped[str] = mapped_column(String(40), default="")
    # [{"code", "name", "unit", "polarity", "pk_target"}] as signed: later target edits do not change it
    targets: Mapped[list[dict[str, str | None]]] = mapped_column(JSON, default=list)


# ------------------------------------------------------------------ Renstra (five-year strategic plan)
RENSTRA_LEVELS = ("program", "kegiatan", "sub_kegiatan", "iku")


class Renstra(UUIDPk, Timestamps, Base):
    """A five-year Renstra as loaded from the office's table (one per first year; reloading updates it)."""

    __tablename__ = "renstra_plans"

    first_year: Mapped[int] = mapped_column(unique=True)
    last_year: Mapped[int]
    source_name: Mapped[str] = mapped_column(String(200), default="")


class RenstraRow(UUIDPk, Timestamps, Base):
    """One program / kegiatan / sub-kegiatan or IKU of a Renstra with its target and pagu per year.

    ``code`` is as printed in the Renstra; ``renja_code`` is the code in the Renja's nomenclature
    (the crosswalk between nomenclature versions, kept as data: from the file's ``kode_renja``
    column, else the printed code normalised). ``targets``: ``{"2026": {"target": "50", "budget": 1250000}}``.
    """

    __tablename__ = "renstra_rows"
    __table_args__ = (UniqueConstraint("renstra_id", "code"),)

    renstra_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("renstra_plans.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(default=0)
    code: Mapped[str] = mapped_column(String(40))
    renja_code: Mapped[str] = mapped_column(String(40))
    level: Mapped[str] = mapped_column(String(12))
    name: Mapped[str] = mapped_column(Text)
    indicator: Mapped[str] = mapped_column(Text, default="")
    unit: Mapped[str] = mapped_column(String(30), default="")
    baseline: Mapped[Decimal | None] = mapped_column(DECIMAL, default=None)
    final_target: Mapped[Decimal | None] = mapped_column(DECIMAL, default=None)  # as printed; else derived
    targets: Mapped[dict[str, dict[str, str | int | None]]] = mapped_column(JSON, default=dict)


class IndicatorSupport(UUIDPk, Timestamps, Base):
    """A sub-activity (or a kegiatan / program: every sub-activity under it) that supports an IKU.

    The IKU's pagu and spending are the sums over its supporting sub-activities (docs/performance.md).
    """

    __tablename__ = "indicator_supports"
    __table_args__ = (UniqueConstraint("indicator_id", "code"),)

    indicator_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("indicators.id", ondelete="CASCADE"), index=True)
    code: Mapped[str] = mapped_column(String(40))
