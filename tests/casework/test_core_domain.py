"""The core use cases every area builds on: NIK rules, persons, cases, assessments, deliveries."""

from __future__ import annotations

import datetime as dt

import pytest

from service.care import deliveries as delivery
from service.casework import cases as casework
from service.core.errors import Conflict, ValidationError
from service.core.models.periods import MonthClose
from service.registry import nik
from service.registry import persons as registry
from tests import factories as f

TODAY = dt.date(2026, 11, 22)


def _exists(code):
    return code in {"18", "18.72"}


@pytest.mark.parametrize("raw, sex, birth, errors, warnings", [
    ("1872015005900001", None, None, [], []),                       # woman born 10/05/1990
    ("1872011005900001", None, None, [], []),                       # man born 10/05/1990
    ("1872 0150 0590 0001", None, None, [], []),                    # spaces typed in
    ("187201500590001", None, None, ["16 digit"], []),               # 15 digits
    ("18720150059000AB", None, None, ["16 digit"], []),
    ("1872013102900001", None, None, ["tanggal"], []),               # 31 February
    ("1872017205900001", None, None, ["tanggal"], []),               # day 72-40=32
    ("1872015005900000", None, None, ["0000"], []),                  # serial 0000
    ("9972015005900001", None, None, [], ["nik_region_unknown"]),    # unknown province: warning only
    ("1872015005900001", "L", None, [], ["nik_sex_mismatch"]),
    ("1872015005900001", "P", dt.date(1990, 5, 11), [], ["nik_birth_date_mismatch"]),
    ("1872015005900001", "P", dt.date(1990, 5, 10), [], []),
])
def test_nik_rules(raw, sex, birth, errors, warnings):
    result = nik.check(raw, sex, birth, _exists, TODAY)
    for fragment in errors:
        assert any(fragment in e for e in result.errors), result.errors
    if not errors:
        assert result.ok, result.errors
    assert result.warning_codes == warnings


def test_nik_decodes_sex_and_birth_date():
    r = nik.check("1872015005900001", today=TODAY)
    assert (r.sex, r.birth_date, r.region_code) == ("P", dt.date(1990, 5, 10), "18.72.01")
    r = nik.check("1872011005250001", today=TODAY)
    assert r.birth_date == dt.date(2025, 5, 10)  # two-digit year not in the future


@pytest.mark.parametrize("a, b", [
    ("Muhammad Rizki", "Muhamad Rizki"),
    ("Moh. Rizki", "M. Rizki"),
    ("H. Mohammad  Rizki, S.Sos.", "muhammad rizki"),
    ("Siti  Aminah", "SITI AMINAH"),
    ("Drs. Hendra Saputra, M.Si.", "Hendra Saputra"),
])
def test_name_key_variants(a, b):
    assert registry.name_key(a) == registry.name_key(b)


def test_register_person_with_and_without_nik(db):
    p = f.person(nik="1872015005900001", jenis_kelamin="P", tanggal_lahir="10/05/1990")
    assert p.nik == "1872015005900001" and p.nik_warnings == [] and p.area_code == "18.72.01.1001"
    q = f.person(no_nik_reason="identitas_tidak_diketahui", tanggal_lahir=None, age=70)
    assert q.nik is None and q.no_nik_reason == "identitas_tidak_diketahui"
    assert q.birth_date_estimated and q.birth_date.year == dt.date.today().year - 70
    with pytest.raises(Conflict) as err:
        f.person(nik="1872015005900001")
    assert err.value.existing_id == p.id


def test_register_person_keeps_nik_warnings(db):
    p = f.person(nik="1872015005900001", jenis_kelamin="L", tanggal_lahir="1990-05-10")
    assert p.nik_warnings == ["nik_sex_mismatch"]


def test_register_person_reports_every_bad_field(db):
    with pytest.raises(ValidationError) as err:
        registry.register_person({"name": "", "sex": "X", "birth_date": "31/02/2020",
                                  "village_code": "18.72.01", "nik": "123"})
    assert set(err.value.fields) == {"name", "sex", "birth_date", "village_code", "nik"}


def test_case_numbers_are_readable_and_sequential(db):
    p = f.person()
    a = f.case(p)
    b = f.case(p, category="penyandang_disabilitas")
    c = f.case(p, category="korban_bencana_alam", intake_source="disaster")
    assert a.number.startswith("REH-2026-") and int(b.number[-5:]) == int(a.number[-5:]) + 1
    assert c.number.startswith("BNC-2026-")
    assert a.status == "new" and [t.to_status for t in a.transitions] == ["new"]


def test_sensitive_category_marks_case(db):
    assert f.case(category="odha").is_sensitive is True
    assert f.case().is_sensitive is False


def test_assessment_moves_case_and_checks_needs(db):
    c = f.case()
    a = f.assessment(c, ["permakanan", "alat_bantu"])
    assert a.eligible and a.basic_service_code == "lansia" and a.need_codes == ["alat_bantu", "permakanan"]
    assert c.status == "assessment"
    with pytest.raises(ValidationError) as err:
        f.assessment(c, ["bencana_makanan"])
    assert "needs" in err.value.fields
    with pytest.raises(ValidationError):
        f.assessment(c, [])
    inside = f.assessment(c, ["permakanan"], outside_institution=False)
    assert inside.eligible is False


def test_transitions_follow_the_rules_table(db):
    c = f.case()
    with pytest.raises(ValidationError):
        casework.transition(c, "in_service")  # new -> in_service is not a rule
    casework.transition(c, "assessment")
    casework.transition(c, "plan")
    with pytest.raises(ValidationError) as err:
        casework.transition(c, "in_service")
    assert "persetujuan" in str(err.value.fields)
    with pytest.raises(ValidationError):
        casework.transition(c, "assessment")  # needs a reason
    casework.transition(c, "assessment", reason="perlu asesmen ulang")
    assert [t.to_status for t in c.transitions] == ["new", "assessment", "plan", "assessment"]


def test_delivery_rules(db):
    p = f.person()
    d = f.deliver(p, "permakanan", quantity=3, cost="1.250.000")
    assert d.delivered and d.quantity == 3 and d.cost == 1250000 and d.unit == "orang" and not d.late
    planned = delivery.record_delivery(p, "sandang", planned_on="2026-12-01")
    assert not planned.delivered
    with pytest.raises(ValidationError) as err:
        delivery.record_delivery(p, "tidak_ada", delivered_on="2026-01-01", quantity=0)
    assert set(err.value.fields) == {"service_type_code", "quantity"}
    with pytest.raises(ValidationError):
        delivery.record_delivery(p, "sandang", delivered_on=dt.date.today() + dt.timedelta(days=1))
    with pytest.raises(ValidationError):
        delivery.void_delivery(d, "")
    delivery.void_delivery(d, "salah input")
    assert not d.delivered and d.void_reason == "salah input"


def test_delivery_in_closed_month_is_flagged_late(db):
    db.add(MonthClose(year=2026, month=1, status="closed"))
    db.flush()
    p = f.person()
    assert f.deliver(p, "permakanan", on=dt.date(2026, 1, 20)).late is True
    assert f.deliver(p, "permakanan", on=dt.date(2026, 2, 2)).late is False


def test_delivery_external_key_is_idempotent(db):
    p = f.person()
    a = f.deliver(p, "permakanan", external_key="bnba:abc")
    b = f.deliver(p, "permakanan", external_key="bnba:abc")
    assert a.id == b.id
