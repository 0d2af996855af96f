"""Searches that look like a NIK, KK or case number search that field exactly; the duplicate
check's blocking keys follow every write and two different NIKs are two people."""

from __future__ import annotations

from service.casework import queries
from service.registry import duplicates as dedup
from service.registry import households
from service.registry import persons as registry
from tests import factories

NIK_A, NIK_B = "1872014505600001", "1872014505600002"  # women born 05/05/1960


def _pairs(db, user):
    return {frozenset((a.id, b.id)) for a, b in db.execute(dedup.duplicate_queue_query(user))}


def test_two_different_niks_are_two_people_one_nik_missing_is_a_pair(db, make_user):
    sup = make_user("supervisor")
    a = factories.person(nama="Siti Aminah", jenis_kelamin="P", tanggal_lahir="1960-05-05", nik=NIK_A)
    b = factories.person(nama="Siti Aminah", jenis_kelamin="P", tanggal_lahir="1960-05-05", nik=NIK_B)
    c = factories.person(nama="Hj. Siti  Aminah", jenis_kelamin="P", tanggal_lahir="1960-05-05",
                         kode_wilayah="18.72.04.1001")
    assert _pairs(db, sup) == {frozenset((a.id, c.id)), frozenset((b.id, c.id))}
    fields = {"name": "Siti Aminah", "birth_date": "1960-05-05"}
    assert {p.id for p in dedup.likely_duplicates(fields)} == {a.id, b.id, c.id}
    assert {p.id for p in dedup.likely_duplicates({**fields, "nik": NIK_B})} == {b.id, c.id}


def test_same_village_and_birth_year_is_a_pair_another_year_is_not(db, make_user):
    sup = make_user("supervisor")
    a = factories.person(nama="Muhammad Yusuf", tanggal_lahir="1950-03-14", kode_wilayah="18.72.01.1002")
    b = factories.person(nama="Moh. Yusuf", tanggal_lahir="1950-07-01", kode_wilayah="18.72.01.1002")
    factories.person(nama="M. Yusuf", tanggal_lahir="1951-07-01", kode_wilayah="18.72.01.1002")
    assert _pairs(db, sup) == {frozenset((a.id, b.id))}


def test_blocking_keys_follow_a_change_of_name_and_birth_date(db, make_user):
    sup = make_user("supervisor")
    a = factories.person(nama="Sri Wahyuni", tanggal_lahir="1955-03-03")
    b = factories.person(nama="Sri Rahayu", tanggal_lahir="1956-03-03")
    assert _pairs(db, sup) == set()
    registry.update_person(b, {"name": "Sri  Wahyuni", "sex": "P", "birth_date": "1955-03-03",
                               "village_code": b.village_code})
    db.flush()
    assert (b.dedup_key, b.birth_year) == ("sriwahyuni", 1955)
    assert _pairs(db, sup) == {frozenset((a.id, b.id))}


def test_person_search_by_nik_kk_and_name_with_digits(db, make_user):
    sup = make_user("supervisor")
    a = factories.person(nama="Siti Aminah", jenis_kelamin="P", tanggal_lahir="1960-05-05", nik=NIK_A)
    b = factories.person(nama="Orang 4242")
    c = factories.person(nama="Orang 42")
    hh = households.create_household(a, "1872010101260001")
    households.add_member(hh, c, "anak")
    db.flush()

    def found(q):
        return {p.id for p in db.scalars(registry.person_query(sup, q=q))}

    assert found(NIK_A) == {a.id}
    assert found("1872.0145.0560.0001") == {a.id}
    assert found("1872010101260001") == {a.id, c.id}  # the members of the family card
    assert found(NIK_B) == set()
    assert found("Orang 4242") == {b.id}
    assert found("orang") >= {b.id, c.id}


def test_case_search_by_number_is_exact(db, make_user):
    sup = make_user("supervisor")
    first, second = factories.case(), factories.case()
    other = factories.case(factories.person(nama="Budi Santoso"))

    def found(q):
        return [c.id for c in db.scalars(queries.case_query(sup, q=q))]

    assert found(first.number) == [first.id]
    assert found(second.number.lower()) == [second.id]
    prefix, year, seq = first.number.split("-")
    assert found(f"{prefix}-{year}-{int(seq)}") == [first.id]  # without the leading zeros
    assert set(found(f"{prefix}-{year}")) == {first.id, second.id, other.id}
    assert found(f"{prefix}-{year}-99999") == []
    assert found("Budi") == [other.id]


def test_a_search_lists_its_matches_in_the_list_order(db, make_user):
    """Newest first, then by name, with or without a search (a search sorts its matches itself)."""
    import datetime as dt

    sup = make_user("supervisor")
    made = [factories.person(nama=name) for name in ("Rina Wati", "Rina Sari", "Budi Rina", "Anton")]
    base = dt.datetime(2026, 3, 1, 8, 0, tzinfo=dt.UTC)
    for i, p in enumerate(made):
        p.created_at = base + dt.timedelta(hours=i if i != 1 else 3)  # Rina Sari and Anton share a time
    db.flush()
    listed = [p.name for p in db.scalars(registry.person_query(sup))]
    assert listed[:4] == ["Anton", "Rina Sari", "Budi Rina", "Rina Wati"]
    assert [p.name for p in db.scalars(registry.person_query(sup, q="rina"))] == ["Rina Sari", "Budi Rina", "Rina Wati"]
