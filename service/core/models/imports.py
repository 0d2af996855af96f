"""File import runs (BNBA, …): progress and the validation report of each upload.

Owner module: ``service.core.imports`` (used by ``service.registry.bnba``). Kept in the
database (not in memory) so that the upload page's progress poll works whichever web worker answers it.
"""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from service.core.db import Base, UUIDPk, utcnow

IMPORT_STATUSES = ("pending", "running", "done", "rejected", "failed")


class ImportRun(UUIDPk, Base):
    __tablename__ = "import_runs"
    __audit__ = False  # progress ticks; the import's own writes are audited

    kind: Mapped[str] = mapped_column(String(20), default="bnba")
    filename: Mapped[str] = mapped_column(String(200))
    status: Mapped[str] = mapped_column(String(12), default="pending", index=True)
    total_rows: Mapped[int] = mapped_column(default=0)
    processed_rows: Mapped[int] = mapped_column(default=0)
    # Live progress written by the importing thread in its own short transactions:
    # "check" / "import" / "done"; progress_done/progress_total count steps (two per row).
    phase: Mapped[str] = mapped_column(String(12), default="pending")
    progress_done: Mapped[int] = mapped_column(default=0)
    progress_total: Mapped[int] = mapped_column(default=0)
    # {"errors": [{"line": 3, "reason": "...", "messages": [{"field", "message", "params"}]}], ...}
    report: Mapped[dict[str, Any]] = mapped_column(default=dict)
    started_by_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("users.id"), default=None)
    started_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    finished_at: Mapped[dt.datetime | None] = mapped_column(default=None)
    # The importing process ("host:pid") and its last sign of life, written with each progress tick;
    # a run whose process is gone is shown as failed (service.core.imports.reap_if_dead).
    worker: Mapped[str | None] = mapped_column(String(120), default=None)
    heartbeat_at: Mapped[dt.datetime | None] = mapped_column(default=None)

    @property
    def percent(self) -> int:
        if self.status in ("done", "rejected", "failed"):
            return 100
        if not self.total_rows:
            return 0
        return min(99, int(100 * self.processed_rows / self.total_rows))
