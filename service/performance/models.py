"""Budget realisation records and pagu revisions (shared spec PERFORMANCE.md).

Owner modules: ``service.performance.payments`` (payments, revisions) and
``service.performance.budget_import`` (the CSV/XLSX import). Payments are never deleted:
a correction is a new record with a negative amount and a reason.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import BigInteger, String, Text, UniqueConstraint, event
from sqlalchemy.orm import Mapped, mapped_column

from service.core.db import Base, Timestamps, UUIDPk

FUNDING_SOURCES = ("APBD", "APBN", "DAK", "DBH", "lainnya")
REVISION_KINDS = ("pergeseran", "perubahan")


class BudgetPayment(UUIDPk, Timestamps, Base):
    """One payment (or a negative correction) against a sub-activity; (code, document_no) identifies it."""

    __tablename__ = "budget_payments"
    __table_args__ = (UniqueConstraint("code", "document_no"),)

    code: Mapped[str] = mapped_column(String(40), index=True)
    paid_on: Mapped[dt.date] = mapped_column(index=True)
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
