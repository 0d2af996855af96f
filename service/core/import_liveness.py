"""Import runs whose process died: a worker restarted, killed for memory or by a deploy takes its
import thread with it, and the run would stay "running" for ever. Each progress tick
(``service.core.imports.ProgressWriter``) records the process ("host:pid") and the time on the
``import_runs`` row; a reader decides from those whether the importer is still alive and marks a
dead run failed ("Impor terhenti …"). See docs/registry.md.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import socket
import uuid

from sqlalchemy import update

from service.core.db import session, utcnow
from service.core.errors import N_
from service.core.models.imports import ImportRun

_HOST = socket.gethostname()


def worker_id() -> str:
    """This process as "host:pid" (asked each time: a forked gunicorn worker has its own pid)."""
    return f"{_HOST}:{os.getpid()}"


STALE_MINUTES = 30  # no sign of life from another machine this long: dead
STALE_HOURS_LOCAL = 6  # a live pid on this machine, but no sign of life this long (pid reused?): dead
# Runs whose thread is alive in this process.
ACTIVE_RUNS: set[uuid.UUID] = set()
STALLED = N_("Impor terhenti: proses impor berhenti sebelum selesai (misalnya server dimulai ulang). "
             "Tidak ada data yang disimpan; unggah berkasnya lagi.")


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # exists, owned by someone else
        return True
    except OSError:
        return False
    return True


def is_dead(run: ImportRun, now: dt.datetime | None = None) -> bool:
    """Whether a pending/running ``run`` has lost its importing process."""
    if run.status not in ("pending", "running"):
        return False
    now = now or utcnow()
    age = now - (run.heartbeat_at or run.started_at)
    host, _, pid = (run.worker or "").rpartition(":")
    if host == _HOST and pid.isdigit():
        if int(pid) == os.getpid():  # its thread is ours to know (SQLite: no ticks while it runs)
            return run.id not in ACTIVE_RUNS and age > dt.timedelta(minutes=STALE_MINUTES)
        return not _pid_alive(int(pid)) or age > dt.timedelta(hours=STALE_HOURS_LOCAL)
    return age > dt.timedelta(minutes=STALE_MINUTES)


def reap_if_dead(run: ImportRun, now: dt.datetime | None = None) -> bool:
    """Mark ``run`` failed ("Impor terhenti …") when its process died; True when it did.

    A conditional UPDATE, so a run that finished meanwhile keeps its real outcome."""
    if not is_dead(run, now):
        return False
    report = {"ok": False, "stalled": True,
              "errors": [{"line": 0, "reason": STALLED,
                          "messages": [{"field": "_", "message": STALLED, "params": {}}]}]}
    result = session.execute(
        update(ImportRun).where(ImportRun.id == run.id, ImportRun.status.in_(("pending", "running")))
        .values(status="failed", phase="done", finished_at=now or utcnow(), report=report)
        .execution_options(synchronize_session=False))
    session.refresh(run)
    if result.rowcount:
        logging.getLogger(__name__).warning("import %s (%s): process %s gone, marked failed",
                                            run.id, run.filename, run.worker)
    return bool(result.rowcount)
