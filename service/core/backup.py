"""Backups that restore: a consistent snapshot of the database and the instance folder.

A backup is a directory::

    manifest.json          what is in it: versions, row count per table, SHA-256 per file
    database.sqlite3       SQLite: an online-backup-API copy (consistent while the app serves)
    database.dump          PostgreSQL: ``pg_dump -Fc`` of the exported snapshot the counts were read in
    instance/...           the instance folder: secret key, photos, uploads, receipts, key files

The card-signing key pair lives in the ``signing_keys`` table, so it travels with the database;
any key file kept in the instance folder travels with ``instance/``. ``verify`` checks every
checksum and, for SQLite, the snapshot's integrity and counts; ``restore`` refuses a backup that
fails ``verify``, was made from another kind of database, or carries a schema revision this
code does not know, and checks the restored row counts against the manifest.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import tempfile
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, inspect, text
from sqlalchemy.engine import make_url

from service.core.errors import N_, ValidationError

FORMAT = 1
MANIFEST = "manifest.json"
SQLITE_FILE = "database.sqlite3"
PG_FILE = "database.dump"
INSTANCE_DIR = "instance"
# Files of the live SQLite database and of earlier backups are never copied as files.
_SKIP_SUFFIXES = (".db", ".db-wal", ".db-shm", ".db-journal", ".sqlite3", ".sqlite3-wal", ".sqlite3-shm")
BACKUP_PREFIX = "lindung-"
# Where the nightly job writes and how many it keeps (set by the app factory from the config).
SETTINGS: dict[str, Any] = {"dir": None, "keep": 14, "instance": None}


def configure(directory: str | None, keep: int, instance: str) -> None:
    SETTINGS.update(dir=directory, keep=keep, instance=instance)


class BackupError(ValidationError):
    def __init__(self, message: str, **params: Any) -> None:
        super().__init__({"_": message}, **params)


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _tables(engine_or_conn: Any) -> list[str]:
    return sorted(inspect(engine_or_conn).get_table_names())


def _counts(conn: Any) -> dict[str, int]:
    return {t: int(conn.execute(text(f'SELECT count(*) FROM "{t}"')).scalar() or 0) for t in _tables(conn)}


def _sqlite_counts(path: Path) -> dict[str, int]:
    con = sqlite3.connect(f"file:{path}?mode=ro&immutable=1", uri=True)
    try:
        names = [r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table' "
                                           "AND name NOT LIKE 'sqlite_%' ORDER BY name")]
        return {n: int(con.execute(f'SELECT count(*) FROM "{n}"').fetchone()[0]) for n in names}
    finally:
        con.close()


def _revision(conn: Any) -> str | None:
    try:
        return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
    except Exception:
        return None


def _pg_args(url: str) -> tuple[list[str], dict[str, str]]:
    u = make_url(url)
    args = ["-h", u.host or "localhost", "-p", str(u.port or 5432), "-U", u.username or "postgres",
            "-d", u.database or ""]
    env = dict(os.environ)
    if u.password:
        env["PGPASSWORD"] = u.password
    return args, env


def _run(cmd: list[str], env: dict[str, str]) -> None:
    exe = shutil.which(cmd[0])
    if exe is None:
        raise BackupError(N_("Perintah {cmd} tidak ditemukan; pasang klien PostgreSQL."), cmd=cmd[0])
    done = subprocess.run([exe, *cmd[1:]], env=env, capture_output=True, text=True)
    if done.returncode != 0:
        line = (done.stderr or done.stdout or "").strip().splitlines()
        raise BackupError(N_("{cmd} gagal: {reason}"), cmd=cmd[0], reason=line[0] if line else done.returncode)


def _copy_instance(instance: Path, dest: Path, exclude: set[Path]) -> None:
    if not instance.is_dir():
        return
    for src in sorted(instance.rglob("*")):
        if any(src == e or e in src.parents for e in exclude) or not src.is_file():
            continue
        if src.name.endswith(_SKIP_SUFFIXES):
            continue
        target = dest / src.relative_to(instance)
        target.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        shutil.copy2(src, target)


def _file_list(root: Path) -> dict[str, str]:
    return {p.relative_to(root).as_posix(): _sha256(p)
            for p in sorted(root.rglob("*")) if p.is_file() and p.name != MANIFEST}


def create(dest: str | os.PathLike[str], engine: Engine, instance: str | os.PathLike[str]) -> dict[str, Any]:
    """Write a backup into ``dest`` (absent or empty) and return its manifest."""
    dest, instance = Path(dest).resolve(), Path(instance).resolve()
    if dest.exists() and any(dest.iterdir()):
        raise BackupError(N_("Folder cadangan {path} tidak kosong."), path=str(dest))
    dest.mkdir(parents=True, exist_ok=True, mode=0o700)
    os.chmod(dest, 0o700)
    dialect = engine.dialect.name
    try:
        if dialect == "sqlite":
            source = engine.raw_connection()
            try:
                target = sqlite3.connect(dest / SQLITE_FILE)
                source.driver_connection.backup(target)  # type: ignore[union-attr]
                target.execute("PRAGMA journal_mode=DELETE")  # one self-contained file, no -wal/-shm
                target.close()
            finally:
                source.close()
            counts = _sqlite_counts(dest / SQLITE_FILE)
            con = sqlite3.connect(f"file:{dest / SQLITE_FILE}?mode=ro&immutable=1", uri=True)
            revision = con.execute("SELECT version_num FROM alembic_version").fetchone()
            con.close()
            revision = revision[0] if revision else None
        elif dialect == "postgresql":
            # Read the counts in a snapshot and let pg_dump dump exactly that snapshot.
            with engine.connect() as conn:
                conn = conn.execution_options(isolation_level="REPEATABLE READ")
                with conn.begin():
                    snapshot = conn.execute(text("SELECT pg_export_snapshot()")).scalar()
                    counts = _counts(conn)
                    revision = _revision(conn)
                    args, env = _pg_args(engine.url.render_as_string(hide_password=False))
                    _run(["pg_dump", "-Fc", "--no-owner", "--no-privileges", f"--snapshot={snapshot}",
                          "-f", str(dest / PG_FILE), *args], env)
        else:
            raise BackupError(N_("Basis data {dialect} tidak didukung."), dialect=dialect)
        exclude = {dest}
        if dialect == "sqlite" and engine.url.database:
            exclude.add(Path(engine.url.database).resolve())
        _copy_instance(instance, dest / INSTANCE_DIR, exclude)
    except BaseException:
        shutil.rmtree(dest, ignore_errors=True)
        raise
    for p in dest.rglob("*"):
        os.chmod(p, 0o700 if p.is_dir() else 0o600)
    manifest = {
        "format": FORMAT,
        "app": "lindung",
        "created_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "dialect": dialect,
        "revision": revision,
        "tables": counts,
        "files": _file_list(dest),
    }
    path = dest / MANIFEST
    path.write_text(json.dumps(manifest, indent=2, sort_keys=True))
    os.chmod(path, 0o600)
    return manifest


def verify(src: str | os.PathLike[str]) -> dict[str, Any]:
    """The manifest of a complete, undamaged backup; BackupError naming the first problem otherwise."""
    src = Path(src)
    try:
        manifest = json.loads((src / MANIFEST).read_text())
    except FileNotFoundError:
        raise BackupError(N_("{path} bukan cadangan Lindung: manifest.json tidak ada."), path=str(src)) from None
    except (ValueError, UnicodeDecodeError):
        raise BackupError(N_("manifest.json rusak.")) from None
    if not isinstance(manifest, dict) or manifest.get("app") != "lindung" or manifest.get("format") != FORMAT:
        raise BackupError(N_("manifest.json bukan manifest cadangan Lindung yang dikenal."))
    expected: dict[str, str] = manifest.get("files") or {}
    actual = _file_list(src)
    for name in sorted(set(expected) | set(actual)):
        if name not in actual:
            raise BackupError(N_("Berkas {name} hilang dari cadangan."), name=name)
        if name not in expected:
            raise BackupError(N_("Berkas {name} tidak tercatat di manifest."), name=name)
        if actual[name] != expected[name]:
            raise BackupError(N_("Berkas {name} rusak (checksum tidak cocok)."), name=name)
    db_file = SQLITE_FILE if manifest.get("dialect") == "sqlite" else PG_FILE
    if db_file not in actual:
        raise BackupError(N_("Berkas {name} hilang dari cadangan."), name=db_file)
    if manifest["dialect"] == "sqlite":
        con = sqlite3.connect(f"file:{src / SQLITE_FILE}?mode=ro&immutable=1", uri=True)
        try:
            ok = con.execute("PRAGMA integrity_check").fetchone()[0]
        except sqlite3.DatabaseError:
            ok = "not a database"
        finally:
            con.close()
        if ok != "ok":
            raise BackupError(N_("Basis data di cadangan rusak: {reason}"), reason=ok)
        if _sqlite_counts(src / SQLITE_FILE) != manifest.get("tables"):
            raise BackupError(N_("Jumlah baris di cadangan tidak sama dengan manifest."))
    return manifest


def _known_revisions() -> set[str]:
    from alembic.script import ScriptDirectory

    from service.core.migrate import alembic_config

    return {s.revision for s in ScriptDirectory.from_config(alembic_config("sqlite://")).walk_revisions()}


def restore(src: str | os.PathLike[str], engine: Engine, instance: str | os.PathLike[str]) -> dict[str, Any]:
    """Replace the database and the instance files with the backup in ``src``."""
    src, instance = Path(src).resolve(), Path(instance).resolve()
    manifest = verify(src)
    dialect = engine.dialect.name
    if manifest["dialect"] != dialect:
        raise BackupError(N_("Cadangan ini dari basis data {theirs}, bukan {ours}."),
                          theirs=manifest["dialect"], ours=dialect)
    if manifest.get("revision") and manifest["revision"] not in _known_revisions():
        raise BackupError(N_("Cadangan ini dari versi aplikasi lain (revisi skema {rev} tidak dikenal)."),
                          rev=manifest["revision"])
    engine.dispose()
    if dialect == "sqlite":
        source = sqlite3.connect(f"file:{src / SQLITE_FILE}?mode=ro&immutable=1", uri=True)
        raw = engine.raw_connection()
        try:
            raw.driver_connection.execute("PRAGMA foreign_keys=OFF")  # type: ignore[union-attr]
            source.backup(raw.driver_connection)  # type: ignore[arg-type]
        finally:
            raw.close()
            source.close()
    else:
        with engine.begin() as conn:
            conn.exec_driver_sql("DROP SCHEMA IF EXISTS public CASCADE")
            conn.exec_driver_sql("CREATE SCHEMA public")
        args, env = _pg_args(engine.url.render_as_string(hide_password=False))
        _run(["pg_restore", "--no-owner", "--no-privileges", "--exit-on-error", *args, str(src / PG_FILE)], env)
    engine.dispose()
    with engine.connect() as conn:
        restored = _counts(conn)
    if restored != manifest["tables"]:
        raise BackupError(N_("Pemulihan tidak lengkap: jumlah baris tidak sama dengan manifest."))
    files = src / INSTANCE_DIR
    if files.is_dir():
        for top in files.iterdir():
            target = instance / top.name
            if top.is_dir():
                shutil.rmtree(target, ignore_errors=True)
                shutil.copytree(top, target)
            else:
                instance.mkdir(parents=True, exist_ok=True, mode=0o700)
                shutil.copy2(top, target)
    return manifest


def nightly(root: str | os.PathLike[str], engine: Engine, instance: str | os.PathLike[str],
            keep: int = 14, now: dt.datetime | None = None) -> dict[str, Any]:
    """One dated backup under ``root`` (``lindung-YYYYMMDD-HHMMSS``), keeping the newest ``keep``."""
    root = Path(root)
    root.mkdir(parents=True, exist_ok=True, mode=0o700)
    stamp = (now or dt.datetime.now(dt.UTC)).strftime("%Y%m%d-%H%M%S")
    tmp = Path(tempfile.mkdtemp(prefix=".partial-", dir=root))
    try:
        create(tmp / "b", engine, instance)
        final = root / f"{BACKUP_PREFIX}{stamp}"
        (tmp / "b").rename(final)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    backups = sorted(p for p in root.iterdir() if p.is_dir() and p.name.startswith(BACKUP_PREFIX))
    removed = [p.name for p in backups[:-keep]] if keep > 0 else []
    for name in removed:
        shutil.rmtree(root / name, ignore_errors=True)
    return {"backup": final.name, "removed": removed, "kept": min(len(backups), keep)}
