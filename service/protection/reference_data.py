"""The social-assistance programmes (``data/programmes.csv``), loaded by ``flask reference load``.

Found by ``service.reference.loader.load_all`` like every area's ``reference_data``. A reload adds
new programmes and refreshes names and descriptions; an office's regional programmes added on
``/perlindungan/program`` and its *active* switch stay.
"""

from __future__ import annotations

import csv
from pathlib import Path

from sqlalchemy import select

from service.core.db import session
from service.protection.models import AidProgramme

PROGRAMMES_CSV = Path(__file__).parent / "data" / "programmes.csv"


def read_programmes() -> list[dict[str, str]]:
    with PROGRAMMES_CSV.open(newline="", encoding="utf-8") as fh:
        return [{k: (v or "").strip() for k, v in r.items()} for r in csv.DictReader(fh)]


def load() -> dict[str, dict[str, int]]:
    existing = {p.code: p for p in session.scalars(select(AidProgramme))}
    inserted = updated = unchanged = 0
    for row in read_programmes():
        prog = existing.get(row["code"])
        if prog is None:
            session.add(AidProgramme(**row))
            inserted += 1
            continue
        changed = False
        for key in ("name", "level", "unit", "description"):
            if getattr(prog, key) != row[key]:
                setattr(prog, key, row[key])
                changed = True
        updated, unchanged = (updated + 1, unchanged) if changed else (updated, unchanged + 1)
    session.flush()
    return {"aid_programmes": {"inserted": inserted, "updated": updated, "unchanged": unchanged}}
