"""Deliveries: delivered derived from the date, void keeps and excludes, late in a closed month."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import func, select

from service.care import deliveries as delivery
from service.care.models.deliveries import Delivery
from service.core.errors import ValidationError
from service.core.models.periods import MonthClose
from tests import factories as f

TODAY = dt.date(2026, 6, 15)


def _counted(person_id):
    return delivery.session.scalar(select(func.count()).select_from(Delivery)
                                   .where(Delivery.person_id == person_id, delivery.counts_filter()))


def test_planned_until_a_delivery_date_is_set(db):
    c = f.case()
    planned = delivery.record_delivery(c.person, "sandang", planned_on="2026-03-01", case=c, today=TODAY)
    assert planned.delivered is False and _counted(c.person_id) == 0
    delivery.mark_delivered(planned, "05/03/2026", today=TODAY)
    assert planned.delivered is True and planned.delivered_on == dt.date(2026, 3, 5)
    assert _counted(c.person_id) == 1


def test_delivery_needs_a_date_and_refuses_the_future(db):
    c = f.case()
    with pytest.raises(ValidationError) as exc:
        delivery.record_delivery(c.person, "sandang", case=c, today=TODAY)
    assert "delivered_on" in exc.value.fields
    with pytest.raises(ValidationError) as exc:
        delivery.record_delivery(c.person, "sandang", delivered_on="2026-06-16", case=c, today=TODAY)
    assert "delivered_on" in exc.value.fields
    with pytest.raises(ValidationError) as exc:
        delivery.record_delivery(c.person, "tidak_ada", delivered_on="2026-06-01", quantity="0", cost="abc",
                                 today=TODAY)
    assert set(exc.value.fields) == {"service_type_code", "quantity", "cost"}
    assert db.scalar(select(func.count()).select_from(Delivery).where(Delivery.person_id == c.person_id)) == 0


def test_void_keeps_the_record_and_stops_it_counting(db):
    c = f.case()
    d = delivery.record_delivery(c.person, "alat_bantu", delivered_on="2026-04-02", case=c, item_detail="Kursi roda",
                                 cost="1.250.000", today=TODAY)
    assert d.cost == 1250000 and _counted(c.person_id) == 1
    with pytest.raises(ValidationError) as exc:
        delivery.void_delivery(d, "  ")
    assert "void_reason" in exc.value.fields
    delivery.void_delivery(d, "Salah input penerima")
    db.expire_all()
    kept = db.get(Delivery, d.id)
    assert kept is not None and kept.voided and kept.void_reason == "Salah input penerima"
    assert kept.delivered is False and _counted(c.person_id) == 0
    with pytest.raises(ValidationError):
        delivery.void_delivery(kept, "lagi")
    with pytest.raises(ValidationError):
        delivery.mark_delivered(kept, "2026-04-03", today=TODAY)


def test_late_flag_only_in_a_closed_month(db):
    db.add(MonthClose(year=2026, month=3, status="closed"))
    db.add(MonthClose(year=2026, month=4, status="reopened"))
    db.flush()
    c = f.case()
    in_closed = delivery.record_delivery(c.person, "sandang", delivered_on="2026-03-31", case=c, today=TODAY)
    in_reopened = delivery.record_delivery(c.person, "sandang", delivered_on="2026-04-01", case=c, today=TODAY)
    in_open = delivery.record_delivery(c.person, "sandang", delivered_on="2026-05-01", case=c, today=TODAY)
    assert (in_closed.late, in_reopened.late, in_open.late) == (True, False, False)
    planned = delivery.record_delivery(c.person, "permakanan", planned_on="2026-02-01", case=c, today=TODAY)
    assert planned.late is False
    delivery.mark_delivered(planned, "2026-03-10", today=TODAY)
    assert planned.late is True
    # late deliveries still count (the live figures change; the snapshot does not)
    assert _counted(c.person_id) == 4


def test_visible_list_hides_other_areas_and_sensitive_cases(db, make_user):
    peksos = make_user("peksos", "18.72.01")
    other = make_user("peksos", "18.72.05")
    sup = make_user("supervisor")
    mine = f.case()
    f.deliver(mine.person, "sandang", case=mine)
    sensitive = f.case(category="korban_trafficking")
    assert sensitive.is_sensitive
    f.deliver(sensitive.person, "sandang", case=sensitive)

    def names(u):
        return {d.person.name for d in db.scalars(delivery.visible_stmt(u))}

    assert mine.person.name in names(peksos)
    assert mine.person.name not in names(other)
    assert sensitive.person.name not in names(peksos)
    assert sensitive.person.name in names(sup)
    sensitive.worker_id = peksos.id
    db.flush()
    assert sensitive.person.name in names(peksos)
