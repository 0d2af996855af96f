"""An import whose process died shows as failed ("Impor terhenti …"), not "running" for ever."""

from __future__ import annotations

import datetime as dt
import socket
import subprocess
import sys

from service.core import import_liveness as liveness
from service.core import imports
from service.core.db import utcnow
from service.core.models.imports import ImportRun

STOPPED = "Impor terhenti"


def _running(db, by_id, *, worker, beat_minutes_ago, kind="bnba"):
    run = imports.start_run("bnba.csv", by_id, kind=kind)
    run.status, run.phase, run.progress_done, run.progress_total = "running", "import", 40, 100
    run.worker = worker
    run.heartbeat_at = utcnow() - dt.timedelta(minutes=beat_minutes_ago)
    db.commit()
    return run


def _dead_pid() -> int:
    proc = subprocess.Popen([sys.executable, "-c", "pass"])
    proc.wait()
    return proc.pid


def test_stale_run_of_another_machine_is_failed_on_the_page_and_the_status(logged_in, db):
    client, operator = logged_in("operator")
    run = _running(db, operator.id, worker="worker-7.internal:4242", beat_minutes_ago=liveness.STALE_MINUTES + 5)
    status = client.get(f"/impor/bnba/{run.id}/status").get_json()
    assert status["status"] == "failed" and status["percent"] == 100
    assert STOPPED in status["report"]["errors"][0]["messages"][0]["message"]
    page = client.get(f"/impor/bnba/{run.id}").get_data(as_text=True)
    assert STOPPED in page and "baris salah" not in page
    db.expire_all()
    assert db.get(ImportRun, run.id).status == "failed"  # stored, so every worker and list agrees


def test_recent_run_of_another_machine_is_still_running(logged_in, db):
    client, operator = logged_in("operator")
    run = _running(db, operator.id, worker="worker-7.internal:4242", beat_minutes_ago=2)
    assert client.get(f"/impor/bnba/{run.id}/status").get_json()["status"] == "running"


def test_run_of_a_dead_process_on_this_machine_fails_at_once(logged_in, db):
    client, operator = logged_in("operator")
    run = _running(db, operator.id, worker=f"{socket.gethostname()}:{_dead_pid()}", beat_minutes_ago=0)
    assert client.get(f"/impor/bnba/{run.id}/status").get_json()["status"] == "failed"


def test_run_of_this_process_fails_only_without_its_thread(db, make_user):
    operator = make_user("operator")
    run = _running(db, operator.id, worker=liveness.worker_id(), beat_minutes_ago=liveness.STALE_MINUTES + 5)
    liveness.ACTIVE_RUNS.add(run.id)  # the import thread is alive here (SQLite: no ticks reach the row)
    try:
        assert imports.progress_of(run)["status"] == "running"
    finally:
        liveness.ACTIVE_RUNS.discard(run.id)
    assert imports.progress_of(run)["status"] == "failed"


def test_a_run_that_finished_meanwhile_keeps_its_outcome(db, make_user):
    operator = make_user("operator")
    run = _running(db, operator.id, worker="worker-7.internal:4242", beat_minutes_ago=liveness.STALE_MINUTES + 5)
    db.execute(ImportRun.__table__.update().where(ImportRun.id == run.id).values(status="done"))
    # ``run`` in memory still says "running" (read before the importer's final commit)
    assert imports.reap_if_dead(run) is False
    assert run.status == "done"


def test_payments_upload_run_too(logged_in, db):
    from service.performance import budget_import

    client, sup = logged_in("supervisor")
    run = _running(db, sup.id, worker="worker-7.internal:4242", beat_minutes_ago=liveness.STALE_MINUTES + 5,
                   kind=budget_import.KIND)
    page = client.get(f"/kinerja/impor/{run.id}")
    assert page.status_code == 200 and STOPPED in page.get_data(as_text=True)
    assert client.get(f"/kinerja/impor/{run.id}/status").get_json()["status"] == "failed"
