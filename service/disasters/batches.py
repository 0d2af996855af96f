"""Stock batches, first expiry first out — owner of ``StockBatch`` and ``StockBatchTake``
(docs/disasters.md "First expiry, first out").

Each receipt (and incoming transfer leg) is a batch with its expiry date. Once the per-item
total has been taken (``service.disasters.stock``'s conditional UPDATE, which also serialises
concurrent writers of that item), the units are taken from the batches with the earliest
expiry first (no expiry last, then the oldest receipt), each with its own conditional UPDATE,
and recorded in ``stock_batch_takes`` so a cancelled distribution returns them to the same batches.
"""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from sqlalchemy import func, select, update

from service.core import clock
from service.core.db import session
from service.core.errors import N_, ValidationError
from service.disasters.models.stock import StockItem, StockMovement, Warehouse
from service.disasters.models.stock_batches import StockBatch, StockBatchTake

EXPIRY_WARNING_DAYS = 30


def add_batch(move: StockMovement) -> None:
    """A receipt / incoming transfer becomes a batch with its expiry date."""
    session.execute(StockBatch.__table__.insert().values(
        id=uuid.uuid4(), warehouse_id=move.warehouse_id, item_id=move.item_id, movement_id=move.id,
        received_on=move.occurred_on, expires_on=move.expires_on, received=move.quantity, quantity=move.quantity))


def fefo_order() -> list[Any]:
    """Batch order for taking stock: earliest expiry first, no expiry last, then oldest receipt."""
    return [StockBatch.expires_on.asc().nulls_last(), StockBatch.received_on, StockBatch.id]


def take_batches(move: StockMovement, field: str = "quantity") -> list[tuple[uuid.UUID, dt.date | None, int]]:
    """Take ``move.quantity`` from the movement's warehouse batches, first expiry first.

    Called after the item's total was decreased, so this transaction holds the item's level
    row: the batches read here cannot be taken by a concurrent writer meanwhile."""
    table = StockBatch.__table__
    remaining = move.quantity
    taken: list[tuple[uuid.UUID, dt.date | None, int]] = []
    rows = session.execute(select(StockBatch.id, StockBatch.expires_on, StockBatch.quantity)
                           .where(StockBatch.warehouse_id == move.warehouse_id, StockBatch.item_id == move.item_id,
                                  StockBatch.quantity > 0).order_by(*fefo_order())).all()
    for batch_id, expires_on, available in rows:
        if remaining == 0:
            break
        n = min(available, remaining)
        result = session.execute(update(table).where(table.c.id == batch_id, table.c.quantity >= n)
                                 .values(quantity=table.c.quantity - n))
        if result.rowcount != 1:
            continue
        session.execute(StockBatchTake.__table__.insert().values(movement_id=move.id, batch_id=batch_id, quantity=n))
        taken.append((batch_id, expires_on, n))
        remaining -= n
    if remaining:
        raise ValidationError({field: N_("Catatan batch stok tidak sesuai dengan stok tersedia; hubungi admin.")})
    return taken


def refill_batches(move: StockMovement, back: StockMovement) -> None:
    """Put the units ``move`` took back into their batches (``back`` is the ``return`` line).
    Units taken before batches were recorded come back as a batch without expiry."""
    takes = list(session.execute(select(StockBatchTake.batch_id, StockBatchTake.quantity)
                                 .where(StockBatchTake.movement_id == move.id)).all())
    table = StockBatch.__table__
    for batch_id, n in takes:
        session.execute(update(table).where(table.c.id == batch_id).values(quantity=table.c.quantity + n))
    rest = move.quantity - sum(n for _b, n in takes)
    if rest > 0:
        session.execute(table.insert().values(id=uuid.uuid4(), warehouse_id=move.warehouse_id, item_id=move.item_id,
                                              movement_id=back.id, received_on=back.occurred_on, expires_on=None,
                                              received=rest, quantity=rest))


def expiry_status(exp: dt.date | None, today: dt.date) -> str | None:
    """``expired``, ``soon`` (within EXPIRY_WARNING_DAYS) or None."""
    if exp is None:
        return None
    if exp < today:
        return "expired"
    return "soon" if exp <= today + dt.timedelta(days=EXPIRY_WARNING_DAYS) else None


def nearest_expiry() -> dict[tuple[uuid.UUID, uuid.UUID], dt.date]:
    """Per (warehouse, item): the earliest expiry among the batches with units left."""
    return dict(((w, i), e) for w, i, e in session.execute(
        select(StockBatch.warehouse_id, StockBatch.item_id, func.min(StockBatch.expires_on))
        .where(StockBatch.quantity > 0, StockBatch.expires_on.is_not(None))
        .group_by(StockBatch.warehouse_id, StockBatch.item_id)))


def remaining(warehouse: Warehouse | None = None, user: Any = None, today: dt.date | None = None
            ) -> list[dict[str, Any]]:
    """Batches with units left, first expiry first, with their expiry status."""
    from service.core.access import scope_area

    today = today or clock.today()
    stmt = (select(StockBatch, Warehouse, StockItem, StockMovement)
            .join(Warehouse, Warehouse.id == StockBatch.warehouse_id).join(StockItem, StockItem.id == StockBatch.item_id)
            .join(StockMovement, StockMovement.id == StockBatch.movement_id)
            .where(StockBatch.quantity > 0).order_by(Warehouse.name, StockItem.name, *fefo_order()))
    if warehouse is not None:
        stmt = stmt.where(StockBatch.warehouse_id == warehouse.id)
    if user is not None:
        stmt = stmt.where(scope_area(user, Warehouse.area_code))
    return [{"batch": b, "warehouse": wh, "item": item, "movement": mv, "quantity": b.quantity,
             "expires_on": b.expires_on, "expiry": expiry_status(b.expires_on, today)}
            for b, wh, item, mv in session.execute(stmt)]
