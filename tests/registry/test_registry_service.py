"""Registry and casework services: duplicates, merge, households, approvals, lifecycle, lists."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from service.care.models.deliveries import Delivery
from service.casework import approvals, plans
from service.casework import cases as casework
from service.casework import queries as case_queries
from service.casework.models import Assessment, Case
from service.core.access import can
from service.core.errors import Conflict, ValidationError
from service.registry import duplicates as dedup
from service.registry import households
from service.registry import persons as registry
from service.registry.models import HouseholdMember, Person
from tests import factories


# ---------------------------------------------------------------- duplicates
def test_likely_duplicates_match_name_variants_and_birth_date(db):
    existing = factories.person(nama="Muhammad Rizki", tanggal_lahir="1990-05-02", kode_wilayah="18.72.01.1001")
    factories.person(nama="Muhammad Rizki", tanggal_lahir="1971-01-01", kode_wilayah="18.72.04.1001")
    hits = dedup.likely_duplicates({"name": "H. Moh. Rizki", "birth_date": "02/05/1990",
                                       "village_code": "18.72.05.1001"})
    assert [p.id for p in hits] == [existing.id]


def test_likely_duplicates_by_village_and_spacing(db):
    existing = factories.person(nama="Nur Hayati", tanggal_lahir="1960-01-01", kode_wilayah="18.72.03.1002")
    hits = dedup.likely_duplicates({"name": "Nurhayati", "village_code": "18.72.03.1002"})
    assert [p.id for p in hits] == [existing.id]
    assert dedup.likely_duplicates({"name": "Nurhayati", "village_code": "18.72.03.1001"}) == []


def test_duplicate_queue_and_not_duplicate_is_remembered(db, make_user):
    sup = make_user("supervisor")
    a = factories.person(nama="Sri Wahyuni", tanggal_lahir="1955-03-03")
    b = factories.person(nama="Hj. Sri Wahyuni", tanggal_lahir="1955-03-03", kode_wilayah="18.72.02.1001")
    pairs = db.execute(dedup.duplicate_queue_query(sup)).all()
    assert {frozenset((x.id, y.id)) for x, y in pairs} == {frozenset((a.id, b.id))}
    dedup.mark_not_duplicate(b, a, by_id=sup.id, note="beda ibu kandung")
    assert db.execute(dedup.duplicate_queue_query(sup)).all() == []
    dedup.mark_not_duplicate(a, b)  # idempotent
    # a peksos restricted to 18.72.01 does not see a pair reaching outside the area
    dedup.duplicate_queue_query(make_user("peksos", "18.72.01"))


def test_nik_is_unique_and_conflict_names_the_existing_person(db):
    p = factories.person(nik="1872014107500001", jenis_kelamin="P", tanggal_lahir="1950-07-01")
    with pytest.raises(Conflict) as err:
        factories.person(nik="1872014107500001", nama="Orang Lain")
    assert err.value.existing_id == p.id


# ---------------------------------------------------------------- merge
def test_merge_moves_every_record_and_can_be_explained(db, make_user):
    sup = make_user("supervisor")
    survivor = factories.person(nama="Budi Santoso", tanggal_lahir="1950-01-01")
    dup = factories.person(nama="Budi Santoso", tanggal_lahir="1950-01-01", nik="1872010101500002",
                           phone="0812")
    case = factories.case(dup)
    assessment = factories.assessment(case)
    delivery = factories.deliver(dup, "permakanan", case=case)
    household = households.create_household(dup, "1872010101000001")
    registry.record_dtks(dup, "terdaftar", "2026-03-01", decile=2)
    merge = dedup.merge_persons(survivor, dup, by_id=sup.id, reason="orang yang sama")
    db.expire_all()
    assert db.get(Case, case.id).person_id == survivor.id
    assert db.get(Assessment, assessment.id).person_id == survivor.id
    assert db.get(Delivery, delivery.id).person_id == survivor.id
    assert db.scalar(select(HouseholdMember.person_id).where(HouseholdMember.household_id == household.id)) == survivor.id
    merged = db.get(Person, dup.id)
    s = db.get(Person, survivor.id)
    assert merged.merged_into_id == survivor.id and merged.nik is None
    assert s.nik == "1872010101500002" and s.phone == "0812" and len(s.dtks_snapshots) == 1
    rows = merge.moved["rows"]
    assert rows["cases"] == [str(case.id)] and rows["deliveries"] == [str(delivery.id)]
    assert merge.moved["merged_before"]["nik"] == "1872010101500002"
    assert [m.id for m in dedup.merges_of(s)] == [merge.id]
    # merged persons leave lists and cannot be merged again
    ids = [p.id for p in db.scalars(registry.person_query(sup))]
    assert survivor.id in ids and dup.id not in ids
    with pytest.raises(ValidationError):
        dedup.merge_persons(s, merged, reason="lagi")


def test_merge_needs_a_reason_and_two_persons(db):
    p = factories.person()
    with pytest.raises(ValidationError):
        dedup.merge_persons(p, p, reason="x")
    with pytest.raises(ValidationError) as err:
        dedup.merge_persons(p, factories.person(), reason=" ")
    assert "reason" in err.value.fields


def test_merge_discovers_every_foreign_key_to_persons():
    names = {(t.name, c.name) for t, c in dedup.person_references()}
    assert {("cases", "person_id"), ("assessments", "person_id"), ("deliveries", "person_id"),
            ("household_members", "person_id"), ("dtks_snapshots", "person_id")} <= names
    assert ("persons", "merged_into_id") not in names


# ---------------------------------------------------------------- households, DTKS, photo
def test_household_has_exactly_one_head(db):
    head, wife = factories.person(), factories.person(jenis_kelamin="P")
    hh = households.create_household(head, "1872 0101 0100 0002")
    assert hh.kk_number == "1872010101000002"
    households.add_member(hh, wife, "istri")
    with pytest.raises(ValidationError):
        households.add_member(hh, factories.person(), "kepala_keluarga")
    with pytest.raises(ValidationError):
        households.remove_member(hh, head.id)
    with pytest.raises(ValidationError):
        households.create_household(factories.person(), "123")
    with pytest.raises(ValidationError):
        households.create_household(factories.person(), "1872010101000002")


def test_dtks_snapshot_validation(db):
    p = factories.person()
    with pytest.raises(ValidationError) as err:
        registry.record_dtks(p, "entah", "2099-01-01", decile=11)
    assert set(err.value.fields) == {"dtks_status", "checked_on", "decile"}
    snap = registry.record_dtks(p, "terdaftar", "01/02/2026", decile="3")
    assert snap.decile == 3 and snap.checked_on == dt.date(2026, 2, 1)


def test_photo_is_type_checked_and_size_limited(db, tmp_path):
    import io

    from PIL import Image

    p = factories.person()
    with pytest.raises(ValidationError):
        registry.save_photo(p, b"<svg onload=alert(1)>", str(tmp_path))
    with pytest.raises(ValidationError):
        registry.save_photo(p, b"x" * (registry.PHOTO_MAX_BYTES + 1), str(tmp_path))
    buf = io.BytesIO()
    Image.new("RGB", (40, 30), "red").save(buf, "PNG")
    name = registry.save_photo(p, buf.getvalue(), str(tmp_path))
    assert (tmp_path / name).exists() and p.photo_path == name


# ---------------------------------------------------------------- lifecycle and approvals
def _approved_assessment(case, sup):
    a = factories.assessment(case)
    approval = approvals.request_assessment_approval(a)
    approvals.decide_approval(approval, True, by_id=sup.id, comment="sesuai")
    return a


def test_full_lifecycle_with_approvals_and_timeline(db, make_user):
    sup, worker = make_user("supervisor"), make_user("peksos", "18.72.01")
    case = factories.case(worker_id=worker.id)
    a = factories.assessment(case)
    with pytest.raises(ValidationError):  # plan needs an approved assessment
        plans.add_plan_item(case, "permakanan", "2026-02-01", responsible_id=worker.id)
    approval = approvals.request_assessment_approval(a, by_id=worker.id)
    with pytest.raises(ValidationError):  # one pending request at a time
        approvals.request_assessment_approval(a)
    with pytest.raises(ValidationError):  # rejecting needs a comment
        approvals.decide_approval(approval, False, by_id=sup.id)
    approvals.decide_approval(approval, True, by_id=sup.id, comment="lengkap")
    assert a.status == "approved" and a.approved_by_id == sup.id
    with pytest.raises(ValidationError):  # not among the assessed needs
        plans.add_plan_item(case, "alat_bantu", "2026-02-01", responsible_id=worker.id)
    plans.add_plan_item(case, "permakanan", "2026-02-01", responsible_id=worker.id)
    assert case.status == "plan"
    with pytest.raises(ValidationError):  # plan -> in_service needs approval
        casework.transition(case, "in_service")
    plan = approvals.request_plan_approval(case, by_id=worker.id)
    approvals.decide_approval(plan, True, by_id=sup.id)
    assert case.status == "in_service" and case.transitions[-1].approval_id == plan.id
    closure = approvals.request_closure(case, "self_reliant", "mandiri", by_id=worker.id)
    assert case.status == "in_service"
    approvals.decide_approval(closure, True, by_id=sup.id)
    assert case.status == "closed" and case.close_reason == "self_reliant" and case.closed_on
    casework.reopen_case(case, "kambuh", by_id=worker.id)
    assert case.status == "assessment" and case.close_reason is None
    path = [t.to_status for t in case.transitions]
    assert path == ["new", "assessment", "plan", "in_service", "closed", "assessment"]
    kinds = [e["kind"] for e in case_queries.timeline(case)]
    assert kinds.count("transition") == 6 and "approval_decision" in kinds and "plan_item" in kinds


def test_rejected_closure_keeps_case_open(db, make_user):
    sup = make_user("supervisor")
    case = factories.case()
    closure = approvals.request_closure(case, "moved")
    approvals.decide_approval(closure, False, by_id=sup.id, comment="belum diverifikasi")
    assert case.status == "new" and closure.status == "rejected"
    with pytest.raises(ValidationError):
        approvals.decide_approval(closure, True, by_id=sup.id)
    with pytest.raises(ValidationError):
        approvals.request_closure(case, "bosan")


@pytest.mark.parametrize("path, refused", [
    (["assessment"], "in_service"),
    (["assessment"], "new"),
    ([], "plan"),
    ([], "in_service"),
])
def test_refused_transitions(db, path, refused):
    case = factories.case()
    for step in path:
        casework.transition(case, step)
    with pytest.raises(ValidationError):
        casework.transition(case, refused, reason="coba")


def test_reassessment_keeps_history(db, make_user):
    sup = make_user("supervisor")
    case = factories.case()
    first = _approved_assessment(case, sup)
    second = casework.reassess(case, "2026-03-01", ["permakanan"])
    assert second.supersedes_id == first.id and len(case.assessments) == 2
    assert casework.latest_assessment(case).id == second.id


# ---------------------------------------------------------------- lists and need-to-know
def test_case_list_filters_area_and_sensitivity(db, make_user):
    p1 = factories.person(kode_wilayah="18.72.01.1001")
    p2 = factories.person(kode_wilayah="18.72.05.1001")
    mine = make_user("peksos", "18.72.01")
    other = make_user("peksos", "18.72.01")
    sup = make_user("supervisor")
    c_open = factories.case(p1)
    c_sensitive = factories.case(p1, "korban_trafficking", worker_id=mine.id)
    c_far = factories.case(p2)
    seen = lambda u, **kw: {c.id for c in db.scalars(case_queries.case_query(u, **kw))}  # noqa: E731
    assert seen(mine) == {c_open.id, c_sensitive.id}
    assert seen(other) == {c_open.id}
    assert seen(sup) >= {c_open.id, c_sensitive.id, c_far.id}
    assert seen(mine, mine=True) == {c_sensitive.id}
    assert seen(sup, category="korban_trafficking") >= {c_sensitive.id}
    assert c_open.id not in seen(sup, category="korban_trafficking")
    assert seen(sup, spm_service="lansia") >= {c_open.id, c_far.id}
    assert seen(sup, area="18.72.05") & {c_open.id, c_sensitive.id} == set()
    # the list and can() agree
    assert can(other, "case.view", c_open) and not can(other, "case.view", c_sensitive)
    assert can(mine, "case.view", c_sensitive) and not can(mine, "case.view", c_far)
    # a person with a sensitive case is need-to-know as well
    persons = {p.id for p in db.scalars(registry.person_query(other))}
    assert p1.id not in persons and not can(other, "person.view", p1)
    assert p1.id in {p.id for p in db.scalars(registry.person_query(mine))} and can(mine, "person.view", p1)


def test_overdue_filter(db, make_user):
    sup = make_user("supervisor")
    late = factories.case(intake_date=dt.date(2026, 1, 1))
    fresh = factories.case(intake_date=dt.date(2026, 3, 1))
    ids = {c.id for c in db.scalars(case_queries.case_query(sup, overdue=True, today=dt.date(2026, 3, 5)))}
    assert late.id in ids and fresh.id not in ids


def test_person_search_by_name_variant_and_nik(db, make_user):
    sup = make_user("supervisor")
    p = factories.person(nama="Mochammad Yusuf", nik="1872010101500003", tanggal_lahir="1950-01-01")
    by_name = {x.id for x in db.scalars(registry.person_query(sup, q="M. Yusuf"))}
    by_nik = {x.id for x in db.scalars(registry.person_query(sup, q="500003"))}
    assert p.id in by_name and p.id in by_nik
    assert p.id not in {x.id for x in db.scalars(registry.person_query(sup, has_nik="no"))}


def test_duplicate_queue_pairs_names_that_differ_only_by_spacing(db, make_user):
    from tests import factories as f

    sup = make_user("supervisor")
    a = f.person(nama="Nurhayati", tanggal_lahir="1960-05-05")
    b = f.person(nama="Nur Hayati", tanggal_lahir="1960-05-05")
    c = f.person(nama="Nur Hayat", tanggal_lahir="1960-05-05", kode_wilayah="18.72.02.1001")
    pairs = {frozenset((x.id, y.id)) for x, y in db.execute(dedup.duplicate_queue_query(sup))}
    assert frozenset((a.id, b.id)) in pairs
    assert not any(c.id in pair for pair in pairs)
