"""reports: renja_person_years.name_key, the person's normalised name, for the Renja drill-down's
search

At 1 M persons the drill-down searched by a common name ("Muhammad", 113,000 persons) sorted every
person bearing it and probed the summary for each (330 ms); with the name in the summary the
search reads the sub-activity's rows of the year (27,000) and keeps those bearing it (issue 15).

Revision ID: 0028
Revises: 0027
Create Date: 2026-12-06 22:20:00.000000
"""

import sqlalchemy as sa
from alembic import op

revision = '0028'
down_revision = '0027'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('renja_person_years', schema=None) as batch_op:
        batch_op.add_column(sa.Column('name_key', sa.String(length=200), server_default='', nullable=False))

    # Derived data: the whole table from its definition (0009 no longer fills it: see there).
    from service.reports.renja_summary import RENJA_YEARS

    RENJA_YEARS.rebuild(op.get_bind())


def downgrade() -> None:
    with op.batch_alter_table('renja_person_years', schema=None) as batch_op:
        batch_op.drop_column('name_key')
