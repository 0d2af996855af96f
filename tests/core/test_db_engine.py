"""Engine settings every connection gets (service.core.db.make_engine)."""

from __future__ import annotations

import pytest
from sqlalchemy import text


def test_postgresql_connections_run_without_jit(db):
    if db.get_bind().dialect.name != "postgresql":
        pytest.skip("PostgreSQL only: SQLite has no JIT")
    assert db.execute(text("SHOW jit")).scalar_one() == "off"


def test_postgresql_sequential_scans_start_at_the_table_start(db):
    """A capped search count reads the same (cached) first pages each time, not wherever another scan is."""
    if db.get_bind().dialect.name != "postgresql":
        pytest.skip("PostgreSQL only: SQLite has no synchronized scans")
    assert db.execute(text("SHOW synchronize_seqscans")).scalar_one() == "off"
