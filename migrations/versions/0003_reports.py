"""reports

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-22 23:30:38.767481
"""

import service.core.db
import sqlalchemy as sa
from alembic import op

revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('plans',
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('source_name', sa.String(length=200), nullable=False),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', service.core.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('updated_at', service.core.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('created_by_id', sa.Uuid(), nullable=True),
    sa.Column('updated_by_id', sa.Uuid(), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_plans')),
    sa.UniqueConstraint('year', name=op.f('uq_plans_year'))
    )
    op.create_table('renja_hand_entries',
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=40), nullable=False),
    sa.Column('quarter', sa.Integer(), nullable=False),
    sa.Column('value', sa.Integer(), nullable=False),
    sa.Column('note', sa.Text(), nullable=True),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', service.core.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('updated_at', service.core.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('created_by_id', sa.Uuid(), nullable=True),
    sa.Column('updated_by_id', sa.Uuid(), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_renja_hand_entries')),
    sa.UniqueConstraint('year', 'code', 'quarter', name=op.f('uq_renja_hand_entries_year_code_quarter'))
    )
    op.create_table('plan_rows',
    sa.Column('plan_id', sa.Uuid(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=40), nullable=False),
    sa.Column('level', sa.String(length=15), nullable=False),
    sa.Column('name', sa.Text(), nullable=False),
    sa.Column('indicator', sa.Text(), nullable=False),
    sa.Column('unit', sa.String(length=30), nullable=False),
    sa.Column('target', sa.Integer(), nullable=True),
    sa.Column('budget', sa.Integer(), nullable=True),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', service.core.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('updated_at', service.core.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('created_by_id', sa.Uuid(), nullable=True),
    sa.Column('updated_by_id', sa.Uuid(), nullable=True),
    sa.ForeignKeyConstraint(['plan_id'], ['plans.id'], name=op.f('fk_plan_rows_plan_id_plans'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_plan_rows')),
    sa.UniqueConstraint('plan_id', 'code', name=op.f('uq_plan_rows_plan_id_code'))
    )
    with op.batch_alter_table('plan_rows', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_plan_rows_plan_id'), ['plan_id'], unique=False)

    op.create_table('renja_mappings',
    sa.Column('service_type_code', sa.String(length=60), nullable=False),
    sa.Column('renja_code_spm', sa.String(length=40), nullable=True),
    sa.Column('renja_code_other', sa.String(length=40), nullable=True),
    sa.Column('created_at', service.core.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('updated_at', service.core.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('created_by_id', sa.Uuid(), nullable=True),
    sa.Column('updated_by_id', sa.Uuid(), nullable=True),
    sa.ForeignKeyConstraint(['service_type_code'], ['service_types.code'], name=op.f('fk_renja_mappings_service_type_code_service_types')),
    sa.PrimaryKeyConstraint('service_type_code', name=op.f('pk_renja_mappings'))
    )
    op.create_table('spm_targets',
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('basic_service_code', sa.String(length=40), nullable=False),
    sa.Column('target', sa.Integer(), nullable=False),
    sa.Column('created_at', service.core.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('updated_at', service.core.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('created_by_id', sa.Uuid(), nullable=True),
    sa.Column('updated_by_id', sa.Uuid(), nullable=True),
    sa.ForeignKeyConstraint(['basic_service_code'], ['basic_services.code'], name=op.f('fk_spm_targets_basic_service_code_basic_services')),
    sa.PrimaryKeyConstraint('year', 'basic_service_code', name=op.f('pk_spm_targets'))
    )
    with op.batch_alter_table('deliveries', schema=None) as batch_op:
        batch_op.create_index('ix_deliveries_counted', ['person_id', 'service_type_code', 'delivered_on'], unique=False, sqlite_where=sa.text('voided_at IS NULL AND delivered_on IS NOT NULL'), postgresql_where=sa.text('voided_at IS NULL AND delivered_on IS NOT NULL'))



def downgrade() -> None:
    with op.batch_alter_table('deliveries', schema=None) as batch_op:
        batch_op.drop_index('ix_deliveries_counted', sqlite_where=sa.text('voided_at IS NULL AND delivered_on IS NOT NULL'), postgresql_where=sa.text('voided_at IS NULL AND delivered_on IS NOT NULL'))

    op.drop_table('spm_targets')
    op.drop_table('renja_mappings')
    with op.batch_alter_table('plan_rows', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_plan_rows_plan_id'))

    op.drop_table('plan_rows')
    op.drop_table('renja_hand_entries')
    op.drop_table('plans')
