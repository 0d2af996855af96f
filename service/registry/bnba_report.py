"""The report of a BNBA import (service.registry.bnba): counts, or every rejected row by line number."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from service.core.imports import RowError


@dataclass
class ImportReport:
    rows: int = 0
    errors: list[RowError] = field(default_factory=list)
    persons_created: int = 0
    cases_opened: int = 0
    assessments_created: int = 0
    deliveries_created: int = 0
    unchanged_rows: int = 0

    @property
    def ok(self) -> bool:
        return not self.errors

    def as_dict(self) -> dict[str, Any]:
        return {"rows": self.rows, "ok": self.ok, "errors": [{"line": e.line, "reason": e.reason, "messages": e.messages}
                                                       for e in self.errors],
                "persons_created": self.persons_created, "cases_opened": self.cases_opened,
                "assessments_created": self.assessments_created, "deliveries_created": self.deliveries_created,
                "unchanged_rows": self.unchanged_rows}

    def lines(self) -> list[str]:
        if self.errors:
            out = [f"REJECTED: {len(self.errors)} bad row(s) of {self.rows}; nothing was imported."]
            out += [f"  line {e.line}: {e.reason}" for e in self.errors]
            return out
        return [f"imported {self.rows} row(s): {self.persons_created} person(s) created, "
                f"{self.cases_opened} case(s) opened, {self.assessments_created} assessment(s), "
                f"{self.deliveries_created} delivery(ies); {self.unchanged_rows} row(s) already imported"]
