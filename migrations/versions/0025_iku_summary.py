"""reports: iku_person_years, the IKU summary table (service.reports.iku_summary), filled from the records;
persons indexes in name order for the report drill-downs (service.reports.spm.order_by_name) and in
list order for the persons list (service.registry.persons.person_query; searches sort their matches
instead of walking it, the cause of the 1.8 s common-name search that kept it out of 0024)

At 1 M persons the drill-downs' first page went from 1.5-3.8 s to 30-90 ms (issue 15).

Revision ID: 0025
Revises: 0024
Create Date: 2026-12-03 14:20:00.000000
"""

import sqlalchemy as sa
from alembic import op

revision = '0025'
down_revision = '0024'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('iku_person_years',
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('person_id', sa.Uuid(), nullable=False),
    sa.Column('registered_from', sa.Date(), nullable=False),
    sa.Column('handled_from', sa.Date(), nullable=True),
    sa.PrimaryKeyConstraint('year', 'person_id', name=op.f('pk_iku_person_years'))
    )
    with op.batch_alter_table('iku_person_years', schema=None) as batch_op:
        batch_op.create_index('ix_iku_person_years_person', ['person_id'], unique=False)

    op.create_index('ix_persons_name_id', 'persons', ['name', 'id'], unique=False)
    op.create_index('ix_persons_list_order', 'persons', ['created_at', 'name'], unique=False)

    # Derived data: fill it from the existing assessments and deliveries.
    from service.reports.iku_summary import IKU_YEARS

    IKU_YEARS.rebuild(op.get_bind())


def downgrade() -> None:
    op.drop_index('ix_persons_list_order', 'persons')
    op.drop_index('ix_persons_name_id', 'persons')
    with op.batch_alter_table('iku_person_years', schema=None) as batch_op:
        batch_op.drop_index('ix_iku_person_years_person')

    op.drop_table('iku_person_years')
