"""Disaster operations over sync: victim.register, distribution.create, the events download."""

from __future__ import annotations

import datetime as dt
import uuid

import pytest
from sqlalchemy import func, select

from service.care.models.deliveries import Delivery
from service.casework.models import Assessment
from service.core.errors import PermissionDenied
from service.core.formatting import WIB
from service.core.models.audit import AuditLog
from service.disasters import cards, stock
from service.disasters import sync_ops as disaster_sync
from service.disasters.models.aid import Distribution
from service.disasters.models.events import Victim
from service.disasters.models.stock import StockMovement
from service.offline import conflicts, engine
from service.offline.models import SyncConflict, SyncDevice, SyncOperation
from tests.disasters.conftest import START, deploy_user, household
from tests.disasters.conftest import event as event  # noqa: F401  (fixtures)
from tests.disasters.conftest import items as items  # noqa: F401
from tests.disasters.conftest import warehouse as warehouse  # noqa: F401
from tests.offline.conftest import new_id

WHEN = dt.datetime.combine(START + dt.timedelta(days=1), dt.time(10, 0), WIB).isoformat()


def push(user, device, *ops):
    return engine.sync_batch(user, {"device_id": device, "operations": list(ops)})["results"]


def count(db, model, *where):
    return db.scalar(select(func.count()).select_from(model).where(*where))


def victim_op(event, entity_id=None, **data):
    payload = {"event_id": str(event.id), "nama": "Sumarno", "jenis_kelamin": "L", "tanggal_lahir": "1970-02-01",
               "kode_wilayah": "18.72.05.1001", "kerusakan": "rusak_berat", "tanggal": START.isoformat(),
               "alasan_tanpa_nik": "dokumen_hilang", **data}
    return {"op_id": new_id(), "type": "victim.register", "entity_id": entity_id or new_id(), "data": payload}


def dist_op(event, item="family_kit", **data):
    payload = {"event_id": str(event.id), "barang": item, "gudang": "GDG-UJI", "jumlah": 1, "waktu": WHEN, **data}
    return {"op_id": new_id(), "type": "distribution.create", "entity_id": new_id(), "data": payload}


@pytest.fixture
def volunteer(db, event, make_user):
    user = make_user("tagana")
    deploy_user(event, user)
    return user


def test_victim_household_registered_offline_arrives_through_register_victim(db, event, volunteer, device):
    head = victim_op(event)
    member = victim_op(event, nama="Dimas", jenis_kelamin="L", tanggal_lahir=None, umur=3, kepala_id=head["entity_id"],
                       hubungan="anak", kelompok_rentan=["balita"], kebutuhan=["bencana_makanan"])
    results = push(volunteer, device, head, member)
    assert [r["status"] for r in results] == ["applied", "applied"]
    v_head = db.get(Victim, uuid.UUID(head["entity_id"]))
    v_child = db.get(Victim, uuid.UUID(member["entity_id"]))
    assert v_child.household_id == v_head.household_id and v_child.relationship_code == "anak"
    assert v_head.household.damage_level == "rusak_berat" and v_child.vulnerable_groups == ["balita"]
    # the SPM effect of the web form: an eligible bencana assessment per victim
    assessment = db.get(Assessment, v_child.assessment_id)
    assert assessment.basic_service_code == "bencana" and assessment.need_codes == ["bencana_makanan"]
    entry = db.scalar(select(AuditLog).where(AuditLog.entity_type == "victims",
                                             AuditLog.entity_id == head["entity_id"]))
    assert entry.actor_id == volunteer.id and entry.source == "sync"
    # resent (lost response): duplicate, nothing doubled; the same victim under a new op_id: duplicate too
    again = push(volunteer, new_id(), head, {**member, "op_id": new_id()})
    assert [r["status"] for r in again] == ["duplicate", "duplicate"]
    assert again[0]["first_status"] == "applied"
    assert count(db, Victim) == 2


def test_member_before_its_head_is_retryable_then_applies(db, event, volunteer, device):
    head = victim_op(event)
    member = victim_op(event, nama="Sri", jenis_kelamin="P", kepala_id=head["entity_id"], hubungan="istri")
    early = push(volunteer, device, member)[0]
    assert early["status"] == "rejected" and early["retryable"] is True and "kepala_id" in early["errors"]
    assert count(db, Victim) == 0 and count(db, SyncOperation) == 0
    assert [r["status"] for r in push(volunteer, device, member, head, member)] == ["rejected", "applied", "applied"]
    assert count(db, Victim) == 2


def test_unknown_event_is_retryable_and_bad_fields_come_back_in_device_names(db, event, volunteer, device):
    missing = victim_op(event, event_id=new_id())
    bad = victim_op(event, nama="", kode_wilayah="99.99.99.9999", hubungan="anak", kepala_id=None,
                    status="entah", kebutuhan=["permakanan"])
    r_missing, r_bad = push(volunteer, device, missing, bad)
    assert r_missing["status"] == "rejected" and r_missing["retryable"] is True
    assert r_bad["status"] == "rejected" and not r_bad.get("retryable")
    assert {"nama", "kode_wilayah", "status", "kebutuhan"} <= set(r_bad["errors"])
    assert count(db, Victim) == 0


def test_a_nik_already_in_the_registry_registers_that_person(db, event, volunteer, device):
    first = push(volunteer, device, victim_op(event, nik="1872051403750001", nama="Sutrisno",
                                              tanggal_lahir="1975-03-14"))[0]
    assert first["status"] == "applied"
    other_event_op = victim_op(event, nik="1872051403750001", nama="Sutrisno", tanggal_lahir="1975-03-14")
    again = push(volunteer, device, other_event_op)[0]
    # the same person cannot be a victim of the same event twice: a message beside the name
    assert again["status"] == "rejected" and "nama" in again["errors"] and not again.get("retryable")


def test_non_deployed_tagana_and_roles_without_the_action_are_refused(db, event, make_user, device, items,
                                                                      warehouse):
    stranger = make_user("tagana")
    head = household(event)
    card = cards.issue_card(head)
    r_victim, r_dist = push(stranger, device, victim_op(event), dist_op(event, kartu=card.token))
    assert r_victim["status"] == r_dist["status"] == "rejected"
    assert "_" in r_victim["errors"] and not r_victim.get("retryable")
    peksos = make_user("peksos", "18.72.05")
    assert push(peksos, device, victim_op(event))[0]["status"] == "rejected"
    other_area = make_user("operator", "18.72.01")
    assert push(other_area, device, victim_op(event))[0]["status"] == "rejected"
    assert count(db, Victim) == 2 and count(db, Distribution) == 0
    with pytest.raises(PermissionDenied):
        engine.sync_batch(make_user("auditor"), {"device_id": device, "operations": []})


def test_distribution_with_a_scanned_card_issues_stock_and_records_deliveries(db, event, volunteer, device, items,
                                                                              warehouse):
    hh = household(event, members=1)
    card = cards.issue_card(hh)
    op = dist_op(event, kartu=card.token, tempat="Posko Balai")
    result = push(volunteer, device, op)[0]
    assert result["status"] == "applied" and "conflict_id" not in result
    dist = db.get(Distribution, uuid.UUID(op["entity_id"]))
    assert dist.card_id == card.id and dist.volunteer_user_id == volunteer.id and dist.override_reason is None
    assert stock.on_hand(warehouse, items["family_kit"]) == 9
    move = db.scalar(select(StockMovement).where(StockMovement.distribution_id == dist.id))
    assert (move.kind, move.quantity) == ("distribution", 1)
    given = db.scalars(select(Delivery).where(Delivery.disaster_event_id == event.id,
                                              Delivery.service_type_code == "bencana_sandang")).all()
    assert sorted(d.person_id for d in given) == sorted(m.person_id for m in hh.members)
    assert push(volunteer, new_id(), op)[0]["status"] == "duplicate"
    assert stock.on_hand(warehouse, items["family_kit"]) == 9 and count(db, Distribution) == 1


def test_second_kit_seen_on_the_device_with_a_reason_is_an_ordinary_override(db, event, volunteer, device, items,
                                                                            warehouse):
    hh = household(event)
    card = cards.issue_card(hh)
    first, second = dist_op(event, kartu=card.token), dist_op(event, kartu=card.token, terlihat=1,
                                                             alasan="Rumah hanyut, keluarga besar")
    assert [r["status"] for r in push(volunteer, device, first, second)] == ["applied", "applied"]
    assert db.get(Distribution, uuid.UUID(second["entity_id"])).override_reason == "Rumah hanyut, keluarga besar"
    assert count(db, SyncConflict) == 0


def test_two_devices_serving_the_same_card_record_both_and_flag_the_second(db, event, volunteer, make_user, items,
                                                                          warehouse):
    other = make_user("tagana")
    deploy_user(event, other, "TGN-T-2")
    hh = household(event)
    card = cards.issue_card(hh)
    a, b = dist_op(event, kartu=card.token), dist_op(event, kartu=card.token)
    assert push(volunteer, new_id(), a)[0]["status"] == "applied"
    device_b = new_id()
    result = push(other, device_b, b)[0]
    assert result["status"] == "applied" and result["conflict_id"]
    assert count(db, Distribution) == 2 and stock.on_hand(warehouse, items["family_kit"]) == 8
    second = db.get(Distribution, uuid.UUID(b["entity_id"]))
    assert second.override_reason == disaster_sync.SERVER_REASON
    flag = db.get(SyncConflict, uuid.UUID(result["conflict_id"]))
    assert (flag.kind, flag.entity_type, flag.entity_id, flag.status) == ("double_distribution", "distributions",
                                                                          second.id, "open")
    assert flag.area_code == hh.area_code and flag.submitted_by_id == other.id
    assert db.get(SyncDevice, flag.device_id).key == device_b  # the device as it named itself
    assert flag.server_data[disaster_sync.L_SERVER_COUNT] == 1
    # the supervisor sees it in the inbox and marks it reviewed
    boss = make_user("supervisor")
    assert flag in db.scalars(conflicts.conflicts_stmt(boss)).all()
    conflicts.resolve_conflict(boss, flag, {}, note="Dicek di posko: dua KK serumah")
    assert flag.status == "resolved" and flag.resolution == "acknowledged"
    # resent: no second flag
    assert push(other, device_b, b)[0]["status"] == "duplicate" and count(db, SyncConflict) == 1


def test_day_rule_items_only_collide_on_the_same_day(db, event, volunteer, device, items, warehouse):
    hh = household(event)
    card = cards.issue_card(hh)
    later = dt.datetime.combine(START + dt.timedelta(days=2), dt.time(9, 0), WIB).isoformat()
    ops = [dist_op(event, "makanan_siap_saji", kartu=card.token), dist_op(event, "makanan_siap_saji", kartu=card.token,
                                                                         waktu=later)]
    results = push(volunteer, device, *ops)
    assert [r["status"] for r in results] == ["applied", "applied"] and count(db, SyncConflict) == 0


def test_stock_shortfall_is_recorded_and_flagged_not_dropped(db, event, volunteer, device, items, warehouse):
    hh = household(event)
    op = dist_op(event, korban_id=str(hh.members[0].id), jumlah=12)
    result = push(volunteer, device, op)[0]
    assert result["status"] == "applied" and result["conflict_id"]
    dist = db.get(Distribution, uuid.UUID(op["entity_id"]))
    assert dist.quantity == 12 and stock.on_hand(warehouse, items["family_kit"]) == 0
    move = db.scalar(select(StockMovement).where(StockMovement.distribution_id == dist.id))
    assert move.quantity == 10
    flag = db.get(SyncConflict, uuid.UUID(result["conflict_id"]))
    assert flag.kind == "stock_shortfall" and flag.server_data[disaster_sync.L_SHORT] == "2 paket"


def test_a_card_revoked_after_download_is_recorded_for_its_household_and_flagged(db, event, volunteer, device, items,
                                                                                 warehouse):
    hh = household(event)
    old = cards.issue_card(hh)
    cards.issue_card(hh, reissue_reason="hilang")
    result = push(volunteer, device, dist_op(event, kartu=old.token))[0]
    assert result["status"] == "applied"
    assert db.get(SyncConflict, uuid.UUID(result["conflict_id"])).kind == "revoked_card"
    assert db.scalar(select(Distribution)).household_id == hh.id


def test_bad_and_unknown_recipients(db, event, volunteer, device, items, warehouse):
    hh = household(event)
    card = cards.issue_card(hh)
    forged = card.token[:-4] + ("AAAA" if not card.token.endswith("AAAA") else "BBBB")
    unknown_card = cards.sign_payload({"c": new_id(), "s": "X", "e": event.code, "n": "X"})
    results = push(volunteer, device, dist_op(event, kartu=forged), dist_op(event, kartu=unknown_card),
                   dist_op(event, korban_id=new_id()), dist_op(event), dist_op(event, barang="emas", gudang="NONE",
                                                                              jumlah=0, waktu="kemarin",
                                                                              korban_id=str(hh.members[0].id)))
    statuses = [(r["status"], bool(r.get("retryable"))) for r in results]
    assert statuses == [("rejected", False), ("rejected", True), ("rejected", True), ("rejected", False),
                        ("rejected", False)]
    assert "kartu" in results[0]["errors"] and "kartu" in results[1]["errors"]
    assert "korban_id" in results[2]["errors"] and "kartu" in results[3]["errors"]
    assert set(results[4]["errors"]) == {"barang", "gudang", "jumlah", "waktu"}
    assert count(db, Distribution) == 0 and stock.on_hand(warehouse, items["family_kit"]) == 10


def test_events_bundle_holds_only_deployed_events(db, event, volunteer, make_user, items, warehouse):
    from service.disasters import events

    other_event = events.create_event({"name": "Longsor Lain", "event_type": "longsor", "area_code": "18.72.01",
                                          "started_on": START})
    hh = household(event)
    household(other_event, "Kepala Lain")
    card = cards.issue_card(hh)
    bundle = disaster_sync.events_bundle(volunteer)
    assert [e["code"] for e in bundle["events"]] == [event.code]
    [ev] = bundle["events"]
    [h] = ev["households"]
    assert h["kartu_id"] == str(card.id) and h["anggota"][0]["nama"] == "Kepala Uji"
    assert h["anggota"][0]["nik"] is None  # TAGANA does not see NIKs
    assert {i["code"]: i["guard_period"] for i in bundle["items"]}["family_kit"] == "event"
    assert [w["code"] for w in bundle["warehouses"]] == ["GDG-UJI"]
    assert bundle["keys"]["keys"] and "private_key" not in str(bundle["keys"])
    logged = db.scalar(select(func.count()).select_from(AuditLog).where(
        AuditLog.action == "view", AuditLog.actor_id == volunteer.id))
    assert logged == 2
    # a supervisor gets every active event of the area; a volunteer deployed nowhere gets nothing
    assert len(disaster_sync.events_bundle(make_user("supervisor"))["events"]) == 2
    assert disaster_sync.events_bundle(make_user("tagana"))["events"] == []


def test_a_family_with_a_rejected_member_keeps_the_head_and_the_others(db, event, volunteer, device):
    """The offline family form sends head, members in one batch; one member refused (a NIK already a
    victim of the event) rolls the shared SAVEPOINT back and the replay stores the head and the other
    member once, never answering the head `duplicate` for a row the rollback removed."""
    assert push(volunteer, device, victim_op(event, nik="1872051403750001", nama="Sutrisno",
                                             tanggal_lahir="1975-03-14"))[0]["status"] == "applied"
    head = victim_op(event, nama="Joko Tanggul")
    members = [victim_op(event, nama=name, kepala_id=head["entity_id"], hubungan=rel, **extra)
               for name, rel, extra in (("Wati Tanggul", "istri", {}),
                                        ("Budi Tanggul", "anak", {"nik": "1872051403750001"}))]
    for m in members:
        m["data"].pop("kerusakan")
    results = push(volunteer, device, head, *members)
    assert [r["status"] for r in results] == ["applied", "applied", "rejected"]
    assert "nik" in results[2]["errors"] and not results[2].get("retryable")
    family = db.scalars(select(Victim).where(Victim.household_id == db.get(Victim, uuid.UUID(head["entity_id"])).household_id))
    assert sorted((v.person.name, v.relationship_code) for v in family) == [
        ("Joko Tanggul", "kepala_keluarga"), ("Wati Tanggul", "istri")]
    assert count(db, SyncOperation, SyncOperation.op_id.in_([uuid.UUID(head["op_id"]), uuid.UUID(members[0]["op_id"])])) == 2
