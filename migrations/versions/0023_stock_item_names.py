"""disasters: stock_items.name_en, the English name of a catalogue item, filled for the default items

The default items' English names come from the reference data (``service/disasters/data/stock_items.csv``);
an item the office added keeps no English name (the Indonesian one is shown) until the office gives one.

Revision ID: 0023
Revises: 0022
"""

import csv
from importlib import resources

import sqlalchemy as sa
from alembic import op

revision = "0023"
down_revision = "0022"
branch_labels = None
depends_on = None

# Read from the installed package (package data), so a wheel install finds it too.
CSV = resources.files("service.disasters") / "data" / "stock_items.csv"


def upgrade() -> None:
    with op.batch_alter_table("stock_items") as batch:
        batch.add_column(sa.Column("name_en", sa.String(length=200), nullable=True))
    items = sa.table("stock_items", sa.column("code", sa.String), sa.column("name_en", sa.String))
    with CSV.open("r", newline="", encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            op.execute(items.update().where(items.c.code == row["code"].strip())
                       .values(name_en=row["name_en"].strip()))


def downgrade() -> None:
    with op.batch_alter_table("stock_items") as batch:
        batch.drop_column("name_en")
