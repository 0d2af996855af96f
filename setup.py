"""Build step for ``pip install .``: the wheel carries what the app reads at run time.

Everything else is declared in ``pyproject.toml``. This step adds, to a regular (non-editable)
build only:

* ``templates/``, ``static/`` and ``migrations/`` from the repository root, copied to
  ``lindung_resources/`` in the wheel (found there by ``service/core/paths.py``);
* the English catalogue compiled to ``blueprints/translations/<lang>/LC_MESSAGES/messages.mo``
  (``make setup`` compiles it in place for a checkout).

An editable install (``make setup``) reads all of these from the checkout itself.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

ROOT = Path(__file__).resolve().parent
RESOURCE_DIRS = ("templates", "static", "migrations")
INSTALLED_RESOURCES = "lindung_resources"  # service/core/paths.py looks for this name
TRANSLATIONS = Path("blueprints") / "translations"
SKIP = shutil.ignore_patterns("__pycache__", "*.pyc")


def compile_catalogues(source: Path, target: Path) -> list[Path]:
    """``messages.po`` -> ``messages.mo`` for every language under ``source``."""
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    written = []
    for po_path in sorted(source.glob("*/LC_MESSAGES/messages.po")):
        lang = po_path.parts[-3]
        with po_path.open("rb") as fh:
            catalog = read_po(fh, locale=lang)
        mo_path = target / po_path.relative_to(source).with_suffix(".mo")
        mo_path.parent.mkdir(parents=True, exist_ok=True)
        with mo_path.open("wb") as fh:
            write_mo(fh, catalog, use_fuzzy=False)
        written.append(mo_path)
    return written


class BuildWithResources(build_py):
    def run(self) -> None:
        super().run()
        if self.editable_mode:
            return
        build_lib = Path(self.build_lib)
        for name in RESOURCE_DIRS:
            target = build_lib / INSTALLED_RESOURCES / name
            if target.exists():
                shutil.rmtree(target)
            shutil.copytree(ROOT / name, target, ignore=SKIP)
        compile_catalogues(ROOT / TRANSLATIONS, build_lib / TRANSLATIONS)


setup(cmdclass={"build_py": BuildWithResources})
