"""gaps reg: plan item status reason/who/when; import_runs live progress (phase, done/total)

Revision ID: 0010
Revises: 0009
Create Date: 2026-11-23 00:42:34.135107
"""

import service.core.db
import sqlalchemy as sa
from alembic import op

revision = '0010'
down_revision = '0009'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('case_plan_items', schema=None) as batch_op:
        batch_op.add_column(sa.Column('status_reason', sa.Text(), nullable=True))
        batch_op.add_column(sa.Column('status_changed_at', service.core.db.UTCDateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column('status_changed_by_id', sa.Uuid(), nullable=True))
        batch_op.create_foreign_key(batch_op.f('fk_case_plan_items_status_changed_by_id_users'), 'users', ['status_changed_by_id'], ['id'])

    with op.batch_alter_table('import_runs', schema=None) as batch_op:
        batch_op.add_column(sa.Column('phase', sa.String(length=12), nullable=False, server_default='pending'))
        batch_op.add_column(sa.Column('progress_done', sa.Integer(), nullable=False, server_default='0'))
        batch_op.add_column(sa.Column('progress_total', sa.Integer(), nullable=False, server_default='0'))



def downgrade() -> None:
    with op.batch_alter_table('import_runs', schema=None) as batch_op:
        batch_op.drop_column('progress_total')
        batch_op.drop_column('progress_done')
        batch_op.drop_column('phase')

    with op.batch_alter_table('case_plan_items', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_case_plan_items_status_changed_by_id_users'), type_='foreignkey')
        batch_op.drop_column('status_changed_by_id')
        batch_op.drop_column('status_changed_at')
        batch_op.drop_column('status_reason')

