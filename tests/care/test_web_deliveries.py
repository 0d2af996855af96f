"""Deliveries through the pages: record (with a receipt), 422 beside the field, late, void, mark delivered, list."""

from __future__ import annotations

import datetime as dt
import re

from sqlalchemy import select

from service.care.models.deliveries import Delivery
from service.core.models.periods import MonthClose
from tests import factories as f
from tests.care.pages import login_as
from tests.conftest import csrf_from, post_form


def test_record_a_delivery_and_see_it(client, world, db):
    worker, c = world
    login_as(client, worker)
    url = f"/layanan/kasus/{c.id}/pemberian/baru"
    resp = post_form(client, url, {"service_type_code": "alat_bantu", "delivered_on": "02/03/2026", "quantity": "1",
                                   "item_detail": "Kursi roda lipat", "cost": "1.250.000"})
    assert resp.status_code == 302
    html = client.get(f"/layanan/kasus/{c.id}").get_data(as_text=True)
    assert "Kursi roda lipat" in html and "Rp 1.250.000" in html and "02/03/2026" in html and "Diberikan" in html
    d = db.scalar(select(Delivery).where(Delivery.case_id == c.id))
    assert d.worker_id == worker.id and d.delivered


def test_bad_delivery_input_is_422_beside_the_field_and_writes_nothing(client, world, db):
    worker, c = world
    login_as(client, worker)
    resp = post_form(client, f"/layanan/kasus/{c.id}/pemberian/baru",
                     {"service_type_code": "sandang", "delivered_on": "31/02/2026", "quantity": "nol"})
    assert resp.status_code == 422
    html = resp.get_data(as_text=True)
    assert "Tanggal tidak ada di kalender." in html and "Jumlah harus bilangan bulat 1 atau lebih." in html
    assert db.scalar(select(Delivery).where(Delivery.case_id == c.id)) is None


def test_a_late_delivery_is_warned_before_saving_and_keeps_its_flag(client, world, db):
    worker, c = world
    db.add(MonthClose(year=2026, month=1, status="closed"))
    db.commit()
    login_as(client, worker)
    url = f"/layanan/kasus/{c.id}/pemberian/baru"
    data = {"service_type_code": "sandang", "delivered_on": "15/01/2026", "quantity": "2"}
    first = post_form(client, url, data)
    html = first.get_data(as_text=True)
    assert first.status_code == 200  # the form again, with the warning: nothing saved yet
    assert "Januari sudah ditutup; data ini akan ditandai terlambat." in html
    assert 'name="confirm_late"' in html and 'value="15/01/2026"' in html
    assert db.scalar(select(Delivery).where(Delivery.case_id == c.id)) is None
    resp = post_form(client, url, {**data, "confirm_late": "y"}, follow_redirects=True)
    html = resp.get_data(as_text=True)
    assert "ditandai terlambat dicatat" in html and "Terlambat dicatat" in html
    saved = db.scalar(select(Delivery).where(Delivery.case_id == c.id))
    assert saved.late and saved.quantity == 2
    # An open month: no warning, saved at once, not late.
    resp = post_form(client, url, {**data, "delivered_on": "15/02/2026"})
    assert resp.status_code == 302
    assert len(db.scalars(select(Delivery).where(Delivery.case_id == c.id, Delivery.late.is_(False))).all()) == 1


def test_receipt_upload_and_download(client, world, db):
    import io

    worker, c = world
    login_as(client, worker)
    png = b"\x89PNG\r\n\x1a\n" + b"0" * 100
    page = client.get(f"/layanan/kasus/{c.id}/pemberian/baru")
    resp = client.post(f"/layanan/kasus/{c.id}/pemberian/baru", content_type="multipart/form-data", data={
        "csrf_token": csrf_from(page.get_data(as_text=True)), "service_type_code": "sandang",
        "delivered_on": "01/03/2026", "quantity": "1", "receipt": (io.BytesIO(png), "terima.png")})
    assert resp.status_code == 302
    d = db.scalar(select(Delivery).where(Delivery.case_id == c.id))
    got = client.get(f"/layanan/pemberian/{d.id}/bukti")
    assert got.status_code == 200 and got.data == png and got.mimetype == "image/png"
    page = client.get(f"/layanan/kasus/{c.id}/pemberian/baru")
    bad = client.post(f"/layanan/kasus/{c.id}/pemberian/baru", content_type="multipart/form-data", data={
        "csrf_token": csrf_from(page.get_data(as_text=True)), "service_type_code": "sandang",
        "delivered_on": "01/03/2026", "quantity": "1", "receipt": (io.BytesIO(b"MZ..."), "virus.png")})
    assert bad.status_code == 422 and "Isi berkas tidak sesuai jenisnya." in bad.get_data(as_text=True)


def test_void_with_reason_keeps_the_row(client, world, db):
    worker, c = world
    d = f.deliver(c.person, "sandang", case=c)
    db.commit()
    login_as(client, worker)
    page = f"/layanan/kasus/{c.id}"
    assert 'data-confirm="Batalkan data layanan ini?' in client.get(page).get_data(as_text=True)
    resp = post_form(client, f"/layanan/pemberian/{d.id}/batal", {"void_reason": ""}, form_page=page)
    assert resp.status_code == 422
    assert re.search(r'id="void-[^"]+-error">Alasan pembatalan wajib diisi\.', resp.get_data(as_text=True))
    db.expire_all()
    assert db.get(Delivery, d.id).voided_at is None
    resp = post_form(client, f"/layanan/pemberian/{d.id}/batal", {"void_reason": "Ganda"}, form_page=page,
                     follow_redirects=True)
    html = resp.get_data(as_text=True)
    assert "Dibatalkan" in html and "Ganda" in html
    db.expire_all()
    assert db.get(Delivery, d.id).void_reason == "Ganda"


def test_mark_a_planned_delivery_given(client, world, db):
    worker, c = world
    from service.care import deliveries as delivery

    d = delivery.record_delivery(c.person, "permakanan", planned_on="2026-03-01", case=c)
    db.commit()
    login_as(client, worker)
    resp = post_form(client, f"/layanan/pemberian/{d.id}/diberikan", {"delivered_on": "03/03/2026"},
                     form_page=f"/layanan/kasus/{c.id}")
    assert resp.status_code == 302
    db.expire_all()
    assert db.get(Delivery, d.id).delivered_on == dt.date(2026, 3, 3)
    d2 = delivery.record_delivery(c.person, "permakanan", planned_on="2026-04-01", case=c)
    db.commit()
    bad = post_form(client, f"/layanan/pemberian/{d2.id}/diberikan", {"delivered_on": "01/01/2099"},
                    form_page=f"/layanan/kasus/{c.id}")
    assert bad.status_code == 422 and "tidak boleh di masa depan" in bad.get_data(as_text=True)


def test_deliveries_list_searches(client, world, db):
    worker, c = world
    f.deliver(c.person, "sandang", case=c)
    other = f.case(f.person(nama="Zainab Lain"), worker_id=worker.id)
    f.deliver(other.person, "sandang", case=other)
    db.commit()
    login_as(client, worker)
    html = client.get("/layanan/?q=Zainab").get_data(as_text=True)
    assert "Zainab Lain" in html and c.person.name not in html
    # a case number matches that case's deliveries only; a service type by a word of its name
    html = client.get(f"/layanan/?q={other.number}").get_data(as_text=True)
    assert "Zainab Lain" in html and c.person.name not in html
    f.deliver(c.person, "permakanan", case=c)
    db.commit()
    html = client.get("/layanan/?q=permakanan").get_data(as_text=True)  # "Penyediaan Permakanan (…)"
    assert c.person.name in html and "Zainab Lain" not in html
