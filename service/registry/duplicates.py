"""Suspected duplicates (before saving, and the queue) and merging two records of one person."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from sqlalchemy import Select, and_, exists, or_, select, true, update
from sqlalchemy.orm import aliased

from service.core import audit, derived
from service.core.access import can, scope_area
from service.core.db import Base, session
from service.core.errors import N_, ValidationError
from service.core.formatting import parse_date
from service.core.pagination import Page, paginate
from service.registry import nik as nik_rules
from service.registry.models import DuplicateDecision, DuplicatePair, Person, PersonMerge
from service.registry.persons import PersonInput, compact_key, find_by_nik


def _narrow(birth: dt.date | None, village: str | None) -> Any:
    """Which persons of the same ``dedup_key`` are candidates: the pair rule on one side."""
    conds = []
    if birth is not None:
        conds.append(Person.birth_date == birth)
    if village:
        year = birth.year if birth is not None else None
        conds.append(and_(Person.village_code == village,
                          or_(Person.birth_year.is_(None), true() if year is None else Person.birth_year == year)))
    return or_(*conds) if conds else None


def likely_duplicates(fields: PersonInput | dict[str, Any], exclude_id: uuid.UUID | None = None,
                      limit: int = 10) -> list[Person]:
    """Persons who may be the one being registered, shown BEFORE saving.

    The same NIK; or the same normalised name (Indonesian variants, titles, spacing ignored)
    with the same birth date, or in the same village with the same birth year (or one birth
    date unknown) — but never a person with another NIK when a NIK is given: two different
    NIKs are two people. Candidates come from the blocking indexes (``dedup_key`` with the
    birth date, or with the village and birth year), complete: nothing is cut off before
    the pair rule is applied.
    """
    if isinstance(fields, dict):
        name = str(fields.get("name") or "")
        try:
            birth = parse_date(fields.get("birth_date"))
        except ValidationError:
            birth = None
        village = fields.get("village_code")
        nik = nik_rules.normalise(str(fields.get("nik") or "")) or None
    else:
        name, birth, village, nik = fields.name, fields.birth_date, fields.village_code, fields.nik
    target = compact_key(name)
    if not target:
        return []
    found: dict[uuid.UUID, Person] = {}
    if nik:
        same = find_by_nik(nik)
        if same is not None and same.merged_into_id is None:
            found[same.id] = same
    narrow = _narrow(birth, village)
    if narrow is not None:
        stmt = select(Person).where(Person.dedup_key == target, Person.merged_into_id.is_(None), narrow)
        if nik:
            stmt = stmt.where(or_(Person.nik.is_(None), Person.nik == nik))
        for p in session.scalars(stmt):
            found.setdefault(p.id, p)
    found.pop(exclude_id, None)  # type: ignore[arg-type]
    return sorted(found.values(), key=lambda p: (p.name, str(p.id)))[:limit]


def _pair(a: uuid.UUID, b: uuid.UUID) -> tuple[uuid.UUID, uuid.UUID]:
    return (a, b) if str(a) < str(b) else (b, a)


def duplicate_pairs() -> Any:
    """Ids (a_id < b_id) of every suspected pair: the rows of the pairs table, kept on write
    (``service.registry.duplicate_pairs``, where the pair rule is)."""
    return select(DuplicatePair.person_a_id.label("a_id"), DuplicatePair.person_b_id.label("b_id")).subquery("pairs")


def _queue_ids(user: Any) -> Select[Any]:
    dp = DuplicatePair
    decided = exists().where(DuplicateDecision.person_a_id == dp.person_a_id,
                             DuplicateDecision.person_b_id == dp.person_b_id)
    return (
        select(dp.person_a_id, dp.person_b_id, dp.score, dp.sort_key)
        .where(scope_area(user, dp.area_a), scope_area(user, dp.area_b), ~decided)
        .order_by(dp.score.desc(), dp.sort_key, dp.person_a_id, dp.person_b_id)
    )


def duplicate_queue_query(user: Any) -> Select[Any]:
    """Suspected duplicate pairs the user may see (both records in the user's area), not yet
    decided, strongest first: read from the pairs table (an indexed table, no self-join).
    Rows: (person a, person b). A page of it: :func:`duplicate_queue_page`."""
    ids = _queue_ids(user).subquery("queue")
    a, b = aliased(Person), aliased(Person)
    return (select(a, b).select_from(ids).join(a, a.id == ids.c.person_a_id).join(b, b.id == ids.c.person_b_id)
            .order_by(ids.c.score.desc(), ids.c.sort_key, ids.c.person_a_id, ids.c.person_b_id))


def duplicate_queue_page(user: Any, page: Any = 1, per_page: int = 20) -> Page[Any]:
    """One page of :func:`duplicate_queue_query`: the page's pairs are chosen and counted in the
    pairs table alone, then only their persons are read (joining first made PostgreSQL hash every
    person of a 1 M registry for twenty pairs: 0.8 s)."""
    pg = paginate(_queue_ids(user), page, per_page, scalars=False)
    wanted = {pid for row in pg.items for pid in row[:2]}
    persons = {p.id: p for p in session.scalars(select(Person).where(Person.id.in_(wanted)))} if wanted else {}
    pg.items = [(persons[a], persons[b]) for a, b, _score, _key in pg.items]
    return pg


def mark_not_duplicate(a: Person, b: Person, by_id: uuid.UUID | None = None,
                       note: str | None = None) -> DuplicateDecision:
    """Remember that two persons are different people (the pair leaves the queue for good)."""
    if a.id == b.id:
        raise ValidationError({"_": N_("Pilih dua orang yang berbeda.")})
    first, second = _pair(a.id, b.id)
    existing = session.scalar(select(DuplicateDecision).where(DuplicateDecision.person_a_id == first,
                                                              DuplicateDecision.person_b_id == second))
    if existing is not None:
        return existing
    decision = DuplicateDecision(person_a_id=first, person_b_id=second, decided_by_id=by_id, note=note)
    session.add(decision)
    session.flush()
    return decision


# Columns pointing at persons.id that a merge must NOT move: the merge bookkeeping itself.
_MERGE_SKIP = {("persons", "merged_into_id"), ("person_merges", "survivor_id"), ("person_merges", "merged_id"),
               ("duplicate_decisions", "person_a_id"), ("duplicate_decisions", "person_b_id"),
               # derived from assessments and deliveries: recomputed after the move instead
               ("spm_person_needs", "person_id")}
_COPY_IF_EMPTY = ("nik", "birth_date", "birth_place", "village_code", "address", "phone", "photo_path", "sex")


def person_references() -> list[tuple[Any, Any]]:
    """Every (table, column) with a foreign key to ``persons.id``, found in the metadata.

    Tables other areas add later are found too, so a merge never leaves a record behind.
    """
    refs = []
    for table in Base.metadata.sorted_tables:
        for fk in table.foreign_keys:
            if fk.column.table.name == "persons" and fk.column.name == "id":
                if (table.name, fk.parent.name) not in _MERGE_SKIP:
                    refs.append((table, fk.parent))
    return refs


def merge_persons(survivor: Person, merged: Person, *, by_id: uuid.UUID | None = None,
                  reason: str | None = None) -> PersonMerge:
    """Merge ``merged`` into ``survivor``: every record pointing at it moves; nothing is deleted.

    The losing record stays (hidden from lists, ``merged_into_id`` set) with its
    values recorded in a ``PersonMerge`` together with the ids of every moved row.
    """
    if survivor.id == merged.id:
        raise ValidationError({"_": N_("Pilih dua orang yang berbeda.")})
    if merged.merged_into_id is not None or survivor.merged_into_id is not None:
        raise ValidationError({"_": N_("Salah satu data sudah digabung sebelumnya.")})
    if not (reason or "").strip():
        raise ValidationError({"reason": N_("Alasan penggabungan wajib diisi.")})
    session.flush()
    before = {c: audit._jsonable(getattr(merged, c)) for c in (
        "nik", "no_nik_reason", "name", "sex", "birth_date", "birth_place", "village_code", "area_code",
        "address", "phone", "photo_path", "disability_types", "nik_warnings")}
    moved: dict[str, list[str]] = {}
    for table, column in person_references():
        pk = list(table.primary_key.columns)
        if table.name == "household_members":
            # Already a member of the same household: the duplicate membership is dropped.
            both = select(table.c.household_id).where(table.c.person_id == survivor.id)
            dup_rows = session.execute(select(table.c.id).where(column == merged.id,
                                                                table.c.household_id.in_(both))).scalars().all()
            if dup_rows:
                session.execute(table.delete().where(table.c.id.in_(dup_rows)))
                moved.setdefault("household_members_dropped", []).extend(str(r) for r in dup_rows)
        ids = [str(r[0]) if len(r) == 1 else "/".join(str(x) for x in r)
               for r in session.execute(select(*pk).where(column == merged.id)).all()]
        if not ids:
            continue
        values: dict[str, Any] = {column.name: survivor.id}
        if "version" in table.c:
            values["version"] = table.c.version + 1
        session.execute(update(table).where(column == merged.id).values(**values))
        key = table.name if column.name == "person_id" else f"{table.name}.{column.name}"
        moved.setdefault(key, []).extend(ids)
    nik_value = merged.nik
    merged.nik = None
    merged.merged_into_id = survivor.id
    session.flush()
    for attr in _COPY_IF_EMPTY:
        if getattr(survivor, attr) in (None, "") and before.get(attr) not in (None, ""):
            setattr(survivor, attr, nik_value if attr == "nik" else getattr(merged, attr))
    if survivor.nik and survivor.no_nik_reason:
        survivor.no_nik_reason = None
    survivor.disability_types = sorted(set(survivor.disability_types or []) | set(merged.disability_types or []))
    record = PersonMerge(survivor_id=survivor.id, merged_id=merged.id, merged_by_id=by_id, reason=reason.strip(),
                         moved={"rows": moved, "merged_before": before})
    session.add(record)
    first, second = _pair(survivor.id, merged.id)
    session.flush()
    audit.log_event("merge", "persons", survivor.id, {"merged_id": str(merged.id), "moved": moved})
    # Core UPDATEs/DELETEs above bypassed the ORM flush hook: recompute the derived tables
    # (report summaries) of both persons and reload what the session holds.
    derived.touch([survivor.id, merged.id])
    session.expire_all()
    return session.get(PersonMerge, record.id)  # type: ignore[return-value]


def merges_of(person: Person) -> list[PersonMerge]:
    return list(session.scalars(select(PersonMerge).where(
        or_(PersonMerge.survivor_id == person.id, PersonMerge.merged_id == person.id)).order_by(PersonMerge.merged_at)))


def merge_history(user: Any, person: Person) -> list[dict[str, Any]]:
    """The merges ``person`` took part in, as people read them: who merged whom into whom, when,
    why, how many records of each kind moved. The other person is named only when ``user`` may
    open them (else ``other_name`` is None); names and users are loaded in bulk."""
    from service.accounts.models import User  # noqa: PLC0415

    merges = merges_of(person)
    person_ids = {m.survivor_id for m in merges} | {m.merged_id for m in merges}
    persons = {p.id: p for p in session.scalars(select(Person).where(Person.id.in_(person_ids)))} if merges else {}
    user_ids = {m.merged_by_id for m in merges if m.merged_by_id}
    users = {u.id: u for u in session.scalars(select(User).where(User.id.in_(user_ids)))} if user_ids else {}
    out = []
    for m in merges:
        kept_here = m.survivor_id == person.id
        other = persons.get(m.merged_id if kept_here else m.survivor_id)
        visible = other is not None and can(user, "person.view", other)
        other_name = (other.name or (m.moved or {}).get("merged_before", {}).get("name")) if visible else None
        by = users.get(m.merged_by_id)
        moved: dict[str, int] = {}
        for key, ids in ((m.moved or {}).get("rows") or {}).items():
            table = key.split(".")[0]
            moved[table] = moved.get(table, 0) + (len(ids) if isinstance(ids, list) else 0)
        out.append({"at": m.merged_at, "by": (by.full_name or by.username) if by else None, "kept_here": kept_here,
                    "other_id": other.id if visible and not kept_here else None, "other_name": other_name,
                    "reason": m.reason, "moved": moved})
    return out

