"""offline sync

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-22 23:31:32.579350
"""

import service.core.db
import sqlalchemy as sa
from alembic import op

revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('sync_conflicts',
    sa.Column('kind', sa.String(length=24), nullable=False),
    sa.Column('op_id', sa.Uuid(), nullable=True),
    sa.Column('device_id', sa.Uuid(), nullable=True),
    sa.Column('submitted_by_id', sa.Uuid(), nullable=True),
    sa.Column('entity_type', sa.String(length=40), nullable=False),
    sa.Column('entity_id', sa.Uuid(), nullable=False),
    sa.Column('area_code', sa.String(length=13), nullable=False),
    sa.Column('base_version', sa.Integer(), nullable=True),
    sa.Column('server_version', sa.Integer(), nullable=True),
    sa.Column('device_data', sa.JSON(), nullable=False),
    sa.Column('server_data', sa.JSON(), nullable=False),
    sa.Column('summary', sa.Text(), nullable=False),
    sa.Column('status', sa.String(length=12), nullable=False),
    sa.Column('resolution', sa.String(length=12), nullable=True),
    sa.Column('resolved_data', sa.JSON(), nullable=True),
    sa.Column('resolved_by_id', sa.Uuid(), nullable=True),
    sa.Column('resolved_at', service.core.db.UTCDateTime(timezone=True), nullable=True),
    sa.Column('note', sa.Text(), nullable=True),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', service.core.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('updated_at', service.core.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('created_by_id', sa.Uuid(), nullable=True),
    sa.Column('updated_by_id', sa.Uuid(), nullable=True),
    sa.ForeignKeyConstraint(['resolved_by_id'], ['users.id'], name=op.f('fk_sync_conflicts_resolved_by_id_users')),
    sa.ForeignKeyConstraint(['submitted_by_id'], ['users.id'], name=op.f('fk_sync_conflicts_submitted_by_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_sync_conflicts'))
    )
    with op.batch_alter_table('sync_conflicts', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_sync_conflicts_area_code'), ['area_code'], unique=False)
        batch_op.create_index(batch_op.f('ix_sync_conflicts_entity_id'), ['entity_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_sync_conflicts_op_id'), ['op_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_sync_conflicts_status'), ['status'], unique=False)
        batch_op.create_index('ix_sync_conflicts_status_area', ['status', 'area_code'], unique=False)

    op.create_table('sync_devices',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('user_id', sa.Uuid(), nullable=True),
    sa.Column('label', sa.String(length=200), nullable=False),
    sa.Column('first_seen_at', service.core.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('last_seen_at', service.core.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('last_batch_size', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_sync_devices_user_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_sync_devices'))
    )
    with op.batch_alter_table('sync_devices', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_sync_devices_user_id'), ['user_id'], unique=False)

    op.create_table('sync_operations',
    sa.Column('op_id', sa.Uuid(), nullable=False),
    sa.Column('device_id', sa.Uuid(), nullable=False),
    sa.Column('user_id', sa.Uuid(), nullable=False),
    sa.Column('type', sa.String(length=40), nullable=False),
    sa.Column('entity_id', sa.Uuid(), nullable=False),
    sa.Column('base_version', sa.Integer(), nullable=True),
    sa.Column('data', sa.JSON(), nullable=False),
    sa.Column('status', sa.String(length=12), nullable=False),
    sa.Column('result', sa.JSON(), nullable=False),
    sa.Column('received_at', service.core.db.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['device_id'], ['sync_devices.id'], name=op.f('fk_sync_operations_device_id_sync_devices')),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_sync_operations_user_id_users')),
    sa.PrimaryKeyConstraint('op_id', name=op.f('pk_sync_operations'))
    )
    with op.batch_alter_table('sync_operations', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_sync_operations_device_id'), ['device_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_sync_operations_entity_id'), ['entity_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_sync_operations_user_id'), ['user_id'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('sync_operations', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_sync_operations_user_id'))
        batch_op.drop_index(batch_op.f('ix_sync_operations_entity_id'))
        batch_op.drop_index(batch_op.f('ix_sync_operations_device_id'))

    op.drop_table('sync_operations')
    with op.batch_alter_table('sync_devices', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_sync_devices_user_id'))

    op.drop_table('sync_devices')
    with op.batch_alter_table('sync_conflicts', schema=None) as batch_op:
        batch_op.drop_index('ix_sync_conflicts_status_area')
        batch_op.drop_index(batch_op.f('ix_sync_conflicts_status'))
        batch_op.drop_index(batch_op.f('ix_sync_conflicts_op_id'))
        batch_op.drop_index(batch_op.f('ix_sync_conflicts_entity_id'))
        batch_op.drop_index(batch_op.f('ix_sync_conflicts_area_code'))

    op.drop_table('sync_conflicts')
