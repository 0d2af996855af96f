"""Concurrent intake on PostgreSQL: case numbers stay unique and consecutive (real commits, own engine)."""

from __future__ import annotations

import datetime as dt
import threading
import uuid

import pytest
from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from service.casework import cases as casework
from service.casework.models import Case, CaseNumberSequence, CaseTransition
from service.core.db import session as scoped
from service.registry import persons as registry
from tests.conftest import TEST_DATABASE_URL

pytestmark = pytest.mark.skipif(not TEST_DATABASE_URL.startswith("postgresql"),
                                reason="row-lock concurrency is a PostgreSQL property; SQLite serialises writers")


def test_concurrent_intake_gets_unique_consecutive_numbers(engine):
    from service.core.db import make_engine

    own = make_engine(TEST_DATABASE_URL, pool_size=10)
    workers, per_worker = 6, 4
    numbers: list[str] = []
    errors: list[BaseException] = []
    lock = threading.Lock()
    barrier = threading.Barrier(workers)
    case_ids: list[uuid.UUID] = []
    person_ids: list[uuid.UUID] = []

    def work(i: int) -> None:
        sess = Session(bind=own, expire_on_commit=False)
        try:
            scoped.registry.set(sess)
            person = registry.register_person({"name": f"Paralel {i}", "sex": "L",
                                               "birth_date": "1950-01-01", "village_code": "18.72.01.1001"})
            sess.commit()
            with lock:
                person_ids.append(person.id)
            barrier.wait()
            for _ in range(per_worker):
                case = casework.open_case(person, "lanjut_usia_terlantar", "outreach", dt.date(2026, 1, 2))
                sess.commit()
                with lock:
                    numbers.append(case.number)
                    case_ids.append(case.id)
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)
        finally:
            sess.close()

    before = None
    with own.connect() as conn:
        before = conn.execute(select(CaseNumberSequence.last_value).where(
            CaseNumberSequence.prefix == "REH", CaseNumberSequence.year == 2026)).scalar() or 0
    threads = [threading.Thread(target=work, args=(i,)) for i in range(workers)]
    try:
        for t in threads:
            t.start()
        for t in threads:
            t.join(60)
        assert not errors, errors
        serials = sorted(int(n.rsplit("-", 1)[1]) for n in numbers)
        assert len(set(numbers)) == workers * per_worker
        assert serials == list(range(before + 1, before + 1 + workers * per_worker))
    finally:
        with own.begin() as conn:
            if case_ids:
                conn.execute(delete(CaseTransition).where(CaseTransition.case_id.in_(case_ids)))
                conn.execute(delete(Case).where(Case.id.in_(case_ids)))
            from service.core.models.audit import AuditLog
            from service.registry.models import DuplicatePair, Person

            ids = [str(x) for x in case_ids + person_ids]
            if ids:
                conn.execute(delete(AuditLog).where(AuditLog.entity_id.in_(ids)))
            if person_ids:  # their suspected-duplicate pairs too (kept on write; "Paralel 1" ~ "Paralel 2")
                conn.execute(delete(DuplicatePair).where(DuplicatePair.person_a_id.in_(person_ids)
                                                         | DuplicatePair.person_b_id.in_(person_ids)))
                conn.execute(delete(Person).where(Person.id.in_(person_ids)))
            conn.execute(CaseNumberSequence.__table__.update().where(
                CaseNumberSequence.prefix == "REH", CaseNumberSequence.year == 2026).values(last_value=before))
        own.dispose()
