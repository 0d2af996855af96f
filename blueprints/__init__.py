"""The HTTP layer: one blueprint per area; each calls service/ functions.

Every sub-package that defines ``bp`` is registered by ``discover_blueprints``,
and every module of ``blueprints.api`` is imported, so adding an area touches
no shared list.
"""

from __future__ import annotations

import importlib
import pkgutil
from pathlib import Path
from typing import Any

_SKIP = {"core", "translations"}


def discover_blueprints() -> list[Any]:
    found = []
    for info in sorted(pkgutil.iter_modules([str(Path(__file__).parent)]), key=lambda i: i.name):
        if not info.ispkg or info.name in _SKIP:
            continue
        module = importlib.import_module(f"blueprints.{info.name}")
        bp = getattr(module, "bp", None)
        if bp is not None:
            found.append(bp)
    return found
