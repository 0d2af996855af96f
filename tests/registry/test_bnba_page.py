"""The BNBA import page an operator can use without the spec (issue 11): templates (XLSX with the code sheet
and drop-downs, CSV), column help, code lists, the error report as XLSX, past imports scoped to the user."""

from __future__ import annotations

import io

from openpyxl import load_workbook

from service.core import imports as import_runs
from service.registry import bnba as imports
from service.registry.bnba import COLUMNS, SPEC_COLUMNS
from tests.conftest import csrf_from, login


def _upload(client, data: str, name: str = "b.csv"):
    page = client.get("/impor/bnba").get_data(as_text=True)
    return client.post("/impor/bnba", data={"csrf_token": csrf_from(page), "file": (io.BytesIO(data.encode()), name)},
                       content_type="multipart/form-data", follow_redirects=True)


def test_page_explains_every_column_and_offers_both_templates(logged_in):
    client, _ = logged_in("operator", "18.72.01")
    html = client.get("/impor/bnba").get_data(as_text=True)
    for col in COLUMNS:
        assert f"<code>{col}</code>" in html
    assert "Unduh templat XLSX" in html and "Unduh templat CSV" in html
    assert "lanjut_usia_terlantar" in html and "identitas_tidak_diketahui" in html  # code lists
    assert "Belum ada impor." in html


def test_xlsx_template_has_the_spec_header_an_example_and_a_code_sheet_scoped_to_the_area(logged_in, db):
    client, operator = logged_in("operator", "18.72.01")
    resp = client.get("/impor/bnba/templat.xlsx")
    assert resp.status_code == 200 and "templat-bnba.xlsx" in resp.headers["Content-Disposition"]
    wb = load_workbook(io.BytesIO(resp.data))
    sheet = wb["BNBA"]
    header = [c.value for c in sheet[1]]
    assert header[:len(SPEC_COLUMNS)] == list(SPEC_COLUMNS) and header == list(COLUMNS)
    example = dict(zip(header, [c.value for c in sheet[2]], strict=True))
    assert example["nama"] and example["kode_wilayah"].startswith("18.72.01.")
    validations = {str(dv.sqref).split(":")[0][:1]: dv for dv in sheet.data_validations.dataValidation}
    letter = {col: chr(ord("A") + i) for i, col in enumerate(COLUMNS)}
    assert validations[letter["jenis_kelamin"]].formula1 == '"L,P"'
    assert "Kode!" in validations[letter["kategori_ppks"]].formula1
    assert "Kode!" in validations[letter["kode_wilayah"]].formula1
    assert "Kode!" in validations[letter["alasan_tanpa_nik"]].formula1
    codes = wb["Kode"]
    values = [c for row in codes.iter_rows(values_only=True) for c in row if c]
    villages = [v for v in values if isinstance(v, str) and v.count(".") == 3 and v[:2].isdigit()]
    assert villages and all(v.startswith("18.72.01.") for v in villages)  # only the user's area
    assert "lanjut_usia_terlantar" in values and "dokumen_hilang" in values and "permakanan" in values
    # the example row itself imports (after the header) for this user
    buf = io.BytesIO()
    wb.save(buf)
    report = imports.import_bnba(buf.getvalue(), "templat.xlsx", by_id=operator.id)
    assert report.ok, report.lines()


def test_csv_template_is_header_and_example(logged_in):
    client, _ = logged_in("operator")
    resp = client.get("/impor/bnba/templat.csv")
    text = resp.data.decode("utf-8-sig").splitlines()
    assert text[0].split(";") == list(COLUMNS) and len(text) == 2
    # the filled-in template imports as it is
    report = imports.import_bnba(resp.data, "templat-bnba.csv", by_id=_.id)
    assert report.ok, report.lines()
    assert client.get("/impor/bnba/templat.pdf").status_code == 404


def test_error_report_downloads_as_xlsx_with_line_column_reason(logged_in):
    client, _ = logged_in("operator")
    bad = "nama,kode_wilayah,tanggal_lahir,alasan_tanpa_nik\nBaik,18.72.01.1001,1950-01-01,dokumen_hilang\n" \
          "Salah Tanggal,18.72.01.1001,bukan-tanggal,dokumen_hilang\n"
    html = _upload(client, bad).get_data(as_text=True)
    assert "Impor ditolak" in html and "<code>tanggal_lahir</code>" in html
    run_url = [line for line in html.split('"') if "/laporan.xlsx" in line][0]
    resp = client.get(run_url)
    assert resp.status_code == 200
    ws = load_workbook(io.BytesIO(resp.data)).active
    rows = [r for r in ws.iter_rows(values_only=True)]
    header_at = next(i for i, r in enumerate(rows) if r[0] == "Baris")
    assert rows[header_at][:3] == ("Baris", "Kolom", "Alasan")
    line, column, reason = rows[header_at + 1][:3]
    assert (line, column) == (3, "tanggal_lahir") and "tanggal" in reason.lower() and "wajib" not in reason.lower()


def test_past_imports_list_own_runs_and_a_supervisor_sees_the_areas(logged_in, make_user, db, app):
    other = make_user("operator", "18.72.05", full_name="Operator Selatan")
    theirs = import_runs.start_run("selatan.csv", other.id)
    db.commit()
    c, me = logged_in("operator", "18.72.01", full_name="Operator Pusat")
    _upload(c, "nama,kode_wilayah,alasan_tanpa_nik\nAnu,18.72.01.1001,dokumen_hilang\n", "pusat.csv")
    html = c.get("/impor/bnba").get_data(as_text=True)
    assert "pusat.csv" in html and "Operator Pusat" in html and "Selesai" in html
    assert "selatan.csv" not in html  # another operator's import
    assert c.get(f"/impor/bnba/{theirs.id}").status_code == 403
    supervisor = make_user("supervisor", "18.72.05")
    sup_client = app.test_client()
    assert login(sup_client, supervisor.username).status_code == 302
    html = sup_client.get("/impor/bnba").get_data(as_text=True)
    assert "selatan.csv" in html and "pusat.csv" not in html  # runs of users in the supervisor's area only


def test_each_bad_value_gets_its_own_reason(db):
    data = ("nama,kode_wilayah,kategori_ppks,tanggal_asesmen,kebutuhan,alasan_tanpa_nik\n"
            "Tanggal Salah,18.72.01.1001,lanjut_usia_terlantar,bukan-tanggal,permakanan;terbang,dokumen_hilang\n")
    report = imports.import_bnba(data.encode(), "b.csv")
    fields = {m["field"]: m["message"] for m in report.errors[0].messages}
    assert "wajib" not in fields["tanggal_asesmen"]  # "bukan-tanggal" is not a date, not "required"
    assert "terbang" in report.errors[0].reason and "kebutuhan" in fields  # the unknown need is reported too
