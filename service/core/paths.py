"""Where the files the app reads at run time live, in a checkout and in an installed wheel.

In a checkout (and an editable install) ``templates/``, ``static/`` and ``migrations/`` sit at the
repository root beside ``service/``. A wheel (``pip install .``) carries them in
``site-packages/lindung_resources/`` (the build step in ``setup.py`` copies them there), so the
app works from any working directory. Files inside the packages themselves — the reference data
and the compiled translations — are found beside their package either way (docs/architecture.md).
"""

from __future__ import annotations

from pathlib import Path

# The directory holding the ``service`` and ``blueprints`` packages: the checkout or site-packages.
PACKAGES_ROOT = Path(__file__).resolve().parents[2]
# Name of the resource directory inside a wheel (kept in step with setup.py).
INSTALLED_RESOURCES = "lindung_resources"


def resource_root() -> Path:
    """The directory that holds ``templates/``, ``static/`` and ``migrations/``."""
    installed = PACKAGES_ROOT / INSTALLED_RESOURCES
    return installed if installed.is_dir() else PACKAGES_ROOT


RESOURCES = resource_root()
TEMPLATES = RESOURCES / "templates"
STATIC = RESOURCES / "static"
MIGRATIONS = RESOURCES / "migrations"
TRANSLATIONS = PACKAGES_ROOT / "blueprints" / "translations"
REFERENCE_DATA = PACKAGES_ROOT / "service" / "reference" / "data"


def private_dir(path: str | Path) -> Path:
    """Create (or tighten) a folder only the app's own user may enter (0700)."""
    p = Path(path)
    p.mkdir(parents=True, exist_ok=True, mode=0o700)
    p.chmod(0o700)
    return p


def private_file(path: str | Path) -> Path:
    """Create (if absent) and tighten a file only the app's own user may read (0600)."""
    import os

    p = Path(path)
    fd = os.open(p, os.O_CREAT | os.O_WRONLY, 0o600)
    os.close(fd)
    p.chmod(0o600)
    return p


def tighten_sqlite(database: str | None) -> None:
    """The SQLite file and its WAL/shared-memory files readable by the app's user only (0600).

    SQLite gives the -wal and -shm files the database file's mode; existing ones are tightened too."""
    if not database or database == ":memory:" or database.startswith("file:"):
        return
    db = Path(database)
    if not db.parent.is_dir():
        return
    private_file(db)
    for suffix in ("-wal", "-shm", "-journal"):
        side = Path(str(db) + suffix)
        if side.exists():
            side.chmod(0o600)
