"""The audit trail shows its readers only what every other page would (NIKs masked, need-to-know
kept), and in words: record names, field labels, formatted values; exportable as XLSX."""

from __future__ import annotations

import datetime as dt
import io
import re

import pytest
from openpyxl import load_workbook

from tests import factories as f

NIK_OPEN = "1872011203500009"
NIK_SECRET = "1872014506950003"
UUID_RE = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", re.I)
SNAKE_RE = re.compile(r"\b[a-z]+_[a-z_]+\b")


def visible_text(html: str) -> str:
    """What a reader sees: the page without tags, scripts and styles."""
    html = re.sub(r"(?s)<(script|style)\b.*?</\1>", " ", html)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def main_text(html: str) -> str:
    m = re.search(r"(?s)<main\b.*?</main>", html)
    return visible_text(m.group(0) if m else html)


def entries_text(html: str) -> str:
    m = re.search(r'(?s)<ol class="audit-list">.*?</ol>', html)
    return visible_text(m.group(0) if m else "")


def xlsx_text(resp) -> str:
    wb = load_workbook(io.BytesIO(resp.get_data()))
    return "\n".join(" | ".join("" if c is None else str(c) for c in row) for ws in wb for row in ws.iter_rows(values_only=True))


@pytest.fixture
def records(db):
    plain = f.person(nama="Sumarni Terbuka", nik=NIK_OPEN, tanggal_lahir="1950-03-12", jenis_kelamin="P")
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
    assert "187201**********" in html  # ... with its NIK masked
    assert "Melati Rahasia" not in html and "korban_trafficking" not in html and "Korban Trafficking" not in html
    assert str(victim.id) not in html and str(case.id) not in html and case.number not in html
    assert "Rahasia (perlu tahu)" in html
    # Filtering on the sensitive case itself gives no more away.
    html = client.get(f"/admin/audit?entity_type=cases&entity_id={case.id}").get_data(as_text=True)
    assert "korban_trafficking" not in html and "Rincian disembunyikan" in html and case.number not in html


def test_entries_show_names_labels_and_formatted_values_not_codes(logged_in, records):
    plain, _victim, _case = records
    client, _ = logged_in("auditor")
    html = client.get("/admin/audit?entity_type=persons").get_data(as_text=True)
    text = main_text(html)
    assert "Orang: Sumarni Terbuka" in text and "Dibuat" in text
    for label in ("Tanggal lahir", "Jenis kelamin", "Desa/kelurahan", "Wilayah"):
        assert label in text
    assert "12/03/1950" in text and "Perempuan" in text and "1950-03-12" not in text
    assert "Kota Metro" in text or "Metro" in text  # the village by name, not 18.72.01.1001
    assert "18.72.01.1001" not in text
    assert not UUID_RE.search(text), UUID_RE.search(text)
    assert not SNAKE_RE.search(text), SNAKE_RE.findall(text)
    assert "persons" not in text.split() and "create" not in text.split()


def test_case_entry_names_the_case_and_its_category_and_worker(logged_in, make_user, db):
    worker = make_user("peksos", "18.72.01", full_name="Budi Santoso")
    c = f.case(f.person(nama="Ahmad Lansia"), worker_id=worker.id)
    db.commit()
    client, _ = logged_in("auditor")
    text = main_text(client.get("/admin/audit?entity_type=cases").get_data(as_text=True))
    assert f"Kasus: {c.number}" in text
    assert "Budi Santoso" in text and "Ahmad Lansia" in text
    assert "Lanjut" in text  # the PPKS category by its name
    assert not UUID_RE.search(text) and not SNAKE_RE.search(text), SNAKE_RE.findall(text)


def test_login_and_logout_are_masuk_and_keluar_not_user_updates(app, make_user, db):
    from tests.conftest import csrf_from, login

    u = make_user("peksos", "18.72.01", full_name="Sari Pekerja")
    c = app.test_client()
    login(c, u.username)
    page = c.get("/")
    c.post("/keluar", data={"csrf_token": csrf_from(page.get_data(as_text=True))})
    reader = app.test_client()
    login(reader, make_user("auditor").username)
    text = entries_text(reader.get("/admin/audit?entity_type=users&actor=" + u.username).get_data(as_text=True))
    assert "Masuk" in text and "Keluar" in text and "Sari Pekerja" in text
    assert "Diubah" not in text  # no "update users" entry for the sign-in or sign-out


def test_old_bookkeeping_updates_read_as_sign_ins(logged_in, make_user, db):
    """Trails written before the bookkeeping became quiet still read as a sign-in."""
    from service.core.db import utcnow
    from service.core.models.audit import AuditLog

    u = make_user("operator", full_name="Ops Lama")
    db.add(AuditLog(at=utcnow(), actor_id=u.id, actor_name=u.username, action="update", entity_type="users",
                    entity_id=str(u.id), changes={"last_login_at": [None, "2026-03-01T01:00:00+00:00"],
                                                  "failed_logins": [2, 0]}, source="web"))
    db.commit()
    client, _ = logged_in("auditor")
    text = entries_text(client.get("/admin/audit?actor=Ops+Lama").get_data(as_text=True))
    assert "Masuk" in text and "Diubah" not in text and "last_login_at" not in text


def test_timestamps_and_date_filter_in_the_office_zone(logged_in, db):
    from service.core import clock

    with clock.frozen(dt.datetime(2026, 3, 11, 17, 30, tzinfo=dt.UTC)):  # 00:30 on 12 March in WIB
        f.person(nama="Larut Malam")
        db.commit()
    client, _ = logged_in("auditor")
    text = main_text(client.get("/admin/audit?q=Larut&from=12/03/2026&to=12/03/2026").get_data(as_text=True))
    assert "12/03/2026 00:30" in text and "Larut Malam" in text
    text = main_text(client.get("/admin/audit?q=Larut&from=11/03/2026&to=11/03/2026").get_data(as_text=True))
    assert "Larut Malam" not in text


def test_text_search_finds_names_but_cannot_probe_niks_or_secret_persons(logged_in, records):
    client, _ = logged_in("auditor")
    text = main_text(client.get("/admin/audit?q=sumarni").get_data(as_text=True))
    assert "Sumarni Terbuka" in text
    # A full NIK or a need-to-know person's name finds nothing (no oracle).
    for probe in (NIK_OPEN, NIK_SECRET, "Melati"):
        text = entries_text(client.get(f"/admin/audit?q={probe}").get_data(as_text=True))
        assert text.strip() == "Tidak ada catatan.", (probe, text)


@pytest.mark.parametrize("role", ["auditor", "admin"])
def test_audit_export_is_xlsx_and_masks_and_withholds_the_same(logged_in, records, role):
    plain, victim, case = records
    client, _ = logged_in(role)
    resp = client.get("/admin/audit/unduh?entity_type=persons")
    assert resp.status_code == 200 and resp.mimetype.endswith("spreadsheetml.sheet")
    body = xlsx_text(resp) + xlsx_text(client.get("/admin/audit/unduh?entity_type=cases"))
    assert "Sumarni Terbuka" in body and "12/03/1950" in body and "Tanggal lahir" in body
    assert NIK_OPEN not in body and NIK_SECRET not in body
    assert "Melati Rahasia" not in body and "korban_trafficking" not in body and str(case.id) not in body
    assert case.number not in body and "Rahasia (perlu tahu)" in body
    assert not UUID_RE.search(body)


def test_export_writes_formula_like_values_as_text(logged_in, db):
    f.person(nama="=HYPERLINK(\"http://x\",\"klik\")")
    db.commit()
    client, _ = logged_in("auditor")
    wb = load_workbook(io.BytesIO(client.get("/admin/audit/unduh?entity_type=persons").get_data()))
    cells = [c for row in wb.active.iter_rows() for c in row if isinstance(c.value, str) and c.value.startswith("=HYP")]
    assert cells and all(c.data_type == "s" for c in cells)


def test_english_ui_shows_english_labels(logged_in, records):
    from tests.conftest import csrf_from

    client, _ = logged_in("auditor")
    page = client.get("/admin/audit")
    client.post("/bahasa/en", data={"csrf_token": csrf_from(page.get_data(as_text=True)), "next": "/admin/audit"})
    text = main_text(client.get("/admin/audit?entity_type=persons").get_data(as_text=True))
    assert "Birth date" in text and "Sumarni Terbuka" in text and "Created" in text and "Female" in text
    assert "Tanggal lahir" not in text


@pytest.mark.parametrize("lang", ["id", "en"])
def test_audit_export_follows_the_readers_language(logged_in, records, lang):
    from tests.conftest import choose_language

    client, _ = logged_in("auditor")
    if lang == "en":
        choose_language(client, "en")
    ws = load_workbook(io.BytesIO(client.get("/admin/audit/unduh?entity_type=persons").get_data())).active
    header, body = [c.value for c in ws[3]], xlsx_text_of(ws)
    if lang == "en":
        assert ws["A1"].value == "Audit trail" and ws["A2"].value.startswith("Downloaded ")
        assert header[:2] == ["Time (WIB)", "Actor"] and "Changes" in header
        assert "Birth date" in body and "Female" in body and "Tanggal lahir" not in body and "Perubahan" not in header
    else:
        assert ws["A1"].value == "Jejak audit" and ws["A2"].value.startswith("Diunduh ")
        assert header[:2] == ["Waktu (WIB)", "Pelaku"] and "Tanggal lahir" in body and "Perempuan" in body
    assert re.fullmatch(r"\S+ \d\d/\d\d/\d{4} \d\d:\d\d", ws["A2"].value)  # dd/mm/yyyy in both languages
    assert "12/03/1950" in body


def xlsx_text_of(ws) -> str:
    return "\n".join(" | ".join("" if c is None else str(c) for c in row) for row in ws.iter_rows(values_only=True))


def test_page_resolves_names_in_bulk(logged_in, db, engine):
    from sqlalchemy import event

    for i in range(30):
        f.case(f.person(nama=f"Orang Banyak {i}"))
    db.commit()
    client, _ = logged_in("auditor")
    statements = []

    def count(*_a, **_k):
        statements.append(1)

    conn = db.connection()
    event.listen(conn, "before_cursor_execute", count)
    try:
        resp = client.get("/admin/audit")
    finally:
        event.remove(conn, "before_cursor_execute", count)
    assert resp.status_code == 200 and "Orang Banyak" in resp.get_data(as_text=True)
    assert 3 < len(statements) < 40, len(statements)  # 50 entries: a bounded number of queries, not one per row


def test_audit_export_is_denied_to_other_roles_and_is_itself_audited(app, logged_in, make_user, records, db):
    from sqlalchemy import select

    from service.core.models.audit import AuditLog
    from tests.conftest import login

    other = app.test_client()
    login(other, make_user("supervisor").username)
    assert other.get("/admin/audit/unduh").status_code == 403
    assert other.get("/admin/audit").status_code == 403
    client, auditor = logged_in("auditor")
    client.get("/admin/audit/unduh?action=create")
    assert db.scalar(select(AuditLog).where(AuditLog.action == "export", AuditLog.entity_type == "audit_log",
                                            AuditLog.actor_id == auditor.id)) is not None


def test_nik_in_free_text_is_masked():
    from service.core.audit_view import mask_value

    got = mask_value({"nik": ["", NIK_OPEN], "note": f"KK {NIK_SECRET} dicek", "nik_warnings": ["x"]})
    assert NIK_OPEN not in str(got) and NIK_SECRET not in str(got)
    assert got["nik_warnings"] == ["x"]


def test_every_table_and_column_has_a_label():
    from service.core.audit_labels import FIELD_LABELS, KIND_LABELS
    from service.core.db import Base

    tables = {m.local_table.name for m in Base.registry.mappers}
    columns = {c.key for m in Base.registry.mappers for c in m.local_table.columns}
    assert tables - set(KIND_LABELS) == set()
    assert columns - set(FIELD_LABELS) == set()


def test_delivery_entry_shows_money_service_name_and_person(logged_in, db):
    from service.reference.models import ServiceType

    p = f.person(nama="Wagiyem Lansia")
    f.deliver(p, "permakanan", cost=1250000)
    db.commit()
    service = db.get(ServiceType, "permakanan").name_id
    client, _ = logged_in("auditor")
    text = entries_text(client.get("/admin/audit?entity_type=deliveries").get_data(as_text=True))
    assert "Rp 1.250.000" in text and "1250000" not in text
    assert service in text and "Wagiyem Lansia" in text and "Layanan diberikan" in text
    assert not UUID_RE.search(text) and "permakanan" not in text.split()


def test_audit_export_reads_the_trail_in_chunks_and_keeps_every_row_in_order(logged_in, db, monkeypatch):
    from service.core import audit_view

    people = {str(f.person(nama=f"Warga Potongan {i:02d}").id): f"Warga Potongan {i:02d}" for i in range(10)}
    db.commit()
    chunks = []
    real = audit_view.export_chunks

    def counted(*a, **k):
        for chunk in real(*a, **k):
            chunks.append(len(chunk))
            yield chunk

    monkeypatch.setattr(audit_view, "EXPORT_CHUNK", 3)
    monkeypatch.setattr(audit_view, "export_chunks", counted)
    client, _ = logged_in("auditor")
    resp = client.get("/admin/audit/unduh?entity_type=persons&action=create")
    wb = load_workbook(io.BytesIO(resp.get_data()))
    names = [m.group(0) for row in wb.active.iter_rows(min_row=4, values_only=True)
             for m in [re.search(r"Warga Potongan \d\d", f"{row[6]} {row[7]}")] if m]
    newest_first = [people[e.entity_id] for e in db.scalars(audit_view.search_stmt(None, audit_view.Filters(
        entity_type="persons", action="create")))]
    assert chunks == [3, 3, 3, 1]
    assert names == newest_first and sorted(names) == sorted(people.values())  # all 10, once each, in order
    assert wb.active["A3"].value.startswith("Waktu") and wb.active.freeze_panes == "A4"
