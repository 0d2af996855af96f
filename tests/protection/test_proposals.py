"""DTKS/DTSEN proposals and batches: the rules a worker and the head of office meet."""

from __future__ import annotations

import csv
import datetime as dt
import io

import pytest
from openpyxl import load_workbook

from service.core.errors import ValidationError
from service.protection import batches, proposals
from service.protection.renja_sources import enumerated_stmt, proposals_stmt
from service.registry import households as reg_households
from service.reports.renja_sources import sources
from tests import factories as f
from tests.protection.conftest import TODAY, approved_batch, proposal

Y = (dt.date(2026, 1, 1), dt.date(2026, 12, 31))


def test_a_proposal_needs_its_evidence_before_it_can_join_a_batch(db):
    p = proposal(evidence=None)
    assert p.status == "draft" and proposals.missing_evidence(p)
    b = batches.create_batch("2026-03")
    with pytest.raises(ValidationError) as exc:
        batches.add_proposals(b, [p.id])
    assert "belum terverifikasi" in exc.value.fields["proposals"]
    proposals.add_evidence(p, {"kind": "musdes", "held_on": "2026-03-04", "reference": "BA-7"}, today=TODAY)
    assert p.status == "verified"
    assert batches.add_proposals(b, [p.id]) == 1 and p.status == "in_batch"


def test_minutes_need_a_number_and_a_visit_needs_who_went(db):
    p = proposal(evidence=None)
    with pytest.raises(ValidationError) as exc:
        proposals.add_evidence(p, {"kind": "musdes", "held_on": "2026-03-04"}, today=TODAY)
    assert "reference" in exc.value.fields
    with pytest.raises(ValidationError) as exc:
        proposals.add_evidence(p, {"kind": "home_visit", "held_on": "2027-01-04"}, today=TODAY)
    assert {"officer", "held_on"} <= set(exc.value.fields)
    assert p.evidence == [] and p.status == "draft"


def test_removal_rules_deceased_needs_the_death_and_not_eligible_needs_a_visit(db):
    person = f.person()
    with pytest.raises(ValidationError) as exc:
        proposals.create_proposal({"kind": "removal", "person_id": person.id, "reason": "x"}, today=TODAY)
    assert "removal_reason" in exc.value.fields
    with pytest.raises(ValidationError) as exc:
        proposals.create_proposal({"kind": "removal", "removal_reason": "deceased", "person_id": person.id,
                                   "reason": "Meninggal"}, today=TODAY)
    assert "meninggal" in exc.value.fields["removal_reason"]
    p = proposals.create_proposal({"kind": "removal", "removal_reason": "not_eligible", "person_id": person.id,
                                   "reason": "Sudah mampu"}, today=TODAY)
    proposals.add_evidence(p, {"kind": "muskel", "held_on": "2026-05-01", "reference": "BA-2"}, today=TODAY)
    assert p.status == "draft"  # minutes alone do not do for "no longer eligible"
    proposals.add_evidence(p, {"kind": "home_visit", "held_on": "2026-05-02", "officer": "Dewi"}, today=TODAY)
    assert p.status == "verified"


def test_one_open_proposal_of_a_kind_per_subject(db):
    p = proposal()
    with pytest.raises(ValidationError):
        proposals.create_proposal({"kind": "new", "person_id": p.person_id, "reason": "lagi"}, today=TODAY)
    proposals.withdraw(p, "Salah input")
    assert proposals.create_proposal({"kind": "new", "person_id": p.person_id, "reason": "lagi"}, today=TODAY)


def test_the_batch_flow_submit_return_approve_export_and_answers(db):
    head = f.person(nama="Kepala Keluarga", nik="1872014101500001")
    hh = reg_households.create_household(head, "1872010101109999")
    reg_households.add_member(hh, f.person(nama="Anak Satu"), "anak")
    a = proposals.create_proposal({"kind": "new", "household_id": hh.id, "reason": "Keluarga miskin"}, today=TODAY)
    proposals.add_evidence(a, {"kind": "musdes", "held_on": "2026-10-01", "reference": "BA-10"}, today=TODAY)
    b_prop = proposal(held_on="2026-10-02")
    batch = batches.create_batch("2026-10")
    with pytest.raises(ValidationError):
        batches.create_batch("2026-10")
    with pytest.raises(ValidationError):
        batches.submit(batch, None)  # empty
    batches.add_proposals(batch, [a.id, b_prop.id])
    with pytest.raises(ValidationError):
        batches.export(batch, "csv")  # not approved yet
    batches.submit(batch, None, today=dt.date(2026, 10, 20))
    with pytest.raises(ValidationError):
        batches.add_proposals(batch, [proposal().id])  # submitted: frozen
    with pytest.raises(ValidationError) as exc:
        batches.return_batch(batch, "")
    assert "reason" in exc.value.fields
    batches.return_batch(batch, "Lengkapi berita acara")
    assert batch.status == "draft" and batch.returned_reason == "Lengkapi berita acara"
    batches.submit(batch, None, today=dt.date(2026, 10, 21))
    batches.approve(batch, None, today=dt.date(2026, 10, 22))
    content, name, _mime = batches.export(batch, "csv", today=dt.date(2026, 10, 23))
    assert name == "usulan-dtks-2026-10.csv" and batch.exported_on == dt.date(2026, 10, 23)
    rows = list(csv.DictReader(io.StringIO(content.decode("utf-8-sig"))))
    assert [r["JENIS_USULAN"] for r in rows] == ["BARU", "BARU"]
    assert rows[0]["NIK"] == "1872014101500001" and rows[0]["NO_KK"] == "1872010101109999"
    assert "MUSDES 01/10/2026 BA-10" in rows[0]["BUKTI"]
    wb = load_workbook(io.BytesIO(batches.export(batch, "xlsx")[0]))
    assert wb.active.cell(row=4, column=6).value == "Kepala Keluarga"
    # the ministry's answer file, with a bad line first: nothing is recorded
    bad = f"ID_USULAN,HASIL,ALASAN\n{a.id},DITERIMA,\n{b_prop.id},MUNGKIN,\n".encode()
    with pytest.raises(ValidationError) as exc:
        batches.import_answers(batch, bad, today=TODAY)
    assert exc.value.fields["file"].format(**exc.value.params).startswith("Baris 3:")


def test_answers_per_row_close_the_batch_and_a_rejection_needs_its_reason(db):
    a, b = proposal(), proposal()
    batch = approved_batch(props=[a, b])
    with pytest.raises(ValidationError):
        batches.record_answer(a, "rejected", "", "2026-04-10", today=TODAY)
    batches.record_answer(a, "rejected", "NIK tidak padan Dukcapil", "2026-04-10", today=TODAY)
    assert batch.status == "approved"
    n = batches.import_answers(batch, b"ID_USULAN,HASIL\n"
                               + f"{b.id},diterima\n".encode(), today=TODAY)
    assert n == 1 and b.status == "accepted" and batch.status == "answered"
    assert a.answer_reason == "NIK tidak padan Dukcapil"


def test_renja_counts_persons_enumerated_and_proposals_approved_in_the_period(db):
    head = f.person(nama="Kepala")
    hh = reg_households.create_household(head, "1872010101108888")
    reg_households.add_member(hh, f.person(nama="Istri"), "istri")
    household = proposals.create_proposal({"kind": "new", "household_id": hh.id, "reason": "x"}, today=TODAY)
    proposals.add_evidence(household, {"kind": "home_visit", "held_on": "2026-03-03", "officer": "A"}, today=TODAY)
    single = proposal(held_on="2026-03-05")
    later = proposal(held_on="2026-07-05")  # verified in Q3, never sent
    approved_batch(props=[household, single])
    q1 = (dt.date(2026, 1, 1), dt.date(2026, 3, 31))
    assert len(db.execute(enumerated_stmt(*q1, None)).scalars().all()) == 3  # two household members + one
    assert len(db.execute(enumerated_stmt(*Y, None)).scalars().all()) == 4
    assert len(db.execute(proposals_stmt(*q1, None)).scalars().all()) == 2
    assert len(db.execute(proposals_stmt(dt.date(2026, 4, 1), dt.date(2026, 6, 30), None)).scalars().all()) == 0
    assert len(db.execute(enumerated_stmt(*Y, "18.72.05")).scalars().all()) == 0  # persons live in 18.72.01
    assert sources()["dtks_proposals"].count(*Y, "18.72.01") == 2
    assert later.status == "verified"


def test_person_history_includes_household_proposals(db):
    head = f.person(nama="Kepala")
    hh = reg_households.create_household(head, "1872010101107777")
    child = f.person(nama="Anak")
    reg_households.add_member(hh, child, "anak")
    proposals.create_proposal({"kind": "update", "household_id": hh.id, "reason": "Anggota bertambah"}, today=TODAY)
    proposal(p=child, kind="new")
    assert sorted(p.kind for p in proposals.person_history(child)) == ["new", "update"]
    assert len(proposals.person_history(head)) == 1
