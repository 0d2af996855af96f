"""Reports pages, exports and API: what a user sees, and who may not see it."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from openpyxl import load_workbook

from service.core import periods
from service.core.models.periods import MonthClose
from service.reports import renja_plans
from tests.conftest import post_form
from tests.reports.conftest import PLAN_FILE

URLS = ["/laporan/", "/laporan/spm?year=2026&month=3", "/laporan/spm/orang?service=lansia&year=2026&month=3",
        "/laporan/renja?year=2026&quarter=1", "/laporan/iku?year=2026", "/laporan/bulan?year=2026&month=3",
        "/laporan/dasbor?year=2026"]


@pytest.mark.parametrize("url", URLS)
def test_pages_need_login_and_a_report_role(client, logged_in, url):
    assert client.get(url).status_code == 302  # to the login page
    c, _ = logged_in("peksos")
    assert c.get(url).status_code == 403


@pytest.mark.parametrize("url", URLS)
def test_pages_render_with_no_data(logged_in, url):
    c, _ = logged_in("supervisor")
    assert c.get(url).status_code == 200


def test_spm_page_shows_the_figures_and_drills_down(scenario, logged_in):
    c, _ = logged_in("pimpinan")
    html = c.get("/laporan/spm?year=2026&month=3").get_data(as_text=True)
    assert "68,89 %" in html and "44,44 %" in html and "Tuntas Muda" in html and "84,44 %" in html
    drill = c.get("/laporan/spm/orang?service=lansia&year=2026&month=3&filter=unserved").get_data(as_text=True)
    assert "Lansia 3" in drill and "Lansia 1" not in drill


def test_invalid_period_is_422_beside_the_field(logged_in):
    c, _ = logged_in("supervisor")
    resp = c.get("/laporan/spm?year=abc&month=3")
    assert resp.status_code == 422 and "Tahun harus angka" in resp.get_data(as_text=True)
    assert c.get("/laporan/spm/orang?service=nope&year=2026&month=3").status_code == 404


def test_auditor_sees_sensitive_persons_hidden(db, logged_in):
    from tests import factories as f

    p = f.person(nama="Rahasia Sekali")
    f.assessment(f.case(p, "odgj_terlantar"), ["permakanan"], dt.date(2026, 2, 1))
    c, _ = logged_in("auditor")
    html = c.get("/laporan/spm/orang?service=disabilitas&year=2026&month=3").get_data(as_text=True)
    assert "Rahasia Sekali" not in html and "dirahasiakan" in html


def test_supervisor_closes_and_reopens_a_month(scenario, logged_in, db):
    c, sup = logged_in("supervisor")
    page = "/laporan/bulan?year=2026&month=3"
    resp = post_form(c, "/laporan/bulan/tutup", {"year": "2026", "month": "3"}, form_page=page)
    assert resp.status_code == 302
    html = c.get(page).get_data(as_text=True)
    assert "Ditutup" in html and "Buka kembali" in html
    row = db.get(MonthClose, periods.get_close(2026, 3).id)
    assert row.closed_by_id == sup.id and row.snapshot["spm"]["overall_index"] == 84.44
    resp = post_form(c, "/laporan/bulan/tutup", {"year": "2026", "month": "3"}, form_page=page)
    assert resp.status_code == 303  # already closed: refused with a message
    assert post_form(c, "/laporan/bulan/buka-kembali", {"year": "2026", "month": "3"}, form_page=page).status_code == 302
    assert periods.get_close(2026, 3).status == "reopened"


def test_closing_is_refused_to_other_roles_and_area_users(logged_in, client):
    c, _ = logged_in("supervisor", "18.72.01")
    page = "/laporan/bulan?year=2026&month=3"
    assert post_form(c, "/laporan/bulan/tutup", {"year": "2026", "month": "3"}, form_page=page).status_code == 403


def test_closing_is_refused_to_operators(logged_in):
    page = "/laporan/bulan?year=2026&month=3"
    c2, _ = logged_in("operator")
    assert post_form(c2, "/laporan/bulan/tutup", {"year": "2026", "month": "3"}, form_page=page).status_code == 403


def test_exports_open_with_the_right_cells(scenario, logged_in, db):
    renja_plans.import_plan(PLAN_FILE.read_bytes(), PLAN_FILE.name, 2026)
    db.commit()
    c, _ = logged_in("auditor")
    resp = c.get("/laporan/ekspor/spm.xlsx?year=2026&month=3")
    ws = load_workbook(io.BytesIO(resp.data)).active
    assert ws.freeze_panes == "A4" and ws["A3"].value == "Kode" and ws["A3"].font.bold
    lansia = next(r for r in ws.iter_rows(min_row=4, values_only=True) if r[0] == "lansia")
    assert lansia[3:8] == (4, 3, 75.0, 44.44, 68.89)
    assert ws["F6"].number_format == "0.00"
    resp = c.get("/laporan/ekspor/renja.xlsx?year=2026&quarter=1")
    ws = load_workbook(io.BytesIO(resp.data)).active
    header = [c.value for c in ws[3]]
    assert header[:6] == ["Kode", "Tingkat", "Program / Kegiatan / Sub Kegiatan", "Indikator", "Satuan", "Target"]
    assert "Realisasi TW 1" in header and "Pagu anggaran (Rp)" in header
    meals = next(r for r in ws.iter_rows(min_row=4, values_only=True) if r[0] == "1.06.04.2.01.0001")
    assert meals[5] == 110 and meals[6] == 5  # p1, p5, p6, p7, p8 (p4 on Dec 31: other year)
    csv_text = c.get("/laporan/ekspor/iku.csv?year=2026").data.decode("utf-8-sig")
    # Indonesian-locale Excel: ';' separates the columns, ',' is the decimal mark, BOM for accents
    raw = c.get("/laporan/ekspor/iku.csv?year=2026").data
    assert raw.startswith("\ufeff".encode("utf-8"))
    assert csv_text.splitlines()[1] == "Persentase PPKS yang tertangani;6;5;83,33"
    pdf = c.get("/laporan/ekspor/spm.pdf?year=2026&month=3")
    assert pdf.status_code == 200 and pdf.data.startswith(b"%PDF-")
    assert c.get("/laporan/ekspor/spm.xlsx?year=2026&month=13").status_code == 422
    assert c.get("/laporan/ekspor/foo.xlsx?year=2026").status_code == 404


def test_exports_are_refused_without_the_export_role(logged_in):
    c, _ = logged_in("peksos")
    assert c.get("/laporan/ekspor/spm.xlsx?year=2026&month=3").status_code == 403


def test_plan_upload_page(logged_in, db):
    c, _ = logged_in("operator")
    page = c.get("/laporan/rencana")
    assert page.status_code == 200
    from tests.conftest import csrf_from

    token = csrf_from(page.get_data(as_text=True))
    resp = c.post("/laporan/rencana", data={"p-year": "2026", "which": "plan", "csrf_token": token,
                                         "p-file": (io.BytesIO(PLAN_FILE.read_bytes()), "renja.csv")},
                  content_type="multipart/form-data")
    assert resp.status_code == 302
    assert len(renja_plans.get_plan(2026).rows) == 38
    bad = c.post("/laporan/rencana", data={"p-year": "2026", "which": "plan", "csrf_token": token,
                                        "p-file": (io.BytesIO(b"code\n1"), "r.csv")},
                 content_type="multipart/form-data")
    assert bad.status_code == 422 and "Kolom wajib tidak ada" in bad.get_data(as_text=True)


def test_mapping_editor_is_refused_to_operators(logged_in):
    c, _ = logged_in("operator")
    assert c.get("/laporan/pemetaan").status_code == 403


def test_mapping_editor(logged_in):
    c, _ = logged_in("admin")
    resp = post_form(c, "/laporan/pemetaan", {"permakanan-spm": "x.y", "permakanan-other": ""})
    assert resp.status_code == 422 and "tidak valid" in resp.get_data(as_text=True)
    resp = post_form(c, "/laporan/pemetaan", {"permakanan-spm": "1.06.04.2.01.0002"})
    assert resp.status_code == 302 and renja_plans.effective_mapping()["permakanan"][0] == "1.06.04.2.01.0002"


def test_hand_entry_form(logged_in, db):
    plan = ("code,level,name,indicator,unit,target,budget\n"
            "1.06.04.2.02,kegiatan,K,x,persen,,1\n1.06.04.2.02.0014,sub_kegiatan,Dok,x,dokumen,2,1\n")
    renja_plans.import_plan(plan.encode(), "p.csv", 2026)
    db.commit()
    c, _ = logged_in("operator")
    page = "/laporan/renja?year=2026&quarter=1"
    data = {"h-year": "2026", "h-code": "1.06.04.2.02.0014", "h-quarter": "1", "h-value": "-1"}
    resp = post_form(c, "/laporan/renja/manual", data, form_page=page)
    assert resp.status_code == 422 and "Capaian harus bilangan bulat" in resp.get_data(as_text=True)
    resp = post_form(c, "/laporan/renja/manual", {**data, "h-value": "1", "h-note": "rapat"}, form_page=page)
    assert resp.status_code == 302
    assert "rapat" in c.get(page).get_data(as_text=True)


# ------------------------------------------------------------------ API
def test_api_spm_shape_and_values(scenario, api):
    call = api("pimpinan")
    data = call("GET", "/api/v1/reports/spm?year=2026&month=3").get_json()
    assert data["year"] == 2026 and data["month"] == 3 and data["overall_index"] == 84.44
    lansia = next(s for s in data["services"] if s["code"] == "lansia")
    assert (lansia["needing"], lansia["served"], lansia["index"], lansia["category"]) == (4, 3, 68.89, "Tuntas Muda")
    anak = next(s for s in data["services"] if s["code"] == "anak")
    assert anak["recipients_pct"] is None and anak["category"] is None


def test_api_renja_and_iku(scenario, api, db):
    renja_plans.import_plan(PLAN_FILE.read_bytes(), PLAN_FILE.name, 2026)
    db.commit()
    call = api("auditor")
    data = call("GET", "/api/v1/reports/renja?year=2026&quarter=1").get_json()
    row = next(r for r in data["rows"] if r["code"] == "1.06.04.2.01.0001")
    assert {k: row[k] for k in ("level", "unit", "target", "realised", "realised_pct", "budget")} == {
        "level": "sub_kegiatan", "unit": "orang", "target": 110, "realised": 5, "realised_pct": 4.55,
        "budget": 91099000}
    assert call("GET", "/api/v1/reports/iku?year=2026").get_json() == {"year": 2026, "registered": 6, "handled": 5,
                                                                        "pct": 83.33}


def test_api_area_user_gets_area_figures(scenario, api):
    call = api("supervisor", "18.72.05")
    data = call("GET", "/api/v1/reports/spm?year=2026&month=3").get_json()
    assert all(s["needing"] == 0 for s in data["services"]) and data["overall_index"] is None


@pytest.mark.parametrize("path", ["/api/v1/reports/spm?year=2026", "/api/v1/reports/spm?year=2026&month=13",
                                  "/api/v1/reports/spm?year=x&month=1", "/api/v1/reports/renja?year=2026&quarter=5",
                                  "/api/v1/reports/renja?year=2026", "/api/v1/reports/iku", "/api/v1/reports/iku?year=1"])
def test_api_invalid_parameters_are_422(api, path):
    resp = api("supervisor")("GET", path)
    assert resp.status_code == 422 and resp.get_json()["error"]["fields"]


@pytest.mark.parametrize("path", ["/api/v1/reports/spm?year=2026&month=3", "/api/v1/reports/renja?year=2026&quarter=1",
                                  "/api/v1/reports/iku?year=2026"])
def test_api_401_and_403(client, api, path):
    assert client.get(path).status_code == 401
    assert client.get(path, headers={"Authorization": "Bearer wrong"}).status_code == 401
    assert api("peksos")("GET", path).status_code == 403
    assert api("tagana")("GET", path).status_code == 403


def test_cli_plan_import(app, db, tmp_path):
    runner = app.test_cli_runner()
    result = runner.invoke(args=["plan", "import", str(PLAN_FILE), "--year", "2026"])
    assert result.exit_code == 0 and "38 rows (38 new" in result.output
    bad = tmp_path / "bad.csv"
    bad.write_text("code,level\n")
    result = runner.invoke(args=["plan", "import", str(bad), "--year", "2026"])
    assert result.exit_code != 0 and result.output.strip().splitlines()[-1].startswith("Error:")
    result = runner.invoke(args=["plan", "import", str(tmp_path / "missing.csv"), "--year", "2026"])
    assert result.exit_code != 0


def test_renja_pdf_repeats_the_header_on_every_page_and_keeps_amounts_whole(scenario, logged_in, db):
    from pypdf import PdfReader

    renja_plans.import_plan(PLAN_FILE.read_bytes(), PLAN_FILE.name, 2026)
    db.commit()
    c, _ = logged_in("auditor")
    pdf = c.get("/laporan/ekspor/renja.pdf?year=2026&quarter=1")
    assert pdf.status_code == 200
    pages = [p.extract_text() for p in PdfReader(io.BytesIO(pdf.data)).pages]
    assert len(pages) > 1
    # the table's header row is printed again at the top of each page
    assert all("Target" in text for text in pages)
    # no "Rp 827.447.150" broken over two lines
    for text in pages:
        for line in text.splitlines():
            assert not line.rstrip().endswith("Rp"), line
