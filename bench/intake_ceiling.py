"""Two ceilings for intake, served by the bare app beside its yardstick (PostgreSQL only).

Issue 15 asks intake (``POST /api/v1/intake``) for half the bare endpoint's throughput. These two
endpoints measure how far **any** implementation of the intake could go on the same machine: they
do the work an intake cannot skip — check the bearer token and its user, read the category, the
village and the office's zone setting, take the next case number from the counter, write the
person, the case, its first step and one audit row for each, and refresh the person's duplicate
pairs with the app's own statement — with hand-written Core statements, no ORM and **no
validation** (the fields are taken as sent), so each is an upper bound, not an alternative:

- ``POST /intake/app-minimum``: the writes as seven statements, the counter last (its row lock,
  which makes concurrent intakes queue until commit, is held as briefly as it can be);
- ``POST /intake/app-one-write``: the same writes as one statement of data-modifying CTEs — the
  fewest round trips the work allows (the pair refresh must follow: it reads the new person, which
  the CTE's own snapshot cannot see).

They write into the app's tables as ``/intake/app-tables`` does (persons marked ``BARE_MARK``,
cases numbered ``BARE-…``) and count on their own counter row (prefix ``BARE``), so the app's
case numbers are not used up; :func:`remove_rows` deletes everything they wrote (audit rows and
duplicate pairs included). ``bench.http_bench`` prints both as information lines.
"""

from __future__ import annotations

import datetime as dt
import json
import uuid
from collections.abc import Callable
from typing import Any

from flask import Flask, jsonify, request
from sqlalchemy import String, Table, cast, delete, insert, or_, select, text
from sqlalchemy.dialects.postgresql import insert as pg_insert

from service.accounts.users import _token_digest
from service.registry.duplicate_pairs import DUPLICATE_PAIRS

PREFIX = "BARE"  # the probes' own counter row: the app's REH/BNC numbers are not used up
CATEGORY = "lanjut_usia_terlantar"

_USER = text("SELECT u.id, u.username, u.active, t.expires_at, t.revoked FROM api_tokens t "
             "JOIN users u ON u.id = t.user_id WHERE t.token_hash = :h")
_REFERENCE = text("SELECT (SELECT sensitive FROM ppks_categories WHERE code = :cat AND active), "
                  "(SELECT code FROM regions WHERE code = :village), "
                  "(SELECT value FROM settings WHERE key = 'office.timezone')")

_ONE_WRITE = text("""
WITH p AS (INSERT INTO persons (id, name, name_key, dedup_key, sex, birth_date, birth_year, birth_date_estimated,
                                village_code, area_code, address, disability_types, nik_warnings, no_nik_reason,
                                version, created_at, updated_at, created_by_id, updated_by_id)
           VALUES (:pid, :name, :name_key, :dedup_key, :sex, :birth_date, :birth_year, false, :village, :area,
                   :mark, '[]', '[]', :reason, 1, :now, :now, :uid, :uid)),
     c AS (INSERT INTO cases (id, number, person_id, category_code, is_sensitive, status, intake_source,
                              intake_date, area_code, urgency, consent_given, in_institution, last_activity_at,
                              version, created_at, updated_at, created_by_id, updated_by_id)
           VALUES (:cid, :number, :pid, :cat, :sensitive, 'new', 'outreach', :today, :area, 'normal', false, false,
                   :now, 1, :now, :now, :uid, :uid)),
     t AS (INSERT INTO case_transitions (id, case_id, from_status, to_status, at, by_id)
           VALUES (:tid, :cid, NULL, 'new', :now, :uid)),
     a AS (INSERT INTO audit_log (id, at, actor_id, actor_name, action, entity_type, entity_id, changes, source, ip)
           VALUES (:a1, :now, :uid, :uname, 'create', 'persons', :pid_s, CAST(:ch1 AS json), 'api', :ip),
                  (:a2, :now, :uid, :uname, 'create', 'cases', :cid_s, CAST(:ch2 AS json), 'api', :ip),
                  (:a3, :now, :uid, :uname, 'create', 'case_transitions', :tid_s, CAST(:ch3 AS json), 'api', :ip))
INSERT INTO case_number_sequences (prefix, year, last_value) VALUES (:prefix, :year, 1)
ON CONFLICT (prefix, year) DO UPDATE SET last_value = case_number_sequences.last_value + 1
RETURNING last_value
""")


def _rows(user: Any, sensitive: bool, mark: str) -> tuple[dict, dict, dict]:
    """The person, case and first-step rows of the request's body (taken as sent: no validation)."""
    data = request.get_json()
    now = dt.datetime.now(dt.UTC)
    key, village = data["nama"].lower(), data["kode_wilayah"]
    born = dt.date.fromisoformat(data["tanggal_lahir"])
    person = {"id": uuid.uuid4(), "name": data["nama"], "name_key": key, "dedup_key": key.replace(" ", ""),
              "sex": data["jenis_kelamin"], "birth_date": born, "birth_year": born.year,
              "birth_date_estimated": False, "village_code": village, "area_code": village[:8], "address": mark,
              "disability_types": [], "nik_warnings": [], "no_nik_reason": data.get("no_nik_reason"), "version": 1,
              "created_at": now, "updated_at": now, "created_by_id": user.id, "updated_by_id": user.id}
    case_id = uuid.uuid4()
    case = {"id": case_id, "number": f"BARE-{case_id.hex[:18]}", "person_id": person["id"],
            "category_code": CATEGORY, "is_sensitive": sensitive, "status": "new", "intake_source": "outreach",
            "intake_date": now.date(), "area_code": village[:8], "urgency": "normal", "consent_given": False,
            "in_institution": False, "last_activity_at": now, "version": 1, "created_at": now, "updated_at": now,
            "created_by_id": user.id, "updated_by_id": user.id}
    step = {"id": uuid.uuid4(), "case_id": case_id, "from_status": None, "to_status": "new", "at": now,
            "by_id": user.id}
    return person, case, step


def _changes(row: dict) -> dict[str, list]:
    """An audit entry's ``changes`` for a new row, as the app's trail keeps them ({column: [None, value]})."""
    return {k: [None, v if isinstance(v, bool | int | list) or v is None else str(v)] for k, v in row.items()}


def _checked(conn: Any) -> tuple[Any, Any, Any]:
    """``(user, reference row, None)``, or ``(None, None, the error answer)``."""
    user = conn.execute(_USER, {"h": _token_digest(request.headers.get("Authorization", "")[7:])}).one_or_none()
    if user is None or not user.active or user.revoked or user.expires_at <= dt.datetime.now(dt.UTC):
        return None, None, (jsonify({"error": "unauthorized"}), 401)
    ref = reference(conn, request.get_json()["kode_wilayah"])
    if ref[0] is None or ref[1] is None:
        return None, None, (jsonify({"error": "validation_error"}), 422)
    return user, ref, None


def add_routes(app: Flask, engine: Any, table: Callable[[str], Table], mark: str) -> None:
    """Serve both ceilings on ``app`` (``table(name)``: the app's table, reflected)."""

    @app.post("/intake/app-minimum")
    def intake_app_minimum():  # noqa: ANN202
        with engine.begin() as conn:
            user, ref, refused = _checked(conn)
            if refused:
                return refused
            person, case, step = _rows(user, bool(ref[0]), mark)
            conn.execute(insert(table("persons")).values(person))
            conn.execute(insert(table("cases")).values(case))
            conn.execute(insert(table("case_transitions")).values(step))
            conn.execute(insert(table("audit_log")), [
                {"id": uuid.uuid4(), "at": step["at"], "actor_id": user.id, "actor_name": user.username,
                 "action": "create", "entity_type": name, "entity_id": str(row["id"]), "source": "api",
                 "ip": request.remote_addr, "changes": _changes(row)}
                for name, row in (("persons", person), ("cases", case), ("case_transitions", step))])
            conn.execute(DUPLICATE_PAIRS.refresh_statements()[1], {"keys": [person["id"]]})
            seq = table("case_number_sequences")
            last = conn.execute(pg_insert(seq).values(prefix=PREFIX, year=step["at"].year, last_value=1)
                                .on_conflict_do_update(index_elements=[seq.c.prefix, seq.c.year],
                                                       set_={"last_value": seq.c.last_value + 1})
                                .returning(seq.c.last_value)).scalar_one()
        return jsonify({"person_id": str(person["id"]), "case_id": str(case["id"]), "counter": last}), 201

    @app.post("/intake/app-one-write")
    def intake_app_one_write():  # noqa: ANN202
        with engine.begin() as conn:
            user, ref, refused = _checked(conn)
            if refused:
                return refused
            return jsonify(one_write(conn, user, bool(ref[0]), mark)), 201


def one_write(conn: Any, user: Any, sensitive: bool, mark: str) -> dict[str, Any]:
    """The writes of ``/intake/app-one-write`` on ``conn`` (``user``: ``.id``, ``.username``)."""
    person, case, step = _rows(user, sensitive, mark)
    last = conn.execute(_ONE_WRITE, {
        **{k: person[k] for k in ("name", "name_key", "dedup_key", "sex", "birth_date", "birth_year")},
        "pid": person["id"], "cid": case["id"], "tid": step["id"], "village": person["village_code"],
        "area": person["area_code"], "mark": mark, "reason": person["no_nik_reason"], "now": step["at"],
        "uid": user.id, "today": case["intake_date"], "number": case["number"], "cat": CATEGORY,
        "sensitive": case["is_sensitive"], "uname": user.username, "ip": request.remote_addr,
        "a1": uuid.uuid4(), "a2": uuid.uuid4(), "a3": uuid.uuid4(), "pid_s": str(person["id"]),
        "cid_s": str(case["id"]), "tid_s": str(step["id"]), "ch1": json.dumps(_changes(person)),
        "ch2": json.dumps(_changes(case)), "ch3": json.dumps(_changes(step)), "prefix": PREFIX,
        "year": step["at"].year}).scalar_one()
    conn.execute(DUPLICATE_PAIRS.refresh_statements()[1], {"keys": [person["id"]]})
    return {"person_id": str(person["id"]), "case_id": str(case["id"]), "counter": last}


def reference(conn: Any, village: str) -> Any:
    """The category's ``sensitive``, the village and the zone setting in one read."""
    return conn.execute(_REFERENCE, {"cat": CATEGORY, "village": village}).one()


def remove_rows(engine: Any, table: Callable[[str], Table], mark: str) -> None:
    """Delete what the ceilings wrote: audit rows, duplicate pairs, the counter row (cases, steps and persons
    go with ``bench.bare_app.remove_app_table_rows``, which calls this first)."""
    persons, cases, steps = table("persons"), table("cases"), table("case_transitions")
    pairs, audit = table("duplicate_pairs"), table("audit_log")
    ids = select(persons.c.id).where(persons.c.address == mark)
    bare_cases = select(cases.c.id).where(cases.c.number.like("BARE-%"))
    with engine.begin() as conn:
        for name, rows in (("persons", ids), ("cases", bare_cases),
                           ("case_transitions", select(steps.c.id).where(steps.c.case_id.in_(bare_cases)))):
            written = select(cast(rows.subquery().c[0], String))
            conn.execute(delete(audit).where(audit.c.entity_type == name, audit.c.entity_id.in_(written)))
        conn.execute(delete(pairs).where(or_(pairs.c.person_a_id.in_(ids), pairs.c.person_b_id.in_(ids))))
        seq = table("case_number_sequences")
        conn.execute(delete(seq).where(seq.c.prefix == PREFIX))
