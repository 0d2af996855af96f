"""Task lists, the supervisor's overview and the area's settings page."""

from __future__ import annotations

import datetime as dt

from service.care import tracing
from tests.care.pages import login_as
from tests.conftest import csrf_from, post_form


def test_task_list_and_overview(client, world, db, make_user, logged_in):
    worker, c = world
    c.last_activity_at = c.last_activity_at - dt.timedelta(days=45)
    db.commit()
    login_as(client, worker)
    html = client.get("/layanan/tugas").get_data(as_text=True)
    assert "Kasus tanpa kegiatan" in html and c.number in html
    client.post("/keluar", data={"csrf_token": csrf_from(html)})
    other = make_user("peksos", "18.72.01")
    login_as(client, other)
    assert c.number not in client.get("/layanan/tugas").get_data(as_text=True)
    assert client.get("/layanan/tugas/ringkasan").status_code == 403
    client.post("/keluar", data={"csrf_token": csrf_from(client.get("/layanan/tugas").get_data(as_text=True))})
    sup = make_user("supervisor", full_name="Rina")
    login_as(client, sup)
    html = client.get("/layanan/tugas/ringkasan").get_data(as_text=True)
    assert "Agus" in html and c.number in html


def test_area_settings_admin_only(logged_in):
    client, _ = logged_in("peksos", "18.72.01")
    assert client.get("/layanan/pengaturan").status_code == 403


def test_admin_edits_area_settings(logged_in):
    client2, _ = logged_in("admin")
    bad = post_form(client2, "/layanan/pengaturan", {"letter_number_format": "{code}", "letter_code": "460",
                                                     "followup_months": "1,3,6", "answer_days": "7", "link_days": "30",
                                                     "inactive_days": "30"})
    assert bad.status_code == 422 and "Format nomor surat harus memuat {seq} dan {year}." in bad.get_data(as_text=True)
    ok = post_form(client2, "/layanan/pengaturan", {"letter_number_format": "{seq}/{code}/{year}", "letter_code": "460",
                                                    "followup_months": "1, 2", "answer_days": "5", "link_days": "10",
                                                    "inactive_days": "20"})
    assert ok.status_code == 302
    assert tracing.followup_months() == [1, 2]
