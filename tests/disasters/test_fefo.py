"""First-expiry-first-out issue of stock batches."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from service.core.errors import ValidationError
from service.disasters import aid, batches, stock
from tests.disasters.conftest import TODAY, household


def _left(wh: Any, item: Any) -> dict[Any, int]:
    return {r["expires_on"]: r["quantity"] for r in batches.remaining(wh) if r["item"].id == item.id}


def test_issue_takes_earliest_expiry_first_across_batches(event: Any, items: dict[str, Any]) -> None:
    wh = stock.create_warehouse("GDG-FEFO", "Gudang FEFO", "18.72")
    rice = items["beras"]
    late, early, mid = (TODAY + dt.timedelta(days=d) for d in (90, 5, 40))
    stock.receive(wh, rice, 10, source="kementerian", document_ref="B/1", expires_on=late)
    stock.receive(wh, rice, 4, source="provinsi", document_ref="B/2", expires_on=early)
    stock.receive(wh, rice, 6, source="donatur", document_ref="B/3", expires_on=mid)
    stock.issue(wh, rice, 7, event=event)
    assert _left(wh, rice) == {mid: 3, late: 10}
    assert stock.on_hand(wh, rice) == 13
    # The warehouse's nearest expiry is now the middle batch (the early one is used up).
    assert [r["expires_on"] for r in stock.levels(wh) if r["item"].id == rice.id] == [mid]


def test_distribution_takes_from_earliest_batch(event: Any, warehouse: Any, items: dict[str, Any]) -> None:
    meals = items["makanan_siap_saji"]
    soon = TODAY + dt.timedelta(days=3)
    stock.receive(warehouse, meals, 5, source="donatur", document_ref="B/9", expires_on=soon)
    aid.distribute(event, item=meals, warehouse=warehouse, quantity=2, household=household(event))
    assert _left(warehouse, meals) == {soon: 3, TODAY + dt.timedelta(days=10): 50}


def test_stock_never_negative_and_nothing_half_taken(event: Any, items: dict[str, Any]) -> None:
    wh = stock.create_warehouse("GDG-NEG", "Gudang Negatif", "18.72")
    rice = items["beras"]
    stock.receive(wh, rice, 3, source="apbd", document_ref="B/4", expires_on=TODAY + dt.timedelta(days=20))
    with pytest.raises(ValidationError) as err:
        stock.issue(wh, rice, 4, event=event)
    assert "tidak cukup" in err.value.fields["quantity"]
    assert stock.on_hand(wh, rice) == 3 and sum(_left(wh, rice).values()) == 3


def test_transfer_keeps_expiry_per_batch(items: dict[str, Any], db: Any) -> None:
    a = stock.create_warehouse("GDG-A", "Gudang A", "18.72")
    b = stock.create_warehouse("GDG-B", "Gudang B", "18.72")
    rice = items["beras"]
    d1, d2 = TODAY + dt.timedelta(days=8), TODAY + dt.timedelta(days=60)
    stock.receive(a, rice, 2, source="apbd", document_ref="B/5", expires_on=d2)
    stock.receive(a, rice, 2, source="apbd", document_ref="B/6", expires_on=d1)
    stock.transfer(a, b, rice, 3)
    assert _left(b, rice) == {d1: 2, d2: 1}
    assert _left(a, rice) == {d2: 1}


def test_batches_warn_within_30_days(items: dict[str, Any], db: Any) -> None:
    wh = stock.create_warehouse("GDG-EXP", "Gudang Exp", "18.72")
    rice = items["beras"]
    stock.receive(wh, rice, 1, source="apbd", document_ref="B/7", expires_on=TODAY + dt.timedelta(days=30))
    stock.receive(wh, rice, 1, source="apbd", document_ref="B/8", expires_on=TODAY + dt.timedelta(days=31))
    stock.receive(wh, rice, 1, source="apbd", document_ref="B/10", expires_on=TODAY - dt.timedelta(days=31),
                  received_on=TODAY - dt.timedelta(days=60))
    status = {r["movement"].document_ref: r["expiry"] for r in batches.remaining(wh)}
    assert status == {"B/7": "soon", "B/8": None, "B/10": "expired"}


def test_warehouse_page_shows_batches_and_expiry_warning(logged_in: Any, event: Any, warehouse: Any,
                                                          items: dict[str, Any]) -> None:
    import re

    client, _ = logged_in("operator")
    html = client.get("/bencana/gudang").get_data(as_text=True)
    table = html.split('id="batches"', 1)[1].split("</table>", 1)[0]
    # The meals batch of the fixture expires in 10 days: shown with its date and a warning.
    soon = (TODAY + dt.timedelta(days=10)).strftime("%d/%m/%Y")
    row = next(r for r in re.findall(r"<tr.*?</tr>", table, re.S) if "BAST/2/2026" in r)
    assert soon in row and "Segera kedaluwarsa" in row
    assert "1 batch kedaluwarsa atau akan kedaluwarsa dalam 30 hari." in html
    # Family kits (no expiry) are listed without a warning.
    kit = next(r for r in re.findall(r"<tr.*?</tr>", table, re.S) if "BAST/1/2026" in r)
    assert "kedaluwarsa" not in kit.lower()


def test_warehouse_page_batches_follow_area_scope(logged_in: Any, warehouse: Any) -> None:
    client, _ = logged_in("operator", "11.01")
    html = client.get("/bencana/gudang").get_data(as_text=True)
    assert "BAST/2/2026" not in html.split('id="batches"', 1)[1].split("</table>", 1)[0]
