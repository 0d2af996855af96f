"""The sync batch's context: who syncs, what is settled, and the rows the batch loaded in bulk
(``prefetch``) so each operation does not look them up again (docs/offline.md, issue 15)."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import inspect, select
from sqlalchemy.orm.util import identity_key

from service.core.db import parse_uuid, session, utcnow
from service.offline.models import SyncOperation
from service.reference.models import BasicService, PpksCategory
from service.registry.models import Person


@dataclass
class Context:
    user: Any
    device_id: uuid.UUID
    # Settled operations of this batch and before (prefetched in one query).
    settled: dict[uuid.UUID, SyncOperation] = field(default_factory=dict)
    # Strong references: the session's identity map is weak, and a batch touches the same rows often.
    keep: dict[Any, Any] = field(default_factory=dict)
    # (model, id) prefetched in bulk and not found: ``get`` answers None without a query.
    absent: set[tuple[type, uuid.UUID]] = field(default_factory=set)
    # Open (not closed) cases per person, newest intake first (prefetched for the batch's persons).
    cases: dict[uuid.UUID, list[Any]] = field(default_factory=dict)
    # Cases whose ``last_activity_at`` is set once at the end of the batch (deliveries): (case, when).
    touched_cases: dict[uuid.UUID, tuple[Any, Any]] = field(default_factory=dict)

    def get(self, model: type, ident: uuid.UUID | None) -> Any:
        """``session.get`` without a query for what the batch prefetch found missing."""
        if ident is None:
            return None
        obj = session().identity_map.get(identity_key(model, ident))
        if obj is not None:
            return obj
        if (model, ident) in self.absent:
            return None
        return session.get(model, ident)

    def open_cases(self, person_id: uuid.UUID) -> list[Any]:
        """The person's open cases, newest intake first (one query per person and batch at most)."""
        from service.casework.models import Case

        if person_id not in self.cases:
            self.cases[person_id] = list(session.scalars(
                select(Case).where(Case.person_id == person_id, Case.status != "closed")
                .order_by(Case.intake_date.desc())))
        return [c for c in self.cases[person_id] if c.status != "closed"]

    def case_opened(self, case: Any) -> None:
        """A case opened by this batch joins its person's open cases."""
        if case.person_id in self.cases:
            self.cases[case.person_id] = sorted([*self.cases[case.person_id], case],
                                                key=lambda c: c.intake_date, reverse=True)

    def touch_case(self, case: Any) -> None:
        """The case's ``last_activity_at`` is now: set at once on a case the chunk's flush writes anyway
        (new, or changed), else once per case at the end of the batch (an UPDATE per case, not per delivery)."""
        state = inspect(case)
        if state.pending or state.modified:  # written by this chunk's flush anyway
            case.last_activity_at = utcnow()
        else:
            self.touched_cases[case.id] = (case, utcnow())

    def _state(self) -> tuple[Any, ...]:
        return (dict(self.settled), dict(self.keep), {k: list(v) for k, v in self.cases.items()},
                dict(self.touched_cases))

    def _restore(self, state: tuple[Any, ...]) -> None:
        self.settled, self.keep, self.cases, self.touched_cases = (
            state[0], state[1], state[2], state[3])

    def components(self, category_code: str) -> set[str]:
        key = ("components", category_code)
        if key not in self.keep:
            category = session.get(PpksCategory, category_code)
            service = session.get(BasicService, category.spm_service_code) \
                if category is not None and category.spm_service_code else None
            self.keep[key] = set(service.component_codes) if service is not None else set()
        return self.keep[key]  # type: ignore[no-any-return]

    def person(self, person_id: uuid.UUID) -> Person | None:
        person = self.keep.get(("person", person_id)) or self.get(Person, person_id)
        if person is not None:
            self.keep[("person", person_id)] = person
        return person


def prefetch(ctx: Context, ops: list[Any], types: dict[str, Any]) -> None:
    """Load in bulk what the operations will look up: their entities, persons and open cases."""
    from service.casework.models import Case

    wanted: dict[type, set[uuid.UUID]] = {}
    persons: set[uuid.UUID] = set()
    datas: dict[str, list[dict[str, Any]]] = {}
    for raw in ops:
        if not isinstance(raw, dict) or raw.get("type") not in types:
            continue
        spec = types[raw["type"]]
        eid = parse_uuid(raw.get("entity_id"))
        if spec.entity_model is not None and eid is not None:
            wanted.setdefault(spec.entity_model, set()).add(eid)
        data = raw.get("data")
        pid = parse_uuid(data.get("person_id")) if isinstance(data, dict) else None
        if pid is not None:
            persons.add(pid)
        if isinstance(data, dict):
            datas.setdefault(spec.name, []).append(data)
    wanted.setdefault(Person, set()).update(persons)
    for model, ids in wanted.items():
        pending = list(ids)
        for i in range(0, len(pending), 500):
            part = pending[i:i + 500]
            found = {obj.id: obj for obj in session.scalars(select(model).where(model.id.in_(part)))}  # type: ignore[attr-defined]
            for ident in part:
                if ident in found:
                    ctx.keep[(model, ident)] = found[ident]
                else:
                    ctx.absent.add((model, ident))
    person_ids = list(wanted[Person])
    for pid in person_ids:
        ctx.cases[pid] = []
    for i in range(0, len(person_ids), 500):
        for case in session.scalars(select(Case).where(Case.person_id.in_(person_ids[i:i + 500]),
                                                       Case.status != "closed")):
            ctx.keep[(Case, case.id)] = case
            ctx.cases[case.person_id].append(case)
    for pid in person_ids:
        ctx.cases[pid].sort(key=lambda c: c.intake_date, reverse=True)
    for name, found in datas.items():  # what each operation type reads besides (after the open cases)
        if types[name].prefetch is not None:
            types[name].prefetch(ctx, found)
