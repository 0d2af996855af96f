"""disasters: the card-signing private key is stored sealed (longer column)

Revision ID: 0017
Revises: 0016
Create Date: 2026-12-02 20:15:00
"""

from alembic import op
import sqlalchemy as sa


revision = "0017"
down_revision = "0016"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Keys stored in plain base64 before this are sealed by the app on first use
    # (service.disasters.cards.private_bytes): the migration has no SECRET_KEY.
    with op.batch_alter_table("signing_keys") as batch:
        batch.alter_column("private_key", existing_type=sa.String(length=64), type_=sa.String(length=200),
                           existing_nullable=False)


def downgrade() -> None:
    with op.batch_alter_table("signing_keys") as batch:
        batch.alter_column("private_key", existing_type=sa.String(length=200), type_=sa.String(length=64),
                           existing_nullable=False)
