"""What a search box matches, who may see whom, and the persons list (docs/registry.md "Search").

At a million persons the cost of a search is decided by how many persons it matches, so the
shape of a partial-NIK search is chosen by a cheap measure of that (:func:`is_common`): a rare
fragment (a birth date and sequence) takes its matches from the trigram index and sorts them; a
common one (a district's prefix "187201", 240,000 persons) would sort them all, so the list walks
its index in list order instead and stops at the page. A name search always sorts its matches.
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


def is_common(*criteria: Any) -> bool:
    """Do ``criteria`` match at least ``COMMON_MATCHES`` persons? Counted only that far
    (``SELECT count(*) FROM (SELECT 1 … LIMIT n)``): a rare name is answered by its few index
    entries (1 ms at 1 M), a common one stops after ``n`` matches (15 ms)."""
    probe = select(literal_column("1")).select_from(Person).where(*criteria).limit(COMMON_MATCHES)
    return (session.scalar(select(func.count()).select_from(probe.subquery())) or 0) >= COMMON_MATCHES


def person_query(user: Any, q: str | None = None, area: str | None = None, has_nik: str | None = None,
                 warnings: bool = False) -> Select[Any]:
    """Persons the user may see, newest first; ``q`` matches name or NIK."""
    where = [Person.merged_into_id.is_(None), visible_persons_filter(user)]
    q = (q or "").strip()
    if q:
        where.append(person_search(q, partial_nik=can(user, "person.view_nik")))
    # Only a NIK fragment may walk the list order: its matches are spread over it. A name's are not
    # when many persons share a created_at (an import): the list is then in name order and a common
    # full name ("Suminah", 3,892 at 1 M) sits in one run far down it (walked: 2.3 s; sorted: 90 ms).
    measured = bool(q) and nik_rules.normalise(q).isdigit() and len(nik_rules.normalise(q)) < 16
    if area:
        where.append(or_(Person.area_code == area, Person.area_code.like(area + ".%")))
    if has_nik == "yes":
        where.append(Person.nik.is_not(None))
    elif has_nik == "no":
        where.append(Person.nik.is_(None))
    if warnings:
        where.append(NIK_WARNED)  # walks its partial index, ``ix_persons_nik_warned``
    # The plain list, the warnings and a common NIK fragment walk an index in list order (created_at
    # DESC, name) and stop at the page; a name or a rare fragment sorts its matches (the same order
    # through coalesce, which the index cannot give: walking it for a rare one visits every person).
    # The measure counts the whole list's matches: common in the registry may be rare in an area.
    rare = bool(q) and not (measured and is_common(*where))
    newest = func.coalesce(Person.created_at, Person.created_at) if rare else Person.created_at
    return select(Person).where(*where).order_by(newest.desc(), Person.name)
