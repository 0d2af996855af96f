"""Region look-ups for the cascading picker, NIK checks and labels."""

from __future__ import annotations

from sqlalchemy import func, select

from service.core.db import session
from service.reference.models import Region


def get(code: str | None) -> Region | None:
    if not code:
        return None
    return session.get(Region, code)


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


def search(q: str, limit: int = 20, within: str | None = None) -> list[Region]:
    stmt = select(Region).where(func.lower(Region.name).like(f"%{q.strip().lower()}%"))
    if within:
        stmt = stmt.where(Region.code.like(within + ".%"))
    return list(session.scalars(stmt.order_by(Region.level, Region.name).limit(limit)))


def count() -> int:
    return session.scalar(select(func.count()).select_from(Region)) or 0
