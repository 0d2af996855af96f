"""casework: an index in the order of the cases list

``/kasus`` sorts by ``intake_date DESC, number DESC`` (this index read backwards): the first page of
a peksos's area no longer sorts the area's cases. (The same for ``/orang``, ``created_at DESC, name``,
was tried and left out: at 1 M persons the planner then walked it for a common name search, 44 ms ->
1.8 s.) Both built in 5 s on the 1 M database (issue 15, README "Benchmarks").

Revision ID: 0024
Revises: 0023
"""

from alembic import op

revision = "0024"
down_revision = "0023"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_cases_list_order", "cases", ["intake_date", "number"])


def downgrade() -> None:
    op.drop_index("ix_cases_list_order", "cases")
