"""One bad operation never blocks its batch: absurd numbers are rejected alone, the rest apply."""

from __future__ import annotations

import uuid
from typing import Any

import pytest
from sqlalchemy import func, select

from service.care.models.deliveries import Delivery
from tests.offline.conftest import delivery_op, new_id, person_op


def test_a_huge_quantity_is_rejected_and_the_rest_of_the_batch_applies(api: Any, db: Any) -> None:
    call = api("peksos", "18.72.01")
    p = person_op()
    ops = [p, delivery_op(p["entity_id"]), delivery_op(p["entity_id"], jumlah=10**30),
           delivery_op(p["entity_id"], jumlah=2**31), delivery_op(p["entity_id"], jumlah=3)]
    resp = call("POST", "/api/v1/sync", {"device_id": new_id(), "operations": ops})
    assert resp.status_code == 200
    results = resp.get_json()["results"]
    assert [r["status"] for r in results] == ["applied", "applied", "rejected", "rejected", "applied"]
    assert "jumlah" in results[2]["errors"] and "jumlah" in results[3]["errors"]
    assert results[2].get("retryable") is not True
    assert db.scalar(select(func.count()).select_from(Delivery)
                     .where(Delivery.person_id == uuid.UUID(p["entity_id"]))) == 2


def test_quantities_and_money_are_bounded_in_the_domain() -> None:
    from service.care.deliveries import parse_cost
    from service.core.errors import ValidationError
    from service.disasters.stock import positive_int

    assert positive_int("1000000", "jumlah") == 1_000_000
    with pytest.raises(ValidationError) as exc:
        positive_int(10**30, "jumlah")
    assert "jumlah" in exc.value.fields
    errors: dict[str, str] = {}
    assert parse_cost("Rp 1.250.000", errors) == 1_250_000 and not errors
    assert parse_cost(str(10**30), errors) is None and "cost" in errors
