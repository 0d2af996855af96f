"""Fixtures for the disaster module: an event, a stocked warehouse, victims."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from service.core import clock
from service.disasters import events, stock, victims, volunteers

TODAY = clock.today()
START = TODAY - dt.timedelta(days=3)


@pytest.fixture
def event(db: Any) -> Any:
    return events.create_event({"name": "Banjir Uji", "event_type": "banjir", "area_code": "18.72.05",
                                   "village_codes": "18.72.05.1001; 18.72.05.1002", "started_on": START,
                                   "emergency_start": START, "emergency_end": START + dt.timedelta(days=14)})


@pytest.fixture
def items(db: Any) -> dict[str, Any]:
    return {i.code: i for i in stock.ensure_default_items()}


@pytest.fixture
def warehouse(db: Any, items: dict[str, Any]) -> Any:
    wh = stock.create_warehouse("GDG-UJI", "Gudang Uji", "18.72")
    stock.receive(wh, items["family_kit"], 10, source="kementerian", document_ref="BAST/1/2026")
    stock.receive(wh, items["makanan_siap_saji"], 50, source="provinsi", document_ref="BAST/2/2026",
                  expires_on=TODAY + dt.timedelta(days=10))
    return wh


def household(event: Any, name: str = "Kepala Uji", members: int = 1, **kw: Any) -> Any:
    head = victims.register_victim(event, {"name": name, "sex": "L", "birth_date": "1970-01-01",
                                           "village_code": "18.72.05.1001"}, damage_level="rusak_berat", **kw)
    for i in range(members):
        victims.register_victim(event, {"name": f"{name} Anak {i + 1}", "sex": "P",
                                        "birth_date": "2015-01-01", "village_code": "18.72.05.1001"},
                                household=head.household, relationship_code="anak")
    return head.household


def deploy_user(event: Any, user: Any, number: str = "TGN-T-1") -> Any:
    vol = volunteers.create_volunteer({"member_number": number, "name": user.full_name or user.username,
                                       "area_code": "18.72.05", "username": user.username})
    return volunteers.deploy(vol, event, "Relawan", START)
