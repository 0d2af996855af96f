"""The one state-machine helper: allowed moves, conditions, the same error everywhere."""

from __future__ import annotations

import pytest

from service.core.errors import ValidationError
from service.core.states import Transition, Workflow

FLOW = Workflow("demo", [("draft", "sent"), Transition("sent", "closed", needs_reason=True),
                         Transition("draft", "closed", needs_approval=True)], states=["archived"])


def test_allowed_moves_and_targets():
    assert FLOW.can("draft", "sent") and not FLOW.can("sent", "draft")
    assert FLOW.targets("draft") == {"sent", "closed"}
    assert FLOW.targets("archived") == frozenset()
    assert "archived" in FLOW.states


def test_a_move_outside_the_table_names_both_states():
    with pytest.raises(ValidationError) as exc:
        FLOW.check("sent", "draft")
    assert "status" in exc.value.fields
    assert exc.value.params == {"from_status": "sent", "to_status": "draft"}


def test_conditions_reason_and_approval():
    with pytest.raises(ValidationError) as exc:
        FLOW.check("sent", "closed", reason="  ")
    assert "reason" in exc.value.fields
    assert FLOW.check("sent", "closed", reason="pindah").to_status == "closed"
    with pytest.raises(ValidationError):
        FLOW.check("draft", "closed")
    assert FLOW.check("draft", "closed", approved=True).needs_approval


def test_from_map_keeps_states_without_exits():
    flow = Workflow.from_map("x", {"a": {"b"}, "b": set()})
    assert flow.states == {"a", "b"} and flow.targets("b") == frozenset()
