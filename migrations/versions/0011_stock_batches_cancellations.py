"""gaps dis: stock batches, distribution cancel

Revision ID: 0011
Revises: 0010
Create Date: 2026-11-23 00:42:43.146825
"""

import uuid

import service.core.db
import sqlalchemy as sa
from alembic import op

revision = '0011'
down_revision = '0010'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('stock_batches',
    sa.Column('warehouse_id', sa.Uuid(), nullable=False),
    sa.Column('item_id', sa.Uuid(), nullable=False),
    sa.Column('movement_id', sa.Uuid(), nullable=False),
    sa.Column('received_on', sa.Date(), nullable=False),
    sa.Column('expires_on', sa.Date(), nullable=True),
    sa.Column('received', sa.Integer(), nullable=False),
    sa.Column('quantity', sa.Integer(), nullable=False),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.CheckConstraint('quantity <= received', name=op.f('ck_stock_batches_batch_quantity_not_above_received')),
    sa.CheckConstraint('quantity >= 0', name=op.f('ck_stock_batches_batch_quantity_not_negative')),
    sa.ForeignKeyConstraint(['item_id'], ['stock_items.id'], name=op.f('fk_stock_batches_item_id_stock_items')),
    sa.ForeignKeyConstraint(['movement_id'], ['stock_movements.id'], name=op.f('fk_stock_batches_movement_id_stock_movements')),
    sa.ForeignKeyConstraint(['warehouse_id'], ['warehouses.id'], name=op.f('fk_stock_batches_warehouse_id_warehouses')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_stock_batches')),
    sa.UniqueConstraint('movement_id', name=op.f('uq_stock_batches_movement_id'))
    )
    with op.batch_alter_table('stock_batches', schema=None) as batch_op:
        batch_op.create_index('ix_stock_batches_fefo', ['warehouse_id', 'item_id', 'expires_on'], unique=False)

    op.create_table('stock_batch_takes',
    sa.Column('movement_id', sa.Uuid(), nullable=False),
    sa.Column('batch_id', sa.Uuid(), nullable=False),
    sa.Column('quantity', sa.Integer(), nullable=False),
    sa.CheckConstraint('quantity > 0', name=op.f('ck_stock_batch_takes_take_quantity_positive')),
    sa.ForeignKeyConstraint(['batch_id'], ['stock_batches.id'], name=op.f('fk_stock_batch_takes_batch_id_stock_batches')),
    sa.ForeignKeyConstraint(['movement_id'], ['stock_movements.id'], name=op.f('fk_stock_batch_takes_movement_id_stock_movements')),
    sa.PrimaryKeyConstraint('movement_id', 'batch_id', name=op.f('pk_stock_batch_takes'))
    )
    with op.batch_alter_table('distributions', schema=None) as batch_op:
        batch_op.add_column(sa.Column('cancelled_at', service.core.db.UTCDateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column('cancelled_by_id', sa.Uuid(), nullable=True))
        batch_op.add_column(sa.Column('cancel_reason', sa.Text(), nullable=True))
        batch_op.create_foreign_key(batch_op.f('fk_distributions_cancelled_by_id_users'), 'users', ['cancelled_by_id'], ['id'])
    _fill_batches()


def _fill_batches() -> None:
    """One batch per existing receipt / incoming transfer. The units on hand are assumed to be
    the latest-expiring ones (what first-expiry-first-out would have left): the stock level of
    each warehouse/item is spread over its batches from the latest expiry (no expiry latest)."""
    bind = op.get_bind()
    moves = sa.table("stock_movements", sa.column("id", sa.Uuid()), sa.column("kind", sa.String()),
                     sa.column("warehouse_id", sa.Uuid()), sa.column("item_id", sa.Uuid()),
                     sa.column("quantity", sa.Integer()), sa.column("occurred_on", sa.Date()),
                     sa.column("expires_on", sa.Date()))
    levels = sa.table("stock_levels", sa.column("warehouse_id", sa.Uuid()), sa.column("item_id", sa.Uuid()),
                      sa.column("quantity", sa.Integer()))
    batches = sa.table("stock_batches", sa.column("id", sa.Uuid()), sa.column("warehouse_id", sa.Uuid()),
                       sa.column("item_id", sa.Uuid()), sa.column("movement_id", sa.Uuid()),
                       sa.column("received_on", sa.Date()), sa.column("expires_on", sa.Date()),
                       sa.column("received", sa.Integer()), sa.column("quantity", sa.Integer()))
    on_hand = {(w, i): q for w, i, q in bind.execute(sa.select(levels.c.warehouse_id, levels.c.item_id,
                                                                levels.c.quantity))}
    incoming: dict[tuple, list] = {}
    for row in bind.execute(sa.select(moves).where(moves.c.kind.in_(("receipt", "transfer_in")))):
        incoming.setdefault((row.warehouse_id, row.item_id), []).append(row)
    rows = []
    for key, receipts in incoming.items():
        left = on_hand.get(key, 0)
        # Latest first: no expiry, then expiry descending, then newest receipt.
        receipts.sort(key=lambda r: (r.expires_on is None, r.expires_on or r.occurred_on, r.occurred_on, str(r.id)),
                      reverse=True)
        for r in receipts:
            n = min(left, r.quantity)
            left -= n
            rows.append({"id": uuid.uuid4(), "warehouse_id": r.warehouse_id, "item_id": r.item_id,
                         "movement_id": r.id, "received_on": r.occurred_on, "expires_on": r.expires_on,
                         "received": r.quantity, "quantity": n})
    if rows:
        op.bulk_insert(batches, rows)



def downgrade() -> None:
    with op.batch_alter_table('distributions', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_distributions_cancelled_by_id_users'), type_='foreignkey')
        batch_op.drop_column('cancel_reason')
        batch_op.drop_column('cancelled_by_id')
        batch_op.drop_column('cancelled_at')

    op.drop_table('stock_batch_takes')
    with op.batch_alter_table('stock_batches', schema=None) as batch_op:
        batch_op.drop_index('ix_stock_batches_fefo')

    op.drop_table('stock_batches')
