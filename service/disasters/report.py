"""The situation report of a disaster event: the figures the page, PDF, XLSX and API show
(docs/disasters.md). Read only."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from sqlalchemy import func, select

from service.care.models.deliveries import Delivery
from service.core import clock
from service.core.db import session
from service.disasters import aid, stock
from service.disasters.models.events import DisasterEvent, Victim
from service.disasters.models.stock import StockItem
from service.disasters.shelters import shelters_with_occupancy
from service.disasters.victims import bencana_components, victim_counts
from service.reference.models import Region, ServiceType


def situation_report(event: DisasterEvent, today: dt.date | None = None) -> dict[str, Any]:
    """The figures of the situation report (page, PDF, XLSX, API): each adds up.

    - victims by status and by vulnerable group (persons), households, house damage;
    - shelters with capacity and current occupancy;
    - per item: received into, issued from and on hand in the warehouses (all events),
      and for this event: bulk issues, distributed quantity and number of distributions;
    - SPM ``bencana``: per component, distinct victims of the event who received it
      (recorded deliveries, voided ones excluded), against the victims registered.
    """
    counts = victim_counts(event)
    shelters = [{"shelter": s, "capacity": s.capacity, "occupancy": n, "over": n > s.capacity}
                for s, n in shelters_with_occupancy(event)]
    distributed = aid.distributed_totals(event)
    issued = stock.issued_to_event(event)
    on_hand: dict[uuid.UUID, int] = {}
    for row in stock.levels(today=today):
        on_hand[row["item"].id] = on_hand.get(row["item"].id, 0) + row["quantity"]
    item_rows = []
    for item in session.scalars(select(StockItem).order_by(StockItem.name)):
        dist_qty, dist_n = distributed.get(item.id, (0, 0))
        total_issued = issued.get(item.id, 0)
        if not (dist_qty or total_issued or on_hand.get(item.id)):
            continue
        item_rows.append({"item": item, "distributed": dist_qty, "distributions": dist_n,
                          "bulk_issued": total_issued - dist_qty, "on_hand": on_hand.get(item.id, 0)})
    components = bencana_components()
    victims_stmt = select(Victim.person_id).where(Victim.event_id == event.id)

    def served(*codes: str) -> int:
        return session.scalar(select(func.count(func.distinct(Delivery.person_id))).where(
            Delivery.service_type_code.in_(codes), Delivery.disaster_event_id == event.id,
            Delivery.delivered_on.is_not(None), Delivery.voided_at.is_(None),
            Delivery.person_id.in_(victims_stmt))) or 0

    spm = []
    for code in components:
        stype = session.get(ServiceType, code)
        spm.append({"code": code, "name": stype.name_id if stype else code,
                    "name_en": (stype.name_en or stype.name_id) if stype else code, "persons": served(code)})
    comp = aid.compensations(event)
    kitchen = aid.kitchen_days(event)
    return {
        "event": event,
        "villages": village_names(event),
        "today": today or clock.today(),
        "victims": counts,
        "shelters": shelters,
        "shelter_capacity": sum(s["capacity"] for s in shelters),
        "shelter_occupancy": sum(s["occupancy"] for s in shelters),
        "items": item_rows,
        "spm": spm,
        "spm_served": served(*components),
        "kitchen_meals": sum(k.meals_served for k in kitchen),
        "kitchen_days": len({k.served_on for k in kitchen}),
        "compensation_count": len(comp),
        "compensation_total": sum(c.amount for c in comp),
    }


def village_names(event: DisasterEvent) -> list[str]:
    """The affected villages by name (one query), in the event's order; an unknown code stays as it is."""
    codes = list(event.village_codes or [])
    if not codes:
        return []
    names = dict(session.execute(select(Region.code, Region.name).where(Region.code.in_(codes))).all())
    return [names.get(c, c) for c in codes]

