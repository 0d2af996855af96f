"""A derived table's refresh is planned once per connection, not on every write (issue 15).

PostgreSQL re-plans a prepared statement on every run while its generic plan looks dearer than
the custom ones, which it does as long as constants travel as parameters; planning the duplicate
pair rule cost 1.5-3 ms against 0.1 ms to run it, on every registration. The refresh statements
carry the keys as their only parameter.
"""

from __future__ import annotations

import uuid

from sqlalchemy import event, select

from service.core import derived
from service.registry.models import DuplicatePair
from tests import factories as f


def _refresh_parameters(db, table, keys):
    seen: list[tuple[str, object]] = []

    def capture(_conn, _cursor, statement, parameters, _context, _many):  # noqa: ANN001
        if statement.lstrip().upper().startswith("INSERT"):
            seen.append((statement, parameters))

    conn = db.connection()
    event.listen(conn.engine, "before_cursor_execute", capture)
    try:
        table.refresh(keys, conn)
    finally:
        event.remove(conn.engine, "before_cursor_execute", capture)
    return seen


def test_every_refresh_passes_only_its_keys(db):
    keys = [uuid.uuid4(), uuid.uuid4()]
    assert derived.tables(), "no derived table is registered"
    for table in derived.tables():
        seen = _refresh_parameters(db, table, keys)
        assert len(seen) == 1, table.name
        statement, parameters = seen[0]
        # every value passed is one of the keys (SQLite passes them positionally, once per use, as
        # hex): the constants are in the text (a plain "1" or "''"), the same on every run
        values = parameters.values() if isinstance(parameters, dict) else parameters
        if db.get_bind().dialect.name == "sqlite":  # its LIMIT always adds "OFFSET ?" bound to 0
            values = [v for v in values if v != 0]
        forms = {str(k) for k in keys} | {k.hex for k in keys}
        assert values and {str(v) for v in values} <= forms, (table.name, parameters)


def test_a_refresh_still_computes_the_rows(db):
    """Inlined constants change no result: a planted pair is found (score from 1 + 2 + 1 + 1)."""
    a = f.person(name="Siti Aminah", birth_date="1950-02-03", village_code="18.72.01.1001", sex="P")
    b = f.person(name="Siti Aminah", birth_date="1950-02-03", village_code="18.72.01.1001", sex="P")
    db.flush()
    rows = db.execute(select(DuplicatePair.person_a_id, DuplicatePair.person_b_id, DuplicatePair.score)).all()
    assert [({r[0], r[1]}, r[2]) for r in rows] == [({a.id, b.id}, 5)]
