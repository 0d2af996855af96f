"""The care demo seeder: idempotent, and reuses persons other seeders made."""

from __future__ import annotations

from sqlalchemy import select

from service.care.models.deliveries import Delivery
from service.care.models.referrals import Referral
from tests import factories as f


def test_demo_seeder_is_idempotent(db):
    from sqlalchemy import func

    from service.care import demo as followup_demo
    from service.core import demo
    from service.core.models.audit import AuditLog

    demo.seed()
    counts = [db.scalar(select(func.count()).select_from(m)) for m in (AuditLog, Delivery, Referral)]
    followup_demo.seed()
    assert [db.scalar(select(func.count()).select_from(m)) for m in (AuditLog, Delivery, Referral)] == counts
    assert counts[1] >= 15 and counts[2] == 2


def test_demo_seeder_reuses_a_person_another_seeder_made(db):
    from sqlalchemy import func

    from service.core import demo
    from service.registry.models import Person

    p = f.person(nama="Sarinah", jenis_kelamin="P", tanggal_lahir="1948-05-12", nik="1872015205480001")
    c = f.case(p)
    demo.seed()
    assert db.scalar(select(func.count()).select_from(Person).where(Person.nik == "1872015205480001")) == 1
    assert db.scalar(select(func.count()).select_from(Delivery).where(Delivery.case_id == c.id)) >= 5
