"""offline: a device is known by its own opaque identifier (any string of at most 100 characters)

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-02 19:10:00
"""

import sqlalchemy as sa
from alembic import op

revision = '0015'
down_revision = '0014'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('sync_devices', schema=None) as batch_op:
        batch_op.add_column(sa.Column('key', sa.String(length=100), nullable=True))
    # Devices synced so far sent a UUID, which was their row id: that is their key.
    devices = sa.table('sync_devices', sa.column('id', sa.Uuid()), sa.column('key', sa.String(100)))
    conn = op.get_bind()
    for (device_id,) in conn.execute(sa.select(devices.c.id)).all():
        conn.execute(devices.update().where(devices.c.id == device_id).values(key=str(device_id)))
    with op.batch_alter_table('sync_devices', schema=None) as batch_op:
        batch_op.alter_column('key', existing_type=sa.String(length=100), nullable=False)
        batch_op.create_unique_constraint(batch_op.f('uq_sync_devices_key'), ['key'])


def downgrade() -> None:
    with op.batch_alter_table('sync_devices', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('uq_sync_devices_key'), type_='unique')
        batch_op.drop_column('key')
