"""The one pagination helper, for web lists and the API alike.

Counting every match of a list costs a scan of every match (at 1,000,000 persons, a peksos's
``/orang`` counted 279,000 rows per page view), so a list counts only up to ``COUNT_CAP``:
``SELECT count(*) FROM (SELECT … LIMIT COUNT_CAP + 1)``. Beyond it the page is ``capped``: the list
says "lebih dari 10.000 data" (``_macros.html`` ``page_total``) and the pager offers a next page
while rows remain (the page is read with one row more than it shows). A list searched by its
search box counts up to ``SEARCH_COUNT_CAP`` (``cap=``): an exact count beyond five hundred
matches tells nobody anything ("lebih dari 500 data": narrow the search; the pager still goes on
while rows remain), and finding the first five hundred of a common name's matches is a fraction of
the work (``/kasus?q=Siti`` at 1 M, all counted: 185 ms, a thousand: ~20 ms; a peksos's
``/layanan/?q=Muhammad``, each match a probe of the deliveries index: a thousand 100 ms, 500 ~45 ms).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from sqlalchemy import Select, func, select

from service.core.db import session

T = TypeVar("T")
MAX_PER_PAGE = 200
COUNT_CAP = 10_000
SEARCH_COUNT_CAP = 500


@dataclass
class Page(Generic[T]):
    items: list[T]
    page: int
    per_page: int
    total: int
    capped: bool = False  # more than ``total`` matches (``total`` is then the cap, a lower bound)
    more: bool = False  # for a capped page: rows remain after this page

    @property
    def pages(self) -> int:
        """The number of pages; for a capped list the pages known so far (a lower bound)."""
        known = max(1, -(-self.total // self.per_page))
        if self.capped:
            return max(known, self.page + (1 if self.more else 0))
        return known

    @property
    def has_prev(self) -> bool:
        return self.page > 1

    @property
    def has_next(self) -> bool:
        return self.more if self.capped else self.page < self.pages

    def as_meta(self) -> dict[str, Any]:
        meta: dict[str, Any] = {"page": self.page, "per_page": self.per_page, "total": self.total,
                                "pages": self.pages}
        if self.capped:
            meta.update(total_capped=True, has_next=self.more)
        return meta


def search_cap(q: str | None) -> int:
    """The count cap of a list: ``SEARCH_COUNT_CAP`` when searched (``q``), else ``COUNT_CAP``."""
    return SEARCH_COUNT_CAP if q and q.strip() else COUNT_CAP


def _as_int(raw: Any, default: int) -> int:
    try:
        return int(raw or default)
    except (TypeError, ValueError, OverflowError):
        return default


def _count(stmt: Select[Any], cap: int | None) -> int:
    inner = stmt.order_by(None)
    if cap is not None:
        inner = inner.limit(cap + 1)
    return session.scalar(select(func.count()).select_from(inner.subquery())) or 0


def paginate(stmt: Select[Any], page: Any = 1, per_page: Any = 25, scalars: bool = True,
             cap: int | None = None) -> Page[Any]:
    """One page of ``stmt``; a page number beyond the last gives the last page, below 1 the first.

    Matches are counted up to ``cap`` (``COUNT_CAP``; a search: ``search_cap(q)``); a list with more
    is ``capped`` (see the module)."""
    per_page = max(1, min(MAX_PER_PAGE, _as_int(per_page, 25)))
    cap = COUNT_CAP if cap is None else cap
    total = _count(stmt, cap)
    if total <= cap:
        last = max(1, -(-total // per_page))
        page = max(1, min(last, _as_int(page, 1)))
        result = session.execute(stmt.limit(per_page).offset((page - 1) * per_page))
        items = list(result.scalars()) if scalars else list(result.all())
        return Page(items, page, per_page, total)
    page = max(1, _as_int(page, 1))
    if page > 10**9:  # no list has a billion pages; an offset that large is refused by the database
        page = 10**9
    result = session.execute(stmt.limit(per_page + 1).offset((page - 1) * per_page))
    items = list(result.scalars()) if scalars else list(result.all())
    if not items and page > 1:
        # Beyond the end of a long list (a typed or stale URL): count it all once, give the last page.
        total = _count(stmt, None)
        last = max(1, -(-total // per_page))
        result = session.execute(stmt.limit(per_page).offset((last - 1) * per_page))
        return Page(list(result.scalars()) if scalars else list(result.all()), last, per_page, total)
    more = len(items) > per_page
    return Page(items[:per_page], page, per_page, cap, capped=True, more=more)
