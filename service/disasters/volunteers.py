"""TAGANA roster — owner of ``service.disasters.models.volunteers``.

A member may be linked to a user account (role ``tagana``); deploying the
member to an event is what lets that user see the event (``DisasterEvent.assigned_user_ids``).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import Select, or_, select

from service.accounts.models import User
from service.core import clock
from service.core.db import get_or_raise, session
from service.core.errors import N_, Conflict, ValidationError
from service.core.formatting import parse_date, past_date
from service.disasters.models.events import DisasterEvent
from service.disasters.models.volunteers import Deployment, Volunteer, VolunteerTraining
from service.reference import regions


def _fields(data: dict[str, Any]) -> dict[str, Any]:
    errors: dict[str, str] = {}
    number = (data.get("member_number") or "").strip()
    if not number:
        errors["member_number"] = N_("Nomor anggota wajib diisi.")
    name = " ".join((data.get("name") or "").split())
    if not name:
        errors["name"] = N_("Nama wajib diisi.")
    nik = (data.get("nik") or "").strip() or None
    if nik and not (nik.isdigit() and len(nik) == 16):
        errors["nik"] = N_("NIK harus 16 digit angka.")
    area = (data.get("area_code") or "").strip()
    if not area or regions.get(area) is None:
        errors["area_code"] = N_("Kode wilayah {code} tidak dikenal.")
    skills = data.get("skills") or []
    if isinstance(skills, str):
        skills = [s.strip() for s in skills.replace(",", ";").split(";") if s.strip()]
    user = None
    username = (data.get("username") or "").strip()
    if username:
        user = session.scalar(select(User).where(User.username == username))
        if user is None or user.role != "tagana":
            errors["username"] = N_("Akun {username} tidak ada atau bukan akun TAGANA.")
    if errors:
        raise ValidationError(errors, code=area, username=username)
    return {"member_number": number, "name": name, "nik": nik, "phone": (data.get("phone") or "").strip() or None,
            "skills": skills, "area_code": area, "user_id": user.id if user else None}


def create_volunteer(data: dict[str, Any]) -> Volunteer:
    fields = _fields(data)
    if session.scalar(select(Volunteer).where(Volunteer.member_number == fields["member_number"])) is not None:
        raise ValidationError({"member_number": N_("Nomor anggota {number} sudah terdaftar.")},
                              number=fields["member_number"])
    if fields["nik"] and session.scalar(select(Volunteer).where(Volunteer.nik == fields["nik"])) is not None:
        raise ValidationError({"nik": N_("NIK ini sudah terdaftar sebagai anggota TAGANA.")})
    if fields["user_id"] and session.scalar(select(Volunteer).where(Volunteer.user_id == fields["user_id"])):
        raise ValidationError({"username": N_("Akun ini sudah terhubung ke anggota lain.")})
    vol = Volunteer(**fields)
    session.add(vol)
    session.flush()
    return vol


def set_active(volunteer: Volunteer, active: bool) -> Volunteer:
    volunteer.active = active
    session.flush()
    return volunteer


def add_training(volunteer: Volunteer, name: str, held_on: Any = None, certificate_no: str | None = None
                 ) -> VolunteerTraining:
    if not (name or "").strip():
        raise ValidationError({"training_name": N_("Nama pelatihan wajib diisi.")})
    row = VolunteerTraining(volunteer_id=volunteer.id, name=name.strip(), held_on=parse_date(held_on, "held_on"),
                            certificate_no=(certificate_no or "").strip() or None)
    session.add(row)
    session.flush()
    return row


def deploy(volunteer: Volunteer, event: DisasterEvent, role: str, started_on: Any = None, *,
           today: dt.date | None = None) -> Deployment:
    today = today or clock.today()
    errors: dict[str, str] = {}
    if not volunteer.active:
        errors["volunteer_id"] = N_("Anggota ini tidak aktif.")
    if not (role or "").strip():
        errors["role"] = N_("Peran penugasan wajib diisi.")
    try:
        day = parse_date(started_on, "started_on") or today
    except ValidationError as exc:
        errors.update(exc.fields)
        day = today
    if errors:
        raise ValidationError(errors)
    open_one = session.scalar(select(Deployment).where(Deployment.volunteer_id == volunteer.id,
                                                       Deployment.event_id == event.id,
                                                       Deployment.ended_on.is_(None)))
    if open_one is not None:
        raise Conflict(N_("{name} sudah ditugaskan ke kejadian ini."), existing_id=open_one.id, name=volunteer.name)
    row = Deployment(volunteer_id=volunteer.id, event_id=event.id, role=role.strip(), started_on=day)
    session.add(row)
    session.flush()
    if event in session:
        session.expire(event, ["deployments"])
    return row


def end_deployment(deployment: Deployment, ended_on: Any = None, today: dt.date | None = None) -> Deployment:
    today = today or clock.today()
    if deployment.ended_on is not None:
        raise ValidationError({"ended_on": N_("Penugasan ini sudah selesai.")})
    day = past_date(ended_on, "ended_on", today) or today
    if day < deployment.started_on:
        raise ValidationError({"ended_on": N_("Tanggal selesai sebelum tanggal mulai.")})
    deployment.ended_on = day
    session.flush()
    if deployment.event in session:
        session.expire(deployment.event, ["deployments"])
    return deployment


def get_deployment(deployment_id: Any) -> Deployment:
    return get_or_raise(Deployment, deployment_id, N_("Penugasan tidak ditemukan."))  # type: ignore[no-any-return]


def get_volunteer(volunteer_id: Any) -> Volunteer:
    return get_or_raise(Volunteer, volunteer_id, N_("Anggota TAGANA tidak ditemukan."))  # type: ignore[no-any-return]


def roster_stmt(q: str | None = None) -> Select[Any]:
    stmt = select(Volunteer).order_by(Volunteer.active.desc(), Volunteer.name)
    if q and q.strip():
        like = f"%{q.strip()}%"
        stmt = stmt.where(or_(Volunteer.name.ilike(like), Volunteer.member_number.ilike(like),
                              Volunteer.phone.ilike(like)))
    return stmt


def deployments_for(event: DisasterEvent) -> list[Deployment]:
    return list(session.scalars(select(Deployment).where(Deployment.event_id == event.id)
                                .order_by(Deployment.started_on)))


def volunteer_for_user(user: Any) -> Volunteer | None:
    return session.scalar(select(Volunteer).where(Volunteer.user_id == user.id)) if user is not None else None
