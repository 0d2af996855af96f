"""What a search box matches, who may see whom, and the persons list (docs/registry.md "Search").

At a million persons the cost of a search is decided by how many persons it matches, so the
shape of a name or partial-NIK search is chosen by a cheap measure of that (:func:`is_common`): a
rare name or fragment (a birth date and sequence) takes its matches from the trigram index and
sorts them; a common one (the first name "Muhammad", 100,000 persons; a district's prefix
"187201", 240,000) would sort them all, so the list walks its index in list order instead and stops
at the page: its matches are spread over the years of registration, so a page's worth comes soon.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Select, String, and_, cast, exists, false, func, literal_column, or_, select

from service.casework.models import Case
from service.core.access import can, may_see_sensitive_unassigned, scope_area
from service.core.db import session
from service.registry import nik as nik_rules
from service.registry.models import Person

# A search matching at least this many persons is "common" (module constant: tests lower it).
COMMON_MATCHES = 2000

# Persons with unresolved NIK warnings: the predicate of the partial index ``ix_persons_nik_warned``
# (migration 0026), written with a literal so that PostgreSQL can prove the index applies.
NIK_WARNED = cast(Person.nik_warnings, String) != literal_column("'[]'")


def visible_persons_filter(user: Any) -> Any:
    """SQL twin of ``can(user, "person.view", person)``: area plus need-to-know."""
    area = scope_area(user, Person.area_code)
    if may_see_sensitive_unassigned(user):
        return area
    sensitive = exists().where(Case.person_id == Person.id, Case.is_sensitive)
    mine = exists().where(Case.person_id == Person.id, Case.is_sensitive, Case.worker_id == user.id)
    return and_(area, or_(~sensitive, mine))


def name_search_key(q: str | None) -> str | None:
    """The normalised name :func:`person_search` matches ``persons.name_key`` against (``LIKE
    '%key%'``), or None when the query is a NIK, a KK number or part of one, or has no letters
    to normalise: for tables that carry ``name_key`` beside a person id (a report's summary)."""
    from service.registry.persons import name_key

    q = (q or "").strip()
    digits = nik_rules.normalise(q)
    if digits.isdigit() and len(digits) >= 4:
        return None
    return name_key(q) or None


def person_search(q: str, partial_nik: bool = False) -> Any:
    """What a search box matches. A NIK or KK number (16 digits) matches that field exactly
    (the person, or the members of that family card); part of one (4+ digits) the NIKs that
    contain it (trigram index ``ix_persons_nik_trgm`` on PostgreSQL) — only with ``partial_nik``,
    for users who may see NIKs (``person.view_nik``): for anyone else a partial search would
    rebuild a masked NIK digit by digit, so it matches nothing; anything else the normalised name
    (trigram index on PostgreSQL), and the written name too when the query has digits
    ("Orang 4242" is not every "orang")."""
    from service.registry.persons import name_key

    q = q.strip()
    digits = nik_rules.normalise(q)
    if digits.isdigit() and len(digits) == 16:
        from service.registry.models import Household, HouseholdMember

        members = select(HouseholdMember.person_id).join(Household, Household.id == HouseholdMember.household_id) \
            .where(Household.kk_number == digits)
        # One IN over a UNION, not ``nik = … OR id IN (…)``: PostgreSQL turns that OR into a
        # sequential scan of every person (137 ms at 1 M); the UNION uses both exact indexes (0.6 ms).
        return Person.id.in_(select(Person.id).where(Person.nik == digits).union(members))
    if digits.isdigit() and len(digits) >= 4:
        return Person.nik.like(f"%{digits}%") if partial_nik else false()
    key = name_key(q)
    if not key:
        return Person.name.ilike(f"%{q}%")
    if any(ch.isdigit() for ch in q):
        return and_(Person.name_key.like(f"%{key}%"), Person.name.ilike(f"%{q}%"))
    return Person.name_key.like(f"%{key}%")


def is_common(*criteria: Any, reach: int = 0) -> bool:
    """Do ``criteria`` match enough persons for walking the list order to reach row ``reach`` (a
    page's offset + limit) soon? The walk visits about persons × reach / matches rows, the sort
    reads every match, so the matches needed grow with the square root of the rows reached:
    ``COMMON_MATCHES`` up to row 50, four times that for row 800 (``/orang?q=Muhammad Ali&page=30``
    walked with the first page's measure visited half the registry: 450 ms at 1 M; sorted: 50 ms).
    Counted only that far (``SELECT count(*) FROM (SELECT 1 … LIMIT n)``): a rare name is answered
    by its few index entries (1 ms at 1 M), a common one stops after ``n`` matches (15 ms for 2,000)."""
    # A typed page number of any size is a page beyond the end: bounded, the count stays a bigint.
    needed = int(COMMON_MATCHES * max(1.0, min(reach, 10**9) / 50) ** 0.5)
    probe = select(literal_column("1")).select_from(Person).where(*criteria).limit(needed)
    return (session.scalar(select(func.count()).select_from(probe.subquery())) or 0) >= needed


def person_query(user: Any, q: str | None = None, area: str | None = None, has_nik: str | None = None,
                 warnings: bool = False, reach: int = 0) -> Select[Any]:
    """Persons the user may see, newest first; ``q`` matches name or NIK. ``reach``: the rows the
    caller will read (its page's offset + limit), which the query's shape depends on."""
    where = [Person.merged_into_id.is_(None), visible_persons_filter(user)]
    q = (q or "").strip()
    if q:
        where.append(person_search(q, partial_nik=can(user, "person.view_nik")))
    # A name or a NIK fragment is measured; a whole NIK or KK number is exact (a handful of rows).
    # Walking relies on the matches being spread over the list order, which the registry's
    # timestamps give (each row gets its own created_at, an import's in file order); a load that
    # stamped a million rows with one instant would put the list in name order, where a common
    # full name sits in one run far down it (``bench.generate`` spreads them as a registry does).
    digits = nik_rules.normalise(q)
    measured = bool(q) and not (digits.isdigit() and len(digits) == 16)
    if area:
        where.append(or_(Person.area_code == area, Person.area_code.like(area + ".%")))
    if has_nik == "yes":
        where.append(Person.nik.is_not(None))
    elif has_nik == "no":
        where.append(Person.nik.is_(None))
    if warnings:
        where.append(NIK_WARNED)  # walks its partial index, ``ix_persons_nik_warned``
    # The plain list, the warnings and a common name or NIK fragment walk an index in list order
    # (created_at DESC, name) and stop at the page; a rare one sorts its matches (the same order
    # through coalesce, which the index cannot give: walking it for a rare one visits every person).
    # The measure counts the whole list's matches: common in the registry may be rare in an area.
    rare = bool(q) and not (measured and is_common(*where, reach=reach))
    newest = func.coalesce(Person.created_at, Person.created_at) if rare else Person.created_at
    return select(Person).where(*where).order_by(newest.desc(), Person.name)
