"""The Renja page's collapsible tree: program → kegiatan → sub-activities, with each node's totals."""

from __future__ import annotations

from dataclasses import dataclass, field

from service.reports.renja_realisation import RenjaRow


@dataclass
class RenjaNode:
    """A program or kegiatan with its children, and the totals shown when it is collapsed:
    its budget, how many sub-activities it holds, how many have a target and how many reached it."""

    row: RenjaRow | None  # None: the sub-activities (or kegiatan) without a parent in the plan
    children: list[RenjaNode] = field(default_factory=list)
    subs: list[RenjaRow] = field(default_factory=list)

    def all_subs(self) -> list[RenjaRow]:
        return self.subs + [s for c in self.children for s in c.all_subs()]

    @property
    def sub_count(self) -> int:
        return len(self.all_subs())

    @property
    def with_target(self) -> int:
        return sum(1 for s in self.all_subs() if s.target)

    @property
    def reached(self) -> int:
        return sum(1 for s in self.all_subs() if s.target and (s.realised or 0) >= s.target)

    @property
    def budget(self) -> int | None:
        if self.row is not None:
            return self.row.budget
        return sum(s.budget or 0 for s in self.all_subs())


def tree(rows: list[RenjaRow]) -> list[RenjaNode]:
    """Program → kegiatan → sub-activities in plan order (the Renja page's collapsible tree); rows
    whose parent is missing from the plan are gathered in a last node without a row."""
    programs = [r for r in rows if r.level == "program"]
    kegiatan = [r for r in rows if r.level == "kegiatan"]
    subs = [r for r in rows if r.level == "sub_kegiatan"]

    def under(parent: RenjaRow, items: list[RenjaRow]) -> list[RenjaRow]:
        return [r for r in items if r.code.startswith(parent.code + ".")]

    out = [RenjaNode(p, children=[RenjaNode(k, subs=under(k, subs)) for k in under(p, kegiatan)]) for p in programs]
    placed_k = {n.row.code for p in out for n in p.children if n.row is not None}
    loose_k = [RenjaNode(k, subs=under(k, subs)) for k in kegiatan if k.code not in placed_k]
    placed_s = {s.code for p in out for s in p.all_subs()} | {s.code for n in loose_k for s in n.subs}
    loose_s = [s for s in subs if s.code not in placed_s]
    if loose_k or loose_s:
        out.append(RenjaNode(None, children=loose_k, subs=loose_s))
    return out
