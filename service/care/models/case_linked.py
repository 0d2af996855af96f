"""What every record hanging off a case shares: it copies the case's ``area_code`` and
``is_sensitive`` (so access checks and list filters work without a join) and its
``assigned_user_ids`` is the case's worker (docs/care.md "Access")."""

from __future__ import annotations

import uuid

from sqlalchemy import String
from sqlalchemy.orm import Mapped, mapped_column

from service.casework.models import Case


class CaseLinked:
    """Access attributes of a record that belongs to a case."""

    area_code: Mapped[str] = mapped_column(String(13), index=True)
    is_sensitive: Mapped[bool] = mapped_column(default=False)

    case: Case

    def assigned_user_ids(self) -> list[uuid.UUID]:
        return self.case.assigned_user_ids()
