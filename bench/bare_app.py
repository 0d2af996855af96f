"""The yardstick for intake: a bare Flask + SQLAlchemy endpoint on the same database.

``POST /intake`` with ``{"nama", "jenis_kelamin", "tanggal_lahir", "kode_wilayah"}`` inserts a
person row and a case row into two scratch tables (``bench_bare_persons``, ``bench_bare_cases``)
in one transaction and answers 201 with the ids: no validation, access control, audit or
summaries. ``bench.http_bench`` serves it with gunicorn (``bench.bare_app:app``) beside the app.
"""

from __future__ import annotations

import datetime as dt
import os
import uuid

from flask import Flask, jsonify, request
from sqlalchemy import Column, Date, DateTime, MetaData, String, Table, Uuid, create_engine, insert

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


def reset() -> None:
    """(Re)create the scratch tables, empty."""
    metadata.drop_all(engine)
    metadata.create_all(engine)
