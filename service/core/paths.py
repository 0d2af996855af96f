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
