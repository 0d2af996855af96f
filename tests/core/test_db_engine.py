"""Engine settings every connection gets (service.core.db.make_engine)."""

from __future__ import annotations

import pytest
from sqlalchemy import text


def test_postgresql_connections_run_without_jit(db):
    if db.get_bind().dialect.name != "postgresql":
        pytest.skip("PostgreSQL only: SQLite has no JIT")
    assert db.execute(text("SHOW jit")).scalar_one() == "off"
