"""Lindung's domain layer: models and the rules, one package per area. Never imports Flask.

``service/core`` holds what every area uses; every other package is an area
(docs/architecture.md). ``load_models`` and ``import_service_modules`` find
the areas' modules, so adding an area touches no shared list.
"""

from __future__ import annotations

import importlib
import pkgutil
from pathlib import Path

_HERE = Path(__file__).parent


def _walk() -> list[str]:
    return sorted(info.name for info in pkgutil.walk_packages([str(_HERE)], prefix="service."))


def load_models() -> None:
    """Import every ``models`` module or package of every area, so ``Base.metadata`` is complete."""
    for name in _walk():
        if name.endswith(".models") or ".models." in name:
            importlib.import_module(name)


def import_service_modules() -> None:
    """Import every ``service`` module: area modules register their demo seeders
    (``service.core.demo.register_seeder``), scheduled jobs (``service.core.jobs.job``)
    and sync operation types at import."""
    load_models()
    for name in _walk():
        if name != "service.core.demo":
            importlib.import_module(name)


def area_modules(name: str) -> list[object]:
    """Each area's ``service.<area>.<name>`` module that exists (imported), in area order: how
    shared machinery finds what areas declare (reference data, Renja record sources)."""
    import importlib.util

    found = []
    for info in sorted(pkgutil.iter_modules([str(_HERE)]), key=lambda i: i.name):
        if info.ispkg and importlib.util.find_spec(f"service.{info.name}.{name}") is not None:
            found.append(importlib.import_module(f"service.{info.name}.{name}"))
    return found
