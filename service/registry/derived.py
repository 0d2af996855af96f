"""The registry's derived tables, registered by ``service.core.derived.install``: the duplicate pairs."""

from __future__ import annotations

from service.registry.duplicate_pairs import DUPLICATE_PAIRS

TABLES = (DUPLICATE_PAIRS,)
