"""The duplicate pairs table: kept on every write (register, edit, merge, sync), equal to a fresh
computation, tighter than "same name, village and birth year", and what the queue reads."""

from __future__ import annotations

import datetime as dt
import uuid

from sqlalchemy import select

from service.registry import duplicate_pairs
from service.registry import duplicates as dedup
from service.registry import persons as registry
from service.registry.models import DuplicatePair
from tests import factories


def _stored(db):
    return {(r.person_a_id, r.person_b_id, r.score) for r in db.scalars(select(DuplicatePair))}


def _fresh(db):
    return {(r[0], r[1], r[2]) for r in db.execute(duplicate_pairs.source_query(None))}


def _pairs(db, user):
    return {frozenset((a.id, b.id)) for a, b in db.execute(dedup.duplicate_queue_query(user))}


def test_two_exact_birth_dates_that_differ_are_two_people_an_estimated_one_is_a_pair(db, make_user):
    sup = make_user("supervisor")
    a = factories.person(nama="Siti Aminah", jenis_kelamin="P", tanggal_lahir="1950-03-14")
    b = factories.person(nama="Siti Aminah", jenis_kelamin="P", tanggal_lahir="1950-09-02")  # another Siti
    assert _pairs(db, sup) == set()
    c = factories.person(nama="Siti Aminah", jenis_kelamin="P", tanggal_lahir=None,
                         age=dt.date.today().year - 1950)  # "umur 76": 01/07/1950, estimated
    assert c.birth_date_estimated
    assert _pairs(db, sup) == {frozenset((a.id, c.id)), frozenset((b.id, c.id))}
    # another sex, or another village: not a pair on an estimated birth date
    factories.person(nama="Siti Aminah", jenis_kelamin="L", tanggal_lahir=None,
                         age=dt.date.today().year - 1950)
    factories.person(nama="Siti Aminah", jenis_kelamin="P", tanggal_lahir=None, age=dt.date.today().year - 1950,
                         kode_wilayah="18.72.02.1001")
    assert _pairs(db, sup) == {frozenset((a.id, c.id)), frozenset((b.id, c.id))}  # two estimates: only "same age"
    assert _stored(db) == _fresh(db)


def test_pairs_follow_edits_on_either_side_and_merges(db, make_user):
    sup = make_user("supervisor")
    a = factories.person(nama="Sri Wahyuni", jenis_kelamin="P", tanggal_lahir="1955-03-03")
    b = factories.person(nama="Hj. Sri Wahyuni", jenis_kelamin="P", tanggal_lahir="1955-03-03",
                         kode_wilayah="18.72.02.1001")
    c = factories.person(nama="Sri Wahyuni", jenis_kelamin="P", tanggal_lahir="1955-03-03")
    assert _pairs(db, sup) == {frozenset((a.id, b.id)), frozenset((a.id, c.id)), frozenset((b.id, c.id))}
    # the same village scores higher: that pair comes first
    first = db.execute(dedup.duplicate_queue_query(sup)).first()
    assert {first[0].id, first[1].id} == {a.id, c.id}
    registry.update_person(b, {"name": "Sri Wahyuningsih", "sex": "P", "birth_date": "1955-03-03",
                               "village_code": b.village_code})
    db.flush()
    assert _pairs(db, sup) == {frozenset((a.id, c.id))}
    assert _stored(db) == _fresh(db)
    dedup.merge_persons(a, c, by_id=sup.id, reason="data ganda")
    db.flush()
    assert _pairs(db, sup) == set() and _stored(db) == _fresh(db) == set()


def test_a_synced_registration_and_a_rebuild_give_the_same_pairs(db, make_user):
    from service.offline import engine
    from tests.offline.conftest import person_op

    worker, sup = make_user("peksos", "18.72.01"), make_user("supervisor")
    a = factories.person(nama="Sarinah", jenis_kelamin="P", tanggal_lahir="1941-03-12", kode_wilayah="18.72.01.1002")
    op = person_op(nama="Sarinah")
    engine.sync_batch(worker, {"device_id": "tablet-1", "operations": [op]})
    assert _pairs(db, sup) == {frozenset((a.id, uuid.UUID(op["entity_id"])))}
    before = _stored(db)
    assert duplicate_pairs.rebuild() == 1
    assert _stored(db) == before


def test_queue_is_paginated_from_the_table_and_scoped_to_the_area(db, make_user):
    from service.core.pagination import paginate

    sup, peksos = make_user("supervisor"), make_user("peksos", "18.72.02")
    for i in range(25):
        factories.person(nama=f"Budi Santoso {chr(65 + i)}", tanggal_lahir="1960-01-01")
        factories.person(nama=f"Budi Santoso {chr(65 + i)}", tanggal_lahir="1960-01-01")
    factories.person(nama="Tini", tanggal_lahir="1960-01-01", kode_wilayah="18.72.02.1001")
    factories.person(nama="Tini", tanggal_lahir="1960-01-01", kode_wilayah="18.72.02.1001")
    page = paginate(dedup.duplicate_queue_query(sup), 2, 20, scalars=False)
    assert page.total == 26 and len(page.items) == 6
    assert len(_pairs(db, peksos)) == 1  # only the pair inside the worker's area
    # the queue page (pairs chosen in the pairs table, then their persons) is the same page
    for n in (1, 2):
        same = dedup.duplicate_queue_page(sup, n, 20)
        want = paginate(dedup.duplicate_queue_query(sup), n, 20, scalars=False)
        assert (same.total, [(a.id, b.id) for a, b in same.items]) == (want.total, [(a.id, b.id) for a, b in want.items])
    mine = dedup.duplicate_queue_page(peksos, 1, 20)
    assert mine.total == 1 and {mine.items[0][0].name, mine.items[0][1].name} == {"Tini"}


def test_cli_rebuilds_the_table_after_a_load_outside_the_app(app, db):
    a = factories.person(nama="Sri Wahyuni", jenis_kelamin="P", tanggal_lahir="1955-03-03")
    b = factories.person(nama="Sri Wahyuni", jenis_kelamin="P", tanggal_lahir="1955-03-03")
    db.commit()
    db.execute(DuplicatePair.__table__.delete())  # as if loaded with Core inserts
    db.commit()
    result = app.test_cli_runner().invoke(args=["duplicates", "rebuild"])
    assert result.exit_code == 0 and "1 suspected duplicate pairs" in result.output
    assert {(r.person_a_id, r.person_b_id) for r in db.scalars(select(DuplicatePair))} == \
        {tuple(sorted((a.id, b.id), key=str))}
