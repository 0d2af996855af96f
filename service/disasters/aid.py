"""Aid to victims — distributions (with the double-distribution guard), public kitchen,
psychosocial sessions, special handling of vulnerable groups, compensation (santunan).

Owner of ``Distribution``, ``KitchenDay``, ``PsychosocialSession``, ``SpecialHandling``
and ``Compensation``. Every aid of an SPM ``bencana`` component records the matching
delivery through ``service.care.deliveries.record_delivery`` for each person it reached,
with a stable ``external_key`` (recording twice changes nothing).
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Select, func, select

from service.care.deliveries import record_delivery, void_delivery
from service.casework.models import Case
from service.core import clock
from service.core.db import get_or_raise, session, utcnow
from service.core.errors import N_, Conflict, ValidationError
from service.core.formatting import not_in_future, past_date
from service.disasters import stock
from service.disasters.models.aid import (
    AidCard,
    Compensation,
    Distribution,
    KitchenDay,
    PsychosocialSession,
    SpecialHandling,
)
from service.disasters.models.events import VULNERABLE_GROUPS, DisasterEvent, Shelter, Victim, VictimHousehold
from service.disasters.models.stock import StockItem, Warehouse

MEALS_PER_DAY = 3


def _key(kind: str, *parts: Any) -> str:
    """A stable external key (<= 64 chars) for a generated delivery."""
    return f"{kind}:{uuid.uuid5(uuid.NAMESPACE_URL, ':'.join(str(p) for p in parts)).hex}"


def _deliver(victim: Victim, code: str | None, day: dt.date, source: str, key: str, *,
             quantity: int = 1, place: str | None = None, worker_id: uuid.UUID | None = None,
             detail: str | None = None, today: dt.date | None = None) -> None:
    if not code or victim.status == "meninggal":
        return
    record_delivery(victim.person, code, delivered_on=day, quantity=quantity, source=source,
                    disaster_event_id=victim.event_id, external_key=key, place=place, worker_id=worker_id,
                    item_detail=detail, case=session.get(Case, victim.case_id) if victim.case_id else None,
                    today=today)


# ---------------------------------------------------------------- distributions
@dataclass
class GuardHit:
    """A previous distribution that the guard rule of the item says is the same aid."""

    previous: Distribution
    period: str


def guard_previous(event: DisasterEvent, household: VictimHousehold, item: StockItem, day: dt.date,
                   victim: Victim | None = None) -> list[Distribution]:
    """The distributions the item's guard rule counts as the same aid, newest first."""
    if item.guard_period == "none":
        return []
    stmt = select(Distribution).where(Distribution.event_id == event.id, Distribution.household_id == household.id,
                                      Distribution.item_id == item.id, Distribution.cancelled_at.is_(None))
    if victim is not None:
        stmt = stmt.where((Distribution.victim_id == victim.id) | Distribution.victim_id.is_(None))
    if item.guard_period == "day":
        stmt = stmt.where(Distribution.distributed_on == day)
    return list(session.scalars(stmt.order_by(Distribution.distributed_at.desc())))


def guard_check(event: DisasterEvent, household: VictimHousehold, item: StockItem, day: dt.date,
                victim: Victim | None = None) -> GuardHit | None:
    """Has this household (or person) already received this item in the guarded period?"""
    previous = guard_previous(event, household, item, day, victim)
    return GuardHit(previous[0], item.guard_period) if previous else None


class DoubleDistribution(ValidationError):
    """The guard caught a second distribution; repeat with ``override_reason`` to proceed."""

    code = "double_distribution"

    def __init__(self, hit: GuardHit, item: StockItem) -> None:
        message = (N_("{item} sudah diberikan hari ini ({when}). Isi alasan bila tetap diberikan.")
                   if hit.period == "day" else
                   N_("{item} sudah diberikan untuk kejadian ini ({when}). Isi alasan bila tetap diberikan."))
        super().__init__({"override_reason": message}, item=item.name, when=hit.previous.distributed_at)
        self.hit = hit


def distribute(
    event: DisasterEvent,
    *,
    item: StockItem,
    warehouse: Warehouse,
    quantity: Any = 1,
    household: VictimHousehold | None = None,
    card_token: str | None = None,
    victim: Victim | None = None,
    place: str | None = None,
    volunteer_user_id: uuid.UUID | None = None,
    override_reason: str | None = None,
    distributed_at: dt.datetime | None = None,
    external_key: str | None = None,
    today: dt.date | None = None,
    distribution_id: uuid.UUID | None = None,
    issue_quantity: int | None = None,
) -> Distribution:
    """Hand out aid: verify the card (or take the household found by search), apply the
    double-distribution guard, take the stock (never below zero), record the SPM deliveries.

    ``distribution_id`` names the record (a device made it offline). ``issue_quantity``
    takes less than ``quantity`` from the stock books (offline sync: the aid already left,
    the books had less; the caller flags the shortfall); 0 takes nothing."""
    from service.disasters import cards

    if external_key and len(str(external_key)) > 64:
        raise ValidationError({"external_key": N_("Kunci eksternal terlalu panjang (maksimal 64 karakter).")})
    if external_key:
        existing = session.scalar(select(Distribution).where(Distribution.external_key == external_key))
        if existing is not None:
            return existing
    card: AidCard | None = None
    if card_token:
        card = cards.verify_token(card_token, event).card
        household = card.household
        if card.victim_id is not None:
            victim = card.victim
    if household is None:
        raise ValidationError({"token": N_("Pindai kartu atau pilih penerima.")})
    if household.event_id != event.id:
        raise ValidationError({"household_id": N_("Rumah tangga ini milik kejadian lain.")})
    if victim is not None and victim.household_id != household.id:
        raise ValidationError({"victim_id": N_("Orang ini bukan anggota rumah tangga tersebut.")})
    if not item.active:
        raise ValidationError({"item_id": N_("Barang tidak aktif.")})
    when = distributed_at or utcnow()
    day = clock.local_date(when)
    # One day of leeway: a device's clock, or a device in another time zone.
    not_in_future(day, "distributed_at", (today or clock.today()) + dt.timedelta(days=1))
    hit = guard_check(event, household, item, day, victim)
    reason = (override_reason or "").strip() or None
    if hit is not None and reason is None:
        raise DoubleDistribution(hit, item)
    dist = Distribution(id=distribution_id or uuid.uuid4(), event_id=event.id, household_id=household.id,
                        victim_id=victim.id if victim else None, card_id=card.id if card else None, item_id=item.id,
                        warehouse_id=warehouse.id, quantity=stock.positive_int(quantity, "quantity"),
                        distributed_at=when, distributed_on=day, place=(place or "").strip() or None,
                        volunteer_user_id=volunteer_user_id, override_reason=reason if hit else None,
                        external_key=external_key)
    taken = dist.quantity if issue_quantity is None else max(0, min(issue_quantity, dist.quantity))
    if taken:
        stock.issue(warehouse, item, taken, event=event, issued_on=day, kind="distribution",
                    distribution_id=dist.id, today=max(day, today or clock.today()))
    session.add(dist)
    session.flush()
    reached = [victim] if victim is not None else list(household.members)
    for v in reached:
        _deliver(v, item.service_type_code, day, "distribution", _key("dist", dist.id, v.id), place=dist.place,
                 worker_id=volunteer_user_id, detail=f"{item.name} × {dist.quantity} {item.unit}",
                 today=max(day, today or clock.today()))
    return dist


def cancel_distribution(dist: Distribution, reason: str, *, by_id: uuid.UUID | None = None,
                        today: dt.date | None = None) -> Distribution:
    """A wrong handout: the distribution is kept and marked cancelled, its stock returns
    to the warehouse (same batches), and the SPM deliveries it recorded are voided."""
    from service.care.models.deliveries import Delivery
    from service.disasters.models.stock import StockMovement

    reason = (reason or "").strip()
    if dist.cancelled_at is not None:
        raise ValidationError({"reason": N_("Distribusi ini sudah dibatalkan.")})
    if not reason:
        raise ValidationError({"reason": N_("Alasan pembatalan wajib diisi.")})
    dist.cancelled_at = utcnow()
    dist.cancelled_by_id = by_id
    dist.cancel_reason = reason
    session.flush()
    for move in session.scalars(select(StockMovement).where(StockMovement.distribution_id == dist.id,
                                                            StockMovement.kind == "distribution")):
        stock.return_stock(move, note=reason, today=today)
    reached = session.scalars(select(Victim).where(Victim.household_id == dist.household_id))
    keys = [_key("dist", dist.id, v.id) for v in reached]
    for delivery in session.scalars(select(Delivery).where(Delivery.external_key.in_(keys),
                                                           Delivery.voided_at.is_(None))):
        void_delivery(delivery, f"Distribusi dibatalkan: {reason}", by_id)
    return dist


def event_distribution(event: DisasterEvent, distribution_id: Any) -> Distribution:
    """A distribution of this event (NotFound for another event's)."""
    from service.core.errors import NotFound

    dist = get_distribution(distribution_id)
    if dist.event_id != event.id:
        raise NotFound(N_("Distribusi tidak ditemukan."))
    return dist


def distributions_stmt(event: DisasterEvent, household: VictimHousehold | None = None) -> Select[Any]:
    stmt = select(Distribution).where(Distribution.event_id == event.id)
    if household is not None:
        stmt = stmt.where(Distribution.household_id == household.id)
    return stmt.order_by(Distribution.distributed_at.desc())


def distributed_totals(event: DisasterEvent) -> dict[uuid.UUID, tuple[int, int]]:
    """Per item: (quantity distributed, number of distributions)."""
    return {i: (q, n) for i, q, n in session.execute(
        select(Distribution.item_id, func.sum(Distribution.quantity), func.count())
        .where(Distribution.event_id == event.id, Distribution.cancelled_at.is_(None))
        .group_by(Distribution.item_id))}


# ---------------------------------------------------------------- kitchen
def record_kitchen_day(event: DisasterEvent, shelter: Shelter, served_on: dt.date | str, meals_served: Any,
                       victims: list[Victim], *, notes: str | None = None, today: dt.date | None = None) -> KitchenDay:
    """Meals served at a shelter's public kitchen on a day, and the persons fed.

    Each person fed gets one ``bencana_makanan`` delivery for that day (3 meals).
    Recording the same shelter and day again updates it (idempotent per person).
    """
    today = today or clock.today()
    errors: dict[str, str] = {}
    if shelter.event_id != event.id:
        errors["shelter_id"] = N_("Pos pengungsian ini milik kejadian lain.")
    day = past_date(served_on, "served_on", today, errors, required=True) or today
    try:
        meals = int(str(meals_served).strip())
        if meals < 0:
            raise ValueError
    except (TypeError, ValueError):
        errors["meals_served"] = N_("Jumlah porsi harus bilangan bulat 0 atau lebih.")
        meals = 0
    if any(v.event_id != event.id for v in victims):
        errors["victim_ids"] = N_("Ada korban dari kejadian lain.")
    if not errors and meals < len(victims):
        errors["meals_served"] = N_("Jumlah porsi lebih kecil dari jumlah orang yang diberi makan.")
    if errors:
        raise ValidationError(errors)
    row = session.scalar(select(KitchenDay).where(KitchenDay.event_id == event.id,
                                                  KitchenDay.shelter_id == shelter.id, KitchenDay.served_on == day))
    ids = sorted({str(v.id) for v in victims})
    if row is None:
        row = KitchenDay(event_id=event.id, shelter_id=shelter.id, served_on=day, meals_served=meals, victim_ids=ids,
                         notes=notes)
        session.add(row)
    else:
        row.meals_served = meals
        row.victim_ids = sorted(set(row.victim_ids) | set(ids))
        row.notes = notes or row.notes
    session.flush()
    for v in victims:
        _deliver(v, "bencana_makanan", day, "kitchen", _key("kitchen", event.id, v.id, day),
                 quantity=MEALS_PER_DAY, place=shelter.name, detail=N_("Dapur umum"), today=today)
    return row


def kitchen_days(event: DisasterEvent) -> list[KitchenDay]:
    return list(session.scalars(select(KitchenDay).where(KitchenDay.event_id == event.id)
                                .order_by(KitchenDay.served_on.desc())))


# ---------------------------------------------------------------- psychosocial / special handling
def record_psychosocial(event: DisasterEvent, held_on: dt.date | str, facilitator: str, activity: str,
                        victims: list[Victim], *, notes: str | None = None, today: dt.date | None = None
                        ) -> PsychosocialSession:
    today = today or clock.today()
    errors: dict[str, str] = {}
    day = past_date(held_on, "held_on", today, errors, required=True) or today
    if not (facilitator or "").strip():
        errors["facilitator"] = N_("Nama fasilitator wajib diisi.")
    if not (activity or "").strip():
        errors["activity"] = N_("Kegiatan wajib diisi.")
    if not victims:
        errors["victim_ids"] = N_("Pilih minimal satu peserta.")
    elif any(v.event_id != event.id for v in victims):
        errors["victim_ids"] = N_("Ada korban dari kejadian lain.")
    if errors:
        raise ValidationError(errors)
    row = PsychosocialSession(event_id=event.id, held_on=day, facilitator=facilitator.strip(),
                              activity=activity.strip(), victim_ids=sorted({str(v.id) for v in victims}), notes=notes)
    session.add(row)
    session.flush()
    for v in victims:
        _deliver(v, "bencana_psikososial", day, "disaster", _key("psy", row.id, v.id),
                 detail=row.activity, today=today)
    return row


def record_special_handling(victim: Victim, handled_on: dt.date | str, group: str, action: str,
                            today: dt.date | None = None) -> SpecialHandling:
    today = today or clock.today()
    errors: dict[str, str] = {}
    day = past_date(handled_on, "handled_on", today, errors, required=True) or today
    if group not in VULNERABLE_GROUPS:
        errors["group"] = N_("Kelompok rentan tidak dikenal.")
    if not (action or "").strip():
        errors["action"] = N_("Tindakan wajib diisi.")
    if errors:
        raise ValidationError(errors)
    row = SpecialHandling(event_id=victim.event_id, victim_id=victim.id, handled_on=day, group=group,
                          action=action.strip())
    session.add(row)
    if group not in victim.vulnerable_groups:
        victim.vulnerable_groups = sorted({*victim.vulnerable_groups, group})
    session.flush()
    _deliver(victim, "bencana_kelompok_rentan", day, "disaster", _key("vuln", row.id), detail=row.action,
             today=today)
    return row


# ---------------------------------------------------------------- compensation
def record_compensation(victim: Victim, *, amount: Any, recipient_name: str, recipient_relationship: str,
                        document_ref: str, paid_on: dt.date | str, recipient_nik: str | None = None,
                        today: dt.date | None = None) -> Compensation:
    """Santunan for the heirs of a victim who died (one per victim)."""
    today = today or clock.today()
    errors: dict[str, str] = {}
    if victim.status != "meninggal":
        errors["victim_id"] = N_("Santunan hanya untuk ahli waris korban meninggal dunia.")
    try:
        rupiah = int(str(amount).replace(".", "").replace("Rp", "").strip())
        if rupiah <= 0:
            raise ValueError
    except (TypeError, ValueError):
        errors["amount"] = N_("Jumlah santunan harus angka rupiah lebih dari 0.")
        rupiah = 0
    if not (recipient_name or "").strip():
        errors["recipient_name"] = N_("Nama ahli waris wajib diisi.")
    if not (recipient_relationship or "").strip():
        errors["recipient_relationship"] = N_("Hubungan ahli waris wajib diisi.")
    if not (document_ref or "").strip():
        errors["document_ref"] = N_("Nomor dokumen wajib diisi.")
    nik = (recipient_nik or "").strip() or None
    if nik and not (nik.isdigit() and len(nik) == 16):
        errors["recipient_nik"] = N_("NIK harus 16 digit angka.")
    day = past_date(paid_on, "paid_on", today, errors, required=True) or today
    if errors:
        raise ValidationError(errors)
    if session.scalar(select(Compensation).where(Compensation.victim_id == victim.id)) is not None:
        raise Conflict(N_("Santunan untuk korban ini sudah dicatat."))
    row = Compensation(event_id=victim.event_id, victim_id=victim.id, amount=rupiah,
                       recipient_name=recipient_name.strip(), recipient_relationship=recipient_relationship.strip(),
                       recipient_nik=nik, document_ref=document_ref.strip(), paid_on=day)
    session.add(row)
    session.flush()
    return row


def compensations(event: DisasterEvent) -> list[Compensation]:
    return list(session.scalars(select(Compensation).where(Compensation.event_id == event.id)
                                .order_by(Compensation.paid_on)))


def get_distribution(dist_id: Any) -> Distribution:
    return get_or_raise(Distribution, dist_id, N_("Distribusi tidak ditemukan."))  # type: ignore[no-any-return]
