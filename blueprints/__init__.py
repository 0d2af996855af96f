"""The HTTP layer: one package per area, named as in ``service/`` (docs/architecture.md).

``discover_blueprints`` registers every area package that defines ``bp`` and imports
its ``api`` module (endpoints on the one ``/api/v1`` blueprint of
``blueprints.core.api``) and its ``cli`` module, so adding an area touches no shared list.
"""

from __future__ import annotations

import importlib
import pkgutil
from pathlib import Path
from types import ModuleType
from typing import Any

_SKIP = {"core", "translations"}


def area_packages() -> list[str]:
    """The names of the area packages (everything but ``core`` and the translations)."""
    here = str(Path(__file__).parent)
    return sorted(i.name for i in pkgutil.iter_modules([here]) if i.ispkg and i.name not in _SKIP)


def area_module(area: str, name: str) -> ModuleType | None:
    """``blueprints.<area>.<name>`` when the area has one."""
    try:
        return importlib.import_module(f"blueprints.{area}.{name}")
    except ModuleNotFoundError as exc:
        if exc.name == f"blueprints.{area}.{name}":
            return None
        raise


def discover_blueprints() -> list[Any]:
    from blueprints.core import api

    found = []
    for area in area_packages():
        module = importlib.import_module(f"blueprints.{area}")
        bp = getattr(module, "bp", None)
        if bp is not None:
            found.append(bp)
        area_module(area, "api")
    found.append(api.bp)
    return found
