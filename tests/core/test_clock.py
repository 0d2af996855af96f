"""The office's clock: its time zone decides every "today", every shown time and the jobs' day.

After 17:00 UTC it is already tomorrow in WIB (18:00 in WITA, 17:00... 15:00 in WIT): a user in the
office sees their own date, never the server's UTC date.
"""

from __future__ import annotations

import datetime as dt

import pytest

from service.core import clock, jobs, periods, settings
from service.core.models.audit import AuditLog
from tests.conftest import post_form

EVENING_UTC = dt.datetime(2026, 11, 30, 17, 30, tzinfo=dt.UTC)  # 1 December 00:30 WIB


@pytest.mark.parametrize("code,zone", [("18.72", "WIB"), ("65.71", "WITA"), ("65", "WITA"), ("51.71", "WITA"),
                                       ("73.71.01", "WITA"), ("81.71", "WIT"), ("94.01", "WIT"), ("31.71", "WIB"),
                                       ("62.01", "WIB"), ("", "WIB")])
def test_the_zone_follows_the_office_province(code, zone):
    assert clock.zone_for_region(code) == zone


def test_kota_tarakan_is_wita_unless_the_admin_chooses(db):
    settings.put("office.region_code", "65.71")
    assert clock.zone().code == "WITA"
    settings.put("office.timezone", "WIB")
    assert clock.zone().code == "WIB"
    settings.put("office.timezone", "")
    assert clock.zone().code == "WITA"


def test_today_is_the_office_date_around_midnight(db):
    settings.put("office.region_code", "18.72")
    with clock.frozen(dt.datetime(2026, 11, 30, 16, 59, tzinfo=dt.UTC)):
        assert clock.today() == dt.date(2026, 11, 30)  # 23:59 WIB
    with clock.frozen(EVENING_UTC):
        assert clock.today() == dt.date(2026, 12, 1)  # 00:30 WIB
        assert clock.now().strftime("%H:%M") == "00:30"
    settings.put("office.region_code", "65.71")  # Tarakan: WITA, midnight is 16:00 UTC
    with clock.frozen(dt.datetime(2026, 11, 30, 16, 30, tzinfo=dt.UTC)):
        assert clock.today() == dt.date(2026, 12, 1)
    settings.put("office.timezone", "WIT")  # midnight is 15:00 UTC
    with clock.frozen(dt.datetime(2026, 11, 30, 15, 1, tzinfo=dt.UTC)):
        assert clock.today() == dt.date(2026, 12, 1)
    with clock.frozen(dt.datetime(2026, 11, 30, 14, 59, tzinfo=dt.UTC)):
        assert clock.today() == dt.date(2026, 11, 30)


def test_a_month_can_be_closed_once_it_has_ended_in_the_office(db):
    """00:30 WIB on 1 December: November is over for the office although UTC still says 30 November."""
    with clock.frozen(EVENING_UTC):
        row = periods.close_month(2026, 11, None)
    assert row.status == "closed"
    with clock.frozen(dt.datetime(2026, 12, 31, 16, 0, tzinfo=dt.UTC)), pytest.raises(Exception) as exc:
        periods.close_month(2026, 12, None)  # 23:00 WIB on 31 December: not over yet
    assert "belum berakhir" in str(exc.value.fields)  # type: ignore[attr-defined]


def test_a_daily_job_runs_for_the_office_day(db):
    assert jobs.daily_period(EVENING_UTC) == "2026-12-01"
    settings.put("office.timezone", "WIT")
    assert jobs.daily_period(dt.datetime(2026, 11, 30, 15, 30, tzinfo=dt.UTC)) == "2026-12-01"
    assert clock.zone().iana == "Asia/Jayapura"


def test_the_audit_log_shows_office_time_not_utc(logged_in, db):
    client, admin = logged_in("admin")
    with clock.frozen(EVENING_UTC):
        settings.put("office.head_name", "Ibu Kepala Uji")
        db.commit()
    entry = db.query(AuditLog).filter(AuditLog.entity_id == "office.head_name").one()
    assert entry.at.astimezone(dt.UTC).hour == 17
    html = client.get("/admin/audit?entity_type=settings").get_data(as_text=True)
    assert "01/12/2026 00:30" in html and "2026-11-30" not in html and "17:30" not in html
    settings.put("office.timezone", "WITA")
    db.commit()
    html = client.get("/admin/audit?entity_type=settings").get_data(as_text=True)
    assert "01/12/2026 01:30" in html


def test_the_admin_chooses_the_zone_on_the_settings_page(logged_in, db):
    client, _ = logged_in("admin")
    settings.put("office.region_code", "65.71")
    db.commit()
    page = client.get("/admin/pengaturan").get_data(as_text=True)
    assert "Zona waktu kantor" in page and "Ikuti provinsi kantor (sekarang WITA)" in page
    data = {"which": "office", "o-name": "Dinas Sosial Kota Tarakan", "o-region_code": "65.71", "o-timezone": "WIT"}
    assert post_form(client, "/admin/pengaturan", data).status_code == 302
    assert settings.get("office.timezone") == "WIT" and clock.zone().code == "WIT"
    data["o-timezone"] = "UTC"
    resp = post_form(client, "/admin/pengaturan", data)
    assert resp.status_code == 422
    assert settings.get("office.timezone") == "WIT"
