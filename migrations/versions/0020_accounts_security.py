"""security: login throttling per account and client address; import runs' heartbeat

``login_throttles`` counts failed sign-ins per (username, address) and per address
(``service.accounts.users.authenticate``); ``users.failed_logins``/``throttled_until`` are no
longer used. ``import_runs.worker``/``heartbeat_at`` let a run whose process died show as failed.

Revision ID: 0020
Revises: 0019
"""

from alembic import op
import sqlalchemy as sa

import service.core.db


revision = "0020"
down_revision = "0019"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "login_throttles",
        sa.Column("key", sa.String(length=200), nullable=False),
        sa.Column("failures", sa.Integer(), nullable=False),
        sa.Column("window_start", service.core.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("locked_until", service.core.db.UTCDateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_login_throttles")),
    )
    op.create_index(op.f("ix_login_throttles_window_start"), "login_throttles", ["window_start"])
    with op.batch_alter_table("import_runs") as batch:
        batch.add_column(sa.Column("worker", sa.String(length=120), nullable=True))
        batch.add_column(sa.Column("heartbeat_at", service.core.db.UTCDateTime(timezone=True), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("import_runs") as batch:
        batch.drop_column("heartbeat_at")
        batch.drop_column("worker")
    op.drop_index(op.f("ix_login_throttles_window_start"), "login_throttles")
    op.drop_table("login_throttles")
