"""The complaints desk's rules: numbers and codes, deadlines, the workflow, escalation, intake, counts."""

from __future__ import annotations

import datetime as dt

import pytest

from service.complaints import desk, escalation, intake, stats, tracking
from service.complaints.models import Complaint
from service.core.errors import ValidationError
from tests.complaints.conftest import make_complaint


def test_number_code_and_deadline(db):
    first, code = make_complaint()
    second, _ = make_complaint(category_code="permohonan_rekomendasi")
    assert first.number.startswith("ADU-2026-") and second.number > first.number
    assert first.due_on == dt.date(2026, 11, 16)  # 14 days for aid not received
    assert second.due_on == dt.date(2026, 11, 5)  # 3 days for a recommendation letter
    assert len(desk.normalise_code(code)) == 10 and code not in first.access_code_hash
    assert desk.code_matches(first, code.lower().replace("-", " "))
    assert not desk.code_matches(second, code)
    assert [e.kind for e in first.events] == ["received"]


def test_validation_names_every_bad_field(db):
    with pytest.raises(ValidationError) as exc:
        desk.register_complaint({"channel": "pigeon", "category_code": "nope", "description": " ",
                                 "area_code": "99.99", "received_on": "2999-01-01", "complainant_phone": "abc"})
    assert set(exc.value.fields) == {"channel", "category_code", "description", "area_code", "received_on",
                                     "complainant_phone"}
    with pytest.raises(ValidationError) as exc:
        desk.register_complaint({"channel": "web", "category_code": "lainnya", "description": "x",
                                 "area_code": "18.72"}, require_contact=True)
    assert set(exc.value.fields) == {"complainant_name", "complainant_phone"}


def test_workflow_resolution_reopen_and_reasons(db, make_user):
    worker = make_user("peksos", "18.72.01")
    c, _ = make_complaint()
    desk.assign(c, worker)
    assert c.status == "in_progress" and c.assignee_id == worker.id
    with pytest.raises(ValidationError) as exc:
        desk.change_status(c, "resolved", resolution=" ", resolved_on="2026-11-01")
    assert set(exc.value.fields) == {"resolution", "resolved_on"}  # empty, and before it was received
    desk.change_status(c, "resolved", resolution="Didampingi ke bank", resolved_on="2026-11-05")
    assert (c.status, c.resolved_on) == ("resolved", dt.date(2026, 11, 5))
    with pytest.raises(ValidationError) as exc:
        desk.change_status(c, "in_progress")
    assert "reason" in exc.value.fields
    desk.change_status(c, "in_progress", reason="Pelapor datang lagi: belum cair")
    assert c.resolved_on is None and c.resolution is None
    with pytest.raises(ValidationError):
        desk.change_status(c, "received")  # no way back to received
    assert [e.to_status for e in c.events if e.kind == "status"] == ["in_progress", "resolved", "in_progress"]


def test_assignment_respects_the_area(db, make_user):
    c, _ = make_complaint()
    with pytest.raises(ValidationError):
        desk.assign(c, make_user("peksos", "18.72.05"))
    with pytest.raises(ValidationError):
        desk.assign(c, make_user("tagana"))
    sensitive, _ = make_complaint(category_code="laporan_kekerasan")
    worker = make_user("peksos", "18.72.01")
    desk.assign(sensitive, worker)  # need-to-know does not bar the assignment itself
    assert sensitive.is_sensitive and sensitive.assignee_id == worker.id


def test_escalation_once_past_the_deadline(db):
    late, _ = make_complaint(received_on="2026-10-01")
    on_time, _ = make_complaint(received_on="2026-11-25")
    done, _ = make_complaint(received_on="2026-10-01")
    desk.change_status(done, "resolved", resolution="Dijawab", resolved_on="2026-10-02")
    result = escalation.escalate_overdue(dt.date(2026, 12, 1))
    assert result["numbers"] == [late.number]
    assert late.escalated_at is not None and on_time.escalated_at is None and done.escalated_at is None
    assert escalation.escalate_overdue(dt.date(2026, 12, 2))["escalated"] == 0  # once only
    assert late.events[-1].kind == "escalated"


def test_escalation_job_runs_once_per_day(db):
    from service.core import jobs

    make_complaint(received_on="2026-10-01")
    db.commit()
    assert jobs.run_once("complaint_escalation", "2099-01-01") == {"escalated": 1, "numbers": [
        db.query(Complaint).one().number]}
    assert jobs.run_once("complaint_escalation", "2099-01-01") is None


def test_intake_registers_the_person_and_opens_the_case(db, make_user):
    worker = make_user("peksos", "18.72.01")
    c, _ = make_complaint(category_code="laporan_orang_terlantar", description="Nenek tidur di pos ronda")
    case, created = intake.intake(c, "lanjut_usia_terlantar", worker_id=worker.id, urgency="high",
                                  person_data={"name": "Ponirah", "sex": "P", "age": 78,
                                               "village_code": "18.72.01.1001"})
    assert created and case.intake_source == "complaint" and case.worker_id == worker.id
    assert case.person.name == "Ponirah" and case.found_place == "Kel. Metro"
    assert (c.case_id, c.person_id, c.status) == (case.id, case.person_id, "in_progress")
    with pytest.raises(ValidationError):
        intake.intake(c, "lanjut_usia_terlantar", person=case.person)
    again, _ = make_complaint(category_code="laporan_orang_terlantar")
    same, created = intake.intake(again, "lanjut_usia_terlantar", person=case.person)
    assert same.id == case.id and not created  # the open case in that category


def test_public_lookup_shows_only_status_and_dates(db):
    c, code = make_complaint()
    desk.change_status(c, "resolved", resolution="Selesai", resolved_on="2026-11-03")
    found = tracking.lookup(c.number.lower(), code)
    assert found is not None and found.status == "resolved" and found.resolved_on == dt.date(2026, 11, 3)
    assert found.steps == [("received", dt.date(2026, 11, 2)), ("resolved", dt.date(2026, 11, 3))]
    assert set(vars(found)) == {"number", "status", "received_on", "due_on", "resolved_on", "updated_on", "steps"}
    assert tracking.lookup(c.number, "AAAAA-AAAAA") is None
    assert tracking.lookup("ADU-2026-99999", code) is None
    new_code = desk.reissue_code(c)
    assert tracking.lookup(c.number, code) is None and tracking.lookup(c.number, new_code) is not None


def test_monthly_counts_and_the_renja_figure(db):
    a, _ = make_complaint(received_on="2026-10-05")
    b, _ = make_complaint(received_on="2026-10-20")
    make_complaint(received_on="2026-11-02")
    desk.change_status(a, "resolved", resolution="ok", resolved_on="2026-10-06")
    desk.change_status(b, "resolved", resolution="ok", resolved_on="2026-11-30")  # after its deadline
    recap = stats.monthly(2026, today=dt.date(2026, 12, 1))
    assert [m["received"] for m in recap["months"]][9:11] == [2, 1]
    assert [(m["resolved"], m["on_time"]) for m in recap["months"]][9:11] == [(1, 1), (1, 0)]
    assert recap["overdue_open"] == 1
    assert stats.resolved_count(dt.date(2026, 10, 1), dt.date(2026, 12, 31)) == 2
    assert stats.resolved_count(dt.date(2026, 10, 1), dt.date(2026, 12, 31), "18.72.05") == 0


def test_person_merge_moves_the_complaints(db):
    from service.registry.duplicates import merge_persons
    from tests import factories as f

    a, b = f.person(nama="Sukirno"), f.person(nama="Sukirno B")
    c, _ = make_complaint()
    desk.link(c, person=b)
    merge_persons(a, b, reason="Orang yang sama")
    assert db.get(Complaint, c.id).person_id == a.id
