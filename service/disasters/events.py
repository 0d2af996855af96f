"""Disaster events — owner of ``DisasterEvent`` and ``DisasterCodeSequence`` (docs/disasters.md).

Readable codes per type and year (``BNJ-2026-003``), the event's fields and status
(``EVENT_WORKFLOW``), and the events a user may see (``events_for``: a TAGANA volunteer
only where deployed). Victims and households are in ``service.disasters.victims``,
shelters in ``service.disasters.shelters``, the situation report in ``service.disasters.report``.
"""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from sqlalchemy import Select, or_, select, update

from service.core import clock
from service.core.access import scope_area
from service.core.db import get_or_raise, session
from service.core.errors import N_, ValidationError
from service.core.formatting import parse_date, past_date
from service.core.states import Workflow
from service.disasters.models.events import (
    EVENT_CATEGORIES,
    EVENT_STATUSES,
    EVENT_TYPES,
    DisasterCodeSequence,
    DisasterEvent,
)
from service.disasters.models.volunteers import Deployment, Volunteer
from service.reference import regions

# Readable code prefix per event type (data, not ifs): BNJ-2026-003.
CODE_PREFIXES = {"banjir": "BNJ", "longsor": "LSR", "kebakaran": "KBK", "angin_puting_beliung": "APB",
                 "gempa_bumi": "GMP", "konflik_sosial": "KSL", "lainnya": "BNC"}
# The category an event type belongs to by default.
TYPE_CATEGORY = {"banjir": "alam", "longsor": "alam", "angin_puting_beliung": "alam", "gempa_bumi": "alam",
                 "kebakaran": "non_alam", "konflik_sosial": "sosial", "lainnya": "alam"}
TYPE_LABELS = {"banjir": N_("Banjir"), "longsor": N_("Tanah longsor"), "kebakaran": N_("Kebakaran"),
               "angin_puting_beliung": N_("Angin puting beliung"), "gempa_bumi": N_("Gempa bumi"),
               "konflik_sosial": N_("Konflik sosial"), "lainnya": N_("Lainnya")}
CATEGORY_LABELS = {"alam": N_("Bencana alam"), "sosial": N_("Bencana sosial"), "non_alam": N_("Bencana non-alam")}
STATUS_LABELS = {"tanggap_darurat": N_("Tanggap darurat"), "pemulihan": N_("Pemulihan"), "selesai": N_("Selesai")}

# An event's status may move to any other (an event closed too early is reopened); a new event
# moves from the first status. Tighten the table here when the office decides otherwise.
EVENT_START_STATUS = "tanggap_darurat"
EVENT_WORKFLOW = Workflow.from_map("disaster_event", {s: EVENT_STATUSES for s in EVENT_STATUSES},
                                   message=N_("Status kejadian tidak dikenal."))


def next_event_code(prefix: str, year: int) -> str:
    """``BNJ-2026-003``: unique per prefix and year, safe under concurrent creation."""
    table = DisasterCodeSequence.__table__
    if session.get_bind().dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert as dialect_insert
    else:
        from sqlalchemy.dialects.sqlite import insert as dialect_insert  # type: ignore[assignment]
    session.execute(dialect_insert(table).values(prefix=prefix, year=year, last_value=0).on_conflict_do_nothing())
    value = session.execute(
        update(table).where(table.c.prefix == prefix, table.c.year == year)
        .values(last_value=table.c.last_value + 1).returning(table.c.last_value)
    ).scalar_one()
    return f"{prefix}-{year}-{value:03d}"


def _event_fields(data: dict[str, Any], today: dt.date, current_status: str | None = None) -> dict[str, Any]:
    errors: dict[str, str] = {}
    name = " ".join(str(data.get("name") or "").split())
    if not name:
        errors["name"] = N_("Nama kejadian wajib diisi.")
    etype = data.get("event_type") or ""
    if etype not in EVENT_TYPES:
        errors["event_type"] = N_("Jenis bencana tidak dikenal.")
    category = data.get("category") or TYPE_CATEGORY.get(etype, "")
    if category not in EVENT_CATEGORIES:
        errors["category"] = N_("Kategori bencana tidak dikenal.")
    area = str(data.get("area_code") or "").strip()
    if not area or regions.get(area) is None:
        errors["area_code"] = N_("Kode wilayah {code} tidak dikenal.")
    raw_villages = data.get("village_codes") or []
    if isinstance(raw_villages, str):
        raw_villages = [v for v in raw_villages.replace(",", ";").replace("\n", ";").split(";")]
    villages = sorted({str(v).strip() for v in raw_villages if str(v).strip()})
    bad = [v for v in villages if (r := regions.get(v)) is None or r.level != 4
           or not (area and (v == area or v.startswith(area + ".")))]
    if bad:
        errors["village_codes"] = N_("Desa/kelurahan terdampak tidak dikenal atau di luar wilayah kejadian: {codes}.")
    dates: dict[str, dt.date | None] = {
        "started_on": past_date(data.get("started_on"), "started_on", today, errors, required=True)}
    for key in ("emergency_start", "emergency_end"):
        try:
            dates[key] = parse_date(data.get(key), key)
        except ValidationError as exc:
            errors.update(exc.fields)
            dates[key] = None
    if dates["emergency_start"] and dates["emergency_end"] and dates["emergency_end"] < dates["emergency_start"]:
        errors["emergency_end"] = N_("Akhir masa tanggap darurat sebelum awalnya.")
    status = data.get("status") or EVENT_START_STATUS
    try:
        EVENT_WORKFLOW.check(current_status or EVENT_START_STATUS, status)
    except ValidationError as exc:
        errors.update(exc.fields)
    if errors:
        raise ValidationError(errors, code=area, codes=", ".join(bad))
    return {"name": name, "event_type": etype, "category": category, "area_code": area,
            "village_codes": villages, "status": status, "summary": (data.get("summary") or "").strip() or None,
            **dates}


def create_event(data: dict[str, Any], *, today: dt.date | None = None, event_id: uuid.UUID | None = None
                 ) -> DisasterEvent:
    fields = _event_fields(data, today or clock.today())
    code = next_event_code(CODE_PREFIXES[fields["event_type"]], fields["started_on"].year)
    event = DisasterEvent(id=event_id or uuid.uuid4(), code=code, **fields)
    session.add(event)
    session.flush()
    return event


def update_event(event: DisasterEvent, data: dict[str, Any], *, today: dt.date | None = None) -> DisasterEvent:
    fields = _event_fields({**{"event_type": event.event_type, "category": event.category}, **data},
                           today or clock.today(), current_status=event.status)
    for key, value in fields.items():
        setattr(event, key, value)
    session.flush()
    return event


def get_event(event_id: uuid.UUID | str) -> DisasterEvent:
    return get_or_raise(DisasterEvent, event_id, N_("Kejadian bencana tidak ditemukan."))  # type: ignore[no-any-return]


def get_event_by_code(code: str) -> DisasterEvent | None:
    """The event with this readable code (case-insensitive), e.g. ``BNJ-2026-001`` (BNBA import)."""
    if not code:
        return None
    return session.scalar(select(DisasterEvent).where(DisasterEvent.code == str(code).strip().upper()))


def events_for(user: Any, q: str | None = None, status: str | None = None) -> Select[Any]:
    """Events this user may see (area; a TAGANA volunteer only where deployed)."""
    stmt = select(DisasterEvent).where(scope_area(user, DisasterEvent.area_code))
    if getattr(user, "role", None) in DisasterEvent.assigned_only_roles:
        today = clock.today()
        deployed = (select(Deployment.event_id).join(Volunteer, Volunteer.id == Deployment.volunteer_id)
                    .where(Volunteer.user_id == user.id, Volunteer.active,
                           or_(Deployment.ended_on.is_(None), Deployment.ended_on > today)))
        stmt = stmt.where(DisasterEvent.id.in_(deployed))
    if q:
        like = f"%{q.strip()}%"
        stmt = stmt.where(or_(DisasterEvent.code.ilike(like), DisasterEvent.name.ilike(like)))
    if status:
        stmt = stmt.where(DisasterEvent.status == status)
    return stmt.order_by(DisasterEvent.started_on.desc(), DisasterEvent.code)
