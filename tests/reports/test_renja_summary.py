"""The Renja summary table (service.reports.renja_summary) stays exactly equal to the records after every
kind of write, and the Renja report read from it equals the report computed from the deliveries
(docs/reports.md "Renja", "Derived tables")."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import delete, select

from service.care import deliveries as delivery
from service.care.models.deliveries import Delivery
from service.casework.models import Case
from service.reference.models import PpksCategory
from service.registry import duplicates as dedup
from service.registry import households
from service.registry.models import Household, HouseholdMember
from service.reports import renja_plans, renja_realisation, renja_summary
from service.reports.models.renja_summary import RenjaPersonYear
from tests import factories as f
from tests.reports.conftest import PLAN_FILE

D = dt.date
KINDS = ("persons", "households", "quantity")
BENCH_EDITS = (  # one KK and one paket row besides persons (as bench/run_all.py)
    ("Penyediaan Permakanan,Jumlah Orang yang Mendapatkan Pemenuhan Kebutuhan Permakanan Sesuai dengan Standar "
     "Gizi Minimal,orang", "Penyediaan Permakanan,Jumlah keluarga,KK"),
    ("Penyediaan Sandang,Jumlah Orang yang Menerima Pakaian dan Kelengkapan Lainnya yang Tersedia dalam 1 Tahun,"
     "orang", "Penyediaan Sandang,Jumlah paket sandang,paket"),
)


def stored(db):
    return sorted(tuple(str(v) for v in r) for r in db.execute(select(*RenjaPersonYear.__table__.c)))


def computed(db):
    return sorted(tuple(str(v) for v in r) for r in db.execute(renja_summary.source_query()))


def report_rows(year, quarter, area=None):
    rep = renja_realisation.report(year, quarter, area)
    return [(r.code, r.source, r.quarters, r.realised) for r in rep["rows"]]


def assert_exact(db):
    """After every write: the table equals its definition for every person (all that a write can
    break), and the year's read from it, all unit kinds at once, equals the read from the records."""
    db.flush()
    assert stored(db) == computed(db)
    mapping = renja_plans.effective_mapping()
    codes = sorted({c for pair in mapping.values() for c in pair if c})
    wanted = {c: KINDS[i % len(KINDS)] for i, c in enumerate(codes)}
    for year in (2025, 2026):
        assert renja_realisation.realisations(year, 4, wanted, None, mapping) == renja_realisation.realisations_live(year, 4, wanted, None,
                                                                                              mapping), year


def assert_consistent(db, monkeypatch=None):
    """The table is exact and every read from it equals the same read from the records (at checkpoints)."""
    assert_exact(db)
    default = renja_plans.effective_mapping()
    # Besides the default mapping (one feeder per sub-activity), sub-activities fed by several
    # service types / both SPM flags (distinct persons and households across feeders).
    merged = {t: ("9.01", "9.01") for t in default}
    mixed = {t: ("9.02" if i % 2 else s, "9.02" if i % 3 else o) for i, (t, (s, o)) in enumerate(sorted(default.items()))}
    for mapping in (default, merged, mixed):
        codes = sorted({c for pair in mapping.values() for c in pair if c})
        for year in (2025, 2026):
            for quarter in (1, 2, 3, 4):
                for area in (None, "18.72.01", "18.72.02"):
                    # All unit kinds in one read; every code under every kind as the quarter turns.
                    wanted = {c: KINDS[(i + quarter) % len(KINDS)] for i, c in enumerate(codes)}
                    assert renja_realisation.realisations(year, quarter, wanted, area, mapping) == \
                        renja_realisation.realisations_live(year, quarter, wanted, area, mapping), (year, quarter, area, wanted)
    several = renja_realisation.realisations(2026, 4, {"9.01": "persons", "9.02": "households"}, None, mixed)
    assert several["9.02"][4] > 0
    assert renja_realisation.realisations(2026, 4, {"9.01": "quantity"}, None, merged)["9.01"][4] > 0
    if monkeypatch is not None:  # the whole report, from the table and from the records
        for quarter in (1, 2, 3, 4):
            from_table = report_rows(2026, quarter)
            with monkeypatch.context() as m:
                m.setattr(renja_realisation, "realisations", renja_realisation.realisations_live)
                assert report_rows(2026, quarter) == from_table, quarter


@pytest.fixture
def world(db, scenario):
    text = PLAN_FILE.read_text(encoding="utf-8")
    for old, new in BENCH_EDITS:
        text = text.replace(old, new)
    renja_plans.import_plan(text.encode(), "bench.csv", 2026)
    p = scenario["persons"]
    hh = households.create_household(p[1])
    households.add_member(hh, p[2], "anak")
    poor = f.case(f.person(kode_wilayah="18.72.02.1001"), "fakir_miskin")
    f.deliver(poor.person, "permakanan", D(2026, 5, 2), case=poor, quantity=4)
    f.deliver(poor.person, "sandang", D(2026, 8, 9), quantity=3)  # no case: by the person's cases (other)
    f.deliver(p[2], "permakanan", D(2026, 8, 9), quantity=3)
    f.deliver(p[3], "sandang", D(2026, 11, 1), quantity=2)
    delivery.record_delivery(p[5], "permakanan", delivered_on=D(2026, 6, 1))  # no case: by the person's cases
    db.flush()
    return {**scenario, "household": hh, "poor": poor}


def test_table_holds_the_counted_deliveries(db, world, monkeypatch):
    rows = stored(db)
    assert rows
    assert {r[0] for r in rows} == {"2025", "2026"}
    poor = world["poor"].person
    mine = [r for r in rows if r[1] == str(poor.id)]
    # The delivery under the fakir_miskin case and the one without a case are both "other";
    # quantities per quarter, null in quarters without a delivery.
    assert sorted((r[2], r[3], *r[5:9]) for r in mine) == [("permakanan", "False", "None", "4", "None", "None"),
                                                           ("sandang", "False", "None", "None", "3", "None")]
    assert {r[9] for r in mine} == {poor.name_key}  # the name the drill-down's search reads
    assert_consistent(db, monkeypatch)


def test_summary_follows_every_kind_of_write(db, world, monkeypatch):
    """After every write the table is exact; every read from it is compared with the records at two points."""
    p, cases, poor = world["persons"], world["cases"], world["poor"]
    # Insert, with and without a case.
    d = f.deliver(p[6], "permakanan", D(2026, 4, 25), quantity=5)
    assert_exact(db)
    d2 = f.deliver(poor.person, "permakanan", D(2026, 7, 1), case=poor)
    assert_exact(db)
    # Void.
    delivery.void_delivery(d, "salah orang")
    assert_exact(db)
    # Planned → delivered; date changes across a quarter and a year.
    planned = delivery.record_delivery(p[4], "sandang", planned_on=D(2026, 2, 1))
    assert_exact(db)
    delivery.mark_delivered(planned, D(2026, 2, 2))
    assert_exact(db)
    planned.delivered_on = D(2026, 9, 30)
    assert_exact(db)
    planned.delivered_on = D(2025, 10, 1)
    assert_exact(db)
    # Quantity, service type, case of a delivery.
    d2.quantity = 7
    assert_exact(db)
    d2.service_type_code = "sandang"
    assert_exact(db)
    d2.case_id = None
    assert_exact(db)
    d2.case_id = cases[1].id  # a case of another person (SPM category)
    assert_exact(db)
    # Case category changes: the flag of the case's deliveries (also another person's) and of the
    # person's deliveries without a case follow.
    poor.category_code = "lanjut_usia_terlantar"
    assert_exact(db)
    cases[1].category_code = "pemulung"
    assert_exact(db)
    cases[5].category_code = "fakir_miskin"  # p5's delivery without a case becomes "other"
    assert_consistent(db, monkeypatch)
    # A new SPM case makes the person's deliveries without a case SPM; deleting it undoes that.
    extra = f.case(poor.person, "lanjut_usia_terlantar")
    poor.category_code = "fakir_miskin"
    assert_exact(db)
    db.delete(extra)
    assert_exact(db)
    # A case moves to another person.
    cases[4].person_id = p[6].id
    assert_exact(db)
    # Deliveries change person (as a merge does through the ORM) and are deleted.
    for x in list(db.scalars(select(Delivery).where(Delivery.person_id == p[2].id))):
        x.person_id = p[3].id
    assert_exact(db)
    db.delete(planned)
    assert_exact(db)
    # Households: a new one, a member added, removed, a membership moved, a household deleted.
    hh2 = households.create_household(poor.person)
    assert_exact(db)
    households.add_member(hh2, p[5], "anak")
    assert_exact(db)
    households.add_member(world["household"], p[3], "anak")
    assert_exact(db)
    households.remove_member(world["household"], p[2].id)
    assert_exact(db)
    member = db.scalar(select(HouseholdMember).where(HouseholdMember.person_id == p[5].id))
    member.person_id = p[7].id
    assert_exact(db)
    db.delete(hh2)
    assert_consistent(db, monkeypatch)
    # A rename: the drill-down's search (through the table's name_key) finds the person by the new name.
    from service.registry.persons import name_key

    codes = sorted({c for pair in renja_plans.effective_mapping().values() for c in pair if c})
    code, shown = next((c, s) for c in codes if (s := db.scalars(renja_realisation.person_query(2026, 4, c)).all()))
    assert db.scalars(renja_realisation.person_query(2026, 4, code, q="Tukimin")).all() == []
    shown[0].name = "Tukimin Baru"
    shown[0].name_key = name_key(shown[0].name)
    assert_exact(db)
    assert db.scalars(renja_realisation.person_query(2026, 4, code, q="Tukimin")).all() == [shown[0]]


def test_summary_rebuilds_when_spm_categories_change(db, world):
    before = stored(db)
    cat = db.get(PpksCategory, "fakir_miskin")
    cat.spm_service_code = "lansia"
    assert_consistent(db)
    assert stored(db) != before
    cat.spm_service_code = None
    assert_exact(db)  # back to the state of test_table_holds_the_counted_deliveries
    assert stored(db) == before


def test_summary_follows_a_real_person_merge(db, world, monkeypatch):
    """merge_persons moves rows with Core UPDATEs; the summary must still equal the records."""
    p, poor = world["persons"], world["poor"]
    assert_exact(db)  # (the reads of this state: test_table_holds_the_counted_deliveries)
    dedup.merge_persons(p[1], p[2], reason="orang yang sama")  # same household: membership dropped
    assert_consistent(db, monkeypatch)
    assert not [r for r in stored(db) if r[1] == str(p[2].id)]
    dedup.merge_persons(poor.person, p[5], reason="orang yang sama")  # p5's no-case delivery: now "other"?
    assert_consistent(db, monkeypatch)


def test_refresh_and_rebuild_restore_a_damaged_table(db, world):
    good = stored(db)
    db.execute(delete(RenjaPersonYear))
    assert stored(db) == []
    renja_summary.RENJA_YEARS.refresh(db.scalars(select(Case.person_id)).all() + [world["poor"].person_id])
    assert stored(db) == good
    db.execute(delete(RenjaPersonYear))
    assert renja_summary.RENJA_YEARS.rebuild() == {"renja_person_years": len(good)}
    assert stored(db) == good


def test_household_delete_refreshes_its_members(db, world):
    hh = db.get(Household, world["household"].id)
    db.delete(hh)
    assert_consistent(db)
    assert all(r[4] == "None" for r in stored(db))


def test_bnba_import_keeps_the_renja_summary_exact(db, world, monkeypatch):
    """The import defers the summary refresh to its end; the Renja table must still equal the records."""
    from service.registry import bnba as imports

    data = ("nik,nama,jenis_kelamin,tanggal_lahir,kode_wilayah,kategori_ppks,tanggal_asesmen,kebutuhan,layanan,"
            "tanggal_layanan,jumlah,alasan_tanpa_nik\n"
            ",Warsini,P,1949-03-03,18.72.01.1001,lanjut_usia_terlantar,2026-02-01,permakanan;sandang,permakanan,"
            "2026-02-02,1,belum_terdaftar\n"
            ",Warsini,P,1949-03-03,18.72.01.1001,lanjut_usia_terlantar,2026-02-01,permakanan;sandang,sandang,"
            "2026-05-02,3,belum_terdaftar\n"
            ",Darmo,L,1950-01-01,18.72.02.1001,fakir_miskin,,,bansos_kesejahteraan_keluarga,2026-04-04,1,dokumen_hilang\n")
    report = imports.import_bnba(data.encode(), "x.csv", today=dt.date(2026, 11, 22))
    assert report.ok, report.lines()
    assert_consistent(db, monkeypatch)
    assert len(stored(db)) > 0


def test_new_persons_cases_and_deliveries_in_one_flush(db, world, monkeypatch):
    """A flush that inserts a person, their case and deliveries under it (one of another, older person)
    — as the intake endpoint and a sync chunk do — leaves the table exact; a new person without
    deliveries gets no rows."""
    from sqlalchemy import event

    from service.casework import cases as casework
    from service.core import batch

    other = world["persons"][4]
    flushes = []

    def count(sess, _ctx, _objs):
        flushes.append(len(sess.new))

    event.listen(db(), "before_flush", count)
    with batch.flushes_deferred(), db.no_autoflush:  # all of it in one flush
        newcomer = f.person(nama="Baru Sekali", kode_wilayah="18.72.01.1001")
        case = casework.open_case(newcomer, "lanjut_usia_terlantar", "walk_in", D(2026, 3, 1))
        f.deliver(newcomer, "permakanan", D(2026, 3, 2), case=case, quantity=2)
        moved = f.deliver(newcomer, "sandang", D(2026, 3, 3), case=case)
        moved.person_id = other.id  # another person's delivery under the new case (as a merge leaves them)
        lone = f.person(nama="Tanpa Layanan", kode_wilayah="18.72.01.1001")
        casework.open_case(lone, "lanjut_usia_terlantar", "walk_in", D(2026, 3, 1))
    assert_exact(db)
    event.remove(db(), "before_flush", count)
    assert flushes[:1] == [8]  # one flush: 2 persons, 2 cases and their first steps, 2 deliveries
    rows = stored(db)
    assert {r[2] for r in rows if r[1] == str(newcomer.id)} == {"permakanan"}
    assert {r[2] for r in rows if r[1] == str(other.id) and r[0] == "2026"} >= {"sandang"}
    assert not [r for r in rows if r[1] == str(lone.id)]
    assert_consistent(db, monkeypatch)
