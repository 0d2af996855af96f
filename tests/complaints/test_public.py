"""The public pages: no login, a spam guard with no outside service, a rate limit, and nothing
about a complaint but its status and dates."""

from __future__ import annotations

import re

from service.complaints.models import Complaint
from tests.complaints.conftest import make_complaint
from tests.conftest import csrf_from


def _form(client):
    html = client.get("/aduan").get_data(as_text=True)
    a, b = (int(x) for x in re.search(r"berapa (\d) \+ (\d)\?", html).groups())
    token = re.search(r'name="token" type="hidden" value="([^"]+)"', html).group(1)
    return {"csrf_token": csrf_from(html), "token": token, "answer": str(a + b), "website": "",
            "category_code": "bansos_tidak_diterima", "area_code": "18.72.05.1001", "location": "Rejomulyo",
            "description": "BPNT bulan ini belum masuk.", "complainant_name": "Sri Wahyuni",
            "complainant_phone": "0821-7444-1212", "complainant_relation": "self"}


def test_send_then_look_it_up(client, db):
    resp = client.post("/aduan", data=_form(client))
    assert resp.status_code == 302 and resp.headers["Location"].endswith("/aduan/terkirim")
    sent = client.get("/aduan/terkirim").get_data(as_text=True)
    number = re.search(r"ADU-\d{4}-\d{5}", sent).group(0)
    code = re.search(r"<strong>([A-Z2-9]{5}-[A-Z2-9]{5})</strong>", sent).group(1)
    complaint = db.query(Complaint).one()
    assert complaint.number == number and complaint.channel == "web" and complaint.area_code == "18.72.05.1001"
    assert client.get("/aduan/terkirim").status_code == 302  # shown once
    page = client.get("/aduan/status").get_data(as_text=True)
    resp = client.post("/aduan/status", data={"csrf_token": csrf_from(page), "number": number, "code": code})
    html = resp.get_data(as_text=True)
    assert resp.status_code == 200 and "Diterima" in html and number in html
    for secret in ("Sri Wahyuni", "0821-7444-1212", "BPNT", "Rejomulyo", "Bantuan sosial tidak diterima"):
        assert secret not in html


def test_lookup_never_tells_which_numbers_exist(client, db):
    c, code = make_complaint()
    db.commit()
    page = client.get("/aduan/status").get_data(as_text=True)
    token = csrf_from(page)
    wrong_code = client.post("/aduan/status", data={"csrf_token": token, "number": c.number, "code": "AAAAA-AAAAA"})
    unknown = client.post("/aduan/status", data={"csrf_token": token, "number": "ADU-2026-99999", "code": code})
    assert wrong_code.status_code == unknown.status_code == 404

    def body(resp):
        return re.sub(r'value="[^"]*"', "", resp.get_data(as_text=True))

    assert body(wrong_code) == body(unknown)
    assert "Suyatmi" not in wrong_code.get_data(as_text=True)


def test_lookup_is_rate_limited(client, db):
    page = client.get("/aduan/status").get_data(as_text=True)
    token = csrf_from(page)
    codes = [client.post("/aduan/status", data={"csrf_token": token, "number": "ADU-2026-00001",
                                                "code": f"AAAAA-AAAA{i % 9 + 2}"}).status_code for i in range(12)]
    assert codes[:10] == [404] * 10 and codes[10:] == [429, 429]
    assert "Terlalu banyak permintaan" in client.post("/aduan/status", data={"csrf_token": token}).get_data(as_text=True)


def test_form_is_rate_limited(client, db):
    statuses = []
    for _ in range(6):
        data = _form(client)
        data["description"] = ""  # invalid: nothing is saved, but each attempt counts
        statuses.append(client.post("/aduan", data=data).status_code)
    assert statuses == [422] * 5 + [429]


def test_spam_guard(client, app, db, monkeypatch):
    data = _form(client)
    resp = client.post("/aduan", data={**data, "website": "http://spam.example"})
    assert resp.status_code == 422 and "tidak dapat diterima" in resp.get_data(as_text=True)
    resp = client.post("/aduan", data={**_form(client), "answer": "99"})
    assert resp.status_code == 422 and "Jawaban penjumlahan salah" in resp.get_data(as_text=True)
    resp = client.post("/aduan", data={**_form(client), "token": "forged.token"})
    assert resp.status_code == 422
    monkeypatch.setitem(app.config, "COMPLAINT_FORM_MIN_SECONDS", 30)
    resp = client.post("/aduan", data=_form(client))
    assert resp.status_code == 422 and "terlalu cepat" in resp.get_data(as_text=True)
    monkeypatch.setitem(app.config, "COMPLAINT_FORM_MIN_SECONDS", 0)
    from blueprints.core.ratelimit import limiter

    limiter.reset()  # five tries a minute are spent
    data = _form(client)
    assert client.post("/aduan", data=data).status_code == 302
    assert client.post("/aduan", data=data).status_code == 422  # the same form twice
    assert db.query(Complaint).count() == 1


def test_public_form_requires_a_contact(client, db):
    resp = client.post("/aduan", data={**_form(client), "complainant_name": "", "complainant_phone": ""})
    html = resp.get_data(as_text=True)
    assert resp.status_code == 422 and "Nama pelapor wajib diisi" in html and "wajib diisi agar petugas" in html


def test_public_pages_show_no_recorded_data(client, db):
    c, _ = make_complaint()
    db.commit()
    for url in ("/aduan", "/aduan/status"):
        html = client.get(url).get_data(as_text=True)
        assert c.number not in html and "Suyatmi" not in html
