"""The one pagination helper, for web lists and the API alike."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from sqlalchemy import Select, func, select

from service.core.db import session

T = TypeVar("T")
MAX_PER_PAGE = 200


@dataclass
class Page(Generic[T]):
    items: list[T]
    page: int
    per_page: int
    total: int

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.per_page))

    @property
    def has_prev(self) -> bool:
        return self.page > 1

    @property
    def has_next(self) -> bool:
        return self.page < self.pages

    def as_meta(self) -> dict[str, int]:
        return {"page": self.page, "per_page": self.per_page, "total": self.total, "pages": self.pages}


def _as_int(raw: Any, default: int) -> int:
    try:
        return int(raw or default)
    except (TypeError, ValueError, OverflowError):
        return default


def paginate(stmt: Select[Any], page: Any = 1, per_page: Any = 25, scalars: bool = True) -> Page[Any]:
    """One page of ``stmt``; a page number beyond the last gives the last page, below 1 the first."""
    per_page = max(1, min(MAX_PER_PAGE, _as_int(per_page, 25)))
    total = session.scalar(select(func.count()).select_from(stmt.order_by(None).subquery())) or 0
    last = max(1, -(-total // per_page))
    page = max(1, min(last, _as_int(page, 1)))
    result = session.execute(stmt.limit(per_page).offset((page - 1) * per_page))
    items = list(result.scalars()) if scalars else list(result.all())
    return Page(items, page, per_page, total)
