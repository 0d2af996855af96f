"""BNBA upload: progress persisted in ``import_runs`` by separate transactions; reasons in the reader's language."""

from __future__ import annotations

import io

from sqlalchemy import select
from sqlalchemy.orm import Session

from service.core import imports as import_runs
from service.core.models.imports import ImportRun
from service.registry import bnba as imports
from service.registry.models import Person
from tests.conftest import csrf_from
from tests.registry.test_bnba_import import GOOD

BAD = "nama,kode_wilayah,nik,kategori_ppks,alasan_tanpa_nik\nBaik,18.72.01.1001,,,dokumen_hilang\n" \
      ",18.72.01.1001,,,dokumen_hilang\nSalah,18.72.01.1001,99,,\nKategori,18.72.01.1001,,bukan_kategori,dokumen_hilang\n"


def _other_session(db):
    """A session of its own (as another gunicorn worker would have) on the test's connection."""
    return Session(bind=db.get_bind())


def test_status_endpoint_reads_progress_written_by_another_session(logged_in, db):
    client, operator = logged_in("operator")
    run = import_runs.start_run("bnba.csv", operator.id)
    db.commit()
    url = f"/impor/bnba/{run.id}/status"
    assert client.get(url).get_json() == {"status": "pending", "percent": 0, "phase": "pending", "report": None}
    import_runs.ProgressWriter(run.id, db.get_bind()).write(120, 400, "import")  # own session, committed
    assert client.get(url).get_json() == {"status": "running", "percent": 30, "phase": "import", "report": None}
    page = client.get(f"/impor/bnba/{run.id}").get_data(as_text=True)
    assert "import-bar" in page and 'value="30"' in page, page[page.find("<main"):][:1500]


def test_progress_is_visible_to_other_sessions_during_the_import_and_the_report_stays_exact(db, make_user):
    operator = make_user("operator")
    run = import_runs.start_run("bnba.csv", operator.id)
    db.commit()
    writer = import_runs.ProgressWriter(run.id, db.get_bind(), interval=0)
    seen: list[tuple[str, int, int]] = []

    def tick(done: int, total: int, phase: str) -> None:
        writer(done, total, phase)
        with _other_session(db) as other:  # what a status poll on another worker reads
            row = other.get(ImportRun, run.id)
            seen.append((row.phase, row.progress_done, row.progress_total))

    report = imports.execute_run(db.get(ImportRun, run.id), GOOD.encode(), progress=tick)
    db.commit()
    assert [s[0] for s in seen] == ["check", "import", "done"]
    assert [s[2] for s in seen] == [10, 10, 10] and seen[-1][1] == 10
    assert [s[1] for s in seen] == sorted(s[1] for s in seen)
    db.expire_all()
    stored = db.get(ImportRun, run.id)
    assert stored.status == "done" and import_runs.progress_of(stored)["percent"] == 100
    assert (stored.report["persons_created"], stored.report["cases_opened"], stored.report["deliveries_created"]) \
        == (report.persons_created, report.cases_opened, report.deliveries_created) == (3, 2, 2)


def test_progress_write_never_touches_a_finished_run(db, make_user):
    run = import_runs.start_run("bnba.csv", None)
    run.status, run.phase = "done", "done"
    db.commit()
    import_runs.ProgressWriter(run.id, db.get_bind()).write(1, 10, "check")
    db.expire_all()
    assert (db.get(ImportRun, run.id).status, db.get(ImportRun, run.id).progress_done) == ("done", 0)


def _upload(client, data: str):
    page = client.get("/impor/bnba").get_data(as_text=True)
    return client.post("/impor/bnba", data={"csrf_token": csrf_from(page), "file": (io.BytesIO(data.encode()), "b.csv")},
                       content_type="multipart/form-data", follow_redirects=True)


def test_row_errors_are_stored_untranslated_with_params(db):
    report = imports.import_bnba(BAD.encode(), "b.csv")
    by_line = {e.line: e for e in report.errors}
    assert by_line[5].messages == [{"field": "kategori_ppks", "message": "Kategori PPKS tidak dikenal: {category}.",
                                    "params": {"category": "bukan_kategori"}}]
    assert by_line[5].reason == "kategori_ppks: Kategori PPKS tidak dikenal: bukan_kategori."  # CLI text unchanged


def test_upload_report_shows_reasons_in_the_users_language(logged_in, db):
    client, _ = logged_in("operator")
    html = _upload(client, BAD).get_data(as_text=True)
    assert "Kategori PPKS tidak dikenal: bukan_kategori." in html and "Nama wajib" in html
    run_url = client.get("/impor/bnba").request.path
    client.post("/bahasa/en", data={"csrf_token": csrf_from(client.get(run_url).get_data(as_text=True)),
                                  "next": "/impor/bnba"})
    html = _upload(client, BAD).get_data(as_text=True)
    assert "Import rejected" in html or "rejected" in html
    assert "Unknown PPKS category: bukan_kategori." in html
    assert "Kategori PPKS tidak dikenal" not in html and "Nama wajib" not in html
    assert db.scalar(select(Person).where(Person.name == "Baik")) is None


def test_status_uses_this_process_progress_when_the_row_lags(db, make_user):
    """On SQLite the importing transaction holds the write lock, so the row cannot be updated;
    a poll served by the same process still shows how far the import got."""
    user = make_user("operator")
    run = import_runs.start_run("x.csv", user.id)
    db.commit()
    assert import_runs.progress_of(run)["percent"] == 0
    import_runs.LIVE_PROGRESS[run.id] = (30, 60, "import")
    try:
        status = import_runs.progress_of(run)
        assert status["percent"] == 50 and status["phase"] == "import"
    finally:
        import_runs.LIVE_PROGRESS.pop(run.id, None)
