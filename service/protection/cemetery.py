"""The heroes' cemetery (*Taman Makam Pahlawan*): its graves, their maintenance, and the national-day
ceremonies (1.06.07; docs/protection.md). A grave maintained in a period is one *makam* of the
sub-activity "Pemeliharaan Taman Makam Pahlawan"."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from sqlalchemy import Select, func, select

from service.core import clock
from service.core.access import scope_area
from service.core.db import get_or_raise, parse_uuid, session
from service.core.errors import N_, ValidationError
from service.core.formatting import past_date
from service.protection.models import Ceremony, Grave, GraveMaintenance
from service.protection.models.records import MAINTENANCE_WORKS, NATIONAL_DAYS

WORK_LABELS = {"cleaning": N_("Pembersihan"), "painting": N_("Pengecatan"), "repair": N_("Perbaikan nisan/makam"),
               "landscaping": N_("Penataan taman")}
DAY_LABELS = {"pahlawan": N_("Hari Pahlawan (10 November)"), "kemerdekaan": N_("Hari Kemerdekaan (17 Agustus)"),
              "kesaktian_pancasila": N_("Hari Kesaktian Pancasila (1 Oktober)"),
              "hks": N_("Hari Kesetiakawanan Sosial (20 Desember)"), "other": N_("Hari nasional lainnya")}


def _area(data: dict[str, Any], errors: dict[str, str]) -> str:
    from service.reference import regions

    code = str(data.get("area_code") or "").strip()
    if not code or regions.get(code) is None:
        errors["area_code"] = N_("Pilih wilayah.")
    return code


def get_grave(grave_id: Any) -> Grave:
    return get_or_raise(Grave, grave_id, N_("Makam tidak ditemukan."))  # type: ignore[no-any-return]


def grave_query(user: Any, q: str | None = None) -> Select[Any]:
    stmt = select(Grave).where(scope_area(user, Grave.area_code)).order_by(Grave.cemetery, Grave.plot)
    if q and q.strip():
        stmt = stmt.where(Grave.hero_name.ilike(f"%{q.strip()}%") | (Grave.plot == q.strip()))
    return stmt


def create_grave(data: dict[str, Any], today: dt.date | None = None) -> Grave:
    today = today or clock.today()
    errors: dict[str, str] = {}
    cemetery = str(data.get("cemetery") or "").strip()
    plot = str(data.get("plot") or "").strip().upper()
    name = str(data.get("hero_name") or "").strip()
    for key, value, msg in (("cemetery", cemetery, N_("Nama taman makam wajib diisi.")),
                            ("plot", plot, N_("Nomor blok/petak wajib diisi.")),
                            ("hero_name", name, N_("Nama yang dimakamkan wajib diisi."))):
        if not value:
            errors[key] = msg
    buried = past_date(data.get("buried_on"), "buried_on", today, errors)
    area = _area(data, errors)
    if not errors and session.scalar(select(Grave.id).where(Grave.cemetery == cemetery, Grave.plot == plot)):
        errors["plot"] = N_("Petak {plot} sudah tercatat di taman makam ini.")
    if errors:
        raise ValidationError(errors, plot=plot)
    grave = Grave(cemetery=cemetery, plot=plot, hero_name=name, rank=str(data.get("rank") or "").strip() or None,
                  buried_on=buried, area_code=area)
    session.add(grave)
    session.flush()
    return grave


def record_maintenance(grave_ids: list[Any], data: dict[str, Any], user: Any = None,
                       today: dt.date | None = None) -> list[GraveMaintenance]:
    """One maintenance visit over several graves (one row each: what the sub-activity counts)."""
    today = today or clock.today()
    errors: dict[str, str] = {}
    work = str(data.get("work") or "")
    if work not in MAINTENANCE_WORKS:
        errors["work"] = N_("Pilih jenis pemeliharaan.")
    done = past_date(data.get("done_on"), "done_on", today, errors, required=True)
    graves = [session.get(Grave, parse_uuid(g) or uuid.UUID(int=0)) for g in grave_ids]
    if not graves or any(g is None for g in graves):
        errors["graves"] = N_("Pilih makam yang dipelihara.")
    if errors:
        raise ValidationError(errors)
    rows = [GraveMaintenance(grave_id=g.id, done_on=done, work=work,  # type: ignore[union-attr]
                             notes=str(data.get("notes") or "").strip() or None) for g in graves]
    session.add_all(rows)
    session.flush()
    return rows


def maintained_graves_stmt(start: dt.date, end: dt.date, area: str | None) -> Select[Any]:
    done = select(GraveMaintenance.grave_id).where(GraveMaintenance.done_on.between(start, end))
    stmt = select(Grave).where(Grave.id.in_(done)).order_by(Grave.cemetery, Grave.plot)
    if area:
        stmt = stmt.where((Grave.area_code == area) | Grave.area_code.like(area + ".%"))
    return stmt


def last_maintained() -> dict[Any, dt.date]:
    return dict(session.execute(select(GraveMaintenance.grave_id, func.max(GraveMaintenance.done_on))
                                .group_by(GraveMaintenance.grave_id)).all())


def ceremony_query(user: Any, year: int | None = None) -> Select[Any]:
    stmt = select(Ceremony).where(scope_area(user, Ceremony.area_code)).order_by(Ceremony.held_on.desc())
    if year:
        stmt = stmt.where(Ceremony.held_on.between(dt.date(year, 1, 1), dt.date(year, 12, 31)))
    return stmt


def record_ceremony(data: dict[str, Any], today: dt.date | None = None) -> Ceremony:
    today = today or clock.today()
    errors: dict[str, str] = {}
    day = str(data.get("day") or "")
    if day not in NATIONAL_DAYS:
        errors["day"] = N_("Pilih hari nasional.")
    held = past_date(data.get("held_on"), "held_on", today, errors, required=True)
    place = str(data.get("place") or "").strip()
    if not place:
        errors["place"] = N_("Tempat upacara wajib diisi.")
    participants = None
    raw = str(data.get("participants") or "").strip()
    if raw:
        if not raw.isdigit():
            errors["participants"] = N_("Jumlah peserta berupa bilangan bulat.")
        else:
            participants = int(raw)
    area = _area(data, errors)
    if errors:
        raise ValidationError(errors)
    c = Ceremony(day=day, held_on=held, place=place, participants=participants, area_code=area,
                 notes=str(data.get("notes") or "").strip() or None)
    session.add(c)
    session.flush()
    return c
