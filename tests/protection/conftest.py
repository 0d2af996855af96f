"""Builders for the protection area's tests (through the real use cases)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from service.protection import batches, proposals
from tests import factories as f

TODAY = dt.date(2026, 12, 2)


def proposal(p: Any = None, kind: str = "new", evidence: str | None = "home_visit", **kw: Any) -> Any:
    p = p or f.person()
    data = {"kind": kind, "person_id": p.id, "reason": kw.pop("reason", "Lansia miskin belum terdaftar"),
            "proposed_on": kw.pop("proposed_on", "2026-03-01"), **kw}
    prop = proposals.create_proposal(data, today=TODAY)
    if evidence:
        proposals.add_evidence(prop, {"kind": evidence, "held_on": kw.get("held_on", "2026-03-05"),
                                      "officer": "Agus", "reference": "BA-1/2026"}, today=TODAY)
    return prop


def approved_batch(period: str = "2026-03", props: list[Any] | None = None, on: dt.date = dt.date(2026, 3, 25)) -> Any:
    b = batches.create_batch(period)
    batches.add_proposals(b, [p.id for p in (props or [proposal()])])
    batches.submit(b, None, today=on)
    batches.approve(b, None, today=on)
    return b


@pytest.fixture
def make_proposal() -> Any:
    return proposal
