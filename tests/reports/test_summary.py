"""The SPM summary table (service.reports.spm_summary) stays exactly equal to the records, and the
grouped Renja queries give the per-sub-activity figures (docs/reports.md "Derived tables")."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import delete, select

from service.care import deliveries as delivery
from service.casework import cases as casework
from service.casework.models import AssessmentNeed
from service.reference.models import BasicServiceComponent
from service.registry.models import Household, HouseholdMember
from service.registry.persons import name_key
from service.reports import iku, iku_summary, renja_plans, renja_realisation, spm, spm_trend
from service.reports import spm_summary as summary
from service.reports.models.iku_summary import IkuPersonYear
from service.reports.models.spm_summary import SpmPersonNeed, SpmPersonSignature
from tests import factories as f
from tests.reports.conftest import PLAN_FILE

D = dt.date


def stored(db):
    return sorted(tuple(str(v) for v in r) for r in db.execute(select(*SpmPersonNeed.__table__.c)))


def computed(db):
    return sorted(tuple(str(v) for v in r) for r in db.execute(summary.source_query()))


def assert_consistent(db):
    db.flush()
    assert stored(db) == computed(db)
    iku_rows = sorted(tuple(str(v) for v in r) for r in db.execute(select(*IkuPersonYear.__table__.c)))
    assert iku_rows == sorted(tuple(str(v) for v in r) for r in db.execute(iku_summary.source_query()))
    signatures = sorted(tuple(str(v) for v in r) for r in db.execute(select(*SpmPersonSignature.__table__.c)))
    assert signatures == sorted(tuple(str(v) for v in r) for r in db.execute(spm_trend.source_query()))
    for year in (2025, 2026):
        for end in (D(year, 1, 31), D(year, 3, 25), D(year, 12, 31)):
            assert iku.report(year, end) == iku.report_live(year, end), (year, end)
            assert iku.report(year, end, "18.72.01") == iku.report_live(year, end, "18.72.01"), (year, end)
    for year in (2025, 2026):
        for month in (1, 2, 3, 4, 12):
            _y, _m, start, end = spm.period(year, month)
            assert spm.distribution(start, end) == spm.distribution_live(start, end), (year, month)
            assert spm.distribution(start, end, "18.72.01") == spm.distribution_live(start, end, "18.72.01")
        # the dashboard's trend: every month from one scan, equal to the records month by month
        months = spm_trend.monthly_distributions(year, 12)
        months_area = spm_trend.monthly_distributions(year, 12, "18.72.01")
        for month in range(1, 13):
            _y, _m, start, end = spm.period(year, month)
            assert months[month - 1] == spm.distribution_live(start, end), (year, month)
            assert months_area[month - 1] == spm.distribution_live(start, end, "18.72.01"), (year, month)


def test_summary_follows_inserts_voids_dates_merges_and_deletes(db, scenario):
    p, cases = scenario["persons"], scenario["cases"]
    assert stored(db)  # the scenario's assessments are in the table
    assert_consistent(db)
    # Insert: a new delivery of a needed component; a new assessment with needs.
    d = f.deliver(p[3], "permakanan", D(2026, 3, 25))
    assert_consistent(db)
    a9 = f.assessment(cases[3], ["alat_bantu", "bimbingan_fmss"], D(2026, 3, 26))
    assert_consistent(db)
    # Void.
    delivery.void_delivery(d, "salah orang")
    assert_consistent(db)
    # A planned delivery is given; its date changes, also into another year.
    planned = delivery.record_delivery(p[4], "alat_bantu", planned_on=D(2026, 2, 1))
    assert_consistent(db)
    delivery.mark_delivered(planned, D(2026, 2, 2))
    assert_consistent(db)
    planned.delivered_on = D(2025, 6, 1)
    assert_consistent(db)
    # Assessment date, status and needs change.
    a9.assessed_on = D(2025, 12, 30)
    assert_consistent(db)
    a9.status = "rejected"
    assert_consistent(db)
    a9.status = "approved"
    a9.needs.remove(next(n for n in a9.needs if n.service_type_code == "alat_bantu"))
    assert_consistent(db)
    db.add(AssessmentNeed(assessment_id=a9.id, service_type_code="rujukan"))
    assert_consistent(db)
    # Merge-like moves: deliveries and assessments change person.
    for x in list(db.scalars(select(type(d)).where(type(d).person_id == p[2].id))):
        x.person_id = p[1].id
    assert_consistent(db)
    a9.person_id = p[5].id
    assert_consistent(db)
    # A case's assessment deleted.
    db.delete(a9)
    assert_consistent(db)
    # Rejecting through the service, and ineligible re-assessment.
    casework.record_assessment(cases[5], D(2026, 5, 5), ["permakanan"], outside_institution=False)
    assert_consistent(db)
    # A rename: the drill-down's name search (spm_person_signatures.name_key) follows it.
    p[1].name = "Ganti Nama Sekali"
    p[1].name_key = name_key(p[1].name)
    assert_consistent(db)
    services = set(db.scalars(select(SpmPersonSignature.basic_service_code).where(
        SpmPersonSignature.person_id == p[1].id, SpmPersonSignature.year == 2026)))
    assert services
    for bs in services:
        assert [r[0].id for r in db.execute(spm.person_query(2026, 12, bs, "all", q="ganti nama"))] == [p[1].id]
        assert db.execute(spm.person_query(2026, 12, bs, "all", q="zzz tidak ada")).all() == []


def test_summary_rebuilds_when_components_change(db, scenario):
    p = scenario["persons"]
    before = stored(db)
    db.execute(delete(BasicServiceComponent).where(BasicServiceComponent.basic_service_code == "lansia",
                                                   BasicServiceComponent.service_type_code == "sandang"))
    db.add(BasicServiceComponent(basic_service_code="lansia", service_type_code="kedaruratan", position=99))
    assert_consistent(db)
    assert stored(db) != before
    assert not any(r[1] == "lansia" and r[3] == "sandang" for r in stored(db))
    assert f.deliver(p[1], "kedaruratan", D(2026, 3, 1))
    assert_consistent(db)


def test_refresh_and_rebuild_restore_a_damaged_table(db, scenario):
    good = stored(db)
    db.execute(delete(SpmPersonNeed))
    assert stored(db) == []
    summary.SPM_NEEDS.refresh([pp.id for pp in scenario["persons"].values()])
    assert stored(db) == good
    db.execute(delete(SpmPersonNeed))
    assert summary.SPM_NEEDS.rebuild() == {"spm_person_needs": len(good)}
    assert stored(db) == good


def test_report_from_summary_equals_the_records(db, scenario):
    for month in range(1, 13):
        _y, _m, start, end = spm.period(2026, month)
        assert spm.distribution(start, end) == spm.distribution_live(start, end)
    rep = spm.report(2026, 3)
    lansia = next(s for s in rep["services"] if s.code == "lansia")
    assert (lansia.needing, lansia.served) == (4, 3)


def test_renja_grouped_queries_equal_per_sub_activity_measures(db, scenario):
    p = scenario["persons"]
    text = PLAN_FILE.read_text(encoding="utf-8")
    # Exercise every computed unit: households (KK) and quantities besides persons.
    text = text.replace("Penyediaan Sandang,Jumlah Orang yang Menerima Pakaian dan Kelengkapan Lainnya yang "
                        "Tersedia dalam 1 Tahun,orang", "Penyediaan Sandang,Jumlah paket sandang,paket")
    text = text.replace("Penyediaan Permakanan,Jumlah Orang yang Mendapatkan Pemenuhan Kebutuhan Permakanan "
                        "Sesuai dengan Standar Gizi Minimal,orang", "Penyediaan Permakanan,Jumlah keluarga,KK")
    renja_plans.import_plan(text.encode(), "bench.csv", 2026)
    hh = Household(area_code="18.72.01.1001")
    db.add(hh)
    db.flush()
    for i in (1, 2):
        db.add(HouseholdMember(household_id=hh.id, person_id=p[i].id, relationship_code="anggota", is_head=i == 1))
    other = f.case(f.person(), "pemulung")
    f.deliver(other.person, "akses_pendidikan_kesehatan", D(2026, 5, 2), case=other)
    f.deliver(p[2], "permakanan", D(2026, 8, 9), quantity=3)
    f.deliver(p[3], "sandang", D(2026, 11, 1), quantity=2)
    delivery.record_delivery(p[5], "permakanan", delivered_on=D(2026, 6, 1))  # no case: by the person's cases
    db.flush()
    mapping = renja_plans.effective_mapping()
    for quarter in (1, 2, 4):
        rep = renja_realisation.report(2026, quarter)
        checked = 0
        for row in rep["rows"]:
            if row.level != "sub_kegiatan" or row.source in ("hand", "rollup"):
                continue
            feed = renja_realisation.feeds_clause(*renja_plans.feeders(row.code, mapping))
            expect = [renja_realisation.measure(row.source, feed, *renja_plans.quarter_bounds(2026, i)) for i in range(1, quarter + 1)]
            assert row.quarters == expect, (row.code, quarter)
            assert row.realised == renja_realisation.measure(row.source, feed, D(2026, 1, 1),
                                                 renja_plans.quarter_bounds(2026, quarter)[1]), row.code
            checked += 1
        assert checked > 10
        by_code = {r.code: r for r in rep["rows"]}
        assert by_code["1.06.04.2.01.0001"].source == "households"
        assert by_code["1.06.04.2.01.0002"].source == "quantity"
    rep = renja_realisation.report(2026, 4)
    by_code = {r.code: r for r in rep["rows"]}
    assert by_code["1.06.04.2.01.0001"].realised >= 1
    assert by_code["1.06.04.2.01.0002"].quarters[3] == 2


def test_summary_follows_a_real_person_merge(db, scenario):
    """merge_persons moves rows with Core UPDATEs; the summary must still equal the records."""
    from service.registry import duplicates as dedup

    p = scenario["persons"]
    assert_consistent(db)
    dedup.merge_persons(p[1], p[2], reason="orang yang sama")
    assert_consistent(db)
    assert not [r for r in stored(db) if r[2] == str(p[2].id)]


def test_bnba_import_refreshes_the_summary_once_and_exactly(db, scenario):
    """The import defers the summary refresh to its end; the table must still equal the records."""
    from service.registry import bnba as imports

    data = ("nik,nama,jenis_kelamin,tanggal_lahir,kode_wilayah,kategori_ppks,tanggal_asesmen,kebutuhan,layanan,"
            "tanggal_layanan,jumlah,alasan_tanpa_nik\n"
            ",Warsini,P,1949-03-03,18.72.01.1001,lanjut_usia_terlantar,2026-02-01,permakanan;sandang,permakanan,"
            "2026-02-02,1,belum_terdaftar\n"
            ",Warsini,P,1949-03-03,18.72.01.1001,lanjut_usia_terlantar,2026-02-01,permakanan;sandang,sandang,"
            "2026-03-02,1,belum_terdaftar\n")
    report = imports.import_bnba(data.encode(), "x.csv", today=D(2026, 11, 22))
    assert report.ok, report.lines()
    assert_consistent(db)
    assert [r for r in stored(db) if r[3] == "sandang" and r[5] == "2026-03-02"]


def test_a_sync_batch_refreshes_the_summary_once_and_exactly(db, make_user, monkeypatch):
    """The sync engine defers the summary refresh to the end of the batch (one refresh, not one per
    operation); after the batch — a rejected operation included — the table equals the records."""
    import uuid

    from service.core import derived
    from service.offline import engine
    from tests.offline.conftest import assessment_op, delivery_op, person_op

    refreshes: list[str] = []
    real_refresh = derived.DerivedTable.refresh
    monkeypatch.setattr(derived.DerivedTable, "refresh",
                        lambda self, keys, conn=None, fresh=frozenset(): (refreshes.append(self.name),
                                                                         real_refresh(self, keys, conn, fresh))[1])

    worker = make_user("peksos", "18.72.01")
    p = person_op()
    ops = [p, assessment_op(p["entity_id"]), delivery_op(p["entity_id"]),
           delivery_op(p["entity_id"], layanan="tidak_ada"),  # rejected: its savepoint rolls back
           delivery_op(p["entity_id"], layanan="sandang")]
    results = engine.sync_batch(worker, {"device_id": str(uuid.uuid4()), "operations": ops})["results"]
    assert [r["status"] for r in results] == ["applied", "applied", "applied", "rejected", "applied"]
    assert refreshes and sorted(refreshes) == sorted(set(refreshes))  # each derived table refreshed once for the batch
    rows = [r for r in stored(db) if r[2] == p["entity_id"]]
    assert {r[3] for r in rows} >= {"permakanan", "sandang"}
    assert_consistent(db)
