"""registry: indexes for partial NIK search and the NIK-warnings list

``ix_persons_nik_trgm``: trigrams of the NIK (PostgreSQL, pg_trgm; a plain index on SQLite) for a
partial NIK search (``LIKE '%350000%'``, a sequential scan of every person before).
``ix_persons_nik_warned``: a partial index over the persons with unresolved NIK warnings, the
predicate of ``/orang?warnings=1`` (a scan of every person for a few), in the list's order
(created_at DESC, name) so that the list walks it: PostgreSQL has no statistics on the predicate and
guesses most persons match, so the statistics ``st_persons_nik_warnings`` on the expression
(PostgreSQL 14+) tell it how few do (without them the capped count scanned every person). Issue 15, docs/registry.md
"Search".

``IF NOT EXISTS``: on the 1 M benchmark database the same indexes were built by hand.

Revision ID: 0026
Revises: 0025
"""

import sqlalchemy as sa
from alembic import op

revision = "0026"
down_revision = "0025"
branch_labels = None
depends_on = None

WARNINGS = "CAST(nik_warnings AS VARCHAR)"
WARNED = f"{WARNINGS} != '[]'"


def upgrade() -> None:
    op.create_index("ix_persons_nik_trgm", "persons", ["nik"], postgresql_using="gin",
                    postgresql_ops={"nik": "gin_trgm_ops"}, if_not_exists=True)
    op.create_index("ix_persons_nik_warned", "persons", [sa.text("created_at DESC"), "name"],
                    sqlite_where=sa.text(WARNED),
                    postgresql_where=sa.text(WARNED), if_not_exists=True)
    bind = op.get_bind()
    if bind.dialect.name == "postgresql" and bind.dialect.server_version_info >= (14,):
        op.execute(f"CREATE STATISTICS IF NOT EXISTS st_persons_nik_warnings ON ({WARNINGS}) FROM persons")
        op.execute("ANALYZE persons")


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP STATISTICS IF EXISTS st_persons_nik_warnings")
    op.drop_index("ix_persons_nik_warned", "persons")
    op.drop_index("ix_persons_nik_trgm", "persons")
