"""The disaster module offline: sync operations ``victim.register`` and ``distribution.create``,
and the download behind "take my events offline".

Both operations go through the disaster module's own use cases
(``victims.register_victim``, ``aid.distribute``): same validation, same audit,
same SPM effect (the eligible ``bencana`` assessment, the ``bencana_*``
deliveries) as the web forms. ``entity_id`` is the victim's / the distribution's
id, made on the device, so a resend is a ``duplicate``.

Double distribution across devices. The device checks its own log (the
distributions it downloaded plus the ones it recorded) and asks for a reason
before handing out the same item again; it sends how many earlier ones it saw
(``terlihat``). The server applies the item's guard rule again: when it knows
*more* earlier distributions than the device saw, another device served the
same household. The aid has left the warehouse, so the distribution is still
recorded (with the stock issue and deliveries) and put before a supervisor with
``flag_for_review(kind="double_distribution")``.

Stock that the books do not have. ``stock_levels`` never goes below zero. When a
device's distribution needs more than the warehouse has on the books, the
distribution is recorded anyway, the stock issue takes what the books have
(possibly nothing), and the shortfall is flagged (``kind="stock_shortfall"``)
for a supervisor to reconcile (usually a receipt not entered yet). A card that
was revoked after the device downloaded the list: the distribution is recorded
for the card's household and flagged (``kind="revoked_card"``).
"""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from sqlalchemy import select

from service.core import audit, clock
from service.core.access import can
from service.core.db import parse_uuid, session
from service.core.errors import N_, Conflict, ValidationError
from service.core.interchange import PERSON, TO_INTERCHANGE, to_domain, to_interchange
from service.disasters import aid, cards, events, stock, victims
from service.disasters.models.aid import AidCard, Distribution
from service.disasters.models.events import (
    DAMAGE_LEVELS,
    VICTIM_STATUSES,
    VULNERABLE_GROUPS,
    DisasterEvent,
    Victim,
    VictimHousehold,
)
from service.disasters.models.stock import StockItem, Warehouse
from service.offline.conflicts import flag_for_review
from service.offline.engine import (
    Context,
    MissingEntity,
    Operation,
    Outcome,
    register_op_type,
    require,
)
from service.registry import persons as registry
from service.registry.models import Person

# victim.register's data: the person's fields go through interchange.PERSON; the device's other
# names (interchange -> domain) are two person fields only this operation has, and the victim's own.
VICTIM_PERSON = {"umur": "age", "alasan_tanpa_nik": "no_nik_reason"}
VICTIM = {"hubungan": "relationship_code", "kelompok_rentan": "vulnerable_groups", "kerusakan": "damage_level",
          "kebutuhan": "needs", "tanggal": "registered_on", "catatan": "notes"}
# Domain names -> the device's, for the errors of victim.register (beside the device's fields).
VICTIM_ERRORS = {**TO_INTERCHANGE, **{v: k for k, v in {**VICTIM_PERSON, **VICTIM}.items()},
                 "household_id": "kepala_id", "person_id": "nama",
                 # The app has no shelter list: checking in ("Di pos pengungsian") is done at the shelter page.
                 "shelter_id": "status"}
DISTRIBUTION_ERRORS = {
    "token": "kartu", "household_id": "korban_id", "victim_id": "korban_id", "item_id": "barang",
    "quantity": "jumlah", "distributed_at": "waktu", "override_reason": "alasan", "issued_on": "waktu",
}
# What the server writes as the reason when the device did not know of the earlier distribution.
SERVER_REASON = "Dicatat dari perangkat offline; perangkat lain sudah memberikan barang ini (menunggu tinjauan)."

# Labels of the flag rows in the supervisor's inbox (keys of device_data/server_data).
L_DEVICE_TIME = N_("Waktu di perangkat")
L_QUANTITY = N_("Jumlah")
L_REASON = N_("Alasan di perangkat")
L_SEEN = N_("Pemberian sebelumnya yang terlihat di perangkat")
L_SERVER_COUNT = N_("Pemberian sebelumnya di server")
L_LAST = N_("Pemberian terakhir sebelumnya")
L_ON_HAND = N_("Stok tercatat di gudang")
L_SHORT = N_("Kekurangan stok tercatat")
L_CARD = N_("Kartu")
L_REVOKED = N_("Dicabut pada")
FLAG_LABELS = {"double_distribution": N_("Distribusi ganda"), "stock_shortfall": N_("Stok tercatat kurang"),
               "revoked_card": N_("Kartu sudah dicabut")}


def _on_device(exc: ValidationError, names: dict[str, str]) -> ValidationError:
    """The use case's error under the device's field names."""
    return ValidationError(to_interchange(exc.fields, names), **exc.params)


def _event(ctx: Context, data: dict[str, Any], action: str) -> DisasterEvent:
    eid = parse_uuid(data.get("event_id"))
    event = session.get(DisasterEvent, eid) if eid else events.get_event_by_code(str(data.get("event_code") or ""))
    if event is None:
        if eid is None and not data.get("event_code"):
            raise ValidationError({"event_id": N_("event_id wajib berupa UUID.")})
        raise MissingEntity("event_id", N_("Kejadian bencana ini belum diterima server; kirim ulang nanti."))
    require(ctx.user, action, event)
    return event


# ---------------------------------------------------------------- victim.register
def _victim_register(ctx: Context, op: Operation) -> Outcome:
    existing = session.get(Victim, op.entity_id)
    if existing is not None:
        return Outcome("duplicate", existing.id, existing.version)
    d = op.data
    event = _event(ctx, d, "disaster.edit")
    household: VictimHousehold | None = None
    if d.get("kepala_id"):
        head_id = parse_uuid(d.get("kepala_id"))
        if head_id is None:
            raise ValidationError({"kepala_id": N_("kepala_id wajib berupa UUID.")})
        head = session.get(Victim, head_id)
        if head is None:
            raise MissingEntity("kepala_id", N_("Kepala keluarga ini belum diterima server; kirim ulang setelah "
                                                "datanya masuk."))
        household = head.household
    fields = to_domain(d, {**PERSON, **VICTIM_PERSON})
    fields["village_code"] = fields.get("village_code") or (household.village_code if household else None)
    v = to_domain(d, VICTIM)
    needs = v.get("needs")
    if needs is not None and not isinstance(needs, list):
        raise ValidationError({"kebutuhan": N_("Kebutuhan harus daftar kode.")})
    groups = v.get("vulnerable_groups") or []
    if not isinstance(groups, list):
        raise ValidationError({"kelompok_rentan": N_("Kelompok rentan tidak dikenal.")})
    kwargs: dict[str, Any] = {
        "household": household,
        "relationship_code": (v.get("relationship_code") or "") if household is not None else "kepala_keluarga",
        "status": d.get("status") or victims.VICTIM_START_STATUS, "vulnerable_groups": [str(g) for g in groups],
        "damage_level": v.get("damage_level") or None, "address": fields.get("address") or None,
        "needs": [str(n) for n in needs] if needs is not None else None, "registered_on": v.get("registered_on"),
        "by_id": ctx.user.id, "notes": v.get("notes") or None, "victim_id": op.entity_id,
        "require_reason": True,  # without NIK, `alasan_tanpa_nik` is required: no silent default
    }
    person: dict[str, Any] | Person = fields
    for attempt in range(2):
        try:
            victim = victims.register_victim(event, person, **kwargs)
            break
        except ValidationError as exc:
            raise _on_device(exc, VICTIM_ERRORS) from None
        except Conflict as exc:
            # Same NIK, name and birth date was already reused by register_victim. Another holder is reused
            # only when this user may open it; otherwise the device hears just that the NIK is taken.
            known = registry.nik_holder(ctx.user, exc) if exc.field == "nik" and attempt == 0 else None
            if known is None:  # already a victim of this event, or a holder this user may not know of
                raise ValidationError(to_interchange({exc.field or "name": exc.message}), **exc.params) from None
            person = known
    return Outcome("applied", victim.id, victim.version)


register_op_type(
    "victim.register", _victim_register,
    "Register victim `entity_id` of the event `event_id` through `victims.register_victim` (registry validation, "
    "the eligible SPM `bencana` assessment). Without `kepala_id` the person heads a new household; with it "
    "(the head's victim id) the person joins that household. A NIK already in the registry registers that "
    "person when the name and birth date agree or the user may open that record; otherwise `rejected` "
    "(the NIK is taken; the holder is never named). Unknown `event_id`/`kepala_id`: `rejected` with `retryable: true`.",
    {"type": "object", "required": ["event_id", "nama"], "title": "victim.register", "properties": {
        "event_id": {"type": "string", "format": "uuid"}, "nama": {"type": "string"},
        "nik": {"type": ["string", "null"]}, "jenis_kelamin": {"enum": ["L", "P", None]},
        "tanggal_lahir": {"type": ["string", "null"], "format": "date"},
        "umur": {"type": ["integer", "null"], "description": "estimated age when the birth date is unknown"},
        "alasan_tanpa_nik": {"enum": ["belum_terdaftar", "dokumen_hilang", "identitas_tidak_diketahui", None],
                             "description": "required when `nik` is empty (`rejected` otherwise; no default)"},
        "kode_wilayah": {"type": "string", "description": "village code (the household's when omitted)"},
        "alamat": {"type": ["string", "null"]},
        "kepala_id": {"type": ["string", "null"], "format": "uuid", "description": "victim id of the household head"},
        "hubungan": {"enum": list(victims.RELATIONSHIPS[1:]), "description": "members only"},
        "status": {"enum": list(VICTIM_STATUSES)},
        "kelompok_rentan": {"type": "array", "items": {"enum": list(VULNERABLE_GROUPS)}},
        "kerusakan": {"enum": list(DAMAGE_LEVELS), "description": "house damage (head only)"},
        "kebutuhan": {"type": "array", "items": {"type": "string"}, "description": "bencana components; all if omitted"},
        "tanggal": {"type": "string", "format": "date"}, "catatan": {"type": "string"}}},
)


# ---------------------------------------------------------------- distribution.create
def _when(raw: Any) -> dt.datetime:
    if raw in (None, ""):
        raise ValidationError({"waktu": N_("Waktu distribusi wajib diisi.")})
    try:
        value = dt.datetime.fromisoformat(str(raw).replace("Z", "+00:00"))
    except ValueError:
        raise ValidationError({"waktu": N_("Waktu distribusi tidak dikenali.")}) from None
    return value if value.tzinfo else value.replace(tzinfo=clock.zone())


def _seen(raw: Any) -> int:
    try:
        value = int(raw or 0)
        if value < 0:
            raise ValueError
    except (TypeError, ValueError):
        raise ValidationError({"terlihat": N_("terlihat harus bilangan bulat 0 atau lebih.")}) from None
    return value


def _distribution_create(ctx: Context, op: Operation) -> Outcome:
    existing = session.get(Distribution, op.entity_id)
    if existing is not None:
        return Outcome("duplicate", existing.id, None)
    d = op.data
    event = _event(ctx, d, "disaster.distribute")
    errors: dict[str, str] = {}
    item = session.scalar(select(StockItem).where(StockItem.code == str(d.get("barang") or "")))
    if item is None:
        errors["barang"] = N_("Barang tidak dikenal.")
    warehouse = session.scalar(select(Warehouse).where(Warehouse.code == str(d.get("gudang") or ""),
                                                       Warehouse.active))
    if warehouse is None or not can(ctx.user, "disaster.distribute", warehouse):
        errors["gudang"] = N_("Gudang tidak dikenal.")
    try:
        quantity = stock.positive_int(d.get("jumlah", 1), "jumlah")
    except ValidationError as exc:
        errors.update(exc.fields)
        quantity = 0
    try:
        when = _when(d.get("waktu"))
    except ValidationError as exc:
        errors.update(exc.fields)
        when = None
    try:
        seen = _seen(d.get("terlihat"))
    except ValidationError as exc:
        errors.update(exc.fields)
        seen = 0
    if errors:
        raise ValidationError(errors)
    assert item is not None and warehouse is not None and when is not None

    token = str(d.get("kartu") or "").strip()
    card: AidCard | None = None
    victim: Victim | None = None
    if token:
        try:
            payload = cards.decode_token(token)  # the signature, as on the device
        except ValidationError as exc:
            raise _on_device(exc, DISTRIBUTION_ERRORS) from None
        card_id = parse_uuid(payload.get("c"))
        card = session.get(AidCard, card_id) if card_id else None
        if card is None:
            raise MissingEntity("kartu", N_("Kartu ini belum diterima server; kirim ulang nanti."))
        if card.token != token:
            raise ValidationError({"kartu": N_("Kartu tidak sah: tanda tangan digital tidak cocok.")})
        if card.event_id != event.id:
            raise ValidationError({"kartu": N_("Kartu ini untuk kejadian lain ({code}).")}, code=card.event.code)
        household = card.household
        victim = card.victim
    else:
        vid = parse_uuid(d.get("korban_id"))
        if vid is None:
            raise ValidationError({"kartu": N_("Pindai kartu atau pilih penerima.")})
        member = session.get(Victim, vid)
        if member is None:
            raise MissingEntity("korban_id", N_("Korban ini belum diterima server; kirim ulang setelah datanya masuk."))
        if member.event_id != event.id:
            raise ValidationError({"korban_id": N_("Rumah tangga ini milik kejadian lain.")})
        household = member.household

    day = when.astimezone(clock.zone()).date()
    previous = aid.guard_previous(event, household, item, day, victim)
    reason = str(d.get("alasan") or "").strip()
    beyond = len(previous) > seen
    if previous and (beyond or not reason):
        reason = reason or SERVER_REASON
    on_hand = stock.on_hand(warehouse, item)
    short = max(0, quantity - on_hand)
    revoked = card is not None and card.revoked_at is not None
    try:
        dist = aid.distribute(
            event, item=item, warehouse=warehouse, quantity=quantity, household=household,
            card_token=token if card is not None and not revoked else None, victim=victim,
            place=d.get("tempat"), volunteer_user_id=ctx.user.id, override_reason=reason or None,
            distributed_at=when, distribution_id=op.entity_id, issue_quantity=quantity - short)
    except ValidationError as exc:
        raise _on_device(exc, DISTRIBUTION_ERRORS) from None

    summary = f"{item.name} · {household.head.name} · {event.code}"
    flag_id = None
    common = {"op_id": op.op_id, "device_id": ctx.device_id, "submitted_by_id": ctx.user.id}
    device_data = {L_DEVICE_TIME: when.astimezone(clock.zone()).strftime("%d/%m/%Y %H.%M"), L_QUANTITY: quantity,
                   L_REASON: str(d.get("alasan") or "").strip() or "–", L_SEEN: seen}
    if beyond:
        last = previous[0]
        flag = flag_for_review(
            "double_distribution", "distributions", dist.id, household.area_code, summary, device_data=device_data,
            server_data={L_SERVER_COUNT: len(previous),
                         L_LAST: last.distributed_at.astimezone(clock.zone()).strftime("%d/%m/%Y %H.%M"),
                         L_QUANTITY: last.quantity},
            **common)
        flag_id = flag.id
    if short:
        flag = flag_for_review("stock_shortfall", "distributions", dist.id, household.area_code,
                               f"{summary} · {warehouse.name}", device_data=device_data,
                               server_data={L_ON_HAND: on_hand, L_SHORT: f"{short} {item.unit}"}, **common)
        flag_id = flag_id or flag.id
    if revoked:
        assert card is not None
        flag = flag_for_review("revoked_card", "distributions", dist.id, household.area_code, summary,
                               device_data={**device_data, L_CARD: card.serial},
                               server_data={L_CARD: card.serial,
                                            L_REVOKED: card.revoked_at.astimezone(clock.zone()).strftime("%d/%m/%Y %H.%M")
                                            if card.revoked_at else "–"}, **common)
        flag_id = flag_id or flag.id
    return Outcome("applied", dist.id, None, flag_id)


register_op_type(
    "distribution.create", _distribution_create,
    "Record distribution `entity_id` through `aid.distribute` (stock issue, `bencana_*` deliveries for the "
    "household or the card's person). The recipient is the scanned card `kartu` (its Ed25519 signature is checked "
    "as on the device) or, without a card, the household of victim `korban_id`. The item's guard rule is applied "
    "again: beyond what the device saw (`terlihat`) the distribution is still recorded and flagged for a "
    "supervisor (`conflict_id` on the `applied` result, kind `double_distribution`); so are a stock shortfall in "
    "the books (`stock_shortfall`, the issue takes what the books have) and a card revoked meanwhile "
    "(`revoked_card`). Unknown `event_id`/`korban_id`/card: `rejected` with `retryable: true`.",
    {"type": "object", "required": ["event_id", "barang", "gudang", "jumlah", "waktu"],
     "title": "distribution.create", "properties": {
         "event_id": {"type": "string", "format": "uuid"},
         "kartu": {"type": ["string", "null"], "description": "the scanned card token LDG1.<payload>.<signature>"},
         "korban_id": {"type": ["string", "null"], "format": "uuid",
                       "description": "without a card: a victim of the household (e.g. registered on the device)"},
         "barang": {"type": "string", "description": "stock item code"},
         "gudang": {"type": "string", "description": "warehouse code"},
         "jumlah": {"type": "integer", "minimum": 1},
         "waktu": {"type": "string", "format": "date-time"}, "tempat": {"type": ["string", "null"]},
         "alasan": {"type": ["string", "null"], "description": "override reason given on the device"},
         "terlihat": {"type": "integer", "minimum": 0,
                      "description": "earlier distributions of the item the device saw (its guard check)"}}},
)


# ---------------------------------------------------------------- "take my events offline"
def _deployed_events(user: Any) -> list[DisasterEvent]:
    stmt = events.events_for(user).where(DisasterEvent.status != "selesai")
    return [e for e in session.scalars(stmt) if can(user, "disaster.distribute", e) or can(user, "disaster.edit", e)]


def events_bundle(user: Any) -> dict[str, Any]:
    """The events this user may work on offline (TAGANA: deployed ones) with their households and victims,
    earlier distributions (for the device's guard), items with their guard rules, warehouses, the office's
    public key(s) and the revoked cards. Each victim's download is logged as an access."""
    require(user, "sync.push")
    deployed = _deployed_events(user)
    show_nik = can(user, "person.view_nik")
    out_events = []
    accessed: list[uuid.UUID] = []
    for ev in deployed:
        households = []
        for hh in session.scalars(victims.households_stmt(ev)):
            card = cards.valid_card(hh)
            members = []
            for v in hh.members:
                accessed.append(v.person_id)
                members.append({"id": str(v.id), "nama": v.person.name, "hubungan": v.relationship_code,
                                "status": v.status, "jenis_kelamin": v.person.sex,
                                "nik": v.person.nik if show_nik else None})
            households.append({"id": str(hh.id), "kepala_id": members[0]["id"] if members else None,
                               "kepala": hh.head.name, "kode_wilayah": hh.village_code, "alamat": hh.address,
                               "kartu_id": str(card.id) if card else None, "kartu_serial": card.serial if card else None,
                               "anggota": members})
        dists = [{"id": str(x.id), "household_id": str(x.household_id), "barang": x.item.code,
                  "victim_id": str(x.victim_id) if x.victim_id else None,
                  "tanggal": x.distributed_on.isoformat(), "jumlah": x.quantity}
                 for x in session.scalars(aid.distributions_stmt(ev))]
        out_events.append({"id": str(ev.id), "code": ev.code, "name": ev.name, "status": ev.status,
                           "started_on": ev.started_on.isoformat(), "area_code": ev.area_code,
                           "village_codes": list(ev.village_codes or []), "households": households,
                           "distributions": dists, "revoked": cards.revoked_ids(ev)})
    with audit.acting_as(audit.actor_for_user(user, "sync")):
        for pid in dict.fromkeys(accessed):
            audit.log_access("persons", pid, purpose="offline")
    return {
        "user_id": str(user.id),
        "events": out_events,
        "items": [{"code": i.code, "name": i.name, "name_en": i.name_en, "unit": i.unit,
                   "guard_period": i.guard_period, "layanan": i.service_type_code} for i in stock.items()],
        "warehouses": [{"code": w.code, "name": w.name} for w in session.scalars(stock.warehouses_stmt(user))],
        "keys": cards.public_key_info() if deployed else {"algorithm": "Ed25519", "format": cards.PREFIX, "keys": []},
        "needs": [{"code": c, "name": name} for c, name in victims.bencana_needs()],
        "downloaded_at": dt.datetime.now(dt.UTC).isoformat(),
    }

