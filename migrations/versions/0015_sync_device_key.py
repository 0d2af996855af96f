"""sync devices: the device's own opaque identifier (any string up to 100 characters)

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-02 19:40:00
"""

from alembic import op
import sqlalchemy as sa


revision = "0015"
down_revision = "0014"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("sync_devices") as batch:
        batch.add_column(sa.Column("key", sa.String(length=100), nullable=True))
    devices = sa.table("sync_devices", sa.column("id", sa.Uuid()), sa.column("key", sa.String(100)))
    conn = op.get_bind()
    # Devices known so far sent a UUID: that text (with dashes) stays their key.
    for (device_id,) in conn.execute(sa.select(devices.c.id)).all():
        conn.execute(devices.update().where(devices.c.id == device_id).values(key=str(device_id)))
    with op.batch_alter_table("sync_devices") as batch:
        batch.alter_column("key", existing_type=sa.String(length=100), nullable=False)
        batch.create_unique_constraint(op.f("uq_sync_devices_key"), ["key"])


def downgrade() -> None:
    with op.batch_alter_table("sync_devices") as batch:
        batch.drop_constraint(op.f("uq_sync_devices_key"), type_="unique")
        batch.drop_column("key")
