"""Backups that restore: backup -> wipe -> restore gives back every row, the SPM year report,
the photos and the keys; a damaged or mismatched backup is refused; the nightly job keeps N."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from tests.conftest import TEST_DATABASE_URL

ROOT = Path(__file__).resolve().parents[2]
FLASK = [sys.executable, "-m", "flask", "--app", "wsgi"]

PROBE = """
import json, datetime as dt
from sqlalchemy import inspect, text
from wsgi import app
from service.core.db import session
from service.reports import spm
with app.app_context():
    conn = session.connection()
    counts = {t: conn.execute(text(f'SELECT count(*) FROM "{t}"')).scalar()
              for t in sorted(inspect(conn).get_table_names())}
    report = spm.report_json(spm.report(dt.date.today().year))
    print(json.dumps({"counts": counts, "spm": report}, default=str, sort_keys=True))
"""


def _scratch_url(tmp: Path) -> str:
    if TEST_DATABASE_URL.startswith("postgresql"):
        url = make_url(TEST_DATABASE_URL)
        return url.set(database=f"{url.database}_backup").render_as_string(hide_password=False)
    return f"sqlite:///{tmp / 'office.db'}"


def _wipe(url: str, instance: Path) -> None:
    shutil.rmtree(instance)
    if url.startswith("postgresql"):
        engine = create_engine(url)
        with engine.begin() as conn:
            conn.exec_driver_sql("DROP SCHEMA public CASCADE")
            conn.exec_driver_sql("CREATE SCHEMA public")
        engine.dispose()
    else:
        for suffix in ("", "-wal", "-shm"):
            Path(make_url(url).database + suffix).unlink(missing_ok=True)


@pytest.fixture(scope="module")
def office(tmp_path_factory: Any) -> Any:
    tmp = tmp_path_factory.mktemp("office")
    url = _scratch_url(tmp)
    if url.startswith("postgresql"):
        admin = create_engine(TEST_DATABASE_URL, isolation_level="AUTOCOMMIT")
        name = make_url(url).database
        with admin.connect() as conn:
            conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            conn.exec_driver_sql(f'CREATE DATABASE "{name}"')
        admin.dispose()
    instance = tmp / "instance"
    env = {k: v for k, v in os.environ.items() if k != "SECRET_KEY"}
    env.update(DATABASE_URL=url, LINDUNG_INSTANCE_PATH=str(instance), LINDUNG_SCHEDULER="0")

    def run(*args: str, check: bool = True, input: str | None = None) -> subprocess.CompletedProcess[str]:
        done = subprocess.run([*FLASK, *args], cwd=ROOT, env=env, capture_output=True, text=True, input=input)
        if check:
            assert done.returncode == 0, done.stderr
        return done

    def probe() -> dict[str, Any]:
        done = subprocess.run([sys.executable, "-c", PROBE], cwd=ROOT, env=env, capture_output=True, text=True)
        assert done.returncode == 0, done.stderr
        return json.loads(done.stdout.strip().splitlines()[-1])

    run("db", "upgrade")
    run("reference", "load", "--province", "18")
    run("seed-demo")
    (instance / "photos").mkdir(exist_ok=True)
    (instance / "photos" / "p1.jpg").write_bytes(b"\xff\xd8photo-bytes\xff\xd9")
    return {"url": url, "instance": instance, "tmp": tmp, "run": run, "probe": probe}


def test_backup_wipe_restore_gives_everything_back(office: Any) -> None:
    before = office["probe"]()
    assert before["counts"]["persons"] > 0 and before["counts"]["signing_keys"] >= 0
    secret = (office["instance"] / "secret_key").read_text()
    dest = office["tmp"] / "backup-1"

    out = office["run"]("backup", "create", str(dest)).stdout
    assert "Backup written" in out
    manifest = json.loads((dest / "manifest.json").read_text())
    assert manifest["tables"] == before["counts"]
    assert "instance/secret_key" in manifest["files"] and "instance/photos/p1.jpg" in manifest["files"]
    assert (dest / "instance" / "secret_key").stat().st_mode & 0o077 == 0
    assert office["run"]("backup", "verify", str(dest)).returncode == 0

    _wipe(office["url"], office["instance"])
    out = office["run"]("backup", "restore", str(dest), "--yes").stdout
    assert "Restored" in out
    after = office["probe"]()
    assert after["counts"] == before["counts"]
    assert after["spm"] == before["spm"]
    assert (office["instance"] / "secret_key").read_text() == secret
    assert (office["instance"] / "photos" / "p1.jpg").read_bytes() == b"\xff\xd8photo-bytes\xff\xd9"


def test_damaged_or_mismatched_backup_is_refused(office: Any) -> None:
    dest = office["tmp"] / "backup-2"
    office["run"]("backup", "create", str(dest))
    before = office["probe"]()["counts"]

    photo = dest / "instance" / "photos" / "p1.jpg"
    photo.write_bytes(b"tampered")
    done = office["run"]("backup", "verify", str(dest), check=False)
    assert done.returncode != 0 and "photos/p1.jpg" in done.stderr and "Traceback" not in done.stderr
    done = office["run"]("backup", "restore", str(dest), "--yes", check=False)
    assert done.returncode != 0 and "rusak" in done.stderr
    assert office["probe"]()["counts"] == before  # nothing touched

    shutil.rmtree(dest)
    office["run"]("backup", "create", str(dest))
    manifest = json.loads((dest / "manifest.json").read_text())
    (dest / "manifest.json").write_text(json.dumps({**manifest, "revision": "9999_from_the_future"}))
    done = office["run"]("backup", "restore", str(dest), "--yes", check=False)
    assert done.returncode != 0 and "9999_from_the_future" in done.stderr

    other = "postgresql" if manifest["dialect"] == "sqlite" else "sqlite"
    (dest / "manifest.json").write_text(json.dumps({**manifest, "dialect": other}))
    done = office["run"]("backup", "restore", str(dest), "--yes", check=False)
    assert done.returncode != 0 and "Traceback" not in done.stderr

    assert office["run"]("backup", "create", str(dest), check=False).returncode != 0  # not empty
    assert office["run"]("backup", "verify", str(office["tmp"]), check=False).returncode != 0
    assert office["probe"]()["counts"] == before


def test_nightly_backup_keeps_the_newest(tmp_path: Path) -> None:
    import datetime as dt

    from service.core import backup
    from service.core.jobs import JOBS

    assert "nightly_backup" in JOBS
    engine = create_engine(f"sqlite:///{tmp_path / 'x.db'}")
    with engine.begin() as conn:
        conn.execute(text("CREATE TABLE alembic_version (version_num TEXT)"))
        conn.execute(text("CREATE TABLE t (id INTEGER)"))
        conn.execute(text("INSERT INTO t VALUES (1), (2)"))
    instance = tmp_path / "inst"
    instance.mkdir()
    (instance / "secret_key").write_text("k")
    root = tmp_path / "backups"
    for day in range(1, 5):
        result = backup.nightly(root, engine, instance, keep=2, now=dt.datetime(2026, 3, day, 1, 30))
    assert sorted(p.name for p in root.iterdir()) == ["lindung-20260303-013000", "lindung-20260304-013000"]
    assert result["removed"] == ["lindung-20260302-013000"]
    assert backup.verify(root / "lindung-20260304-013000")["tables"]["t"] == 2
    engine.dispose()


def test_nightly_job_skips_without_a_directory() -> None:
    from service.core import backup
    from service.core.jobs import JOBS

    saved = dict(backup.SETTINGS)
    try:
        backup.configure(None, 14, "/nonexistent")
        assert JOBS["nightly_backup"][0]() == {"skipped": "LINDUNG_BACKUP_DIR is not set"}
    finally:
        backup.SETTINGS.update(saved)
