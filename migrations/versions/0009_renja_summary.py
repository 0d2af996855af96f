"""renja: renja_person_years, the Renja summary table (service.reports.renja_summary), filled from the records

Revision ID: 0009
Revises: 0008
Create Date: 2026-11-23 00:20:00.000000
"""

import sqlalchemy as sa
from alembic import op

revision = '0009'
down_revision = '0008'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('renja_person_years',
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('person_id', sa.Uuid(), nullable=False),
    sa.Column('service_type_code', sa.String(length=60), nullable=False),
    sa.Column('is_spm', sa.Boolean(), nullable=False),
    sa.Column('household_id', sa.Uuid(), nullable=True),
    sa.Column('q1', sa.Integer(), nullable=True),
    sa.Column('q2', sa.Integer(), nullable=True),
    sa.Column('q3', sa.Integer(), nullable=True),
    sa.Column('q4', sa.Integer(), nullable=True),
    sa.PrimaryKeyConstraint('year', 'person_id', 'service_type_code', 'is_spm', name=op.f('pk_renja_person_years'))
    )
    with op.batch_alter_table('renja_person_years', schema=None) as batch_op:
        batch_op.create_index('ix_renja_person_years_person', ['person_id'], unique=False)

    # Derived data: filled from the existing deliveries, cases and household memberships by 0028,
    # which adds the table's last column (``name_key``): the definition in ``service.reports.renja_summary``
    # is always the newest, so only the migration that gives the table its final shape can run it.


def downgrade() -> None:
    with op.batch_alter_table('renja_person_years', schema=None) as batch_op:
        batch_op.drop_index('ix_renja_person_years_person')

    op.drop_table('renja_person_years')
