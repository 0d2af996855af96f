"""State machines as data: one helper for every workflow (cases, referrals, tracing, and the
workflows to come — complaints, proposals).

A workflow is a table of allowed transitions, each with optional conditions
(``needs_reason``, ``needs_approval``). The table lives in a CSV, a database table or a
literal; :class:`Workflow` checks a move against it in one place and raises the same
``ValidationError`` everywhere. Recording who/when/why is the owner's job (a
transitions table, a timeline), since each workflow keeps its history in its own table.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from service.core.errors import N_, ValidationError


@dataclass(frozen=True)
class Transition:
    from_status: str
    to_status: str
    needs_reason: bool = False
    needs_approval: bool = False


class Workflow:
    """The allowed transitions of one kind of record."""

    def __init__(self, name: str, transitions: Iterable[Transition | tuple[str, str]], *,
                 states: Iterable[str] = (), message: str | None = None) -> None:
        self.name = name
        self._rules: dict[tuple[str, str], Transition] = {}
        for t in transitions:
            rule = t if isinstance(t, Transition) else Transition(*t)
            self._rules[(rule.from_status, rule.to_status)] = rule
        self.states = frozenset(states) | {s for pair in self._rules for s in pair}
        self.message = message or N_("Status tidak dapat berubah dari {from_status} ke {to_status}.")

    @classmethod
    def from_map(cls, name: str, targets: dict[str, Iterable[str]], **kw: str | None) -> Workflow:
        """From ``{state: {next states}}``; every key is a state even with no way out."""
        return cls(name, [(a, b) for a, bs in targets.items() for b in bs], states=targets, **kw)  # type: ignore[arg-type]

    def rule(self, from_status: str, to_status: str) -> Transition | None:
        return self._rules.get((from_status, to_status))

    def allowed(self, from_status: str) -> list[Transition]:
        """The moves out of ``from_status``, in the table's order."""
        return [r for (a, _b), r in self._rules.items() if a == from_status]

    def targets(self, from_status: str) -> frozenset[str]:
        return frozenset(r.to_status for r in self.allowed(from_status))

    def can(self, from_status: str, to_status: str) -> bool:
        return (from_status, to_status) in self._rules

    def check(self, from_status: str, to_status: str, *, reason: str | None = None,
              approved: bool = False) -> Transition:
        """The rule for this move; ValidationError when it is not allowed or a condition is unmet."""
        rule = self._rules.get((from_status, to_status))
        if rule is None:
            raise ValidationError({"status": self.message}, from_status=from_status, to_status=to_status)
        if rule.needs_reason and not (reason or "").strip():
            raise ValidationError({"reason": N_("Alasan wajib diisi untuk perubahan status ini.")})
        if rule.needs_approval and not approved:
            raise ValidationError({"status": N_("Perubahan status ini memerlukan persetujuan supervisor.")})
        return rule
