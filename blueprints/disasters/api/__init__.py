"""The disaster module over the API (``/api/v1``, tag ``disasters``; docs/disasters.md "API").

One module per sub-area: ``events`` (events and their situation report), ``victims``
(victims and shelters), ``stock`` (levels, receipts, issues and transfers), ``aid`` (cards
and distributions). Devices verify cards offline with ``GET /cards/public-key``. Endpoints
never commit: the request's transaction does, and the API's error handlers roll back.
"""

from __future__ import annotations

from blueprints.disasters.api import aid, events, stock, victims

__all__ = ["aid", "events", "stock", "victims"]
