"""The yardstick for intake: a bare Flask + SQLAlchemy endpoint on the same database.

``POST /intake`` with ``{"nama", "jenis_kelamin", "tanggal_lahir", "kode_wilayah"}`` inserts a
person row and a case row into two scratch tables (``bench_bare_persons``, ``bench_bare_cases``)
in one transaction and answers 201 with the ids: no validation, access control, audit or
summaries. ``bench.http_bench`` serves it with gunicorn (``bench.bare_app:app``) beside the app.

``POST /intake/app-tables`` (information, not the yardstick) writes the same two rows into the
app's own ``persons`` and ``cases``, with their indexes and constraints (the trigram indexes search
needs, the foreign keys): the cost of the schema, which splits the gap between the app and the
yardstick into what the tables cost and what the app does. ``remove_app_table_rows()`` deletes them.
On PostgreSQL the app also serves the two ceilings of ``bench/intake_ceiling.py`` (information).
"""

from __future__ import annotations

import datetime as dt
import os
import uuid

from flask import Flask, jsonify, request
from sqlalchemy import Column, Date, DateTime, MetaData, String, Table, Uuid, create_engine, delete, insert

from bench import intake_ceiling

metadata = MetaData()
persons = Table("bench_bare_persons", metadata, Column("id", Uuid, primary_key=True), Column("name", String(200)),
                Column("sex", String(1)), Column("birth_date", Date), Column("village_code", String(13)),
                Column("created_at", DateTime(timezone=True)))
cases = Table("bench_bare_cases", metadata, Column("id", Uuid, primary_key=True), Column("person_id", Uuid),
              Column("category_code", String(60)), Column("intake_date", Date),
              Column("created_at", DateTime(timezone=True)))

engine = create_engine(os.environ.get("DATABASE_URL", "sqlite://"), pool_pre_ping=True)
app = Flask(__name__)


@app.post("/intake")
def intake():  # noqa: ANN201
    data = request.get_json()
    now = dt.datetime.now(dt.UTC)
    pid, cid = uuid.uuid4(), uuid.uuid4()
    with engine.begin() as conn:
        conn.execute(insert(persons).values(id=pid, name=data["nama"], sex=data["jenis_kelamin"],
                                            birth_date=dt.date.fromisoformat(data["tanggal_lahir"]),
                                            village_code=data["kode_wilayah"], created_at=now))
        conn.execute(insert(cases).values(id=cid, person_id=pid, category_code="lanjut_usia_terlantar",
                                          intake_date=now.date(), created_at=now))
    return jsonify({"person_id": str(pid), "case_id": str(cid)}), 201


_app_tables: dict[str, Table] = {}


def _app_table(name: str) -> Table:
    if name not in _app_tables:  # reflected on first use: the scratch endpoint needs no app schema
        _app_tables[name] = Table(name, MetaData(), autoload_with=engine)
    return _app_tables[name]


@app.post("/intake/app-tables")
def intake_app_tables():  # noqa: ANN201
    data = request.get_json()
    now = dt.datetime.now(dt.UTC)
    pid, cid = uuid.uuid4(), uuid.uuid4()
    key, village = data["nama"].lower(), data["kode_wilayah"]
    born = dt.date.fromisoformat(data["tanggal_lahir"])
    with engine.begin() as conn:
        conn.execute(insert(_app_table("persons")).values(
            id=pid, name=data["nama"], name_key=key, dedup_key=key.replace(" ", ""), sex=data["jenis_kelamin"],
            birth_date=born, birth_year=born.year, birth_date_estimated=False, village_code=village,
            area_code=village[:8], address=BARE_MARK, disability_types=[], nik_warnings=[], version=1, created_at=now,
            updated_at=now))
        conn.execute(insert(_app_table("cases")).values(
            id=cid, number=f"BARE-{cid.hex[:18]}", person_id=pid, category_code="lanjut_usia_terlantar",
            is_sensitive=False, status="new", intake_source="outreach", intake_date=now.date(), area_code=village[:8],
            urgency="normal", consent_given=False, in_institution=False, last_activity_at=now, version=1,
            created_at=now, updated_at=now))
    return jsonify({"person_id": str(pid), "case_id": str(cid)}), 201


BARE_MARK = "bench.bare_app"  # the address of the persons /intake/app-tables wrote


def remove_app_table_rows() -> None:
    """Delete what ``/intake/app-tables`` and the ceilings wrote (their audit rows, pairs and counter row, the
    cases numbered BARE-… with their steps, then their persons)."""
    if engine.dialect.name == "postgresql":
        intake_ceiling.remove_rows(engine, _app_table, BARE_MARK)
    with engine.begin() as conn:
        conn.execute(delete(_app_table("cases")).where(_app_table("cases").c.number.like("BARE-%")))
        conn.execute(delete(_app_table("persons")).where(_app_table("persons").c.address == BARE_MARK))


def reset() -> None:
    """(Re)create the scratch tables, empty."""
    metadata.drop_all(engine)
    metadata.create_all(engine)


if engine.dialect.name == "postgresql":  # the two ceilings of issue 15's intake ratio (bench/intake_ceiling.py)
    intake_ceiling.add_routes(app, engine, _app_table, BARE_MARK)
