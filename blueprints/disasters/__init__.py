"""Disaster response and TAGANA on the web (``/bencana``, docs/disasters.md).

One view module per sub-area: ``events`` (list, create, edit, summary), ``victims``
(households, members, status, shelters and check-in/out, kitchen), ``distributions``
(aid cards, handing out, cancelling), ``warehouse`` (stock), ``services`` (psychosocial
support, special handling, compensation), ``roster`` (TAGANA) and ``report`` (situation
report). Every route checks the role (``@requires``) and the record (``event_or_404``,
which hides events a TAGANA volunteer is not deployed to: 404). Views never commit: the
request's transaction does (``blueprints.core.transaction``).
"""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

from flask import Blueprint

from blueprints.core.nav import register_nav, register_tile
from service.core.errors import N_
from service.disasters import events as event_service
from service.disasters import stock
from service.disasters import victims as victim_service

bp = Blueprint("disasters", __name__, url_prefix="/bencana")

register_nav(40, "disasters.index", N_("Bencana"), "disaster.view")
register_tile(("pimpinan", "supervisor", "operator", "tagana", "auditor"), "disasters.index", N_("Bencana"),
              N_("Kejadian bencana, korban, pos pengungsian, distribusi bantuan, laporan situasi."))
register_tile(("supervisor", "operator"), "disasters.warehouse", N_("Gudang bantuan"),
              N_("Stok buffer: penerimaan, pengeluaran, mutasi, kedaluwarsa."))
register_tile(("supervisor", "operator"), "disasters.roster", N_("TAGANA"),
              N_("Daftar anggota, pelatihan, penugasan ke kejadian."))

# The codes and labels templates show as ``D.TYPE_LABELS[...]`` (also the offline app's victim form).
LABELS = SimpleNamespace(
    TYPE_LABELS=event_service.TYPE_LABELS, CATEGORY_LABELS=event_service.CATEGORY_LABELS,
    STATUS_LABELS=event_service.STATUS_LABELS, VICTIM_STATUS_LABELS=victim_service.VICTIM_STATUS_LABELS,
    VULNERABLE_LABELS=victim_service.VULNERABLE_LABELS, DAMAGE_LABELS=victim_service.DAMAGE_LABELS,
    RELATIONSHIPS=victim_service.RELATIONSHIPS, RELATIONSHIP_LABELS=victim_service.RELATIONSHIP_LABELS)


@bp.app_context_processor
def _labels_ctx() -> dict[str, Any]:
    return {"D": LABELS, "stock_labels": stock.KIND_LABELS, "source_labels": stock.SOURCE_LABELS}


# The view modules register their routes on ``bp``.
from blueprints.disasters import (  # noqa: E402
    distributions,
    events,
    items,
    report,
    roster,
    services,
    victims,
    warehouse,
)

__all__ = ["bp", "distributions", "events", "items", "report", "roster", "services", "victims", "warehouse"]
