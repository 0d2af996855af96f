"""renstra, IKU supports, an index of the Renja summary by service type

Revision ID: 0021
Revises: 0020
Create Date: 2026-12-03 06:00:00
"""

from alembic import op
import sqlalchemy as sa
import service.core.db


revision = "0021"
down_revision = "0020"
branch_labels = None
depends_on = None


def _audit_columns() -> list[sa.Column]:
    return [sa.Column('id', sa.Uuid(), nullable=False),
            sa.Column('created_at', service.core.db.UTCDateTime(timezone=True), nullable=False),
            sa.Column('updated_at', service.core.db.UTCDateTime(timezone=True), nullable=False),
            sa.Column('created_by_id', sa.Uuid(), nullable=True),
            sa.Column('updated_by_id', sa.Uuid(), nullable=True)]


def upgrade() -> None:
    op.create_table('renstra_plans',
    sa.Column('first_year', sa.Integer(), nullable=False),
    sa.Column('last_year', sa.Integer(), nullable=False),
    sa.Column('source_name', sa.String(length=200), nullable=False),
    *_audit_columns(),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_renstra_plans')),
    sa.UniqueConstraint('first_year', name=op.f('uq_renstra_plans_first_year'))
    )
    op.create_table('renstra_rows',
    sa.Column('renstra_id', sa.Uuid(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=40), nullable=False),
    sa.Column('renja_code', sa.String(length=40), nullable=False),
    sa.Column('level', sa.String(length=12), nullable=False),
    sa.Column('name', sa.Text(), nullable=False),
    sa.Column('indicator', sa.Text(), nullable=False),
    sa.Column('unit', sa.String(length=30), nullable=False),
    sa.Column('baseline', sa.Numeric(precision=18, scale=4), nullable=True),
    sa.Column('final_target', sa.Numeric(precision=18, scale=4), nullable=True),
    sa.Column('targets', sa.JSON(), nullable=False),
    *_audit_columns(),
    sa.ForeignKeyConstraint(['renstra_id'], ['renstra_plans.id'], name=op.f('fk_renstra_rows_renstra_id_renstra_plans'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_renstra_rows')),
    sa.UniqueConstraint('renstra_id', 'code', name=op.f('uq_renstra_rows_renstra_id_code'))
    )
    with op.batch_alter_table('renstra_rows', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_renstra_rows_renstra_id'), ['renstra_id'], unique=False)
    op.create_table('indicator_supports',
    sa.Column('indicator_id', sa.Uuid(), nullable=False),
    sa.Column('code', sa.String(length=40), nullable=False),
    *_audit_columns(),
    sa.ForeignKeyConstraint(['indicator_id'], ['indicators.id'], name=op.f('fk_indicator_supports_indicator_id_indicators'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_indicator_supports')),
    sa.UniqueConstraint('indicator_id', 'code', name=op.f('uq_indicator_supports_indicator_id_code'))
    )
    with op.batch_alter_table('indicator_supports', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_indicator_supports_indicator_id'), ['indicator_id'], unique=False)


    # the Renja report reads only the rows of the service types feeding a sub-activity (issue 13 benchmark)
    with op.batch_alter_table('renja_person_years', schema=None) as batch_op:
        batch_op.create_index('ix_renja_person_years_type', ['year', 'service_type_code', 'is_spm'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('renja_person_years', schema=None) as batch_op:
        batch_op.drop_index('ix_renja_person_years_type')
    with op.batch_alter_table('indicator_supports', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_indicator_supports_indicator_id'))
    op.drop_table('indicator_supports')
    with op.batch_alter_table('renstra_rows', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_renstra_rows_renstra_id'))
    op.drop_table('renstra_rows')
    op.drop_table('renstra_plans')
