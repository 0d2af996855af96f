"""care: the deliveries-by-person index carries the area and the case (PostgreSQL ``INCLUDE``)

The deliveries list searched by a person's name ("Muhammad") counts up to 500 deliveries of the
persons bearing it within the reader's area, minus sensitive cases not theirs: with
``ix_deliveries_person_date`` holding only (person_id, delivered_on) every delivery of every such
person was read from the table for its area and case, ~1,500 scattered pages per search at 1 M
persons (140-200 ms when they are not in shared buffers). With the area and the case in the
index the count is an index-only scan (10 ms). Same index, same columns to search by: no extra
index to maintain on write. SQLite has no ``INCLUDE``: the index is rebuilt as it was. Issue 15.

Revision ID: 0029
Revises: 0028
Create Date: 2026-12-07 14:40:00.000000
"""

from alembic import op

revision = '0029'
down_revision = '0028'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.drop_index('ix_deliveries_person_date', table_name='deliveries')
    op.create_index('ix_deliveries_person_date', 'deliveries', ['person_id', 'delivered_on'],
                    postgresql_include=['area_code', 'case_id'])


def downgrade() -> None:
    op.drop_index('ix_deliveries_person_date', table_name='deliveries')
    op.create_index('ix_deliveries_person_date', 'deliveries', ['person_id', 'delivered_on'])
