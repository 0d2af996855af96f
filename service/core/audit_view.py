"""What a reader of the audit trail may see of it (the audit page and its XLSX export).

The trail keeps everything; its readers (admin, auditor) see it through the same rules as
every other page, and in words rather than stored codes:

- **Names, not codes**: each entry names its record (a person's name, a case number, a user's
  name, an event's name — ``service.core.display``), its fields by their labels, its values
  formatted (31/03/2026, Rp 1.250.000, region and reference names). A sign-in is "Masuk", a
  sign-out "Keluar" — never an "update users" entry. Timestamps are in the office's time zone.
- **NIKs masked**: a reader without ``person.view_nik`` sees every NIK masked (``mask_nik``),
  in a NIK field or anywhere in a text (16 digits in a row, e.g. a KK number).
- **Need to know and area**: an entry about a record the reader may not open (a sensitive case,
  its person, an assessment or delivery of it, a record outside the reader's area) is shown as
  *who, when, what kind of record, which action* only; the record's name and values are withheld
  ("Rahasia (perlu tahu)"). A name inside another entry's values (a person id in a household
  member row) is withheld the same way.
- **Fast**: the records named on a page are loaded in bulk (``display.Resolver``), one query per
  table per page.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import and_, false, func, or_, select

from service.core import clock
from service.core.access import mask_nik
from service.core.audit_labels import ACTION_LABELS, PURPOSE_LABELS
from service.core.db import session
from service.core.display import WITHHELD, Resolver, field_label, humanize, kind_label
from service.core.errors import N_
from service.core.formatting import format_datetime
from service.core.models.audit import AuditLog

_NIK_IN_TEXT = re.compile(r"(?<!\d)\d{16}(?!\d)")
_NIK_KEY = re.compile(r"^(.*_)?nik$")

# Account bookkeeping written by a sign-in or sign-out (its own "login"/"logout" entry says it);
# new writes skip it (``User.__audit_quiet__``), older trails still hold such "update users" rows.
LOGIN_KEYS = {"last_login_at", "failed_logins", "throttled_until", "session_epoch"}
SOURCE_LABELS = {"web": N_("Web"), "api": N_("API"), "cli": N_("Baris perintah"), "sync": N_("Aplikasi luring"),
                 "job": N_("Tugas terjadwal"), "system": N_("Sistem"), "import": N_("Impor")}
# Columns an entry never needs to show (internal keys of the record itself).
HIDDEN_KEYS = {"id", "name_key", "dedup_key", "birth_year", "version", "created_at", "updated_at"}


@dataclass
class Change:
    label: str
    before: str | None  # None: a detail, not a before/after pair
    after: str


@dataclass
class EntryView:
    at: str
    actor: str
    source: str
    ip: str | None
    action: str
    action_code: str
    kind: str
    entity_type: str
    record: str
    entity_id: str | None  # for the "entries of this record" link; None when withheld
    changes: list[Change] = field(default_factory=list)
    withheld: bool = False


def mask_value(value: Any, key: str = "") -> Any:
    """``value`` with every NIK in it masked (recursively through lists and dicts)."""
    if isinstance(value, str):
        if _NIK_KEY.match(key):
            return mask_nik(value)
        return _NIK_IN_TEXT.sub(lambda m: mask_nik(m.group(0)), value)
    if isinstance(value, list | tuple):
        return [mask_value(v, key) for v in value]
    if isinstance(value, dict):
        return {k: mask_value(v, str(k)) for k, v in value.items()}
    return value


def _pair(value: Any) -> bool:
    return isinstance(value, list) and len(value) == 2


def _kept_values(changes: dict[str, Any]) -> dict[str, Any]:
    """A record's values as an entry kept them (the after side, else the before side of each pair)."""
    return {k: ((v[1] if v[1] is not None else v[0]) if _pair(v) else v) for k, v in (changes or {}).items()}


def action_code(entry: AuditLog) -> str:
    """The action a person reads: a bare account-bookkeeping update is the sign-in/out it belongs to."""
    keys = set(entry.changes or {})
    if entry.action == "update" and entry.entity_type == "users" and keys:
        if "last_login_at" in keys and keys <= LOGIN_KEYS | {"password_hash"}:
            return "login"  # a sign-in (with a rehash of the password on the way)
        if keys == {"session_epoch"}:
            return "logout"
        if keys <= LOGIN_KEYS - {"session_epoch"}:
            return "login_failed"
    return entry.action


def present(user: Any, entries: list[AuditLog], tr: Callable[..., str] | None = None, lang: str = "id",
            code_label: Callable[[str, str, Any], str | None] | None = None) -> list[EntryView]:
    """The entries as ``user`` may see them, named and labelled; NIKs masked, need-to-know kept."""
    res = Resolver(user, tr or (lambda t, **_k: t), lang, code_label)
    tr = res.tr
    for e in entries:
        res.want(e.entity_type, e.entity_id)
        if e.actor_id:
            res.want("users", e.actor_id)
        if e.action in ("create", "update", "delete"):
            res.want_values(e.entity_type, e.changes or {})
        elif e.action == "merge":
            res.want("persons", (e.changes or {}).get("merged_id"))
    res.load()
    zone = clock.zone()
    views = []
    for e in entries:
        obj = res.obj(e.entity_type, e.entity_id)
        kept = _kept_values(e.changes) if e.action in ("create", "update", "delete") else {}
        visible = res.visible(e.entity_type, obj, kept)
        if e.action == "merge" and visible:
            visible = res.visible("persons", res.obj("persons", (e.changes or {}).get("merged_id")))
        code = action_code(e)
        record = ""
        if not visible:
            record = tr(WITHHELD)
        elif obj is not None:
            record = res.own_name(e.entity_type, obj)
        elif kept:
            record = str(next((kept[k] for k in ("name", "full_name", "number", "title", "code") if kept.get(k)), ""))
        if e.action == "login_failed" and not e.entity_id:
            record = str((e.changes or {}).get("username") or "")
        actor = res.name("users", e.actor_id) if e.actor_id else (e.actor_name or "")
        if actor in ("", "–") or actor == tr(N_("(data tidak ada lagi)")):
            actor = e.actor_name or ""
        if not e.actor_id and actor in ("system", "cli"):  # no account: the door itself
            actor = tr(N_("Sistem")) if actor == "system" else tr(N_("Baris perintah"))
        views.append(EntryView(
            at=format_datetime(e.at, zone), actor=actor, source=tr(SOURCE_LABELS[e.source]) if e.source in SOURCE_LABELS else (e.source or ""),
            ip=e.ip, action=action_label(code, tr), action_code=code, kind=kind_label(e.entity_type, tr),
            entity_type=e.entity_type, record=record, entity_id=e.entity_id if visible and obj is not None else None,
            changes=_changes(res, e, code) if visible else [], withheld=not visible))
    return views


def action_label(code: str, tr: Callable[..., str]) -> str:
    text = ACTION_LABELS.get(code)
    return tr(text) if text else humanize(code)


def _changes(res: Resolver, e: AuditLog, code: str) -> list[Change]:
    tr = res.tr
    data = e.changes or {}
    if code in ("login", "logout", "login_failed") and e.action == "update":
        return []
    out = []
    if e.action in ("create", "update", "delete"):
        for k, v in data.items():
            if k in HIDDEN_KEYS:
                continue
            if _pair(v) and e.action in ("create", "delete") and v[1 if e.action == "create" else 0] in (None, "", []):
                continue  # a new (or deleted) record's empty fields say nothing
            if _pair(v):
                before, after = (res.value(e.entity_type, k, x) for x in v)
                if e.action == "create":
                    out.append(Change(field_label(k, tr), None, after))
                elif e.action == "delete":
                    out.append(Change(field_label(k, tr), None, before))
                else:
                    out.append(Change(field_label(k, tr), before, after))
            else:
                out.append(Change(field_label(k, tr), None, res.value(e.entity_type, k, v)))
        return out
    for k, v in data.items():
        if k == "purpose":
            out.append(Change(field_label(k, tr), None, purpose_label(str(v), tr)))
        elif k == "merged_id":
            out.append(Change(field_label(k, tr), None, res.name("persons", v)))
        elif k == "moved" and isinstance(v, dict):
            shown = "; ".join(f"{kind_label(t, tr)}: {len(ids) if isinstance(ids, list) else ids}" for t, ids in v.items())
            out.append(Change(field_label(k, tr), None, shown or "–"))
        elif k == "filters" and isinstance(v, dict):
            shown = "; ".join(f"{field_label(fk, tr)}: {_filter_value(fk, fv, tr, res)}" for fk, fv in v.items() if fv)
            out.append(Change(field_label(k, tr), None, shown or tr(N_("Tanpa saringan"))))
        else:
            out.append(Change(field_label(k, tr), None, res.value(e.entity_type, k, v)))
    return out


def _filter_value(key: str, value: Any, tr: Callable[..., str], res: Resolver) -> str:
    if key == "entity_type":
        return kind_label(str(value), tr)
    if key == "action":
        return action_label(str(value), tr)
    return res.text(str(value))


def purpose_label(purpose: str, tr: Callable[..., str]) -> str:
    """``case REH-2026-0001`` -> "Kasus REH-2026-0001"; ``edit_form`` -> "Formulir ubah (NIK lengkap)"."""
    head, _, rest = purpose.partition(" ")
    text = PURPOSE_LABELS.get(head)
    if text is None:
        return humanize(purpose)
    return f"{tr(text)} {rest}".strip()


# ---------------------------------------------------------------- searching
@dataclass
class Filters:
    actor: str = ""
    action: str = ""
    entity_type: str = ""
    entity_id: str = ""
    q: str = ""
    date_from: dt.date | None = None
    date_to: dt.date | None = None


def _local_midnight(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time.min, clock.zone()).astimezone(dt.UTC)


def search_stmt(user: Any, f: Filters) -> Any:
    """Newest-first entries matching the filters. The text ``q`` matches the actor and the *names*
    of records the reader may open (a person's name, a case number, a user, an event) — never a
    stored value, so a NIK or a need-to-know person's name cannot be probed through it."""
    from service.accounts.models import User  # noqa: PLC0415

    stmt = select(AuditLog).order_by(AuditLog.at.desc(), AuditLog.id)
    if f.actor.strip():
        like = f"%{f.actor.strip().lower()}%"
        ids = select(User.id).where(or_(func.lower(User.username).like(like), func.lower(User.full_name).like(like)))
        stmt = stmt.where(or_(func.lower(AuditLog.actor_name).like(like), AuditLog.actor_id.in_(ids)))
    if f.action:
        stmt = stmt.where(AuditLog.action == f.action)
    if f.entity_type:
        stmt = stmt.where(AuditLog.entity_type == f.entity_type)
    if f.entity_id.strip():
        stmt = stmt.where(AuditLog.entity_id == f.entity_id.strip())
    if f.date_from:
        stmt = stmt.where(AuditLog.at >= _local_midnight(f.date_from))
    if f.date_to:
        stmt = stmt.where(AuditLog.at < _local_midnight(f.date_to + dt.timedelta(days=1)))
    if f.q.strip():
        stmt = stmt.where(_text_match(user, f.q.strip()))
    return stmt


def _text_match(user: Any, q: str) -> Any:
    from service.accounts.models import User  # noqa: PLC0415
    from service.casework.models import Case  # noqa: PLC0415
    from service.disasters.models.events import DisasterEvent  # noqa: PLC0415
    from service.registry.models import Person  # noqa: PLC0415

    like = f"%{q.lower()}%"
    found: dict[str, list[Any]] = {
        "persons": list(session.scalars(select(Person.id).where(func.lower(Person.name).like(like)).limit(300))),
        "cases": list(session.scalars(select(Case.id).where(func.lower(Case.number).like(like)).limit(300))),
        "users": list(session.scalars(select(User.id).where(or_(func.lower(User.username).like(like),
                                                                  func.lower(User.full_name).like(like))).limit(300))),
        "disaster_events": list(session.scalars(select(DisasterEvent.id).where(
            or_(func.lower(DisasterEvent.name).like(like), func.lower(DisasterEvent.code).like(like))).limit(300))),
    }
    res = Resolver(user)
    for table, ids in found.items():
        res.want(table, ids)
    res.load(rounds=1)
    clauses = [func.lower(AuditLog.actor_name).like(like)]
    for table, ids in found.items():
        allowed = [str(i) for i in ids if res.visible(table, res.obj(table, i))]
        if allowed:
            clauses.append(and_(AuditLog.entity_type == table, AuditLog.entity_id.in_(allowed)))
    return or_(*clauses) if clauses else false()


def choices(column: str) -> list[str]:
    """The distinct actions or record kinds in the trail (for the filters)."""
    col = getattr(AuditLog, column)
    return [v for v in session.scalars(select(col).distinct().order_by(col)) if v]


# ---------------------------------------------------------------- export
EXPORT_LIMIT = 50_000
EXPORT_CHUNK = 2_000  # entries read (and presented) at a time by the streamed export


def export_chunks(stmt: Any, limit: int | None = None) -> Iterator[list[AuditLog]]:
    """The entries of ``stmt`` (``search_stmt``: newest first, then id) in keyset chunks of
    ``EXPORT_CHUNK``, at most ``limit`` (default ``EXPORT_LIMIT``) in all: each chunk continues
    after the last (at, id) of the one before, so no OFFSET walks the trail and memory holds one chunk."""
    left = EXPORT_LIMIT if limit is None else limit
    last: AuditLog | None = None
    while left > 0:
        q = stmt
        if last is not None:
            q = q.where(or_(AuditLog.at < last.at, and_(AuditLog.at == last.at, AuditLog.id > last.id)))
        batch = list(session.scalars(q.limit(min(EXPORT_CHUNK, left))))
        if not batch:
            return
        yield batch
        left -= len(batch)
        last = batch[-1]


def table(views: list[EntryView], tr: Callable[..., str]) -> tuple[list[tuple[str, str, int]], list[list[Any]]]:
    """The export's columns and rows, as the page shows them (the values as "label: before → after")."""
    columns = [(tr(N_("Waktu")) + f" ({clock.zone().code})", "text", 17), (tr(N_("Pelaku")), "text", 24),
               (tr(N_("Sumber")), "text", 12), (tr(N_("Alamat IP")), "text", 14), (tr(N_("Aksi")), "text", 16),
               (tr(N_("Jenis data")), "text", 20), (tr(N_("Data")), "text", 30), (tr(N_("Perubahan")), "text", 70)]
    rows = []
    for v in views:
        if v.withheld:
            detail = tr(N_("Rincian disembunyikan"))
        else:
            detail = "; ".join(f"{c.label}: {c.before} → {c.after}" if c.before is not None else f"{c.label}: {c.after}"
                               for c in v.changes)
        rows.append([v.at, v.actor, v.source, v.ip or "", v.action, v.kind, v.record, detail])
    return columns, rows
