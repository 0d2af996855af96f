"""Region look-ups for the cascading picker, NIK checks and labels."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import aliased

from service.core import batch
from service.core.db import session
from service.reference.models import Region


def get(code: str | None) -> Region | None:
    """The region of a code (None when unknown); inside ``batch.cached()`` (an import, a sync
    request) each code is read once, not once per row that names it."""
    if not code:
        return None
    return batch.memo((Region, code), lambda: session.get(Region, code))


def children(parent: str | None) -> list[Region]:
    stmt = select(Region).order_by(Region.name)
    stmt = stmt.where(Region.level == 1) if not parent else stmt.where(Region.parent_code == parent)
    return list(session.scalars(stmt))


def lineage(code: str | None) -> list[Region]:
    """Province, regency, district, village for a code (those that exist)."""
    if not code:
        return []
    parts = code.split(".")
    codes = [".".join(parts[: i + 1]) for i in range(len(parts))]
    found = {r.code: r for r in session.scalars(select(Region).where(Region.code.in_(codes)))}
    return [found[c] for c in codes if c in found]


def label(code: str | None) -> str:
    """``Ganjar Agung, Metro Barat, Kota Metro`` (village up to regency)."""
    chain = lineage(code)
    return ", ".join(r.name for r in reversed(chain[1:] or chain))


def search(q: str, limit: int = 20, within: str | None = None, levels: tuple[int, ...] | None = None) -> list[Region]:
    """Regions whose name contains ``q`` (case-insensitive; ``%`` and ``_`` match themselves)."""
    text = q.strip().lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    stmt = select(Region).where(func.lower(Region.name).like(f"%{text}%", escape="\\"))
    if within:
        stmt = stmt.where(Region.code.like(within + ".%"))
    if levels:
        stmt = stmt.where(Region.level.in_(levels))
    return list(session.scalars(stmt.order_by(Region.level, Region.name).limit(limit)))


def villages_within(root: str | None) -> list[tuple[Region, str]]:
    """(village, its district's name) for every village under ``root`` (nothing without a root), by name."""
    if not root:
        return []
    district = aliased(Region)
    stmt = (select(Region, district.name).outerjoin(district, district.code == Region.parent_code)
            .where(Region.level == 4, Region.code.like(root + ".%")).order_by(Region.name))
    return [(r, name or "") for r, name in session.execute(stmt)]


def count() -> int:
    return session.scalar(select(func.count()).select_from(Region)) or 0
