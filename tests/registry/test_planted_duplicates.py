"""The duplicate check over the benchmark's realistic population: every planted duplicate is found.

A few thousand persons from ``bench.population`` (Indonesian name frequencies, so many Siti,
Muhammad, Nur; birth dates; the real villages of Kota Metro; households), with second records
typed as another clerk would (``Moh.``, ``Nurhayati``, titles, capitals) and namesakes with
their own valid NIKs.
"""

from __future__ import annotations

import random
import uuid
from collections import Counter

import pytest
from sqlalchemy import insert, select

from bench.population import population
from service.reference.models import Region
from service.registry import duplicate_pairs
from service.registry import duplicates as dedup
from service.registry import nik as nik_rules
from service.registry import persons as registry
from service.registry.models import Person

N = 3000


@pytest.fixture
def planted(db):
    villages = list(db.scalars(select(Region.code).where(Region.level == 4, Region.code.like("18.72.%"))
                               .order_by(Region.code)))
    pop = population(N, villages, random.Random(7))
    ids = [uuid.uuid4() for _ in pop.persons]
    db.execute(insert(Person), [{"id": pid, "name_key": registry.name_key(p["name"]), "disability_types": [],
                                 "nik_warnings": [], **p} for pid, p in zip(ids, pop.persons, strict=True)])
    db.flush()
    duplicate_pairs.rebuild()  # a bulk load that bypasses the ORM rebuilds the pairs table (as bench.generate does)
    return pop, ids


def test_population_is_realistic(planted):
    pop, _ = planted
    assert len(pop.persons) == N
    first = Counter(p["name"].split()[0] for p in pop.persons)
    assert first.most_common(2)[0][0] in ("Siti", "Muhammad") and first["Nur"] > N * 0.01
    niks = [p["nik"] for p in pop.persons if p["nik"]]
    assert len(niks) == len(set(niks)) > N * 0.7
    for p in pop.persons[:300]:
        if p["nik"]:
            check = nik_rules.check(p["nik"], p["sex"], p["birth_date"])
            assert check.ok and not check.warnings, (p, check.errors, check.warnings)
    assert len({p["village_code"] for p in pop.persons}) == 22  # every village of Kota Metro
    assert len(pop.duplicates) == 30 and len(pop.namesakes) == 6
    assert sum(p["name"] != pop.persons[a]["name"] for a, b in pop.duplicates for p in [pop.persons[b]]) > 20


def _queue_pairs(db, make_user):
    return {frozenset((a.id, b.id)) for a, b in db.execute(dedup.duplicate_queue_query(make_user("supervisor")))}


def test_queue_finds_every_planted_duplicate(db, planted, make_user):
    pop, ids = planted
    pairs = _queue_pairs(db, make_user)
    missed = [(pop.persons[a]["name"], pop.persons[b]["name"]) for a, b in pop.duplicates
              if frozenset((ids[a], ids[b])) not in pairs]
    assert missed == []  # recall 1.0
    # and precise: the planted pairs, not every common name in the same village and year
    assert len(pairs) <= 2 * len(pop.duplicates), len(pairs)


def test_queue_does_not_pair_namesakes_with_their_own_niks(db, planted, make_user):
    pop, ids = planted
    pairs = _queue_pairs(db, make_user)
    assert not [1 for a, b in pop.namesakes if frozenset((ids[a], ids[b])) in pairs]


def test_check_before_saving_finds_the_original_of_every_second_record(db, planted):
    pop, ids = planted
    for a, b in pop.duplicates:
        p = pop.persons[b]
        hits = dedup.likely_duplicates({"name": p["name"], "birth_date": p["birth_date"].isoformat(),
                                        "village_code": p["village_code"], "nik": p["nik"]},
                                       exclude_id=ids[b], limit=1000)
        assert ids[a] in {h.id for h in hits}, (pop.persons[a], p)
