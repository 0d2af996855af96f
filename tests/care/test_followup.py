"""Tracing, reunification and visits, referrals and letters, return home, placements."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from service.care import institutions, referrals, returns, tracing
from service.care.models.deliveries import Delivery
from service.core import settings
from service.core.db import utcnow
from service.core.errors import Conflict, NotFound, ValidationError
from tests import factories as f

TODAY = dt.date(2026, 9, 30)


def _deliveries(case, code):
    return list(tracing.session.scalars(select(Delivery).where(Delivery.case_id == case.id,
                                                               Delivery.service_type_code == code)))


# ---------------------------------------------------------------- tracing
def test_tracing_walks_to_a_verified_reunification_with_visits(db):
    c = f.case(category="orang_terlantar")
    t = tracing.open_tracing(c, "2026-02-01", today=TODAY)
    with pytest.raises(Conflict):
        tracing.open_tracing(c, "2026-02-02", today=TODAY)
    tracing.add_contact(t, "Suparman", "Kakak kandung", phone="0812")
    tracing.record_attempt(t, "2026-02-03", "phone", "Nomor tidak aktif", today=TODAY)
    assert t.status == "searching"
    tracing.record_attempt(t, "2026-02-10", "village_official", "Kepala dusun mengenal keluarga", today=TODAY)
    assert len(_deliveries(c, "penelusuran_keluarga")) == 1  # the tracing service is counted once
    tracing.set_status(t, "found", on="2026-02-10", today=TODAY)
    tracing.set_status(t, "verified", on="2026-02-12", today=TODAY)
    r = tracing.reunify(t, "2026-02-15", "Suparman", "Kakak kandung", "Balai desa Banjarsari", today=TODAY)
    assert t.status == "reunified"
    assert [(v.months, v.due_on) for v in r.visits] == [
        (1, dt.date(2026, 3, 15)), (3, dt.date(2026, 5, 15)), (6, dt.date(2026, 8, 15))]
    assert [d.delivered_on for d in _deliveries(c, "reunifikasi")] == [dt.date(2026, 2, 15)]
    tracing.record_visit(r.visits[0], "2026-03-16", "good", today=TODAY)
    assert [v.missed(TODAY) for v in r.visits] == [False, True, True]
    with pytest.raises(ValidationError):
        tracing.record_visit(r.visits[0], "2026-03-17", "good", today=TODAY)


@pytest.mark.parametrize(("path", "refused"), [
    ([], "found"),                       # open → found skips searching
    ([], "verified"),
    (["searching"], "verified"),         # must be found first
    (["not_found"], "found"),            # reopen to searching first
    (["searching", "found"], "reunified"),  # only through reunify()
])
def test_tracing_refuses_transitions_out_of_order(db, path, refused):
    t = tracing.open_tracing(f.case(), "2026-01-06", today=TODAY)
    for step in path:
        tracing.set_status(t, step, today=TODAY)
    before = t.status
    with pytest.raises(ValidationError) as exc:
        tracing.set_status(t, refused, today=TODAY)
    assert "status" in exc.value.fields and t.status == before


def test_reunification_needs_verification_and_the_receiver(db):
    t = tracing.open_tracing(f.case(), "2026-01-06", today=TODAY)
    tracing.set_status(t, "searching", today=TODAY)
    tracing.set_status(t, "found", today=TODAY)
    with pytest.raises(ValidationError) as exc:
        tracing.reunify(t, "2026-02-15", "", "", "", today=TODAY)
    assert set(exc.value.fields) == {"status", "relative_name", "relationship", "place"}
    assert t.reunification is None


def test_followup_months_are_configurable(db):
    tracing.set_followup_months("2, 4")
    with pytest.raises(ValidationError):
        tracing.set_followup_months("0")
    t = tracing.open_tracing(f.case(), "2026-01-06", today=TODAY)
    for step in ("searching", "found", "verified"):
        tracing.set_status(t, step, today=TODAY)
    r = tracing.reunify(t, "2026-01-31", "Ibu", "Ibu kandung", "Rumah", today=TODAY)
    assert [(v.months, v.due_on) for v in r.visits] == [(2, dt.date(2026, 3, 31)), (4, dt.date(2026, 5, 31))]


# ---------------------------------------------------------------- referrals
def test_referral_needs_consent_before_sending(db):
    ref = f.referral(consent=False)
    with pytest.raises(ValidationError) as exc:
        referrals.send_referral(ref, on=dt.date(2026, 3, 2))
    assert "consent_checked" in exc.value.fields and ref.status == "draft" and ref.letter_number is None


def test_letter_numbers_follow_the_scheme_and_count_up(db):
    settings.put("referral.letter_code", "460")
    a, b = f.referral(), f.referral()
    referrals.send_referral(a, on=dt.date(2026, 3, 2))
    referrals.send_referral(b, on=dt.date(2026, 11, 20))
    seq_a = int(a.letter_number.split("/")[0])
    assert a.letter_number == f"{seq_a:03d}/460/DINSOS/III/2026"
    assert b.letter_number == f"{seq_a + 1:03d}/460/DINSOS/XI/2026"
    with pytest.raises(ValidationError):
        referrals.set_number_format("{code}/DINSOS/{year}")  # no sequence: numbers would repeat
    with pytest.raises(ValidationError):
        referrals.set_number_format("{seq}/{unknown}/{year}")
    referrals.set_number_format("RJK-{year}-{seq}")
    c = f.referral()
    referrals.send_referral(c, on=dt.date(2026, 12, 1))
    assert c.letter_number == f"RJK-2026-{seq_a + 2:03d}"


def test_answer_link_works_once(db):
    ref = f.referral()
    token = referrals.send_referral(ref, on=dt.date(2026, 3, 2))
    assert ref.token_hash and token not in (ref.token_hash or "")  # stored hashed only
    with pytest.raises(ValidationError) as exc:
        referrals.answer_by_link(token, False, "dr. Sari", "")
    assert "decline_reason" in exc.value.fields and ref.status == "sent"
    referrals.answer_by_link(token, True, "dr. Sari, Kepala Instalasi")
    assert ref.status == "accepted" and ref.answer_channel == "link"
    with pytest.raises(referrals.LinkGone):
        referrals.answer_by_link(token, False, "orang lain", "berubah pikiran")
    assert ref.status == "accepted"
    with pytest.raises(NotFound):
        referrals.answer_by_link(token[:-2] + "xx", True, "palsu")


def test_answer_link_expires_and_reissue_replaces_it(db):
    ref = f.referral()
    old = referrals.send_referral(ref, on=dt.date(2026, 3, 2))
    new = referrals.issue_answer_link(ref)
    with pytest.raises(NotFound):
        referrals.answer_by_link(old, True, "dr. A")
    later = utcnow() + dt.timedelta(days=int(settings.get("referral.link_days")) + 1)
    with pytest.raises(referrals.LinkGone):
        referrals.answer_by_link(new, True, "dr. A", now=later)


def test_referral_state_machine_and_completion_records_rujukan(db):
    ref = f.referral()
    with pytest.raises(ValidationError):
        referrals.complete_referral(ref, "2026-03-05", today=TODAY)  # draft cannot complete
    referrals.send_referral(ref, on=dt.date(2026, 3, 2))
    with pytest.raises(ValidationError):
        referrals.complete_referral(ref, "2026-03-05", today=TODAY)  # not accepted yet
    referrals.record_answer(ref, True, "Bagian pendaftaran RSUD")
    with pytest.raises(ValidationError):
        referrals.issue_answer_link(ref)  # answered: no new link
    referrals.complete_referral(ref, "2026-03-05", today=TODAY)
    assert ref.status == "completed"
    rows = _deliveries(ref.case, "rujukan")
    assert [(d.delivered_on, d.source) for d in rows] == [(dt.date(2026, 3, 5), "referral")]
    with pytest.raises(ValidationError):
        referrals.cancel_referral(ref, "terlambat")


def test_declined_and_cancelled_referrals_end(db):
    declined = f.referral()
    referrals.send_referral(declined, on=dt.date(2026, 3, 2))
    referrals.record_answer(declined, False, "Admisi", "Ruang penuh")
    assert declined.status == "declined" and declined.decline_reason == "Ruang penuh"
    with pytest.raises(ValidationError):
        referrals.record_answer(declined, True, "Admisi")
    cancelled = f.referral()
    token = referrals.send_referral(cancelled, on=dt.date(2026, 3, 2))
    with pytest.raises(ValidationError):
        referrals.cancel_referral(cancelled, "")
    referrals.cancel_referral(cancelled, "Keluarga menjemput")
    with pytest.raises(referrals.LinkGone):
        referrals.answer_by_link(token, True, "dr. A")
    assert referrals.verify_letter(cancelled.verify_code)["cancelled"] is True


def test_verification_shows_only_number_date_office(db):
    settings.put("office.name", "Dinas Sosial Kota Metro")
    ref = f.referral()
    referrals.send_referral(ref, on=dt.date(2026, 3, 2))
    info = referrals.verify_letter(ref.verify_code)
    assert info == {"number": ref.letter_number, "date": dt.date(2026, 3, 2), "office": "Dinas Sosial Kota Metro",
                    "parent": settings.get("office.parent_name"), "cancelled": False}
    assert referrals.verify_letter(ref.verify_code[:-1] + ("A" if ref.verify_code[-1] != "A" else "B")) is None
    assert referrals.verify_letter("tidak-ada") is None
    draft = f.referral()
    assert referrals.verify_letter(draft.verify_code or "") is None


# ---------------------------------------------------------------- return home, institutions, placements
def test_return_home_of_a_migrant_records_the_delivery(db):
    c = f.case(category="pekerja_migran_bermasalah")
    with pytest.raises(ValidationError) as exc:
        returns.plan_return(c, "migrant_victim", "99.99", "", "", "kemarin")
    assert set(exc.value.fields) == {"origin_region_code", "destination_region_code", "transport", "travel_on"}
    r = returns.plan_return(c, "migrant_victim", "18.72", "18.72.01.1001", "Bus DAMRI", "2026-04-01",
                            cost="350.000", escort="Agus")
    with pytest.raises(ValidationError) as exc:
        returns.complete_return(r, "2026-03-30", "", "family", today=TODAY)
    assert set(exc.value.fields) == {"handed_over_on", "receiver_name", "receiver_relationship"}
    returns.complete_return(r, "2026-04-02", "Sutini", "family", receiver_relationship="Ibu", today=TODAY)
    assert r.status == "completed" and r.cost == 350000
    assert [d.cost for d in _deliveries(c, "pemulangan_migran")] == [350000]
    with pytest.raises(ValidationError):
        returns.cancel_return(r, "salah")


def test_placement_in_an_institution_and_back_home(db):
    c = f.case()
    inst = f.institution(kind="panti", name="Panti Werdha Metro")
    with pytest.raises(ValidationError) as exc:
        institutions.set_placement(c, "institution", "2026-02-01", today=TODAY)
    assert set(exc.value.fields) == {"institution_id", "reason"}
    p1 = institutions.set_placement(c, "institution", "2026-02-01", institution=inst, reason="Tidak ada keluarga",
                                    today=TODAY)
    assert c.in_institution is True
    with pytest.raises(ValidationError):
        institutions.set_placement(c, "home", "2026-01-01", today=TODAY)
    p2 = institutions.set_placement(c, "home", "2026-05-01", today=TODAY)
    assert p1.date_out == dt.date(2026, 5, 1) and p2.date_out is None and c.in_institution is False
    assert institutions.current_placement(c) is p2


def test_institution_register_validates(db):
    with pytest.raises(ValidationError) as exc:
        institutions.create_institution({"name": " ", "kind": "kantor", "region_code": "00.00", "email": "x"})
    assert set(exc.value.fields) == {"name", "kind", "region_code", "email"}
    inst = institutions.create_institution({"name": "RSJ Provinsi Lampung", "kind": "mental_hospital",
                                            "region_code": "18.71", "phone": "0721 123"})
    assert inst.name in {i.name for i in db.scalars(institutions.institutions_stmt("provinsi"))}
