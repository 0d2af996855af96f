"""The persons list's searches and filters at any scale (docs/registry.md "Search"): a partial NIK
and the NIK-warnings filter find exactly their persons, in list order, whichever query shape the
measured selectivity chooses; on PostgreSQL both use their indexes."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import text

from service.registry import persons as registry
from service.registry import search
from service.registry.models import Person
from tests import factories
from tests.conftest import login

# Women born 05/05/1960 in 18.72.01 (birth day + 40); the fragment 0560 is in all of them.
NIKS = ["1872014505600001", "1872014505600002", "1872014505600003", "1872014505600004"]
LONER = "1872015212700009"  # a man born 12/12/1970: 127000 only here


def _people(db):
    base = dt.datetime(2026, 3, 1, 8, 0, tzinfo=dt.UTC)
    made = [factories.person(nama=f"Ibu {c}", nik=nik, jenis_kelamin="P", tanggal_lahir="1960-05-05")
            for c, nik in zip("DACB", NIKS, strict=True)]
    made.append(factories.person(nama="Pak Tunggal", nik=LONER, tanggal_lahir="1970-12-12"))
    for i, p in enumerate(made):
        p.created_at = base + dt.timedelta(hours=i % 3)  # ties on created_at, broken by name
    db.flush()
    return made


def _names(db, user, **kw):
    return [p.name for p in db.scalars(registry.person_query(user, **kw))]


@pytest.mark.parametrize("threshold", [1000, 3])  # rare (sorted) and common (walked in list order)
def test_partial_nik_and_name_find_their_persons_in_list_order(db, make_user, monkeypatch, threshold):
    monkeypatch.setattr(search, "COMMON_MATCHES", threshold)
    _people(db)
    sup = make_user("supervisor")
    newest_first = ["Ibu C", "Ibu A", "Pak Tunggal", "Ibu B", "Ibu D"]  # 10:00, 09:00 ×2, 08:00 ×2
    assert _names(db, sup, q="0560") == [n for n in newest_first if n != "Pak Tunggal"]
    assert _names(db, sup, q="127000") == ["Pak Tunggal"]
    assert _names(db, sup, q="tunggal") == ["Pak Tunggal"]
    assert _names(db, sup)[:5] == newest_first
    assert _names(db, sup, q="ibu") == [n for n in newest_first if n != "Pak Tunggal"]
    sorted_itself = "coalesce" in str(registry.person_query(sup, q="0560")).lower()
    assert sorted_itself == (threshold > 4)  # the shape follows the measure, for a fragment
    assert ("coalesce" in str(registry.person_query(sup, q="ibu")).lower()) == (threshold > 4)  # and a name
    assert "coalesce" in str(registry.person_query(sup, q=NIKS[0])).lower()  # a whole NIK: its few rows sorted
    # A deep page needs more matches to be walked: the walk to it would visit most of the list.
    assert "coalesce" in str(registry.person_query(sup, q="ibu", reach=1000)).lower()  # 4 matches < 3 × √20
    assert _names(db, sup, q="ibu", reach=1000) == _names(db, sup, q="ibu")
    auditor = make_user("auditor")  # may read persons, not their NIKs: a fragment matches nothing
    assert _names(db, auditor, q="0560") == [] and _names(db, auditor, q="127000") == []


def test_is_common_counts_only_to_the_threshold(db, monkeypatch):
    _people(db)
    monkeypatch.setattr(search, "COMMON_MATCHES", 4)
    assert search.is_common(search.person_search("0560", partial_nik=True))  # four NIKs
    assert not search.is_common(search.person_search("0560", partial_nik=True), Person.name != "Ibu A")
    assert not search.is_common(search.person_search("127000", partial_nik=True))
    monkeypatch.setattr(search, "COMMON_MATCHES", 5)
    assert not search.is_common(search.person_search("0560", partial_nik=True))


def test_warnings_filter_lists_exactly_the_flagged_persons(db, make_user, client):
    made = _people(db)
    made[1].nik_warnings = ["nik_birth_date_mismatch"]  # Ibu A
    made[4].nik_warnings = ["nik_region_unknown"]  # Pak Tunggal
    db.flush()
    sup = make_user("supervisor")
    assert _names(db, sup, warnings=True) == ["Ibu A", "Pak Tunggal"]
    assert _names(db, sup, warnings=True, q="ibu") == ["Ibu A"]
    registry.resolve_nik_warnings(made[4])
    db.commit()
    assert login(client, sup.username).status_code == 302
    page = client.get("/orang?warnings=1").get_data(as_text=True)
    assert "Ibu A" in page and "Pak Tunggal" not in page and "Ibu B" not in page


def test_postgresql_uses_the_search_indexes(db):
    """The partial-NIK search can use the NIK trigram index, and the warnings filter the partial
    index (its predicate must be written as the index's, a literal '[]')."""
    if db.get_bind().dialect.name != "postgresql":
        pytest.skip("PostgreSQL indexes")
    from sqlalchemy import select

    db.execute(text("SET LOCAL enable_seqscan = off"))
    for where, index in ((search.person_search("056000", partial_nik=True), "ix_persons_nik_trgm"),
                         (search.NIK_WARNED, "ix_persons_nik_warned")):
        sql = str(select(Person.id).where(where).compile(db.get_bind(), compile_kwargs={"literal_binds": True}))
        plan = "\n".join(db.execute(text("EXPLAIN " + sql.replace("%%", "%"))).scalars())
        assert index in plan, plan


def test_a_huge_typed_page_of_a_searched_list_is_the_last_page_not_an_error(db, logged_in, api):
    _people(db)
    db.commit()
    client, _ = logged_in("supervisor")
    resp = client.get("/orang?q=ibu&page=" + "9" * 40)  # a mistyped or tampered URL
    assert resp.status_code == 200 and "Ibu A" in resp.get_data(as_text=True)  # the matches' only page
    body = api("supervisor")("GET", "/api/v1/persons?q=ibu&page=" + "9" * 40).get_json()
    assert sorted(p["name"] for p in body["items"]) == ["Ibu A", "Ibu B", "Ibu C", "Ibu D"]
