"""The complaint categories (``data/categories.csv``), loaded by ``flask reference load``.

``service.reference.loader.load_all`` finds this module like every area's ``reference_data``.
A category's deadline (``sla_days``) is the office's to change (``/pengaduan/kategori``): a
reload sets it only for a new category and refreshes the names, the PPKS category and the
order, so an administrator's deadline stays.
"""

from __future__ import annotations

import csv
from pathlib import Path

from sqlalchemy import select

from service.complaints.models import ComplaintCategory
from service.core.db import session

CATEGORIES_CSV = Path(__file__).parent / "data" / "categories.csv"


def read_categories() -> list[dict[str, object]]:
    with CATEGORIES_CSV.open(newline="", encoding="utf-8") as fh:
        return [{"code": r["code"].strip(), "name_id": r["name_id"].strip(), "name_en": r["name_en"].strip(),
                 "sla_days": int(r["sla_days"]), "ppks_category_code": r["ppks_category"].strip() or None,
                 "sensitive": r["sensitive"].strip().upper() == "Y", "position": int(r["position"])}
                for r in csv.DictReader(fh)]


def load() -> dict[str, dict[str, int]]:
    existing = {c.code: c for c in session.scalars(select(ComplaintCategory))}
    inserted = updated = unchanged = 0
    for row in read_categories():
        cat = existing.get(str(row["code"]))
        if cat is None:
            session.add(ComplaintCategory(**row))
            inserted += 1
            continue
        changed = False
        for key in ("name_id", "name_en", "ppks_category_code", "sensitive", "position"):
            if getattr(cat, key) != row[key]:
                setattr(cat, key, row[key])
                changed = True
        updated, unchanged = (updated + 1, unchanged) if changed else (updated, unchanged + 1)
    session.flush()
    return {"complaint_categories": {"inserted": inserted, "updated": updated, "unchanged": unchanged}}
