"""Sync semantics: idempotency, conflicts, retryable rejections, permissions, savepoints."""

from __future__ import annotations

import uuid

import pytest
from sqlalchemy import func, select

from service.care.models.deliveries import Delivery
from service.casework.models import Assessment, Case
from service.core.errors import PermissionDenied, ValidationError
from service.core.models.audit import AuditLog
from service.offline import conflicts, downloads, engine
from service.offline.models import SyncConflict, SyncOperation
from service.registry.models import Person
from tests.offline.conftest import assessment_op, delivery_op, new_id, person_op


def push(user, device, *ops):
    return engine.sync_batch(user, {"device_id": device, "operations": list(ops)})["results"]


def count(db, model):
    return db.scalar(select(func.count()).select_from(model))


def test_intake_assessment_and_delivery_apply_through_the_service_functions(db, make_user, device):
    worker = make_user("peksos", "18.72.01")
    p = person_op()
    a = assessment_op(p["entity_id"])
    d = delivery_op(p["entity_id"])
    results = push(worker, device, p, a, d)
    assert [r["status"] for r in results] == ["applied", "applied", "applied"]
    assert [r["op_id"] for r in results] == [p["op_id"], a["op_id"], d["op_id"]]
    person = db.get(Person, uuid.UUID(p["entity_id"]))
    assert person.name == "Sarinah" and person.area_code == "18.72.01.1002"
    case = db.scalar(select(Case).where(Case.person_id == person.id))
    assert case.status == "assessment" and case.worker_id == worker.id and case.number.startswith("REH-")
    assessment = db.get(Assessment, uuid.UUID(a["entity_id"]))
    assert assessment.source == "sync" and assessment.need_codes == ["permakanan", "sandang"] and assessment.eligible
    delivery = db.get(Delivery, uuid.UUID(d["entity_id"]))
    assert delivery.case_id == case.id and delivery.source == "sync" and delivery.delivered
    # audited as the worker, from the sync door
    entry = db.scalar(select(AuditLog).where(AuditLog.entity_type == "persons", AuditLog.entity_id == p["entity_id"]))
    assert entry.actor_id == worker.id and entry.source == "sync"


def test_a_resent_operation_is_a_duplicate_with_the_first_answer(db, make_user, device):
    worker = make_user("peksos", "18.72.01")
    p = person_op()
    first = push(worker, device, p)[0]
    again = push(worker, new_id(), p)[0]
    assert again["status"] == "duplicate" and again["first_status"] == "applied"
    assert (again["entity_id"], again["version"]) == (first["entity_id"], first["version"])
    assert count(db, Person) == 1 and count(db, SyncOperation) == 1


def test_an_operation_before_its_person_is_rejected_retryable_and_applies_later(db, make_user, device):
    worker = make_user("peksos", "18.72.01")
    p = person_op()
    d = delivery_op(p["entity_id"])
    early = push(worker, device, d)[0]
    assert early["status"] == "rejected" and early["retryable"] is True and "person_id" in early["errors"]
    assert count(db, Delivery) == 0 and count(db, SyncOperation) == 0
    assert [r["status"] for r in push(worker, device, p, d)] == ["applied", "applied"]
    assert count(db, Delivery) == 1


def test_a_bad_operation_does_not_spoil_the_batch(db, make_user, device):
    worker = make_user("peksos", "18.72.01")
    good, bad = person_op(), person_op(nama="", kode_wilayah="99.99.99.9999")
    after = person_op(nama="Painem")
    results = push(worker, device, good, bad, after)
    assert [r["status"] for r in results] == ["applied", "rejected", "applied"]
    assert set(results[1]["errors"]) == {"nama", "kode_wilayah"} and not results[1].get("retryable")
    assert count(db, Person) == 2


def test_invalid_assessment_is_rejected_with_device_field_names_and_nothing_half_written(db, make_user, device):
    worker = make_user("peksos", "18.72.01")
    p = person_op()
    push(worker, device, p)
    bad = assessment_op(p["entity_id"], kebutuhan=["bencana_makanan"])
    result = push(worker, device, bad)[0]
    assert result["status"] == "rejected" and "kebutuhan" in result["errors"]
    assert count(db, Case) == 0  # the case opened in the savepoint was rolled back too


def test_taken_nik_is_rejected_with_the_reason(db, make_user, device):
    worker = make_user("peksos", "18.72.01")
    nik = "1872015203410001"
    push(worker, device, person_op(nik=nik))
    other = push(worker, device, person_op(nama="Orang Lain", nik=nik))[0]
    assert other["status"] == "rejected" and "sudah terdaftar" in other["errors"]["nik"]
    assert "Sarinah" not in repr(other)  # the device never learns whose NIK it is


def test_stale_base_version_becomes_a_conflict_with_both_versions_kept(db, make_user, device):
    worker, operator = make_user("peksos", "18.72.01"), make_user("operator")
    p = person_op()
    push(worker, device, p)
    won = push(operator, new_id(), person_op(p["entity_id"], base_version=1, telepon="0811"))[0]
    assert won == {**won, "status": "applied", "version": 2}
    lost = push(worker, device, person_op(p["entity_id"], base_version=1, alamat="Jl. Kenanga 14"))[0]
    assert lost["status"] == "conflict" and lost["version"] == 2
    person = db.get(Person, uuid.UUID(p["entity_id"]))
    assert person.address is None and person.phone == "0811"  # nothing overwritten
    conflict = db.get(SyncConflict, uuid.UUID(lost["conflict_id"]))
    assert conflict.device_data["alamat"] == "Jl. Kenanga 14" and conflict.server_data["telepon"] == "0811"
    assert (conflict.base_version, conflict.server_version, conflict.status) == (1, 2, "open")
    # the same values sent with an old version are not a conflict
    same = push(worker, device, person_op(p["entity_id"], base_version=1, telepon="0811"))[0]
    assert same["status"] == "applied" and count(db, SyncConflict) == 1


def test_supervisor_merges_a_conflict_field_by_field(db, make_user, device):
    worker, operator, boss = make_user("peksos", "18.72.01"), make_user("operator"), make_user("supervisor")
    p = person_op()
    push(worker, device, p)
    push(operator, new_id(), person_op(p["entity_id"], base_version=1, telepon="0811", alamat="Lama"))
    lost = push(worker, device, person_op(p["entity_id"], base_version=1, telepon="0822", alamat="Baru"))[0]
    item = conflicts.get_conflict(boss, lost["conflict_id"])
    rows, version = conflicts.conflict_rows(item)
    assert {r["field"] for r in rows if r["differs"]} == {"alamat", "telepon"} and version == 2
    with pytest.raises(ValidationError) as exc:
        conflicts.resolve_conflict(boss, item, {"alamat": "device"}, seen_version=2)
    assert "telepon" in exc.value.fields
    with pytest.raises(ValidationError):
        conflicts.resolve_conflict(boss, item, {"alamat": "device", "telepon": "server"}, seen_version=1)
    conflicts.resolve_conflict(boss, item, {"alamat": "device", "telepon": "server"}, seen_version=2)
    person = db.get(Person, uuid.UUID(p["entity_id"]))
    assert (person.address, person.phone, person.version) == ("Baru", "0811", 3)
    assert (item.status, item.resolution, item.resolved_by_id) == ("resolved", "merged", boss.id)
    with pytest.raises(ValidationError):
        conflicts.resolve_conflict(boss, item, {}, seen_version=3)


def test_conflicts_are_for_supervisors_in_their_area(db, make_user, device):
    worker, operator = make_user("peksos", "18.72.01"), make_user("operator")
    p = person_op()
    push(worker, device, p)
    push(operator, new_id(), person_op(p["entity_id"], base_version=1, telepon="0811"))
    lost = push(worker, device, person_op(p["entity_id"], base_version=1, telepon="0822"))[0]
    with pytest.raises(PermissionDenied):
        conflicts.get_conflict(worker, lost["conflict_id"])
    far = make_user("supervisor", "18.72.05")
    with pytest.raises(PermissionDenied):
        conflicts.get_conflict(far, lost["conflict_id"])
    assert db.scalars(conflicts.conflicts_stmt(far)).all() == []
    assert len(db.scalars(conflicts.conflicts_stmt(make_user("supervisor", "18.72.01"))).all()) == 1


def test_permissions_per_role_and_area(db, make_user, device):
    with pytest.raises(PermissionDenied):
        push(make_user("auditor"), device, person_op())
    elsewhere = make_user("peksos", "18.72.05")
    result = push(elsewhere, device, person_op())[0]
    assert result["status"] == "rejected" and "_" in result["errors"] and count(db, Person) == 0
    worker = make_user("peksos", "18.72.01")
    p = person_op()
    push(worker, device, p)
    for op in (delivery_op(p["entity_id"]), assessment_op(p["entity_id"]),
               person_op(p["entity_id"], base_version=1, nama="Diubah")):
        assert push(elsewhere, device, op)[0]["status"] == "rejected"
    assert db.get(Person, uuid.UUID(p["entity_id"])).name == "Sarinah"


def test_sensitive_case_of_another_worker_is_refused(db, make_user, device):
    worker, colleague = make_user("peksos", "18.72.01"), make_user("peksos", "18.72.01")
    p = person_op()
    a = assessment_op(p["entity_id"], kategori_ppks="anak_berhadapan_hukum", kebutuhan=["rehsos_abh"])
    assert [r["status"] for r in push(worker, device, p, a)] == ["applied", "applied"]
    again = assessment_op(p["entity_id"], kategori_ppks="anak_berhadapan_hukum", kebutuhan=["rehsos_abh"])
    assert push(colleague, new_id(), again)[0]["status"] == "rejected"
    assert push(worker, device, again)[0]["status"] == "applied"


def test_malformed_batch_and_operations(db, make_user, device):
    worker = make_user("peksos", "18.72.01")
    with pytest.raises(ValidationError) as exc:
        engine.sync_batch(worker, {"device_id": "", "operations": {}})
    assert set(exc.value.fields) == {"device_id", "operations"}
    results = push(worker, device, "x", {"op_id": "1", "type": "zzz", "entity_id": None, "data": []},
                   {**person_op(), "base_version": "2"})
    assert [r["status"] for r in results] == ["rejected"] * 3
    assert set(results[1]["errors"]) == {"op_id", "type", "entity_id", "data"}
    assert "base_version" in results[2]["errors"]


def test_caseload_has_only_my_open_cases_and_logs_access(db, make_user, device):
    worker, colleague = make_user("peksos", "18.72.01"), make_user("peksos", "18.72.01")
    mine, theirs = person_op(nik="1872015203410001"), person_op(nama="Painem")
    push(worker, device, mine, assessment_op(mine["entity_id"]))
    push(colleague, new_id(), theirs, assessment_op(theirs["entity_id"]))
    load = downloads.caseload(worker)
    assert [p["id"] for p in load["persons"]] == [mine["entity_id"]]
    assert load["persons"][0]["nik"] == "1872015203410001" and load["persons"][0]["version"] == 1
    assert load["cases"][0]["kebutuhan"] == ["permakanan", "sandang"]
    logged = db.scalar(select(AuditLog).where(AuditLog.action == "view", AuditLog.entity_id == mine["entity_id"]))
    assert logged.actor_id == worker.id and logged.changes == {"purpose": "offline"}


def test_reference_bundle_has_the_villages_of_the_area(db, make_user):
    bundle = downloads.reference_bundle(make_user("peksos", "18.72.01"))
    codes = {v["code"] for v in bundle["villages"]}
    assert "18.72.01.1002" in codes and not any(c.startswith("18.72.05") for c in codes)
    assert any(c["code"] == "lanjut_usia_terlantar" for c in bundle["categories"])
    assert any("permakanan" in b["components"] for b in bundle["basic_services"])


def test_flag_for_review_is_acknowledged(db, make_user):
    boss = make_user("supervisor")
    flag = conflicts.flag_for_review("double_distribution", "distributions", uuid.uuid4(), "18.72.01",
                                "Kartu KB-001 dilayani dua kali", device_data={"device": "A"},
                                server_data={"device": "B"})
    rows, _ = conflicts.conflict_rows(flag)
    assert [r["field"] for r in rows] == ["device"] and rows[0]["differs"]
    conflicts.resolve_conflict(boss, flag, {}, note="Sudah dicek")
    assert (flag.status, flag.resolution) == ("resolved", "acknowledged")


def test_demo_seed_is_idempotent(db):
    from service.core.demo import seed

    seed()
    before = (count(db, Person), count(db, Delivery), count(db, SyncOperation), count(db, SyncConflict),
              count(db, AuditLog))
    seed()
    assert (count(db, Person), count(db, Delivery), count(db, SyncOperation), count(db, SyncConflict),
            count(db, AuditLog)) == before
    assert before[3] == 1


def test_a_bad_operation_inside_a_shared_savepoint_is_replayed_alone(db, make_user, device):
    """Operations share one SAVEPOINT per chunk; a failing one rolls the chunk back and it is
    replayed one by one: the good ones are applied once (one audit entry each), the bad one not at all."""
    worker = make_user("peksos", "18.72.01")
    p, q = person_op(), person_op(nama="Painem")
    a = assessment_op(p["entity_id"])
    d1 = delivery_op(p["entity_id"])
    bad_case = assessment_op(q["entity_id"], kebutuhan=["bencana_makanan"])  # opens a case, then fails
    d2 = delivery_op(p["entity_id"], layanan="sandang")
    before = db.scalar(select(func.max(Case.last_activity_at)))
    results = push(worker, device, p, q, a, d1, bad_case, d2)
    assert [r["status"] for r in results] == ["applied", "applied", "applied", "applied", "rejected", "applied"]
    assert "kebutuhan" in results[4]["errors"]
    case = db.scalar(select(Case).where(Case.person_id == uuid.UUID(p["entity_id"])))
    assert db.scalar(select(func.count()).select_from(Case)) == 1  # Painem's half-opened case was rolled back
    assert {d.case_id for d in db.scalars(select(Delivery))} == {case.id} and count(db, Delivery) == 2
    assert before is None or case.last_activity_at >= before
    assert count(db, SyncOperation) == 5
    for op in (p, q):
        entries = db.scalars(select(AuditLog).where(AuditLog.entity_type == "persons",
                                                    AuditLog.entity_id == op["entity_id"])).all()
        assert len(entries) == 1
    # A resend answers every settled operation as a duplicate, and the rejected one is tried again.
    again = push(worker, device, p, q, a, d1, bad_case, d2)
    assert [r["status"] for r in again] == ["duplicate"] * 4 + ["rejected", "duplicate"]


def test_chunks_keep_the_outcome_of_a_long_batch_with_bad_operations(db, make_user, device, monkeypatch):
    monkeypatch.setattr(engine, "CHUNK", 3)
    worker = make_user("peksos", "18.72.01")
    ops, expected = [], []
    for i in range(8):
        p = person_op(nama=f"Warga {i}")
        ops += [p, delivery_op(p["entity_id"]) if i % 3 else delivery_op(new_id())]
        expected += ["applied", "applied" if i % 3 else "rejected"]
    results = push(worker, device, *ops)
    assert [r["status"] for r in results] == expected
    assert count(db, Person) == 8 and count(db, Delivery) == 5 and count(db, SyncOperation) == 13


def test_caseload_statements_do_not_grow_with_the_caseload(db, make_user, device):
    from sqlalchemy import event

    worker = make_user("peksos", "18.72.01")

    def statements() -> tuple[int, dict]:
        seen: list[str] = []

        def count(_conn, _cursor, statement, *_args) -> None:
            seen.append(statement)

        engine_ = db.get_bind()
        event.listen(engine_, "before_cursor_execute", count)
        try:
            load = downloads.caseload(worker)
            db.flush()
        finally:
            event.remove(engine_, "before_cursor_execute", count)
        return len(seen), load

    def add_cases(n: int) -> None:
        ops = []
        for i in range(n):
            p = person_op(nama=f"Warga {i} {new_id()[:4]}")
            ops += [p, assessment_op(p["entity_id"]), delivery_op(p["entity_id"]), delivery_op(p["entity_id"])]
        assert {r["status"] for r in push(worker, device, *ops)} == {"applied"}
        db.expire_all()

    add_cases(2)
    few, load = statements()
    assert len(load["cases"]) == 2 and all(len(c["layanan"]) == 2 for c in load["cases"])
    add_cases(8)
    many, load = statements()
    assert len(load["cases"]) == 10 and len(load["persons"]) == 10
    assert many == few, load  # set-based: the same queries for 10 cases as for 2
