"""Warehouse (buffer stock): items, warehouses, stock on hand and the movement ledger.

Owner module: ``service.disasters.stock``. ``stock_levels.quantity`` never goes below
zero: a CHECK constraint plus conditional UPDATEs in ``service.disasters.stock``.
"""

from __future__ import annotations

import datetime as dt
import uuid

from sqlalchemy import CheckConstraint, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from service.core.db import Base, Timestamps, UUIDPk

MOVEMENT_KINDS = ("receipt", "issue", "transfer_out", "transfer_in", "distribution", "return")
RECEIPT_SOURCES = ("kementerian", "provinsi", "donatur", "apbd", "lainnya")


class StockItem(UUIDPk, Timestamps, Base):
    __tablename__ = "stock_items"

    code: Mapped[str] = mapped_column(String(40), unique=True)
    name: Mapped[str] = mapped_column(String(200))  # Indonesian
    # The English name (reference data for the default items, editable); empty: the Indonesian one is shown.
    name_en: Mapped[str | None] = mapped_column(String(200), default=None)
    unit: Mapped[str] = mapped_column(String(20))
    is_food: Mapped[bool] = mapped_column(default=False)
    # The SPM bencana component a distribution of this item delivers (None: not an SPM component).
    service_type_code: Mapped[str | None] = mapped_column(ForeignKey("service_types.code"), default=None)
    # Double-distribution guard (data): "day" once per day, "event" once per event, "none" no guard.
    guard_period: Mapped[str] = mapped_column(String(10), default="none")
    active: Mapped[bool] = mapped_column(default=True)

    @property
    def name_id(self) -> str:
        """The Indonesian name, under the name every reference row uses (``blueprints.core.labels.ref_name``)."""
        return self.name


class Warehouse(UUIDPk, Timestamps, Base):
    __tablename__ = "warehouses"

    code: Mapped[str] = mapped_column(String(20), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    area_code: Mapped[str] = mapped_column(String(13), index=True)
    address: Mapped[str | None] = mapped_column(Text, default=None)
    active: Mapped[bool] = mapped_column(default=True)


class StockLevel(Base):
    """Stock on hand per warehouse and item. Derived from the ledger (audited there)."""

    __tablename__ = "stock_levels"
    __audit__ = False
    __table_args__ = (CheckConstraint("quantity >= 0", name="quantity_not_negative"),)

    warehouse_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("warehouses.id"), primary_key=True)
    item_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("stock_items.id"), primary_key=True)
    quantity: Mapped[int] = mapped_column(default=0)

    warehouse: Mapped[Warehouse] = relationship()
    item: Mapped[StockItem] = relationship()


class StockMovement(UUIDPk, Timestamps, Base):
    """One line of the ledger: receipts, issues to an event, transfers, distributions."""

    __tablename__ = "stock_movements"
    __table_args__ = (CheckConstraint("quantity > 0", name="quantity_positive"),)

    kind: Mapped[str] = mapped_column(String(20), index=True)
    warehouse_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("warehouses.id"), index=True)
    item_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("stock_items.id"), index=True)
    quantity: Mapped[int]
    occurred_on: Mapped[dt.date]
    event_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("disaster_events.id"), index=True, default=None)
    source: Mapped[str | None] = mapped_column(String(20), default=None)  # receipts: who sent it
    document_ref: Mapped[str | None] = mapped_column(String(120), default=None)
    expires_on: Mapped[dt.date | None] = mapped_column(default=None)
    # Transfers: the other warehouse; both legs share transfer_id.
    counterpart_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("warehouses.id"), default=None)
    transfer_id: Mapped[uuid.UUID | None] = mapped_column(default=None)
    distribution_id: Mapped[uuid.UUID | None] = mapped_column(default=None, index=True)
    note: Mapped[str | None] = mapped_column(Text, default=None)

    warehouse: Mapped[Warehouse] = relationship(foreign_keys=[warehouse_id])
    item: Mapped[StockItem] = relationship()
