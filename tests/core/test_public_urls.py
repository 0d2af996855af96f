"""Links and QR codes that leave the building start with the office's configured address, never with
the Host header of the request that rendered them."""

from __future__ import annotations

import re
from pathlib import Path

from service.core import settings
from tests.complaints.test_web import _new_data
from tests.conftest import post_form

BASE = "https://lindung.metrokota.go.id"
FORGED = {"Host": "attacker.example"}


def test_admin_sets_the_public_address_and_a_bad_one_is_refused(logged_in, db):
    client, _ = logged_in("admin")
    page = client.get("/admin/pengaturan").get_data(as_text=True)
    assert "Alamat web publik Lindung" in page
    data = {"which": "office", "o-name": "Dinas Sosial Kota Metro", "o-base_url": "bukan alamat"}
    resp = post_form(client, "/admin/pengaturan", data, form_page="/admin/pengaturan")
    assert resp.status_code == 422 and "Alamat web tidak valid" in resp.get_data(as_text=True)
    assert settings.get("office.base_url") == ""
    data["o-base_url"] = BASE + "/"
    assert post_form(client, "/admin/pengaturan", data, form_page="/admin/pengaturan").status_code == 302
    assert settings.get("office.base_url") == BASE


def test_complaint_receipt_link_ignores_a_forged_host(logged_in, db):
    settings.put("office.base_url", BASE)
    db.commit()
    client, _ = logged_in("operator")
    resp = post_form(client, "/pengaduan/baru", _new_data())
    # the same signed-in session, sent to the forged host name
    client.set_cookie("session", client.get_cookie("session").value, domain="attacker.example")
    receipt = client.get(resp.headers["Location"], headers=FORGED).get_data(as_text=True)
    assert f"<strong>{BASE}/aduan/status</strong>" in receipt
    assert "attacker.example" not in receipt


def test_without_the_setting_the_config_value_is_used_not_the_host(app, db):
    from blueprints.core.urls import public_url

    with app.test_request_context("/", headers=FORGED):
        url = public_url("care.verify_letter", code="ABC")
    assert url == app.config["PUBLIC_BASE_URL"] + "/verifikasi/surat/ABC"
    assert "attacker" not in url


def test_api_referral_urls_use_the_configured_base(app, db):
    """The API answer's verification URL, under a forged Host, with a base that has a path."""
    from blueprints.care.api.referrals import ser_referral
    from service.care import referrals
    from tests import factories as f

    settings.put("office.base_url", BASE + "/lindung")
    ref = f.referral()
    referrals.send_referral(ref)
    with app.test_request_context("/", headers=FORGED):
        out = ser_referral(ref)
    assert out["verify_url"] == f"{BASE}/lindung/verifikasi/surat/{ref.verify_code}"


def test_no_link_is_built_from_the_request_host():
    """A guard: nothing under blueprints/ builds an absolute URL from the request."""
    root = Path(__file__).resolve().parents[2]
    offenders = []
    for path in (root / "blueprints").rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        if re.search(r"(?<!force)_external\s*=\s*True|request\.host_url|request\.url_root|request\.host\b", text):
            offenders.append(str(path.relative_to(root)))
    assert offenders == []
