import uuid
from sqlalchemy import select, func
from service.registry.models import Person
from service.care.models.deliveries import Delivery
from tests.offline.test_sync_statements import _nik, _statements
from tests.offline.conftest import person_op, delivery_op, assessment_op, new_id
def test_z(db, engine, make_user):
    worker = make_user("peksos", "18.72.01")
    nik = _nik("1950-01-11")
    a = person_op(nama="Satu", tanggal_lahir="1950-01-11", nik=nik, alasan_tanpa_nik=None)
    cid = new_id()
    b = person_op(nama="Dua", tanggal_lahir="1950-01-11", nik=nik, alasan_tanpa_nik=None)
    ops = [a, assessment_op(a["entity_id"], case_id=cid), delivery_op(a["entity_id"], case_id=cid), b]
    _n, results = _statements(engine, worker, ops)
    for r in results: print(r["status"], r.get("errors"))
    print(db.scalar(select(func.count()).select_from(Person).where(Person.id == uuid.UUID(a["entity_id"]))),
          db.scalar(select(func.count()).select_from(Delivery).where(Delivery.person_id == uuid.UUID(a["entity_id"]))))
