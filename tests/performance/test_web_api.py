"""The /kinerja pages and the API: figures a supervisor sees, the operator's form, uploads, denials."""

from __future__ import annotations

import io

import pytest

from service.performance import payments
from service.performance.models import BudgetPayment
from tests.conftest import post_form
from tests.performance.conftest import AIDS, MEALS, load_plan


def test_page_shows_capaian_and_serapan_side_by_side(scenario, logged_in):
    client, _ = logged_in("supervisor")
    resp = client.get("/kinerja/?year=2026&quarter=2")
    html = resp.get_data(as_text=True)
    assert resp.status_code == 200
    assert "Capaian kinerja" in html and "Serapan anggaran" in html
    assert "Rp 181.990" in html and "91,00 %" in html and "Rp 45.498" in html and "50,00 %" in html
    assert "Ada belanja tanpa keluaran" in html and "Ada keluaran tanpa belanja" in html
    assert f"/kinerja/belanja?code={MEALS}&amp;year=2026&amp;quarter=2" in html  # drill-down from spent
    assert "/laporan/renja/orang?code=" + MEALS in html  # drill-down from realised
    assert "Rp 211.990" in html  # the kegiatan's spent
    assert "Peringatan dini: 2 sub kegiatan di bawah laju garis lurus (50,00 %" in html  # Sandang, Alat Bantu


def test_bad_period_is_shown_beside_the_filter(scenario, logged_in):
    client, _ = logged_in("pimpinan")
    resp = client.get("/kinerja/?year=2026&quarter=7")
    assert resp.status_code == 422 and "Triwulan harus angka 1 sampai 4" in resp.get_data(as_text=True)


def test_drill_down_lists_the_payments_behind_spent(scenario, logged_in):
    client, _ = logged_in("auditor")
    html = client.get(f"/kinerja/belanja?code={MEALS}&year=2026&quarter=2").get_data(as_text=True)
    assert "Rp 181.990" in html and "SP2D-1-K" in html and "Kelebihan bayar SP2D-1" in html
    assert "SP2D-4" not in html and "SP2D-2025-9" not in html  # Q3, previous year
    assert client.get("/kinerja/belanja?code=9.9.9&year=2026").status_code == 404


def test_operator_records_a_payment_and_a_correction_needs_a_reason(db, logged_in):
    load_plan()
    db.commit()
    client, user = logged_in("operator")
    data = {"code": MEALS, "paid_on": "10/02/2026", "amount": "-1.000", "funding_source": "APBD",
            "document_no": "SP2D-77", "description": "Koreksi", "reason": ""}
    resp = post_form(client, "/kinerja/belanja/baru", data)
    assert resp.status_code == 422 and "wajib disertai alasan" in resp.get_data(as_text=True)
    assert db.query(BudgetPayment).count() == 0
    resp = post_form(client, "/kinerja/belanja/baru", data | {"amount": "1.250.000"})
    assert resp.status_code == 302
    p = payments.find_payment(MEALS, "SP2D-77")
    assert p.amount == 1250000 and p.created_by_id == user.id
    resp = post_form(client, "/kinerja/belanja/baru", data | {"amount": "5000"})
    assert resp.status_code == 422 and "sudah dicatat" in resp.get_data(as_text=True)


def test_supervisor_revises_the_pagu_operator_may_not(scenario, app, make_user):
    from tests.conftest import login

    data = {"year": "2026", "code": MEALS, "effective_on": "01/04/2026", "budget": "181.990", "kind": "pergeseran",
            "reason": "Pergeseran ke alat bantu"}
    operator, supervisor = app.test_client(), app.test_client()
    login(operator, make_user("operator").username)
    login(supervisor, make_user("supervisor").username)
    assert post_form(operator, "/kinerja/pagu?year=2026", data).status_code == 403
    resp = post_form(supervisor, "/kinerja/pagu?year=2026", data)
    assert resp.status_code == 302
    html = supervisor.get("/kinerja/pagu?year=2026").get_data(as_text=True)
    assert "Rp 200.000" in html and "Rp 181.990" in html and "Pergeseran ke alat bantu" in html
    resp = post_form(supervisor, "/kinerja/pagu?year=2026", data | {"reason": ""})
    assert resp.status_code == 422


def test_upload_page_imports_and_reports_bad_lines(db, logged_in):
    load_plan()
    db.commit()
    client, _ = logged_in("operator")
    bad = f"kode,tanggal,jumlah,sumber_dana,nomor_bukti,uraian\n{MEALS},2026-02-10,abc,APBD,X-1,\n".encode()
    resp = post_form(client, "/kinerja/impor", {"file": (io.BytesIO(bad), "realisasi.csv")}, follow_redirects=True)
    html = resp.get_data(as_text=True)
    assert "Impor ditolak" in html and ">2<" in html and "jumlah" in html
    assert db.query(BudgetPayment).count() == 0
    good = f"kode,tanggal,jumlah,sumber_dana,nomor_bukti,uraian\n{AIDS},2026-02-10,75000,APBD,X-1,Kursi\n".encode()
    resp = post_form(client, "/kinerja/impor", {"file": (io.BytesIO(good), "realisasi.csv")}, follow_redirects=True)
    assert "1 pembayaran dicatat (Rp 75.000)" in resp.get_data(as_text=True)
    resp = post_form(client, "/kinerja/impor", {"file": (io.BytesIO(b"x"), "realisasi.pdf")})
    assert resp.status_code == 422


def test_api_report_exactly_per_spec(scenario, api):
    call = api("pimpinan")
    resp = call("GET", "/api/v1/reports/performance?year=2026&quarter=2")
    assert resp.status_code == 200
    body = resp.get_json()
    assert (body["year"], body["quarter"]) == (2026, 2)
    rows = {r["code"]: r for r in body["rows"]}
    meals = rows[MEALS]
    for key, value in {"level": "sub_kegiatan", "unit": "orang", "target": 8, "realised": 4, "realised_pct": 50.0,
                       "rating": "Sangat Rendah", "budget": 200000, "spent": 181990, "spent_pct": 91.0,
                       "spent_rating": "Sangat Tinggi", "unit_cost": 45498}.items():
        assert meals[key] == value, key
    assert rows["1.06.04.2.01.0002"]["spent_pct"] is None and rows["1.06.04.2.01.0002"]["spent_rating"] is None
    assert rows["1.06.04"]["spent"] == 211990 and rows["1.06.04"]["spent_pct"] == 84.8
    assert rows["1.06.04"]["rating"] is None


@pytest.mark.parametrize("query", ["year=2026", "year=2026&quarter=5", "year=abc&quarter=1"])
def test_api_bad_period_is_422(db, api, query):
    resp = api("supervisor")("GET", f"/api/v1/reports/performance?{query}")
    assert resp.status_code == 422 and resp.get_json()["error"]["fields"]


def test_api_records_payments(db, api):
    load_plan()
    call = api("operator")
    body = {"code": MEALS, "paid_on": "2026-03-01", "amount": 5000, "funding_source": "APBD", "document_no": "A-1"}
    resp = call("POST", "/api/v1/budget/payments", json=body)
    assert resp.status_code == 201 and resp.get_json()["amount"] == 5000
    resp = call("POST", "/api/v1/budget/payments", json=body)
    assert resp.status_code == 422 and "document_no" in resp.get_json()["error"]["fields"]
    resp = call("POST", "/api/v1/budget/payments", json=body | {"document_no": "A-2", "amount": -5})
    assert resp.status_code == 422 and "reason" in resp.get_json()["error"]["fields"]
    listing = call("GET", f"/api/v1/budget/payments?year=2026&code={MEALS}").get_json()
    assert listing["total"] == 5000 and [p["document_no"] for p in listing["payments"]] == ["A-1"]
    assert api("auditor")("POST", "/api/v1/budget/payments", json=body | {"document_no": "A-3"}).status_code == 403


WEB = ["/kinerja/", "/kinerja/lakip.xlsx", "/kinerja/lakip.pdf", "/kinerja/renstra", "/kinerja/ekspor.xlsx", "/kinerja/indikator", "/kinerja/perjanjian", "/kinerja/belanja", "/kinerja/belanja/baru", "/kinerja/pagu", "/kinerja/impor"]


@pytest.mark.parametrize("role,area", [("tagana", None), ("peksos", None), ("peksos", "18.72.01"),
                                       ("admin", None), ("supervisor", "18.72.01")])
def test_denials_web_and_api(db, logged_in, api, role, area):
    client, _ = logged_in(role, area)
    for url in WEB:
        assert client.get(url).status_code == 403, url
    call = api(role, area)
    assert call("GET", "/api/v1/reports/performance?year=2026&quarter=1").status_code == 403
    assert call("GET", "/api/v1/budget/payments?year=2026").status_code == 403


def test_auditor_reads_but_never_writes(db, logged_in):
    client, _ = logged_in("auditor")
    assert client.get("/kinerja/").status_code == 200
    assert client.get("/kinerja/belanja/baru").status_code == 403
    assert client.get("/kinerja/impor").status_code == 403
    html = client.get("/kinerja/pagu").get_data(as_text=True)
    assert "Ubah pagu sub kegiatan" not in html


def test_anonymous_is_sent_to_login(client):
    assert client.get("/kinerja/").status_code == 302
    assert client.get("/api/v1/reports/performance?year=2026&quarter=1").status_code == 401
