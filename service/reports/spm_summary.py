"""Summary tables behind the SPM report, kept exactly consistent with the records.

``spm_person_needs`` (:class:`SpmPersonNeed`) holds, per year, basic service,
person and needed component, the first date it was needed and the first date it
was delivered. It is derived data: an ORM ``after_flush`` hook recomputes the rows
of every person whose assessments, needs or deliveries were inserted, changed
(including a change of person, as in a merge, or of date) or deleted in the
flush, in the same transaction, from the same definition :func:`rebuild` uses.
A change of the basic services' components rebuilds the whole table.

Writes that bypass the ORM (Core ``update``/``delete`` on those tables) must call
:func:`refresh_persons` themselves; ``tests/reports/test_summary.py`` compares the
table with a fresh computation after every kind of write.
"""

from __future__ import annotations

import contextlib
import uuid
from collections.abc import Iterable, Iterator
from contextvars import ContextVar
from typing import Any

from sqlalchemy import and_, delete, event, extract, func, insert, select
from sqlalchemy.orm import Session, attributes

from service.care.models.deliveries import Delivery
from service.casework.models import Assessment, AssessmentNeed
from service.core.db import session
from service.reference.models import BasicServiceComponent
from service.reports.models.spm_summary import SpmPersonNeed

COLUMNS = ("year", "basic_service_code", "person_id", "service_type_code", "needed_from", "delivered_from")
CHUNK = 500


def source_query(person_ids: list[uuid.UUID] | None = None) -> Any:
    """The rows of ``spm_person_needs`` computed from the records (all persons, or some)."""
    a, n, c, d = Assessment, AssessmentNeed, BasicServiceComponent, Delivery
    year = extract("year", a.assessed_on)
    needs = (
        select(year.label("year"), a.basic_service_code.label("bs"), a.person_id.label("person_id"),
               n.service_type_code.label("comp"), func.min(a.assessed_on).label("needed_from"))
        .join(n, n.assessment_id == a.id)
        .join(c, and_(c.basic_service_code == a.basic_service_code, c.service_type_code == n.service_type_code))
        .where(a.eligible.is_(True), a.basic_service_code.is_not(None), a.status != "rejected")
        .group_by(year, a.basic_service_code, a.person_id, n.service_type_code)
    )
    if person_ids is not None:
        needs = needs.where(a.person_id.in_(person_ids))
    needs = needs.subquery("needs")
    first = (
        select(func.min(d.delivered_on))
        .where(d.person_id == needs.c.person_id, d.service_type_code == needs.c.comp,
               d.delivered_on.is_not(None), d.voided_at.is_(None),
               extract("year", d.delivered_on) == needs.c.year)
        .scalar_subquery()
    )
    return select(needs.c.year, needs.c.bs, needs.c.person_id, needs.c.comp, needs.c.needed_from, first)


def refresh_persons(person_ids: Iterable[uuid.UUID], conn: Any = None) -> None:
    """Recompute the summary rows of these persons (all years)."""
    conn = conn if conn is not None else session.connection()
    ids = sorted({p for p in person_ids if p is not None}, key=str)
    table = SpmPersonNeed.__table__
    for i in range(0, len(ids), CHUNK):
        chunk = ids[i:i + CHUNK]
        conn.execute(delete(table).where(table.c.person_id.in_(chunk)))
        conn.execute(insert(table).from_select(list(COLUMNS), source_query(chunk)))


def rebuild(conn: Any = None) -> dict[str, int]:
    """Recompute the whole table (after a bulk load, or when the components change)."""
    conn = conn if conn is not None else session.connection()
    table = SpmPersonNeed.__table__
    conn.execute(delete(table))
    conn.execute(insert(table).from_select(list(COLUMNS), source_query()))
    return {"spm_person_needs": conn.execute(select(func.count()).select_from(table)).scalar_one()}


def old_and_new(obj: Any, key: str) -> set[Any]:
    """Every value ``key`` had on ``obj`` in this flush (before and after): the rows to refresh."""
    hist = attributes.get_history(obj, key, passive=attributes.PASSIVE_NO_INITIALIZE)
    values = set(hist.added or ()) | set(hist.unchanged or ()) | set(hist.deleted or ())
    current = obj.__dict__.get(key)
    if current is not None:
        values.add(current)
    return values


# While a bulk operation (the BNBA import) runs inside ``deferred()``, the persons touched by
# each flush are collected here and refreshed once at the end, in the same transaction.
_deferred: ContextVar[set[Any] | None] = ContextVar("spm_summary_deferred", default=None)


def deferred_persons() -> set[Any] | None:
    """The set collecting touched persons inside ``deferred()``, else None."""
    return _deferred.get()


@contextlib.contextmanager
def deferred() -> Iterator[None]:
    """Refresh the summaries (SPM and Renja) once for all persons touched inside the block.

    Figures read inside the block may be stale; they are exact again when it ends. On an
    exception nothing is refreshed — the caller rolls the transaction back anyway.
    """
    if _deferred.get() is not None:  # nested: the outer block refreshes
        yield
        return
    touched: set[Any] = set()
    token = _deferred.set(touched)
    try:
        yield
    finally:
        _deferred.reset(token)
    if touched:
        from service.reports import renja_summary

        session.flush()
        refresh_persons(touched)
        renja_summary.refresh_persons(touched)


@event.listens_for(Session, "after_flush")
def _refresh_after_flush(sess: Session, _ctx: Any) -> None:
    persons: set[Any] = set()
    assessment_ids: set[Any] = set()
    components_changed = False
    for obj in (*sess.new, *sess.dirty, *sess.deleted):
        if isinstance(obj, (Assessment, Delivery)):
            persons |= old_and_new(obj, "person_id")
        elif isinstance(obj, AssessmentNeed):
            assessment_ids |= old_and_new(obj, "assessment_id")
        elif isinstance(obj, BasicServiceComponent):
            components_changed = True
    if not (persons or assessment_ids or components_changed):
        return
    conn = sess.connection()
    if components_changed:
        rebuild(conn)
        return
    ids = sorted((i for i in assessment_ids if i is not None), key=str)
    for i in range(0, len(ids), CHUNK):
        persons |= set(conn.execute(select(Assessment.person_id).where(Assessment.id.in_(ids[i:i + CHUNK]))).scalars())
    pending = _deferred.get()
    if pending is not None:
        pending |= {p for p in persons if p is not None}
        return
    refresh_persons(persons, conn)
