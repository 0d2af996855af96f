"""Stock never goes negative under concurrent distributions (PostgreSQL, real commits)."""

from __future__ import annotations

import threading
import uuid

import pytest
from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from service.core import db as dbmod
from service.core.errors import ValidationError
from service.core.models.audit import AuditLog
from service.disasters import stock
from service.disasters.models.stock import StockItem, StockLevel, StockMovement, Warehouse
from service.disasters.models.stock_batches import StockBatch, StockBatchTake
from tests.conftest import TEST_DATABASE_URL

pytestmark = pytest.mark.skipif(not TEST_DATABASE_URL.startswith("postgresql"),
                                reason="row-lock behaviour under concurrent writers is a PostgreSQL matter; "
                                       "SQLite serialises writers with its database lock")


def test_concurrent_distributions_never_take_stock_below_zero(engine):
    own = dbmod.make_engine(TEST_DATABASE_URL, pool_size=10)
    suffix = uuid.uuid4().hex[:8]
    with Session(own) as s:
        dbmod.session.registry.set(s)
        try:
            wh = stock.create_warehouse(f"CC-{suffix}", "Gudang konkurensi", "18.72")
            item = stock.create_item(f"cc_{suffix}", "Family kit uji", "paket")
            stock.receive(wh, item, 5, source="kementerian", document_ref="BAST/CC")
            s.commit()
            wh_id, item_id = wh.id, item.id
        finally:
            dbmod.session.registry.clear()

    barrier = threading.Barrier(8)
    outcomes: list[str] = []
    lock = threading.Lock()

    def worker() -> None:
        with Session(own) as s:
            dbmod.session.registry.set(s)
            try:
                w, i = s.get(Warehouse, wh_id), s.get(StockItem, item_id)
                barrier.wait(10)
                stock.issue(w, i, 1, event=None, kind="distribution")
                s.commit()
                result = "ok"
            except ValidationError:
                s.rollback()
                result = "refused"
            finally:
                dbmod.session.registry.clear()
        with lock:
            outcomes.append(result)

    threads = [threading.Thread(target=worker) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    try:
        with own.connect() as conn:
            qty = conn.execute(select(StockLevel.quantity).where(StockLevel.warehouse_id == wh_id)).scalar_one()
            moved = conn.execute(select(StockMovement.id).where(StockMovement.warehouse_id == wh_id,
                                                                StockMovement.kind == "distribution")).all()
        assert sorted(outcomes) == ["ok"] * 5 + ["refused"] * 3
        assert qty == 0
        assert len(moved) == 5
        with own.connect() as conn:
            left = conn.execute(select(StockBatch.quantity).where(StockBatch.warehouse_id == wh_id)).scalars().all()
            taken = conn.execute(select(StockBatchTake.quantity).join(StockBatch)
                                 .where(StockBatch.warehouse_id == wh_id)).scalars().all()
        assert left == [0] and sorted(taken) == [1] * 5
    finally:
        with own.begin() as conn:
            ids = [str(r) for r in conn.execute(select(StockMovement.id).where(StockMovement.warehouse_id == wh_id))
                   .scalars()] + [str(wh_id), str(item_id)]
            conn.execute(delete(AuditLog).where(AuditLog.entity_id.in_(ids)))
            batch_ids = select(StockBatch.id).where(StockBatch.warehouse_id == wh_id)
            conn.execute(delete(StockBatchTake).where(StockBatchTake.batch_id.in_(batch_ids)))
            conn.execute(delete(StockBatch).where(StockBatch.warehouse_id == wh_id))
            conn.execute(delete(StockMovement).where(StockMovement.warehouse_id == wh_id))
            conn.execute(delete(StockLevel).where(StockLevel.warehouse_id == wh_id))
            conn.execute(delete(Warehouse).where(Warehouse.id == wh_id))
            conn.execute(delete(StockItem).where(StockItem.id == item_id))
        own.dispose()
