"""1,000 operations with duplicates, reordering, split batches and lost responses.

The device keeps resending whatever has not been acknowledged (as the app's
outbox does). The end state must be exactly the records made on the device,
each once, and the figures must equal those of the same work entered online.
"""

from __future__ import annotations

import datetime as dt
import random

from sqlalchemy import func, select

from service.care import deliveries as delivery
from service.care.models.deliveries import Delivery
from service.casework import cases as casework
from service.casework.models import Assessment, Case
from service.core import clock
from service.core.interchange import PERSON, to_domain
from service.offline.models import SyncOperation
from service.registry import persons as registry
from service.registry.models import Person
from tests.offline.conftest import new_id

SERVICES = ["permakanan", "sandang", "alat_bantu", "bimbingan_fmss"]
DAY0 = clock.today() - dt.timedelta(days=40)


def _work(rng: random.Random, district: str) -> list[dict]:
    """100 persons, each assessed once, with 8 deliveries on average: 1,000 records."""
    people = []
    for i in range(100):
        needs = sorted(rng.sample(SERVICES, rng.randint(1, 3)))
        deliveries = [(rng.choice(needs), (DAY0 + dt.timedelta(days=rng.randint(1, 30))).isoformat(),
                       rng.randint(1, 3)) for _ in range(8)]
        people.append({"nama": f"Warga {i:03d}", "jenis_kelamin": rng.choice("LP"),
                       "tanggal_lahir": f"19{40 + i % 20}-0{1 + i % 9}-1{i % 9}",
                       "kode_wilayah": f"{district}.100{1 + i % 4}", "needs": needs,
                       "assessed": DAY0.isoformat(), "deliveries": deliveries})
    return people


def _figures(district: str, db) -> dict:
    inside = Person.area_code.like(district + ".%")
    per_service = db.execute(
        select(Delivery.service_type_code, func.count(), func.sum(Delivery.quantity),
               func.count(func.distinct(Delivery.person_id)))
        .join(Person, Person.id == Delivery.person_id).where(inside, Delivery.voided_at.is_(None))
        .group_by(Delivery.service_type_code).order_by(Delivery.service_type_code)).all()
    needing = db.execute(
        select(Assessment.basic_service_code, func.count(func.distinct(Assessment.person_id)))
        .join(Person, Person.id == Assessment.person_id).where(inside, Assessment.eligible)
        .group_by(Assessment.basic_service_code)).all()
    cases = db.execute(select(Case.status, func.count()).join(Person, Person.id == Case.person_id)
                       .where(inside).group_by(Case.status)).all()
    return {"services": [tuple(r) for r in per_service], "needing": [tuple(r) for r in needing],
            "cases": [tuple(r) for r in cases]}


def test_thousand_operations_with_duplicates_reordering_splits_and_lost_responses(api, db, make_user):
    rng = random.Random(20260331)
    work = _work(rng, "18.72.01")
    ops, expected = [], {"persons": set(), "assessments": set(), "deliveries": set()}
    for person in work:
        pid = new_id()
        expected["persons"].add(pid)
        ops.append({"op_id": new_id(), "type": "person.upsert", "entity_id": pid,
                    "data": {**{k: person[k] for k in ("nama", "jenis_kelamin", "tanggal_lahir", "kode_wilayah")},
                             "alasan_tanpa_nik": "belum_terdaftar"}})
        aid = new_id()
        expected["assessments"].add(aid)
        ops.append({"op_id": new_id(), "type": "assessment.create", "entity_id": aid,
                    "data": {"person_id": pid, "kategori_ppks": "lanjut_usia_terlantar",
                             "tanggal_asesmen": person["assessed"], "kebutuhan": person["needs"],
                             "persetujuan": True}})
        for code, day, qty in person["deliveries"]:
            did = new_id()
            expected["deliveries"].add(did)
            ops.append({"op_id": new_id(), "type": "delivery.create", "entity_id": did,
                        "data": {"person_id": pid, "layanan": code, "tanggal_layanan": day, "jumlah": qty}})
    assert len(ops) == 1000

    call = api("peksos", "18.72.01")
    device = new_id()
    # The outbox as sent: reordered, with 150 duplicated entries.
    outbox = ops + rng.sample(ops, 150)
    rng.shuffle(outbox)
    acked: set[str] = set()
    statuses: dict[str, set[str]] = {}
    rounds = 0
    while outbox:
        rounds += 1
        assert rounds < 40, "the outbox does not drain"
        pending = []
        i = 0
        while i < len(outbox):
            size = rng.randint(1, 120)
            batch = outbox[i:i + size]
            i += size
            resp = call("POST", "/api/v1/sync", {"device_id": device, "operations": batch})
            assert resp.status_code == 200
            if rng.random() < 0.25:  # the response is lost: the device learns nothing
                pending.extend(batch)
                continue
            for op, result in zip(batch, resp.get_json()["results"], strict=True):
                assert result["op_id"] == op["op_id"]
                statuses.setdefault(op["op_id"], set()).add(result["status"])
                if result["status"] == "rejected":
                    assert result["retryable"] is True, result
                    pending.append(op)
                else:
                    assert result["status"] in ("applied", "duplicate")
                    acked.add(op["op_id"])
        outbox = [op for op in pending if op["op_id"] not in acked]
        rng.shuffle(outbox)
    assert acked == {op["op_id"] for op in ops}
    assert any("duplicate" in s for s in statuses.values())

    def ids(model):
        return {str(x) for x in db.scalars(select(model.id))}

    assert ids(Person) == expected["persons"]
    assert ids(Assessment) == expected["assessments"]
    assert ids(Delivery) == expected["deliveries"]
    assert db.scalar(select(func.count()).select_from(Case)) == 100
    assert db.scalar(select(func.count()).select_from(SyncOperation)) == 1000

    # The same work entered online (web forms call these functions) gives the same figures.
    online = _work(random.Random(20260331), "18.72.05")
    for person in online:
        p = registry.register_person(to_domain(person, PERSON))
        case = casework.open_case(p, "lanjut_usia_terlantar", "outreach", person["assessed"])
        casework.record_assessment(case, person["assessed"], person["needs"])
        for code, day, qty in person["deliveries"]:
            delivery.record_delivery(p, code, delivered_on=day, quantity=qty, case=case)
    db.flush()
    synced_figures, online_figures = _figures("18.72.01", db), _figures("18.72.05", db)
    assert synced_figures == online_figures
    assert sum(r[2] for r in synced_figures["services"]) == sum(q for p in work for _c, _d, q in p["deliveries"])
