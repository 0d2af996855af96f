"""The duplicate pairs table: suspected duplicate pairs kept on write, read by the review queue.

A derived table (``service.core.derived``): the one flush hook recomputes, in the same
transaction, the pairs of every person whose blocking fields changed (registration, edit,
merge, the BNBA import, a sync batch), so the queue reads a small indexed table instead of
self-joining the registry on each view. Bulk loads that bypass the ORM rebuild it
(``DUPLICATE_PAIRS.rebuild()``: migration 0020, ``flask --app wsgi duplicates rebuild``,
``bench.generate``).

The pair rule (each needs a second agreeing field beside the name, ``dedup_key``: the
normalised name without spaces; never two different NIKs, never two different known sexes):

* the same birth date;
* the same village, birth year and sex, when one birth date is an estimate (from an age:
  ``birth_date_estimated``, or 1 July, the "umur 70" convention) — two exact birth dates that
  differ are two people;
* the same village and sex when one birth date is unknown.

``score`` counts what agrees (name 1, birth date 2 or birth year 1, village 1, sex 1); the
queue shows the strongest pairs first.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Select, and_, bindparam, case, delete, extract, insert, literal, or_, select, union
from sqlalchemy.orm import aliased

from service.core.derived import _STATEMENTS, DerivedTable, Watch, keys_only
from service.registry.models import DuplicatePair, Person

# Person fields the rule or the stored row reads: a change to one of them refreshes the pairs.
WATCHED = ("dedup_key", "birth_date", "birth_year", "birth_date_estimated", "village_code", "sex", "nik",
           "merged_into_id", "area_code", "name_key")


def _estimated(p: Any) -> Any:
    return or_(p.birth_date_estimated.is_(True), and_(extract("month", p.birth_date) == 7,
                                                      extract("day", p.birth_date) == 1))


def _candidates(keys: Any) -> Any:
    """(a_id, b_id) of every pair with a person of ``keys`` (None: every pair), a_id < b_id."""
    def rule(*conds: Any) -> Select[Any]:
        p, q = aliased(Person), aliased(Person)
        common = [p.dedup_key == q.dedup_key, p.dedup_key != "",
                  p.merged_into_id.is_(None), q.merged_into_id.is_(None),
                  or_(p.nik.is_(None), q.nik.is_(None), p.nik == q.nik)]
        parts = [c(p, q) for c in conds]
        if keys is None:
            return select(p.id.label("a_id"), q.id.label("b_id")).join(q, and_(*common, *parts, p.id < q.id))
        stmt = select(case((p.id < q.id, p.id), else_=q.id).label("a_id"),
                      case((p.id < q.id, q.id), else_=p.id).label("b_id"))
        return stmt.join(q, and_(*common, *parts, p.id != q.id)).where(p.id.in_(keys))

    return union(
        rule(lambda p, q: p.birth_date == q.birth_date,
             lambda p, q: or_(p.birth_date_estimated.is_(False), q.birth_date_estimated.is_(False))),
        rule(lambda p, q: p.village_code == q.village_code, lambda p, q: p.birth_year == q.birth_year,
             lambda p, q: p.sex == q.sex, lambda p, q: or_(_estimated(p), _estimated(q))),
        rule(lambda p, q: p.village_code == q.village_code,
             lambda p, q: or_(p.birth_year.is_(None), q.birth_year.is_(None)),
             lambda p, q: or_(p.sex.is_(None), q.sex.is_(None), p.sex == q.sex)),
    ).subquery("candidates")


def source_query(keys: Any) -> Select[Any]:
    """The table's rows (its columns, in order) for the pairs touching ``keys`` (None: all; a
    bound parameter: the statement ``refresh_statements`` builds once)."""
    pairs = _candidates(keys)
    a, b = aliased(Person), aliased(Person)
    score = (literal(1)
             + case((a.birth_date == b.birth_date, 2), (a.birth_year == b.birth_year, 1), else_=0)
             + case((a.village_code == b.village_code, 1), else_=0)
             + case((a.sex == b.sex, 1), else_=0))
    return (select(pairs.c.a_id, pairs.c.b_id, score, a.area_code, b.area_code, a.name_key)
            .join(a, a.id == pairs.c.a_id).join(b, b.id == pairs.c.b_id))


class PairTable(DerivedTable):
    """A derived table keyed by *either* person of a pair: refreshing a person recomputes every
    pair it is in (on both sides)."""

    def refresh_statements(self) -> tuple[Any, Any]:
        if self.name not in _STATEMENTS:
            t, keys = self.table, bindparam("keys", expanding=True)
            _STATEMENTS[self.name] = (
                delete(t).where(or_(t.c.person_a_id.in_(keys), t.c.person_b_id.in_(keys))),
                keys_only(insert(t).from_select(self.columns, self.source(keys))))
        return _STATEMENTS[self.name]


DUPLICATE_PAIRS = PairTable(
    table=DuplicatePair.__table__,  # type: ignore[arg-type]
    source=source_query,
    watches=(Watch(Person, attr="id", on=WATCHED),),
    key="person_id",  # derived.touch(person ids) — e.g. after a merge's Core UPDATEs — refreshes them
    key_model=Person,
)


def rebuild() -> int:
    """Recompute the whole table (after a bulk load that bypassed the ORM); the number of pairs."""
    return DUPLICATE_PAIRS.rebuild()[DUPLICATE_PAIRS.name]
