"""registry: duplicate blocking keys and search indexes

Stored blocking keys for the duplicate check (``dedup_key``: the normalised name without
spaces; ``birth_year``), indexed with the birth date and with the village; a trigram index on
``name_key`` (PostgreSQL with pg_trgm) for name searches; ``text_pattern_ops`` indexes on the
area codes of persons and cases for area prefix filters (``LIKE '18.72.01.%'`` cannot use a
plain index under a non-C collation). On SQLite the same indexes are plain b-trees.

Revision ID: 0019
Revises: 0018
"""

from alembic import op
import sqlalchemy as sa


revision = "0019"
down_revision = "0018"
branch_labels = None
depends_on = None


def upgrade() -> None:
    bind = op.get_bind()
    pg = bind.dialect.name == "postgresql"
    with op.batch_alter_table("persons") as batch:
        batch.add_column(sa.Column("dedup_key", sa.String(length=200), nullable=False, server_default=""))
        batch.add_column(sa.Column("birth_year", sa.Integer(), nullable=True))
        batch.drop_index("ix_persons_dedup")
    year = "CAST(EXTRACT(YEAR FROM birth_date) AS INTEGER)" if pg else "CAST(strftime('%Y', birth_date) AS INTEGER)"
    op.execute(f"UPDATE persons SET dedup_key = replace(name_key, ' ', ''), birth_year = {year}")
    with op.batch_alter_table("persons") as batch:
        batch.alter_column("dedup_key", server_default=None)
    op.create_index("ix_persons_dedup_date", "persons", ["dedup_key", "birth_date"])
    op.create_index("ix_persons_dedup_village", "persons", ["dedup_key", "village_code", "birth_year"])
    if pg:
        op.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    op.create_index("ix_persons_name_trgm", "persons", ["name_key"], postgresql_using="gin",
                    postgresql_ops={"name_key": "gin_trgm_ops"})
    op.create_index("ix_persons_area_prefix", "persons", ["area_code"], postgresql_ops={"area_code": "text_pattern_ops"})
    op.create_index("ix_cases_area_prefix", "cases", ["area_code"], postgresql_ops={"area_code": "text_pattern_ops"})
    op.create_index("ix_cases_number_prefix", "cases", ["number"], postgresql_ops={"number": "text_pattern_ops"})


def downgrade() -> None:
    op.drop_index("ix_cases_number_prefix", "cases")
    op.drop_index("ix_cases_area_prefix", "cases")
    op.drop_index("ix_persons_area_prefix", "persons")
    op.drop_index("ix_persons_name_trgm", "persons")
    op.drop_index("ix_persons_dedup_village", "persons")
    op.drop_index("ix_persons_dedup_date", "persons")
    with op.batch_alter_table("persons") as batch:
        batch.create_index("ix_persons_dedup", ["name_key", "birth_date"])
        batch.drop_column("birth_year")
        batch.drop_column("dedup_key")
