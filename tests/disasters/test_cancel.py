"""Cancelling a wrong distribution: kept and marked, stock back, deliveries voided, guard ignores it."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from sqlalchemy import select

from service.care.models.deliveries import Delivery
from service.core.errors import ValidationError
from service.disasters import aid, batches, stock
from service.disasters.models.aid import Distribution
from service.reports import spm
from tests.conftest import post_form
from tests.disasters.conftest import TODAY, deploy_user, household


def _delivered(person_id: Any, live: bool = False) -> int:
    start, end = dt.date(TODAY.year, 1, 1), dt.date(TODAY.year, 12, 31)
    pp = (spm.per_person_query_live if live else spm.per_person_query)(start, end, service="bencana")
    return int(spm_session().execute(select(pp.c.delivered).where(pp.c.person_id == person_id)).scalar() or 0)


def spm_session() -> Any:
    from service.core.db import session

    return session


def test_cancel_returns_stock_voids_deliveries_and_spm_drops(event: Any, warehouse: Any, items: dict[str, Any],
                                                            make_user: Any, db: Any) -> None:
    kit = items["family_kit"]
    hh = household(event, members=1)
    head_id = hh.head.id
    before = _delivered(head_id)
    dist = aid.distribute(event, item=kit, warehouse=warehouse, quantity=2, household=hh)
    assert stock.on_hand(warehouse, kit) == 8
    assert _delivered(head_id) == before + 1
    boss = make_user("supervisor")
    aid.cancel_distribution(dist, "Salah rumah tangga", by_id=boss.id)
    row = db.get(Distribution, dist.id)
    assert row is not None and row.cancelled and row.cancel_reason == "Salah rumah tangga"
    assert row.cancelled_by_id == boss.id
    assert stock.on_hand(warehouse, kit) == 10
    assert sum(b["quantity"] for b in batches.remaining(warehouse) if b["item"].id == kit.id) == 10
    deliveries = list(db.scalars(select(Delivery).where(Delivery.source == "distribution")))
    assert len(deliveries) == 2 and all(d.voided_at is not None for d in deliveries)
    assert _delivered(head_id) == before == _delivered(head_id, live=True)
    # The ledger keeps both lines; the event's net issue is zero again.
    assert stock.issued_to_event(event).get(kit.id, 0) == 0
    assert aid.distributed_totals(event).get(kit.id) is None


def test_guard_ignores_cancelled_distribution(event: Any, warehouse: Any, items: dict[str, Any], db: Any) -> None:
    kit = items["family_kit"]
    hh = household(event)
    dist = aid.distribute(event, item=kit, warehouse=warehouse, household=hh)
    with pytest.raises(aid.DoubleDistribution):
        aid.distribute(event, item=kit, warehouse=warehouse, household=hh)
    aid.cancel_distribution(dist, "Salah catat")
    again = aid.distribute(event, item=kit, warehouse=warehouse, household=hh)
    assert again.override_reason is None


def test_cancel_needs_reason_and_only_once(event: Any, warehouse: Any, items: dict[str, Any], db: Any) -> None:
    dist = aid.distribute(event, item=items["family_kit"], warehouse=warehouse, household=household(event))
    with pytest.raises(ValidationError) as err:
        aid.cancel_distribution(dist, "  ")
    assert err.value.fields == {"reason": "Alasan pembatalan wajib diisi."}
    assert db.get(Distribution, dist.id).cancelled_at is None
    aid.cancel_distribution(dist, "Salah")
    with pytest.raises(ValidationError):
        aid.cancel_distribution(dist, "Lagi")
    assert stock.on_hand(warehouse, items["family_kit"]) == 10


def test_web_cancel_denied_to_tagana(logged_in: Any, event: Any, warehouse: Any, items: dict[str, Any],
                                     db: Any) -> None:
    hh = household(event)
    dist = aid.distribute(event, item=items["family_kit"], warehouse=warehouse, household=hh)
    url = f"/bencana/{event.id}/distribusi/{dist.id}/batal"
    client, volunteer = logged_in("tagana")
    deploy_user(event, volunteer)  # deployed to this very event, still not allowed to cancel
    db.commit()
    hh_url = f"/bencana/{event.id}/kk/{hh.id}"
    assert client.get(url).status_code == 403
    assert url not in client.get(hh_url).get_data(as_text=True)
    assert post_form(client, url, {"reason": "x"}, form_page=hh_url).status_code == 403
    assert db.get(Distribution, dist.id).cancelled_at is None


def test_web_cancel_other_area_is_404(logged_in: Any, event: Any, warehouse: Any, items: dict[str, Any],
                                      db: Any) -> None:
    dist = aid.distribute(event, item=items["family_kit"], warehouse=warehouse, household=household(event))
    db.commit()
    url = f"/bencana/{event.id}/distribusi/{dist.id}/batal"
    other, _ = logged_in("operator", "11.01")
    assert other.get(url).status_code == 404
    assert post_form(other, url, {"reason": "x"}, form_page="/bencana/tagana").status_code == 404
    assert db.get(Distribution, dist.id).cancelled_at is None


def test_web_cancel_by_operator(logged_in: Any, event: Any, warehouse: Any, items: dict[str, Any], db: Any) -> None:
    hh = household(event)
    dist = aid.distribute(event, item=items["family_kit"], warehouse=warehouse, household=hh)
    db.commit()
    url = f"/bencana/{event.id}/distribusi/{dist.id}/batal"
    op, _ = logged_in("operator")
    page = op.get(f"/bencana/{event.id}/kk/{hh.id}").get_data(as_text=True)
    assert url in page
    assert op.get(f"/bencana/{event.id}/distribusi/00000000-0000-0000-0000-000000000000/batal").status_code == 404
    resp = post_form(op, url, {"reason": ""})
    assert resp.status_code == 422 and "Alasan pembatalan wajib diisi." in resp.get_data(as_text=True)
    assert 'data-confirm="Batalkan distribusi ini?' in op.get(url).get_data(as_text=True)
    resp = post_form(op, url, {"reason": "Salah rumah tangga"})
    assert resp.status_code == 302
    row = db.get(Distribution, dist.id)
    assert row.cancelled and stock.on_hand(warehouse, items["family_kit"]) == 10
    page = op.get(f"/bencana/{event.id}/kk/{hh.id}").get_data(as_text=True)
    assert "Dibatalkan" in page and "Salah rumah tangga" in page and url not in page


def test_api_cancel(api: Any, event: Any, warehouse: Any, items: dict[str, Any], db: Any) -> None:
    kit = items["family_kit"]
    hh = household(event)
    dist = aid.distribute(event, item=kit, warehouse=warehouse, quantity=1, household=hh)
    db.commit()
    warehouse_id, kit_id, event_id = warehouse.id, kit.id, event.id
    url = f"/api/v1/disasters/{event_id}/distributions/{dist.id}/cancel"
    volunteer = api("tagana")
    deploy_user(event, volunteer.user)
    db.commit()
    assert volunteer("POST", url, json={"reason": "salah"}).status_code == 403  # volunteers may not cancel
    operator = api("operator")
    resp = operator("POST", url, json={})
    assert resp.status_code == 422 and "reason" in resp.get_json()["error"]["fields"]
    resp = operator("POST", url, json={"reason": "Salah rumah tangga"})
    assert resp.status_code == 200
    body = resp.get_json()
    assert body["cancelled_at"] and body["cancel_reason"] == "Salah rumah tangga"
    from service.disasters.models.stock import StockItem, Warehouse

    assert stock.on_hand(db.get(Warehouse, warehouse_id), db.get(StockItem, kit_id)) == 10
    again = operator("POST", url, json={"reason": "lagi"})
    assert again.status_code == 422  # only once
    other = operator("POST", f"/api/v1/disasters/{event_id}/distributions/{event_id}/cancel", json={"reason": "x"})
    assert other.status_code == 404
