"""Per-batch stock (first-expiry-first-out) — owner module: ``service.disasters.stock``.

A batch is what one receipt (or one incoming transfer) put into a warehouse, with
its expiry date. ``stock_levels`` stays the per-item total that serialises
writers; the batches say which units are left, and ``stock_batch_takes`` records
which batches each outgoing movement took from (so a cancelled distribution puts
the units back into the same batches).
"""

from __future__ import annotations

import datetime as dt
import uuid

from sqlalchemy import CheckConstraint, ForeignKey, Index
from sqlalchemy.orm import Mapped, mapped_column, relationship

from service.core.db import Base, UUIDPk
from service.disasters.models.stock import StockMovement


class StockBatch(UUIDPk, Base):
    """Units left of one receipt / incoming transfer. Derived (the ledger is audited)."""

    __tablename__ = "stock_batches"
    __audit__ = False
    __table_args__ = (
        CheckConstraint("quantity >= 0", name="batch_quantity_not_negative"),
        CheckConstraint("quantity <= received", name="batch_quantity_not_above_received"),
        Index("ix_stock_batches_fefo", "warehouse_id", "item_id", "expires_on"),
    )

    warehouse_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("warehouses.id"))
    item_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("stock_items.id"))
    movement_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("stock_movements.id"), unique=True)
    received_on: Mapped[dt.date]
    expires_on: Mapped[dt.date | None] = mapped_column(default=None)
    received: Mapped[int]
    quantity: Mapped[int]

    movement: Mapped[StockMovement] = relationship()


class StockBatchTake(Base):
    """How many units an outgoing movement took from a batch."""

    __tablename__ = "stock_batch_takes"
    __audit__ = False
    __table_args__ = (CheckConstraint("quantity > 0", name="take_quantity_positive"),)

    movement_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("stock_movements.id"), primary_key=True)
    batch_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("stock_batches.id"), primary_key=True)
    quantity: Mapped[int]

    batch: Mapped[StockBatch] = relationship()
