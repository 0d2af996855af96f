"""registry: duplicate_pairs, the suspected duplicate pairs kept on write, filled from the persons

The duplicate review queue reads this table (``service.registry.duplicate_pairs``) instead of
self-joining the registry on each view; the flush hook of ``service.core.derived`` keeps it.

Revision ID: 0022
Revises: 0021
"""

import sqlalchemy as sa
from alembic import op

revision = "0022"
down_revision = "0021"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "duplicate_pairs",
        sa.Column("person_a_id", sa.Uuid(), nullable=False),
        sa.Column("person_b_id", sa.Uuid(), nullable=False),
        sa.Column("score", sa.Integer(), nullable=False),
        sa.Column("area_a", sa.String(length=13), nullable=False),
        sa.Column("area_b", sa.String(length=13), nullable=False),
        sa.Column("sort_key", sa.String(length=200), nullable=False),
        sa.PrimaryKeyConstraint("person_a_id", "person_b_id", name=op.f("pk_duplicate_pairs")),
    )
    op.create_index("ix_duplicate_pairs_b", "duplicate_pairs", ["person_b_id"])
    op.create_index("ix_duplicate_pairs_queue", "duplicate_pairs", ["score", "sort_key"])
    # Derived data: fill it from the existing persons.
    from service.registry.duplicate_pairs import DUPLICATE_PAIRS

    DUPLICATE_PAIRS.rebuild(op.get_bind())


def downgrade() -> None:
    op.drop_index("ix_duplicate_pairs_queue", "duplicate_pairs")
    op.drop_index("ix_duplicate_pairs_b", "duplicate_pairs")
    op.drop_table("duplicate_pairs")
