"""Applying a checked BNBA file row by row (``service.registry.bnba.import_bnba``; docs/registry.md "BNBA").

Every row goes through the same use cases as the web forms (``register_person``, ``open_case``,
``record_assessment``, ``record_delivery``); the file's already-stored assessments and deliveries
are found by their external keys in bulk first (:meth:`Applier.prefetch`), so a re-import asks
the database once per 500 rows, not once per row.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import uuid
from typing import TYPE_CHECKING, Any

from sqlalchemy import select

from service.casework import cases as casework
from service.casework.models import Case
from service.core import batch
from service.core.db import session
from service.core.errors import N_
from service.registry import persons as registry
from service.registry.bnba_report import ImportReport
from service.registry.models import Person

if TYPE_CHECKING:
    from service.registry.bnba import _Row


def _key(prefix: str, *parts: Any) -> str:
    digest = hashlib.sha256("|".join(str(p) for p in parts).encode()).hexdigest()[:48]
    return f"bnba:{prefix}:{digest}"


def _assessment_key(r: _Row) -> str:
    return _key("a", r.person_key, r.category, r.assessed_on, ";".join(r.needs))


def _delivery_key(r: _Row) -> str:
    return _key("d", r.person_key, r.category or "", r.service, r.delivered_on, r.quantity, r.disaster_code)


class Applier:
    """Writes the checked rows of a BNBA file through the use cases (``service.registry.bnba.import_bnba``)."""


    def __init__(self, report: ImportReport, by_id: uuid.UUID | None, today: dt.date) -> None:
        self.report, self.by_id, self.today = report, by_id, today
        self.persons: dict[str, Person] = {}
        self.cases: dict[tuple[uuid.UUID, str], Case] = {}
        self.found: dict[str, Person | None] = {}  # existing persons by row identity (looked up once)
        self.keys: set[str] = set()  # external keys of the file's assessments and deliveries already stored

    def prefetch(self, rows: list[_Row]) -> None:
        """The file's external keys already stored and the holders of its NIKs, in one query per 500
        (not one per row). Inside the import's ``batch.cached()``: the use cases then skip their own
        look-up of a key read here as not stored, and ``find_by_nik`` answers from this read."""
        from service.care.models.deliveries import Delivery
        from service.casework.models import Assessment

        for model, keys in ((Assessment, [_assessment_key(r) for r in rows]), (Delivery, [_delivery_key(r) for r in rows])):
            stored: set[str] = set()
            for i in range(0, len(keys), 500):
                stored |= set(session.scalars(select(model.external_key).where(model.external_key.in_(keys[i:i + 500]))))
            self.keys |= stored
            batch.expect_new_keys(model, set(keys) - stored)
        # One registration per NIK per file (rows are grouped by ``person_key``, the NIK when there is one).
        registry.prefetch_nik_holders([r.person.nik for r in rows if r.person.nik])

    def existing_person(self, r: _Row) -> Person | None:
        """The registered person this row names (same NIK; else same name, birth date and village)."""
        if r.person_key in self.found:
            return self.found[r.person_key]
        p = r.person
        if p.nik:
            found = registry.find_by_nik(p.nik)
            if found is not None and found.merged_into_id is not None:
                found = session.get(Person, found.merged_into_id)
        else:
            found = session.scalar(
                select(Person).where(Person.name_key == registry.name_key(p.name), Person.birth_date == p.birth_date,
                                     Person.village_code == p.village_code, Person.merged_into_id.is_(None))
                .order_by(Person.created_at).limit(1))
        self.found[r.person_key] = found
        return found

    def person(self, r: _Row) -> Person:
        found = self.persons.get(r.person_key)
        if found is not None:
            return found
        found = self.existing_person(r)
        if found is None:
            found = registry.register_person(r.person)
            self.report.persons_created += 1
        self.persons[r.person_key] = found
        return found

    def case(self, person: Person, r: _Row) -> Case:
        assert r.category is not None
        key = (person.id, r.category)
        found = self.cases.get(key)
        if found is None:
            dates = [d for d in (r.assessed_on, r.delivered_on) if d is not None]
            found, opened = casework.find_or_open_case(person, r.category, "import",
                                                       min(dates) if dates else self.today, by_id=self.by_id,
                                                       disaster_event_id=r.disaster_id,
                                                       notes=N_("Dibuka dari impor BNBA"))
            self.report.cases_opened += opened
        self.cases[key] = found
        return found

    def registers_victim(self, r: _Row) -> bool:
        category = casework.get_category(r.category)
        return category.spm_service_code == "bencana"

    def victim(self, person: Person, r: _Row) -> bool:
        """Register ``person`` as a victim of the row's event unless already registered."""
        from service.disasters import events, victims
        from service.disasters.models.events import Victim

        if session.scalar(select(Victim.id).where(Victim.event_id == r.disaster_id,
                                                  Victim.person_id == person.id)) is not None:
            return False
        event = events.get_event(r.disaster_id)
        victims.register_victim(event, person, registered_on=r.assessed_on or event.started_on,
                                  needs=r.needs or None, by_id=self.by_id)
        self.report.assessments_created += 1
        return True

    def apply(self, r: _Row) -> None:
        from service.care.deliveries import record_delivery

        changed = False
        person_count = self.report.persons_created
        person = self.person(r)
        changed |= self.report.persons_created != person_count
        case = None
        if r.category:
            cases_before = self.report.cases_opened
            case = self.case(person, r)
            changed |= self.report.cases_opened != cases_before
        if r.disaster_id is not None and case is not None and self.registers_victim(r):
            # A disaster victim's registration is the eligible SPM assessment (SPM.md): register the
            # person as a victim of the event (once), through the disaster module.
            changed |= self.victim(person, r)
        elif r.assessed_on is not None and case is not None:
            if (key := _assessment_key(r)) not in self.keys:
                self.keys.add(key)
                casework.record_assessment(case, r.assessed_on, r.needs, assessor_id=self.by_id, source="import",
                                           external_key=key, disaster_event_id=r.disaster_id)
                self.report.assessments_created += 1
                changed = True
        if r.service is not None:
            if (key := _delivery_key(r)) not in self.keys:
                self.keys.add(key)
                record_delivery(person, r.service, delivered_on=r.delivered_on, quantity=r.quantity, case=case,
                                source="import", external_key=key, disaster_event_id=r.disaster_id,
                                today=self.today)
                self.report.deliveries_created += 1
                changed = True
        if not changed:
            self.report.unchanged_rows += 1
