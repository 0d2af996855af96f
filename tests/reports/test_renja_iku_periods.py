"""Renja realisation by unit, roll-up flags, plan import, IKU, month close / late / reopen."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from openpyxl import Workbook

from service.care import deliveries as delivery
from service.core import periods
from service.core.errors import ValidationError
from service.registry.models import Household, HouseholdMember
from service.reports import iku, renja_plans, renja_realisation, spm
from service.reports import month as report_month
from tests import factories as f
from tests.reports.conftest import PLAN_FILE

D = dt.date
HEADER = "code,level,name,indicator,unit,target,budget\n"


def load_reference_plan():
    return renja_plans.import_plan(PLAN_FILE.read_bytes(), PLAN_FILE.name, 2026)


def rows_by_code(rep):
    return {r.code: r for r in rep["rows"]}


def test_plan_import_is_idempotent_and_updates(db):
    plan, counts = load_reference_plan()
    assert counts["inserted"] == 38 and len(plan.rows) == 38
    _plan, again = load_reference_plan()
    assert again == {"inserted": 0, "updated": 0, "unchanged": 38, "deleted": 0}
    small = HEADER + "1.06.04,program,Program Rehabilitasi Sosial,x,persen,,10\n"
    _plan, counts = renja_plans.import_plan(small.encode(), "kecil.csv", 2026)
    assert counts == {"inserted": 0, "updated": 1, "unchanged": 0, "deleted": 37}


def test_plan_import_from_xlsx(db):
    wb = Workbook()
    ws = wb.active
    ws.append(["Code", "Level", "Name", "Indicator", "Unit", "Target", "Budget"])
    ws.append(["1.06.06.2.01", "kegiatan", "Perlindungan", "x", "orang", None, 100])
    ws.append(["1.06.06.2.01.0001", "sub_kegiatan", "Penyediaan Makanan", "y", "orang", 50, 100])
    buf = io.BytesIO()
    wb.save(buf)
    plan, counts = renja_plans.import_plan(buf.getvalue(), "rencana.xlsx", 2027)
    assert counts["inserted"] == 2 and plan.rows[1].target == 50


@pytest.mark.parametrize("content,name,message", [
    (b"code,level\n1.06,program\n", "a.csv", "Kolom wajib"),
    ((HEADER + "x.y,program,A,,,,\n").encode(), "a.csv", "Baris 2"),
    ((HEADER + "1.06,bidang,A,,,,\n").encode(), "a.csv", "level"),
    ((HEADER + "1.06,program,A,,,abc,\n").encode(), "a.csv", "target"),
    ((HEADER + "1.06,program,A,,,,\n1.06,program,B,,,,\n").encode(), "a.csv", "dua kali"),
    (b"whatever", "a.pdf", "CSV atau XLSX"),
    (b"garbage", "a.xlsx", "XLSX"),
])
def test_plan_import_rejects_bad_files_with_the_line(db, content, name, message):
    with pytest.raises(ValidationError) as err:
        renja_plans.import_plan(content, name, 2026)
    assert message in str(err.value)


def test_realisation_by_persons_quarters_and_category_kind(db):
    load_reference_plan()
    a, b, c = f.person(), f.person(), f.person()
    ca = f.case(a)  # lansia: an SPM category
    f.deliver(a, "permakanan", D(2026, 1, 5), case=ca)
    f.deliver(a, "permakanan", D(2026, 2, 5), case=ca, quantity=3)
    f.deliver(a, "permakanan", D(2026, 4, 5), case=ca)
    cb = f.case(b)
    f.deliver(b, "permakanan", D(2026, 5, 5), case=cb)
    voided = f.deliver(b, "permakanan", D(2026, 1, 6), case=cb)
    delivery.void_delivery(voided, "ganda")
    # akses_pendidikan_kesehatan: SPM category -> .2.01.0008; other category (pemulung) -> .2.02.0010.
    f.deliver(a, "akses_pendidikan_kesehatan", D(2026, 2, 1), case=ca)
    cc = f.case(c, "pemulung")
    f.deliver(c, "akses_pendidikan_kesehatan", D(2026, 2, 1), case=cc)
    rows = rows_by_code(renja_realisation.report(2026, 2))
    meals = rows["1.06.04.2.01.0001"]
    assert meals.source == "persons" and meals.quarters == [1, 2] and meals.realised == 2
    assert meals.target == 110 and str(meals.realised_pct) == "1.82"
    assert rows["1.06.04.2.01.0008"].realised == 1
    assert rows["1.06.04.2.02.0010"].realised == 1
    assert rows_by_code(renja_realisation.report(2026, 1))["1.06.04.2.01.0001"].realised == 1
    # drill-down: the persons behind the figure
    persons = db.execute(renja_realisation.person_query(2026, 2, "1.06.04.2.01.0001")).all()
    assert {r[0].id for r in persons} == {a.id, b.id}
    assert [r[0].name for r in persons] == sorted([a.name, b.name])  # name order
    # each person's deliveries through Q2 from the records: b's voided one does not count
    stats = renja_realisation.person_stats(2026, 2, "1.06.04.2.01.0001", [a.id, b.id])
    assert stats == {a.id: (3, 5, D(2026, 1, 5)), b.id: (1, 1, D(2026, 5, 5))}
    # through Q1 only a was served (b's Q1 delivery is voided), and a search narrows the list
    assert {r[0].id for r in db.execute(renja_realisation.person_query(2026, 1, "1.06.04.2.01.0001"))} == {a.id}
    found = db.execute(renja_realisation.person_query(2026, 2, "1.06.04.2.01.0001", q=b.name)).all()
    assert [r[0].id for r in found] == [b.id]


def test_mapping_is_editable_and_changes_realisation(db):
    load_reference_plan()
    p = f.person()
    f.deliver(p, "permakanan", D(2026, 1, 5), case=f.case(p))
    renja_plans.set_mapping("permakanan", "1.06.04.2.01.0002", "")
    rows = rows_by_code(renja_realisation.report(2026, 1))
    assert rows["1.06.04.2.01.0001"].realised == 0 and rows["1.06.04.2.01.0002"].realised == 1
    assert "permakanan" in renja_plans.overrides()
    renja_plans.set_mapping("permakanan", "1.06.04.2.01.0001", "")
    assert "permakanan" not in renja_plans.overrides()
    with pytest.raises(ValidationError):
        renja_plans.set_mapping("permakanan", "bukan-kode", "")


def test_households_quantities_and_hand_entries(db):
    plan = HEADER + (
        "1.06.05,program,P,x,persen,,300\n"
        "1.06.05.2.02,kegiatan,K,x,orang,,250\n"
        "1.06.05.2.02.0006,sub_kegiatan,Bansos,x,KK,10,100\n"
        "1.06.05.2.02.0004,sub_kegiatan,Ekonomi,x,paket,20,100\n"
        "1.06.05.2.02.0002,sub_kegiatan,Usulan,x,usulan,100,100\n"
        "1.06.09.2.01.0001,sub_kegiatan,Yatim,x,orang,5,0\n")
    renja_plans.import_plan(plan.encode(), "p.csv", 2026)
    h1, h2, h3 = f.person(), f.person(), f.person()
    hh = Household(area_code="18.72.01")
    hh.members = [HouseholdMember(person_id=h1.id, relationship_code="kepala_keluarga", is_head=True),
                  HouseholdMember(person_id=h2.id, relationship_code="istri")]
    db.add(hh)
    db.flush()
    for p in (h1, h2, h3):
        f.deliver(p, "bansos_kesejahteraan_keluarga", D(2026, 2, 1))
    f.deliver(h1, "bantuan_ekonomi", D(2026, 2, 1), quantity=4)
    f.deliver(h2, "bantuan_ekonomi", D(2026, 5, 1), quantity=3)
    renja_plans.set_hand_value(2026, "1.06.05.2.02.0002", 1, "40", "rekap kelurahan")
    renja_plans.set_hand_value(2026, "1.06.05.2.02.0002", 2, "25")
    rows = rows_by_code(renja_realisation.report(2026, 2))
    kk = rows["1.06.05.2.02.0006"]
    assert (kk.source, kk.realised) == ("households", 2)  # h1+h2 one household, h3 alone
    goods = rows["1.06.05.2.02.0004"]
    assert (goods.source, goods.quarters, goods.realised) == ("quantity", [4, 3], 7)
    hand = rows["1.06.05.2.02.0002"]
    assert (hand.source, hand.quarters, hand.realised, str(hand.realised_pct)) == ("hand", [40, 25], 65, "65.00")
    assert hand.hand_entries[1].note == "rekap kelurahan"
    # roll-ups: kegiatan 250 vs children 300; program 300 vs kegiatan 250; orphan sub-activity flagged
    assert "budget_mismatch" in rows["1.06.05.2.02"].flags and rows["1.06.05.2.02"].children_budget == 300
    assert "budget_mismatch" in rows["1.06.05"].flags
    assert "orphan" in rows["1.06.09.2.01.0001"].flags
    with pytest.raises(ValidationError):
        renja_plans.set_hand_value(2026, "1.06.05.2.02.0006", 1, "5")  # counted from records
    with pytest.raises(ValidationError):
        renja_plans.set_hand_value(2026, "1.06.05.2.02.0002", 5, "5")
    with pytest.raises(ValidationError):
        renja_plans.set_hand_value(2026, "1.06.05.2.02.0002", 1, "-3")
    renja_plans.set_hand_value(2026, "1.06.05.2.02.0002", 2, "")
    assert rows_by_code(renja_realisation.report(2026, 2))["1.06.05.2.02.0002"].realised == 40


def test_reference_plan_rolls_up_without_flags(db):
    load_reference_plan()
    rows = renja_realisation.report(2026, 1)["rows"]
    assert not [r.code for r in rows if "budget_mismatch" in r.flags]


def test_iku(db, scenario):
    rep = iku.report(2026)
    # assessed in 2026 (not rejected): p1 (two), p2, p3, p4, p6, p8 -> 6; handled: p1, p2, p4, p6, p8 -> 5
    assert (rep["registered"], rep["handled"], str(rep["pct"])) == (6, 5, "83.33")
    assert iku.report(2030)["pct"] is None
    assert iku.report_json(rep) == {"year": 2026, "registered": 6, "handled": 5, "pct": 83.33}
    unhandled = db.scalars(iku.person_query(2026, "unhandled")).all()
    assert [p.id for p in unhandled] == [scenario["persons"][3].id]


def test_close_late_reopen_close(db, scenario, make_user):
    sup = make_user("supervisor")
    row = periods.close_month(2026, 3, sup.id, today=D(2026, 4, 2))
    assert row.snapshot["spm"]["services"][2]["code"] == "lansia"
    assert row.closed_by_id == sup.id and periods.is_month_closed(D(2026, 3, 15))
    with pytest.raises(ValidationError):
        periods.close_month(2026, 3, sup.id, today=D(2026, 4, 2))
    with pytest.raises(ValidationError):
        periods.close_month(2026, 4, sup.id, today=D(2026, 4, 30))  # not ended yet
    p3 = scenario["persons"][3]
    late = f.deliver(p3, "permakanan", D(2026, 3, 25))
    assert late.late is True
    live = spm.report_json(spm.report(2026, 3))
    diffs = report_month.snapshot_differences(row, live)
    assert diffs == [{"code": "lansia", "changes": {"served": (3, 4), "recipients_pct": (75.0, 100.0),
                                                     "quality_pct": (44.44, 58.33), "index": (68.89, 91.67)}}]
    assert [d.id for d in report_month.late_entries(2026, 3)] == [late.id]
    periods.reopen_month(2026, 3, sup.id)
    assert report_month.late_entries(2026, 3) == [] and not periods.is_month_closed(D(2026, 3, 1))
    with pytest.raises(ValidationError):
        periods.reopen_month(2026, 3, sup.id)
    row = periods.close_month(2026, 3, sup.id, today=D(2026, 4, 2))
    assert report_month.snapshot_differences(row, spm.report_json(spm.report(2026, 3))) == []
    assert (2026, 3) not in report_month.unclosed_months(today=D(2026, 5, 1))
    assert (2026, 4) in report_month.unclosed_months(today=D(2026, 5, 1))


def test_month_end_reminder_job(db):
    from service.reports.jobs import month_end_reminder

    result = month_end_reminder()
    assert isinstance(result["open_months"], list) and result["open_months"]


def test_demo_seeder_is_idempotent(db):
    from sqlalchemy import func, select

    from service.core.models.audit import AuditLog
    from service.reports.demo import seed_reports

    seed_reports()
    before = db.scalar(select(func.count()).select_from(AuditLog))
    seed_reports()
    assert db.scalar(select(func.count()).select_from(AuditLog)) == before
    assert renja_plans.get_plan(2026) is not None and periods.get_close(2026, 1).status == "closed"
    assert spm.targets(2026)["bencana"] == 50


def test_renja_drill_down_search_finds_by_name_and_counts_to_the_search_cap(db, logged_in, monkeypatch):
    from service.core import pagination

    load_reference_plan()
    served = [f.person(nama=f"Warga Batas {i:03d}") for i in range(52)]  # more than a page of 50
    other = f.person(nama="Tukiyem Lain")
    for p in [*served, other]:
        f.deliver(p, "permakanan", D(2026, 2, 5), case=f.case(p))
    db.commit()
    monkeypatch.setattr(pagination, "SEARCH_COUNT_CAP", 2)
    client, _ = logged_in("supervisor")
    base = "/laporan/renja/orang?code=1.06.04.2.01.0001&year=2026&quarter=4"
    html = client.get(base + "&q=batas").get_data(as_text=True)
    assert sorted(set(re_names(html))) == [p.name for p in served[:50]] and "Tukiyem" not in html  # name order
    assert "lebih dari 2 data" in html  # the search's count stops at its cap; the page is whole
    plain = client.get(base).get_data(as_text=True)
    assert "lebih dari" not in plain and "53 data" in plain  # unsearched: counted
    assert "Warga Batas" not in client.get(base + "&q=Tukiyem").get_data(as_text=True)


def re_names(html: str) -> list[str]:
    import re

    return re.findall(r"Warga Batas \d{3}", html)
