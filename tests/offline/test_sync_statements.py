"""A sync batch costs a bounded number of SQL statements per operation (issue 15).

A day's work from a tablet — new persons (with NIKs), their assessments and deliveries, and
deliveries and re-assessments for the worker's existing caseload — is written one chunk of
operations at a time (``service.core.batch``), not one INSERT per row: the statements grow by
less than ``PER_OP`` per operation. Before the chunked flush it was 5.9 (new work) and 4.3 (caseload).
"""

from __future__ import annotations

import datetime as dt
import uuid

from sqlalchemy import event, func, select

from service.care.models.deliveries import Delivery
from service.casework import approvals
from service.casework import cases as casework
from service.casework.models import Assessment, Case, CaseApproval
from service.core import clock
from service.core.models.audit import AuditLog
from service.offline import engine as sync
from service.registry import persons as registry
from tests.offline.conftest import assessment_op, delivery_op, new_id, person_op

PER_OP = 0.75  # measured 0.51 (new work) and 0.57 (caseload) on SQLite and PostgreSQL with CHUNK = 25
SERIALS = iter(range(1, 9999))


def _nik(birth: str) -> str:
    day = dt.date.fromisoformat(birth)
    return f"187201{day.day:02d}{day.month:02d}{day.year % 100:02d}{next(SERIALS):04d}"


def _new_work(people: int) -> list[dict]:
    ops = []
    for i in range(people):
        birth = f"19{40 + i % 30}-0{1 + i % 9}-1{i % 9}"
        p = person_op(nama=f"Warga Hitung {i}", tanggal_lahir=birth, nik=_nik(birth), alasan_tanpa_nik=None)
        ops += [p, assessment_op(p["entity_id"], kebutuhan=["permakanan", "sandang", "alat_bantu"])]
        ops += [delivery_op(p["entity_id"], layanan=code) for code in ("permakanan", "sandang", "alat_bantu")]
    return ops


def _caseload(db, worker, people: int) -> list[Case]:
    out = []
    for i in range(people):
        person = registry.register_person({"name": f"Klien Lama {i}", "sex": "LP"[i % 2], "birth_date": "1950-01-01",
                                           "village_code": "18.72.01.1002", "no_nik_reason": "belum_terdaftar"})
        case = casework.open_case(person, "lanjut_usia_terlantar", "outreach", clock.today() - dt.timedelta(days=30),
                                  worker_id=worker.id, consent_given=True)
        casework.record_assessment(case, clock.today() - dt.timedelta(days=30), ["permakanan"])
        out.append(case)
    db.commit()
    return out


def _caseload_work(cases: list[Case]) -> list[dict]:
    ops = []
    for case in cases:
        pid = str(case.person_id)
        ops += [delivery_op(pid, layanan=code) for code in ("permakanan", "sandang", "permakanan")]
        ops.append(assessment_op(pid, kebutuhan=["permakanan", "sandang"]))
    return ops


def _statements(engine, user, ops: list[dict]) -> tuple[int, list[dict]]:
    seen: list[str] = []

    def count(_conn, _cursor, statement, *_args) -> None:  # noqa: ANN001
        seen.append(statement)

    event.listen(engine, "before_cursor_execute", count)
    try:
        results = sync.sync_batch(user, {"device_id": new_id(), "operations": ops})["results"]
    finally:
        event.remove(engine, "before_cursor_execute", count)
    return len(seen), results


def test_new_work_costs_a_bounded_number_of_statements_per_operation(db, engine, make_user):
    worker = make_user("peksos", "18.72.01")
    small, big = _new_work(10), _new_work(40)  # 50 and 200 operations
    n_small, r_small = _statements(engine, worker, small)
    n_big, r_big = _statements(engine, worker, big)
    assert {r["status"] for r in r_small + r_big} == {"applied"}
    per_op = (n_big - n_small) / (len(big) - len(small))
    assert per_op <= PER_OP, f"{per_op:.2f} statements per operation ({n_small} for 50, {n_big} for 200)"
    # Nothing was skipped: every record, its audit entry and its approval request are there.
    ids = [uuid.UUID(op["entity_id"]) for op in big if op["type"] == "assessment.create"]
    assessments = db.scalars(select(Assessment).where(Assessment.id.in_(ids))).all()
    assert len(assessments) == 40 and all(a.status == "submitted" for a in assessments)
    asked = db.scalar(select(func.count()).select_from(CaseApproval).where(CaseApproval.subject_id.in_(ids),
                                                                            CaseApproval.status == "pending"))
    assert asked == 40
    cases = db.scalars(select(Case).where(Case.id.in_([a.case_id for a in assessments]))).all()
    assert len({c.number for c in cases}) == 40 and all(c.status == "assessment" for c in cases)
    audited = set(db.scalars(select(AuditLog.entity_id).where(AuditLog.entity_type == "deliveries")))
    assert {op["entity_id"] for op in big if op["type"] == "delivery.create"} <= audited


def test_caseload_work_costs_a_bounded_number_of_statements_per_operation(db, engine, make_user):
    worker = make_user("peksos", "18.72.01")
    cases = _caseload(db, worker, 50)
    small, big = _caseload_work(cases[:10]), _caseload_work(cases[10:])  # 40 and 160 operations
    n_small, r_small = _statements(engine, worker, small)
    n_big, r_big = _statements(engine, worker, big)
    assert {r["status"] for r in r_small + r_big} == {"applied"}
    per_op = (n_big - n_small) / (len(big) - len(small))
    assert per_op <= PER_OP, f"{per_op:.2f} statements per operation ({n_small} for 40, {n_big} for 160)"
    for case in cases:
        db.refresh(case)
        assert approvals.pending_approval(case, "assessment") is not None
        assert db.scalar(select(func.count()).select_from(Delivery).where(Delivery.case_id == case.id)) == 3


def test_a_bad_operation_in_a_chunk_spoils_nothing_else(db, engine, make_user):
    worker = make_user("peksos", "18.72.01")
    ops = _new_work(5)
    ops[6]["data"]["kebutuhan"] = ["tidak_ada"]  # the second person's assessment: an unknown need
    _n, results = _statements(engine, worker, ops)
    assert [r["status"] for r in results].count("rejected") == 1 and results[6]["status"] == "rejected"
    assert "kebutuhan" in results[6]["errors"]
    # its deliveries still apply (to the person, without a case), everything else as usual
    assert all(r["status"] == "applied" for i, r in enumerate(results) if i != 6)
    assert db.scalar(select(func.count()).select_from(Assessment).where(
        Assessment.id.in_([uuid.UUID(o["entity_id"]) for o in ops if o["type"] == "assessment.create"]))) == 4
    second = uuid.UUID(ops[5]["entity_id"])
    assert db.scalar(select(func.count()).select_from(Case).where(Case.person_id == second)) == 0  # no half-write
    assert db.scalar(select(func.count()).select_from(Delivery).where(Delivery.person_id == second)) == 3


def test_a_nik_taken_twice_in_one_chunk_is_refused_once_and_loses_nothing(db, engine, make_user):
    """The chunk answers NIK look-ups from the batch's read; the unique index catches the second use at
    the chunk's flush, and the replay one by one gives the web form's answer."""
    worker = make_user("peksos", "18.72.01")
    nik, case_id = _nik("1950-01-11"), new_id()
    first = person_op(nama="Satu", tanggal_lahir="1950-01-11", nik=nik, alasan_tanpa_nik=None)
    second = person_op(nama="Dua", tanggal_lahir="1950-01-11", nik=nik, alasan_tanpa_nik=None)
    ops = [first, assessment_op(first["entity_id"], case_id=case_id),
           delivery_op(first["entity_id"], case_id=case_id),  # reads the new case: a flush mid-chunk
           second]
    _n, results = _statements(engine, worker, ops)
    assert [r["status"] for r in results] == ["applied", "applied", "applied", "rejected"]
    assert "sudah terdaftar" in results[3]["errors"]["nik"]
    person = registry.find_by_nik(nik)
    assert person is not None and str(person.id) == first["entity_id"] and person.name == "Satu"
    assert db.scalar(select(func.count()).select_from(Delivery).where(Delivery.person_id == person.id)) == 1
    assert db.get(Case, uuid.UUID(case_id)).person_id == person.id
