"""The audit trail shows its readers only what every other page would: NIKs masked, need-to-know kept."""

from __future__ import annotations

import pytest

from tests import factories as f

NIK_OPEN = "1872011203500009"
NIK_SECRET = "1872014506950003"


@pytest.fixture
def records(db):
    plain = f.person(nama="Sumarni Terbuka", nik=NIK_OPEN, tanggal_lahir="1950-03-12")
    victim = f.person(nama="Melati Rahasia", nik=NIK_SECRET, tanggal_lahir="1995-06-05", jenis_kelamin="P")
    case = f.case(victim, category="korban_trafficking")
    f.assessment(case)
    db.commit()
    return plain, victim, case


@pytest.mark.parametrize("role", ["auditor", "admin"])
def test_audit_page_masks_niks_and_withholds_sensitive_records(logged_in, records, role):
    plain, victim, case = records
    client, _ = logged_in(role)
    html = "".join(client.get(f"/admin/audit?entity_type={t}").get_data(as_text=True)
                   for t in ("persons", "cases", "assessments"))
    assert NIK_OPEN not in html and NIK_SECRET not in html
    assert "Sumarni Terbuka" in html  # an ordinary person's entry stays readable
    assert "187201" in html  # ... with its NIK masked
    assert "Melati Rahasia" not in html and "korban_trafficking" not in html
    assert str(victim.id) not in html and str(case.id) not in html
    assert "Rahasia (perlu tahu)" in html
    # Filtering on the sensitive case itself gives no more away.
    html = client.get(f"/admin/audit?entity_type=cases&entity_id={case.id}").get_data(as_text=True)
    assert "korban_trafficking" not in html and "Rincian disembunyikan" in html


@pytest.mark.parametrize("role", ["auditor", "admin"])
def test_audit_export_masks_and_withholds_the_same(logged_in, records, role):
    plain, victim, case = records
    client, _ = logged_in(role)
    resp = client.get("/admin/audit/unduh?entity_type=persons")
    assert resp.status_code == 200 and resp.mimetype == "text/csv"
    body = resp.get_data(as_text=True) + client.get("/admin/audit/unduh?entity_type=cases").get_data(as_text=True)
    assert "Sumarni Terbuka" in body
    assert NIK_OPEN not in body and NIK_SECRET not in body
    assert "Melati Rahasia" not in body and "korban_trafficking" not in body and str(case.id) not in body
    assert "Rahasia (perlu tahu)" in body


def test_audit_export_is_denied_to_other_roles_and_is_itself_audited(app, logged_in, make_user, records, db):
    from sqlalchemy import select

    from service.core.models.audit import AuditLog
    from tests.conftest import login

    other = app.test_client()
    login(other, make_user("supervisor").username)
    assert other.get("/admin/audit/unduh").status_code == 403
    client, auditor = logged_in("auditor")
    client.get("/admin/audit/unduh?action=create")
    assert db.scalar(select(AuditLog).where(AuditLog.action == "export", AuditLog.entity_type == "audit_log",
                                            AuditLog.actor_id == auditor.id)) is not None


def test_nik_in_free_text_is_masked():
    from service.core.audit_view import mask_value

    got = mask_value({"nik": ["", NIK_OPEN], "note": f"KK {NIK_SECRET} dicek", "nik_warnings": ["x"]})
    assert NIK_OPEN not in str(got) and NIK_SECRET not in str(got)
    assert got["nik_warnings"] == ["x"]
