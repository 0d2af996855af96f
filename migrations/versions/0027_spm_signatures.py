"""reports: spm_person_signatures, the dashboard trend's derived table (service.reports.spm_trend),
filled from spm_person_needs; the persons list-order index as (created_at DESC, name), the list's
exact order

At 1 M persons the dashboard's year trend groups the year's 81,000 (service, person) rows instead
of summing its 220,000 needed components per person on every view (issue 15). The list-order index
(created_at, name) gave "newest first, then by name" only by re-sorting each run of equal
created_at: with 280,000 persons of one import (one timestamp) a worker's list sorted them all
(306 ms); in the list's own order it reads the first 50 (0.2 ms). Likewise the deliveries list
(/layanan/: 1.9 s -> 1 ms, and no join to persons) and the quiet cases of the task overview.

Revision ID: 0027
Revises: 0026
Create Date: 2026-12-04 22:00:00.000000
"""

import sqlalchemy as sa
from alembic import op

revision = '0027'
down_revision = '0026'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('spm_person_signatures',
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('basic_service_code', sa.String(length=40), nullable=False),
    sa.Column('person_id', sa.Uuid(), nullable=False),
    sa.Column('needed_sig', sa.BigInteger(), nullable=False),
    sa.Column('delivered_sig', sa.BigInteger(), nullable=False),
    sa.Column('name_key', sa.String(length=200), nullable=False),
    sa.PrimaryKeyConstraint('year', 'basic_service_code', 'person_id', name=op.f('pk_spm_person_signatures'))
    )
    with op.batch_alter_table('spm_person_signatures', schema=None) as batch_op:
        batch_op.create_index('ix_spm_person_signatures_person', ['person_id'], unique=False)

    op.drop_index('ix_persons_list_order', 'persons')
    op.create_index('ix_persons_list_order', 'persons', [sa.text('created_at DESC'), 'name'], unique=False)
    op.create_index('ix_deliveries_list_order', 'deliveries', [sa.text('delivered_on DESC'), sa.text('created_at DESC')],
                    unique=False)
    op.drop_index('ix_cases_last_activity_at', 'cases')
    op.create_index('ix_cases_activity_order', 'cases', ['last_activity_at', 'id'], unique=False)

    # Derived data: fill it from spm_person_needs.
    from service.reports.spm_trend import SPM_SIGNATURES

    SPM_SIGNATURES.rebuild(op.get_bind())


def downgrade() -> None:
    op.drop_index('ix_cases_activity_order', 'cases')
    op.create_index('ix_cases_last_activity_at', 'cases', ['last_activity_at'], unique=False)
    op.drop_index('ix_deliveries_list_order', 'deliveries')
    op.drop_index('ix_persons_list_order', 'persons')
    op.create_index('ix_persons_list_order', 'persons', ['created_at', 'name'], unique=False)
    with op.batch_alter_table('spm_person_signatures', schema=None) as batch_op:
        batch_op.drop_index('ix_spm_person_signatures_person')

    op.drop_table('spm_person_signatures')
