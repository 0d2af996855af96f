"""Report pages name things as people know them (issue 11 "Names, not codes"): basic services,
service types, villages and persons by name, figures by their label; persons as links only when the
reader may open them, need-to-know persons never named; English names when the UI is in English."""

from __future__ import annotations

import datetime as dt
import html as htmlmod
import re

import pytest

from service.core import audit, periods
from service.reports import people, renja_plans
from tests import factories as f
from tests.conftest import login, post_form
from tests.reports.conftest import PLAN_FILE

D = dt.date
UUID = re.compile(r"\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b", re.I)
SNAKE = re.compile(r"\b[a-z]+(?:_[a-z]+)+\b")  # recipients_pct, service_type_code, sub_kegiatan, …
VILLAGE_CODE = re.compile(r"\b\d{2}\.\d{2}\.\d{2}\.\d{4}\b")
RAW_CODES = ("disabilitas", "lansia", "gepeng", "bencana", "permakanan", "sandang", "alat_bantu")


def visible_text(page: str) -> str:
    """What a reader sees: the body without tags, scripts, styles and attribute values."""
    body = page.split("<body", 1)[-1]
    body = re.sub(r"<(script|style)\b.*?</\1>", " ", body, flags=re.S)
    body = re.sub(r"<[^>]+>", " ", body)
    return re.sub(r"\s+", " ", htmlmod.unescape(body))


def assert_no_raw_codes(page: str) -> None:
    text = visible_text(page)
    assert not UUID.findall(text), UUID.findall(text)
    assert not SNAKE.findall(text), SNAKE.findall(text)
    assert not VILLAGE_CODE.findall(text), VILLAGE_CODE.findall(text)
    words = set(re.findall(r"\b\w+\b", text))
    assert not words & set(RAW_CODES), words & set(RAW_CODES)


def set_english(client) -> None:
    resp = post_form(client, "/bahasa/en", {"next": "/laporan/"}, form_page="/laporan/")
    assert resp.status_code in (302, 303)


@pytest.fixture
def closed_march(scenario, db, make_user):
    """March 2026 closed by a supervisor, then a late delivery entered by a named operator."""
    boss = make_user("supervisor", full_name="Rina Marlina")
    periods.close_month(2026, 3, boss.id)
    clerk = make_user("operator", full_name="Dedi Operator")
    p3 = scenario["persons"][3]
    with audit.acting_as(audit.Actor(clerk.id, clerk.username, "web")):
        late = f.deliver(p3, "permakanan", D(2026, 3, 25))
    db.commit()
    return {"late": late, "person": p3, "clerk": clerk}


def test_month_page_names_services_figures_villages_and_who_entered_late_data(closed_march, logged_in):
    c, _ = logged_in("supervisor")
    page = c.get("/laporan/bulan?year=2026&month=3").get_data(as_text=True)
    text = visible_text(page)
    # snapshot differences: the service by name, the figure by its label, values formatted
    assert "Rehabilitasi Sosial Dasar Lanjut Usia Terlantar di Luar Panti" in text
    assert "Terlayani (R): 3 → 4" in text and "% Penerima: 75,00 % → 100,00 %" in text
    # late entry: the person as a link, the service type, the village, who and when (WIB)
    p = closed_march["person"]
    assert f'href="/orang/{p.id}">{p.name}</a>' in page
    assert "Penyediaan Permakanan (sesuai standar gizi minimal)" in text
    assert "Metro, Metro Pusat" in text
    assert "Dedi Operator" in text and re.search(r"\d\d/\d\d/\d{4} \d\d:\d\d WIB", text)
    assert_no_raw_codes(page)


def test_month_page_change_since_last_month_names_the_services(scenario, logged_in):
    c, _ = logged_in("pimpinan")
    page = c.get("/laporan/bulan?year=2026&month=3").get_data(as_text=True)
    assert "Rehabilitasi Sosial Dasar Penyandang Disabilitas Terlantar di Luar Panti" in visible_text(page)
    assert_no_raw_codes(page)


def other_client(app, make_user, role, area=None):
    """A second signed-in browser (the ``logged_in`` client holds one session)."""
    c = app.test_client()
    user = make_user(role, area)
    assert login(c, user.username).status_code == 302
    return c


def test_late_entries_of_another_area_are_not_listed_to_an_area_user(closed_march, db, logged_in, app, make_user):
    other = f.person(nama="Warga Selatan", village_code="18.72.05.1001")
    f.assessment(f.case(other), ["permakanan"], D(2026, 3, 2))
    db.commit()
    periods.reopen_month(2026, 3, None)
    periods.close_month(2026, 3, None)
    f.deliver(other, "permakanan", D(2026, 3, 26))
    f.deliver(closed_march["person"], "sandang", D(2026, 3, 27))
    db.commit()
    c, _ = logged_in("pimpinan", "18.72.01")
    text = visible_text(c.get("/laporan/bulan?year=2026&month=3").get_data(as_text=True))
    assert "Warga Selatan" not in text and closed_march["person"].name in text
    c2 = other_client(app, make_user, "supervisor")
    assert "Warga Selatan" in visible_text(c2.get("/laporan/bulan?year=2026&month=3").get_data(as_text=True))


def test_spm_drilldown_shows_villages_component_names_and_person_links(scenario, logged_in):
    c, _ = logged_in("operator")
    page = c.get("/laporan/spm/orang?service=lansia&year=2026&month=3").get_data(as_text=True)
    text = visible_text(page)
    p1 = scenario["persons"][1]
    assert f'href="/orang/{p1.id}">Lansia 1</a>' in page
    assert "Metro, Metro Pusat" in text  # the factories' village 18.72.01.1001
    assert "Penyediaan Sandang" in text
    assert_no_raw_codes(page)


def test_sensitive_persons_are_withheld_and_not_linked_for_roles_without_need_to_know(db, logged_in, app,
                                                                                      make_user):
    secret = f.person(nama="Rahasia Sekali")
    f.assessment(f.case(secret, "odgj_terlantar"), ["permakanan"], D(2026, 2, 1))
    plain = f.person(nama="Warga Biasa")
    f.assessment(f.case(plain, "penyandang_disabilitas"), ["permakanan"], D(2026, 2, 1))
    db.commit()
    url = "/laporan/spm/orang?service=disabilitas&year=2026&month=3"
    c, _ = logged_in("auditor")
    page = c.get(url).get_data(as_text=True)
    assert "Rahasia Sekali" not in page and f"/orang/{secret.id}" not in page and "(dirahasiakan)" in page
    assert f'href="/orang/{plain.id}">Warga Biasa</a>' in page  # the auditor may open this one
    c2 = other_client(app, make_user, "supervisor")
    page = c2.get(url).get_data(as_text=True)
    assert f'href="/orang/{secret.id}">Rahasia Sekali</a>' in page  # need-to-know override


def test_person_access_follows_can(db, make_user):
    inside = f.person(nama="Di Pusat")
    outside = f.person(nama="Di Selatan", village_code="18.72.05.1001")
    secret = f.person(nama="Rahasia")
    f.case(secret, "odgj_terlantar")
    db.flush()
    area_user = make_user("operator", "18.72.01")
    access = people.person_access(area_user, [inside.id, outside.id, secret.id])
    assert access.linked == {inside.id} and access.hidden == {secret.id}
    boss = make_user("pimpinan")
    access = people.person_access(boss, [inside.id, outside.id, secret.id])
    assert access.linked == {inside.id, outside.id, secret.id} and not access.hidden


def test_iku_and_renja_person_lists_show_villages_by_name(scenario, db, logged_in):
    renja_plans.import_plan(PLAN_FILE.read_bytes(), PLAN_FILE.name, 2026)
    db.commit()
    c, _ = logged_in("pimpinan")
    for url in ("/laporan/iku?year=2026&filter=registered",
                "/laporan/renja/orang?code=1.06.04.2.01.0001&year=2026&quarter=1"):
        page = c.get(url).get_data(as_text=True)
        assert "Metro, Metro Pusat" in visible_text(page), url
        assert "/orang/" in page
        assert_no_raw_codes(page)


def test_renja_is_a_collapsible_tree_with_totals(scenario, db, logged_in):
    renja_plans.import_plan(PLAN_FILE.read_bytes(), PLAN_FILE.name, 2026)
    db.commit()
    c, _ = logged_in("pimpinan")
    page = c.get("/laporan/renja?year=2026&quarter=1").get_data(as_text=True)
    # program → kegiatan → sub kegiatan as details/summary; kegiatan closed by default, programs open
    assert re.search(r'<details class="renja-level renja-program" open', page)
    kegiatan = re.search(r'<details class="renja-level renja-kegiatan"\s*id="r-1\.06\.04\.2\.01">\s*<summary>(.*?)</summary>',
                         page, re.S)
    assert kegiatan, "the kegiatan 1.06.04.2.01 is collapsed by default"
    summary = visible_text(kegiatan.group(1))
    assert "Rehabilitasi Sosial Dasar Penyandang Disabilitas Terlantar" in summary
    assert "Pagu Rp 264.169.850" in summary and "Sub kegiatan 16" in summary and "Mencapai target" in summary
    assert "Penyediaan Permakanan" in page  # the rows are there, inside the closed details
    opened = c.get("/laporan/renja?year=2026&quarter=1&semua=1").get_data(as_text=True)
    assert re.search(r'<details class="renja-level renja-kegiatan" open\s*id="r-1\.06\.04\.2\.01">', opened)
    assert "cdn" not in page.lower()


def test_hand_entry_reopens_the_kegiatan_it_was_entered_in(logged_in, db):
    plan = ("code,level,name,indicator,unit,target,budget\n"
            "1.06.04,program,P,x,persen,,1\n1.06.04.2.02,kegiatan,Kegiatan Dua,x,persen,,1\n"
            "1.06.04.2.02.0014,sub_kegiatan,Dok,x,dokumen,2,1\n")
    renja_plans.import_plan(plan.encode(), "p.csv", 2026)
    db.commit()
    c, _ = logged_in("operator")
    page = "/laporan/renja?year=2026&quarter=1"
    data = {"h-year": "2026", "h-code": "1.06.04.2.02.0014", "h-quarter": "1", "h-value": "1"}
    resp = post_form(c, "/laporan/renja/manual", data, form_page=page)
    assert resp.status_code == 302 and "buka=1.06.04.2.02.0014" in resp.headers["Location"]
    back = c.get(resp.headers["Location"]).get_data(as_text=True)
    assert re.search(r'<details class="renja-level renja-kegiatan" open\s*id="r-1\.06\.04\.2\.02">', back)


def test_dashboard_legend_and_bars_use_names(scenario, db, logged_in):
    renja_plans.import_plan(PLAN_FILE.read_bytes(), PLAN_FILE.name, 2026)
    db.commit()
    c, _ = logged_in("pimpinan")
    page = c.get("/laporan/dasbor?year=2026").get_data(as_text=True)
    assert "Lanjut usia" in page and "Penyediaan Permakanan" in page
    assert not re.search(r">\s*(disabilitas|lansia|gepeng)\s*<", page)
    assert not re.search(r">\s*4\.2\.01\.0001\s*<", page)  # the old truncated-code bar labels


def test_english_ui_shows_english_reference_names(scenario, logged_in):
    c, _ = logged_in("pimpinan")
    set_english(c)
    spm = visible_text(c.get("/laporan/spm?year=2026&month=3").get_data(as_text=True))
    assert "Basic social rehabilitation of neglected elderly outside institutions" in spm
    assert "Rehabilitasi Sosial Dasar Lanjut Usia" not in spm
    # the default attainment bands in English too (an office's own band names show as written)
    assert "Achieved – Muda (early)" in spm and "Achieved – Paripurna (complete)" in spm and "Tuntas" not in spm
    drill = visible_text(c.get("/laporan/spm/orang?service=lansia&year=2026&month=3").get_data(as_text=True))
    assert "Meals meeting the minimum nutrition standard" in drill and "Clothing and other necessities" in drill
    assert "Penyediaan Sandang" not in drill
    month = visible_text(c.get("/laporan/bulan?year=2026&month=3").get_data(as_text=True))
    assert "Basic social rehabilitation of neglected persons with disabilities outside institutions" in month


def test_english_mapping_and_plan_pages_name_service_types_and_services(logged_in):
    c, _ = logged_in("admin")
    set_english(c)
    mapping = c.get("/laporan/pemetaan").get_data(as_text=True)
    assert "Meals meeting the minimum nutrition standard" in mapping and ".csv" not in visible_text(mapping)
    plan = c.get("/laporan/rencana").get_data(as_text=True)
    assert "Basic social rehabilitation of neglected children outside institutions" in plan


def test_area_user_sees_the_area_by_name(scenario, logged_in):
    c, _ = logged_in("pimpinan", "18.72.01")
    for url in ("/laporan/spm?year=2026&month=3", "/laporan/", "/laporan/bulan?year=2026&month=3"):
        text = visible_text(c.get(url).get_data(as_text=True))
        assert "Metro Pusat" in text and "18.72.01" not in text, url


def test_record_drilldown_withholds_a_sensitive_person_and_links_only_openable_ones(db, logged_in, app, make_user):
    from service.protection import documents

    renja_plans.import_plan(PLAN_FILE.read_bytes(), PLAN_FILE.name, 2026)
    secret = f.person(nama="Rahasia Dokumen")
    f.case(secret, "odgj_terlantar")
    plain = f.person(nama="Warga Dokumen")
    for p in (secret, plain):
        documents.record_document(p, {"kind": "akta", "obtained_on": "2026-04-02"}, today=D(2026, 5, 1))
    db.commit()
    url = "/laporan/renja/catatan?code=1.06.04.2.01.0014&year=2026&quarter=4"
    c, _ = logged_in("auditor")
    page = c.get(url).get_data(as_text=True)
    assert "Rahasia Dokumen" not in page and f"/orang/{secret.id}" not in page and "(dirahasiakan)" in page
    assert f'href="/orang/{plain.id}">Warga Dokumen</a>' in page
    boss = other_client(app, make_user, "pimpinan")
    assert f'href="/orang/{secret.id}">Rahasia Dokumen</a>' in boss.get(url).get_data(as_text=True)


@pytest.mark.parametrize("url", [
    "/laporan/spm/orang?service=disabilitas&year=2026&month=3",
    "/laporan/renja/orang?code=1.06.04.2.01.0001&year=2026&quarter=4",
    "/laporan/iku?year=2026&filter=registered",
])
def test_a_drill_down_search_cannot_confirm_a_withheld_person(db, logged_in, app, make_user, url):
    """Unsearched, a need-to-know person is counted and shown unnamed; searched by their name, a withheld
    row would tell the reader that this person has a sensitive case: the search leaves it out."""
    renja_plans.import_plan(PLAN_FILE.read_bytes(), PLAN_FILE.name, 2026)
    for name, category in (("Rahasia Sekali", "odgj_terlantar"), ("Rahasia Biasa", "penyandang_disabilitas")):
        person = f.person(nama=name)
        case = f.case(person, category)
        f.assessment(case, ["permakanan"], D(2026, 2, 1))
        f.deliver(person, "permakanan", D(2026, 2, 5), case=case)
    db.commit()
    c, _ = logged_in("auditor")
    plain = c.get(url).get_data(as_text=True)
    assert "(dirahasiakan)" in plain and "Rahasia Biasa" in plain  # counted, withheld; the other named
    searched = c.get(url + "&q=Rahasia").get_data(as_text=True)
    assert "(dirahasiakan)" not in searched and "Rahasia Sekali" not in searched
    assert "Rahasia Biasa" in searched  # the search itself still works
    page = other_client(app, make_user, "supervisor").get(url + "&q=Rahasia").get_data(as_text=True)
    assert "Rahasia Sekali" in page  # need to know: found by the search
