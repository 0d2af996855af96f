"""Disaster module use cases: events, victims (registry + SPM), shelters, stock, cards, guard, report."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from sqlalchemy import select

from service.care.models.deliveries import Delivery
from service.casework.models import Assessment, Case
from service.core import access
from service.core.errors import Conflict, ValidationError
from service.disasters import aid, cards, events, shelters, stock, victims, volunteers
from service.disasters.models.stock import StockMovement
from service.disasters.report import situation_report
from service.registry import persons as registry
from tests.disasters.conftest import START, TODAY, deploy_user, household


def test_event_codes_are_readable_per_type_and_year(db):
    a = events.create_event({"name": "Banjir A", "event_type": "banjir", "area_code": "18.72",
                                "started_on": START})
    b = events.create_event({"name": "Banjir B", "event_type": "banjir", "area_code": "18.72",
                                "started_on": START})
    c = events.create_event({"name": "Kebakaran", "event_type": "kebakaran", "area_code": "18.72",
                                "started_on": START})
    year = START.year
    assert [a.code, b.code, c.code] == [f"BNJ-{year}-001", f"BNJ-{year}-002", f"KBK-{year}-001"]
    assert c.category == "non_alam"
    assert events.get_event_by_code(f"bnj-{year}-002") is b
    assert events.get_event_by_code("XXX-1-1") is None


def test_event_validation_names_every_bad_field(db):
    with pytest.raises(ValidationError) as exc:
        events.create_event({"name": "", "event_type": "tsunami", "area_code": "99.99",
                                "village_codes": "18.72.01.1001", "started_on": TODAY + dt.timedelta(days=1),
                                "emergency_start": "2026-01-10", "emergency_end": "2026-01-01"})
    assert set(exc.value.fields) == {"name", "event_type", "category", "area_code", "village_codes", "started_on",
                                     "emergency_end"}


def test_register_victim_opens_case_and_eligible_bencana_assessment(event):
    head = victims.register_victim(event, {"name": "Sutrisno", "sex": "L", "birth_date": "1975-03-14",
                                           "village_code": "18.72.05.1001"}, damage_level="rusak_berat")
    case = registry.session.get(Case, head.case_id)
    assert case.category_code == "korban_bencana_alam" and case.intake_source == "disaster"
    assert case.disaster_event_id == event.id and case.number.startswith("BNC-")
    assessment = registry.session.get(Assessment, head.assessment_id)
    assert assessment.basic_service_code == "bencana" and assessment.eligible
    assert assessment.need_codes == sorted(["bencana_makanan", "bencana_sandang", "bencana_penampungan",
                                            "bencana_kelompok_rentan", "bencana_psikososial"])
    # a member without NIK, needs narrowed
    child = victims.register_victim(event, {"name": "Dimas", "age": 2, "sex": "L",
                                            "village_code": "18.72.05.1001"}, household=head.household,
                                    relationship_code="anak", vulnerable_groups=["balita"],
                                    needs=["bencana_makanan", "bencana_kelompok_rentan"])
    assert child.person.nik is None and child.person.birth_date_estimated
    assert registry.session.get(Assessment, child.assessment_id).need_codes == ["bencana_kelompok_rentan",
                                                                                 "bencana_makanan"]
    assert [m.person.name for m in head.household.members] == ["Sutrisno", "Dimas"]


def test_known_nik_is_reused_when_name_and_birth_agree_else_refused(event):
    data = {"name": "Warsini", "nik": "1872056011480001", "sex": "P", "birth_date": "1948-11-20",
            "village_code": "18.72.05.1001"}
    existing = registry.register_person(data)
    # same NIK, name (another spelling) and birth date: the registry's person, not a second one
    victim = victims.register_victim(event, {**data, "name": "Bu Warsini"})
    assert victim.person_id == existing.id
    with pytest.raises(Conflict):  # never a victim twice
        victims.register_victim(event, existing)
    # the same NIK with another name: refused; the caller may offer the holder only to who may open it
    with pytest.raises(Conflict) as exc:
        victims.register_victim(event, {**data, "name": "Sutinah"})
    assert exc.value.field == "nik" and exc.value.existing_id == existing.id and "Warsini" not in str(exc.value)
    assert [p.id for p in victims.likely_duplicates({"name": "Bu Warsini", "birth_date": "1948-11-20"})] \
        == [existing.id]


def test_invalid_victim_writes_nothing(event, db):
    before = registry.session.scalar(select(registry.Person).where(registry.Person.name == "Tanpa Desa"))
    with pytest.raises(ValidationError) as exc:
        victims.register_victim(event, {"name": "Tanpa Desa"}, status="tenggelam", vulnerable_groups=["remaja"])
    assert {"status", "vulnerable_groups", "village_code"} <= set(exc.value.fields)
    assert before is None
    assert registry.session.scalar(select(registry.Person).where(registry.Person.name == "Tanpa Desa")) is None


def test_shelter_check_in_warns_over_capacity_and_records_penampungan(event):
    h = household(event, members=2)
    shelter = shelters.create_shelter(event, "Balai Desa", 2)
    results = [shelters.check_in(shelter, v) for v in h.members]
    assert [over for _stay, over in results] == [False, False, True]
    assert shelters.occupancy(shelter) == 3
    assert all(v.status == "di_pengungsian" for v in h.members)
    with pytest.raises(ValidationError):
        shelters.check_in(shelter, h.members[0])  # already in
    shelters.check_out(results[0][0])
    assert shelters.occupancy(shelter) == 2
    # check-in again: the bencana_penampungan delivery is not duplicated
    shelters.check_in(shelter, h.members[0])
    rows = registry.session.scalars(select(Delivery).where(Delivery.person_id == h.members[0].person_id,
                                                           Delivery.service_type_code == "bencana_penampungan"))
    assert len(list(rows)) == 1


def test_stock_receipt_issue_transfer_and_never_negative(event, items, warehouse):
    kit = items["family_kit"]
    assert stock.on_hand(warehouse, kit) == 10
    other = stock.create_warehouse("GDG-2", "Gudang Posko", "18.72.05")
    stock.transfer(warehouse, other, kit, 4)
    stock.issue(other, kit, 3, event=event)
    assert (stock.on_hand(warehouse, kit), stock.on_hand(other, kit)) == (6, 1)
    with pytest.raises(ValidationError) as exc:
        stock.issue(other, kit, 2, event=event)
    assert "tersedia 1" in str(exc.value)
    assert stock.on_hand(other, kit) == 1
    with pytest.raises(ValidationError) as exc:
        stock.receive(warehouse, items["beras"], 5, source="donatur", document_ref="")
    assert set(exc.value.fields) == {"document_ref", "expires_on"}  # food needs an expiry date


def test_stock_check_constraint_rejects_negative_quantity(items, warehouse, db):
    from sqlalchemy import update
    from sqlalchemy.exc import IntegrityError

    from service.disasters.models.stock import StockLevel

    nested = db.begin_nested()
    with pytest.raises(IntegrityError):
        db.execute(update(StockLevel).where(StockLevel.warehouse_id == warehouse.id).values(quantity=-1))
    nested.rollback()


def test_expiry_warnings(items, warehouse):
    stock.receive(warehouse, items["lauk_pauk"], 5, source="donatur", document_ref="D/1",
                  expires_on=TODAY - dt.timedelta(days=1))
    warnings = {(r["item"].code, r["expiry"]) for r in stock.expiry_warnings()}
    assert warnings == {("makanan_siap_saji", "soon"), ("lauk_pauk", "expired")}


def test_card_signature_valid_tampered_revoked(event):
    h = household(event)
    card = cards.issue_card(h)
    assert cards.verify_token(card.token, event).card.id == card.id
    # tampered payload (another serial), signature kept
    prefix, body, sig = card.token.split(".")
    payload = json.loads(cards._b64d(body))
    payload["s"] = "BNJ-2026-001-K9999"
    forged = ".".join([prefix, cards._b64e(json.dumps(payload, separators=(",", ":")).encode()), sig])
    with pytest.raises(ValidationError, match="tanda tangan"):
        cards.verify_token(forged)
    # a token signed by another key
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    other = Ed25519PrivateKey.generate()
    raw = json.dumps({**json.loads(cards._b64d(body)), "k": card.key_id}, separators=(",", ":")).encode()
    with pytest.raises(ValidationError, match="tanda tangan"):
        cards.verify_token(f"LDG1.{cards._b64e(raw)}.{cards._b64e(other.sign(raw))}")
    with pytest.raises(ValidationError, match="tidak dikenali"):
        cards.verify_token("hello")
    # re-issue without reason refused; with reason revokes the old card
    with pytest.raises(ValidationError):
        cards.issue_card(h)
    new = cards.issue_card(h, reissue_reason="hilang")
    with pytest.raises(ValidationError, match="dicabut"):
        cards.verify_token(card.token)
    assert cards.verify_token(new.token).card.id == new.id
    assert str(card.id) in cards.revoked_ids(event)
    info = cards.public_key_info()
    assert info["algorithm"] == "Ed25519" and "private" not in json.dumps(info)


def test_card_of_another_event_is_refused(event):
    h = household(event)
    card = cards.issue_card(h)
    other = events.create_event({"name": "Lain", "event_type": "longsor", "area_code": "18.72",
                                    "started_on": START})
    with pytest.raises(ValidationError, match="kejadian lain"):
        cards.verify_token(card.token, other)


def test_distribution_guard_override_stock_and_spm_deliveries(event, items, warehouse):
    h = household(event, members=1)
    card = cards.issue_card(h)
    kit = items["family_kit"]
    first = aid.distribute(event, item=kit, warehouse=warehouse, card_token=card.token, place="Posko")
    assert first.household_id == h.id and first.card_id == card.id and first.override_reason is None
    assert stock.on_hand(warehouse, kit) == 9
    # one bencana_sandang delivery per household member
    dels = list(registry.session.scalars(select(Delivery).where(Delivery.disaster_event_id == event.id,
                                                                Delivery.service_type_code == "bencana_sandang")))
    assert sorted(d.person_id for d in dels) == sorted(m.person_id for m in h.members)
    assert all(d.source == "distribution" for d in dels)
    # second attempt: caught, nothing written
    with pytest.raises(aid.DoubleDistribution) as exc:
        aid.distribute(event, item=kit, warehouse=warehouse, card_token=card.token)
    assert "override_reason" in exc.value.fields
    assert stock.on_hand(warehouse, kit) == 9
    second = aid.distribute(event, item=kit, warehouse=warehouse, card_token=card.token,
                            override_reason="Kit pertama rusak terendam")
    assert second.override_reason == "Kit pertama rusak terendam"
    assert stock.on_hand(warehouse, kit) == 8
    # ready meals: once per day
    meals = items["makanan_siap_saji"]
    aid.distribute(event, item=meals, warehouse=warehouse, household=h, quantity=2,
                   distributed_at=dt.datetime.combine(TODAY - dt.timedelta(days=1), dt.time(12), cards_tz()))
    aid.distribute(event, item=meals, warehouse=warehouse, household=h, quantity=2)  # another day: fine
    with pytest.raises(aid.DoubleDistribution):
        aid.distribute(event, item=meals, warehouse=warehouse, household=h)


def cards_tz():
    from service.core.formatting import WIB

    return WIB


def test_guard_rule_is_data(event, items, warehouse):
    h = household(event, members=0)
    kit = items["family_kit"]
    stock.set_guard_period(kit, "none")
    aid.distribute(event, item=kit, warehouse=warehouse, household=h)
    aid.distribute(event, item=kit, warehouse=warehouse, household=h)
    assert stock.on_hand(warehouse, kit) == 8


def test_distribution_with_too_little_stock_writes_nothing(event, items, warehouse):
    h = household(event, members=0)
    with pytest.raises(ValidationError, match="tidak cukup"):
        aid.distribute(event, item=items["family_kit"], warehouse=warehouse, household=h, quantity=11)
    assert list(registry.session.scalars(select(aid.Distribution))) == []
    assert list(registry.session.scalars(select(StockMovement).where(StockMovement.kind == "distribution"))) == []


def test_kitchen_psychosocial_special_handling_compensation(event):
    h = household(event, members=1)
    shelter = shelters.create_shelter(event, "Pos A", 10)
    fed = list(h.members)
    aid.record_kitchen_day(event, shelter, TODAY, 6, fed)
    aid.record_kitchen_day(event, shelter, TODAY, 6, fed)  # same day again: same deliveries
    meals = list(registry.session.scalars(select(Delivery).where(Delivery.service_type_code == "bencana_makanan")))
    assert len(meals) == 2 and {d.quantity for d in meals} == {3}
    with pytest.raises(ValidationError) as exc:
        aid.record_kitchen_day(event, shelter, TODAY, 1, fed)
    assert "meals_served" in exc.value.fields
    aid.record_psychosocial(event, TODAY, "Lina", "Trauma healing", fed[1:])
    aid.record_special_handling(fed[1], TODAY, "balita", "Makanan pendamping ASI")
    assert "balita" in fed[1].vulnerable_groups
    with pytest.raises(ValidationError) as exc:
        aid.record_compensation(fed[0], amount=1000, recipient_name="X", recipient_relationship="Anak",
                                document_ref="SK/1", paid_on=TODAY)
    assert "victim_id" in exc.value.fields
    victims.update_victim(fed[0], status="meninggal")
    row = aid.record_compensation(fed[0], amount="15.000.000", recipient_name="Ahli Waris",
                                  recipient_relationship="Anak", document_ref="SK/1", paid_on=TODAY)
    assert row.amount == 15_000_000 and fed[0].person.deceased_on == TODAY
    with pytest.raises(Conflict):
        aid.record_compensation(fed[0], amount=1, recipient_name="Y", recipient_relationship="Anak",
                                document_ref="SK/2", paid_on=TODAY)


def test_tagana_sees_only_events_deployed_to_and_never_case_files(event, make_user, db):
    deployed = make_user("tagana", full_name="Bayu")
    other = make_user("tagana")
    deploy_user(event, deployed)
    second = events.create_event({"name": "Lain", "event_type": "longsor", "area_code": "18.72",
                                     "started_on": START})
    assert access.can(deployed, "disaster.view", event)
    assert not access.can(other, "disaster.view", event)
    assert not access.can(deployed, "disaster.view", second)
    visible = list(db.scalars(events.events_for(deployed)))
    assert visible == [event]
    assert list(db.scalars(events.events_for(other))) == []
    supervisor = make_user("supervisor")
    assert set(db.scalars(events.events_for(supervisor))) == {event, second}
    victim = household(event).members[0]
    case = db.get(Case, victim.case_id)
    assert not access.can(deployed, "case.view", case)
    assert not access.can(deployed, "person.view", victim.person)
    # an ended deployment no longer grants access
    dep = volunteers.deployments_for(event)[0]
    volunteers.end_deployment(dep, START, today=TODAY)
    db.expire_all()
    assert not access.can(deployed, "disaster.view", db.get(type(event), event.id))


def test_situation_report_figures_add_up(event, items, warehouse):
    h1 = household(event, "Keluarga Satu", members=2)
    h2 = household(event, "Keluarga Dua", members=0)
    victims.update_victim(h2.members[0], status="luka", vulnerable_groups=["lansia"])
    shelter = shelters.create_shelter(event, "Pos A", 2)
    for v in h1.members:
        shelters.check_in(shelter, v)
    aid.distribute(event, item=items["family_kit"], warehouse=warehouse, household=h1)
    aid.distribute(event, item=items["family_kit"], warehouse=warehouse, household=h2)
    stock.issue(warehouse, items["makanan_siap_saji"], 5, event=event)
    report = situation_report(event)
    v = report["victims"]
    assert (v["persons"], v["households"]) == (4, 2)
    assert v["by_status"]["di_pengungsian"] == 3 and v["by_status"]["luka"] == 1
    assert sum(v["by_status"].values()) == v["persons"]
    assert v["by_group"]["lansia"] == 1
    assert (report["shelter_capacity"], report["shelter_occupancy"]) == (2, 3)
    assert report["shelters"][0]["over"] is True
    rows = {r["item"].code: r for r in report["items"]}
    assert (rows["family_kit"]["distributed"], rows["family_kit"]["distributions"], rows["family_kit"]["on_hand"]) \
        == (2, 2, 8)
    assert rows["family_kit"]["distributed"] + rows["family_kit"]["on_hand"] == 10  # received
    assert (rows["makanan_siap_saji"]["bulk_issued"], rows["makanan_siap_saji"]["on_hand"]) == (5, 45)
    spm = {r["code"]: r["persons"] for r in report["spm"]}
    assert spm["bencana_sandang"] == 4 and spm["bencana_penampungan"] == 3 and spm["bencana_psikososial"] == 0
    assert report["spm_served"] == 4


def _in_shelter_agrees(event):
    """The situation report's "Di pos pengungsian", the occupancy and the occupants are the same people."""
    report = situation_report(event)
    occupants = {s.victim_id for s in registry.session.scalars(shelters.open_stays_stmt(event))}
    in_status = {v.id for v in registry.session.scalars(victims.victims_stmt(event, "di_pengungsian"))}
    assert report["victims"]["by_status"]["di_pengungsian"] == report["shelter_occupancy"] == len(occupants)
    assert occupants == in_status
    return occupants


def test_di_pos_pengungsian_checks_the_victim_into_the_chosen_shelter(event):
    pos_a, pos_b = shelters.create_shelter(event, "Pos A", 10), shelters.create_shelter(event, "Pos B", 10)
    person = {"name": "Warsini", "sex": "P", "birth_date": "1980-02-02", "village_code": "18.72.05.1001"}
    with pytest.raises(ValidationError) as exc:
        victims.register_victim(event, person, status="di_pengungsian")
    assert exc.value.fields == {"shelter_id": "Pilih pos pengungsian tempat korban tinggal."}
    v = victims.register_victim(event, person, status="di_pengungsian", shelter=pos_b)
    assert v.status == "di_pengungsian" and shelters.current_stay(v).shelter_id == pos_b.id
    assert (shelters.occupancy(pos_a), shelters.occupancy(pos_b)) == (0, 1)
    assert _in_shelter_agrees(event) == {v.id}
    # The household page's status: into a shelter needs one; out of it ends the stay.
    h = household(event, "Keluarga Dua", members=1)
    with pytest.raises(ValidationError) as exc:
        victims.update_victim(h.members[0], status="di_pengungsian")
    assert "shelter_id" in exc.value.fields
    victims.update_victim(h.members[0], status="di_pengungsian", shelter=pos_a)
    assert _in_shelter_agrees(event) == {v.id, h.members[0].id}
    victims.update_victim(v, status="tinggal_keluarga")
    assert v.status == "tinggal_keluarga" and shelters.current_stay(v) is None
    assert _in_shelter_agrees(event) == {h.members[0].id}
    # A check-in at the shelter page sets the status; a dead or missing person is not checked in.
    shelters.check_in(pos_a, h.members[1])
    assert h.members[1].status == "di_pengungsian"
    assert _in_shelter_agrees(event) == {h.members[0].id, h.members[1].id}
    victims.update_victim(v, status="hilang")
    with pytest.raises(ValidationError):
        shelters.check_in(pos_a, v)
    _in_shelter_agrees(event)
