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


def test_postgresql_analyses_the_large_tables_after_one_percent_changed(db):
    """Migration 0030: the planner's statistics follow the newest registrations at province scale
    (the default 10 % is a year of a regency's intakes on a million persons)."""
    if db.get_bind().dialect.name != "postgresql":
        pytest.skip("PostgreSQL only: SQLite has no autovacuum")
    options = dict(db.execute(text(
        "SELECT relname, array_to_string(reloptions, ',') FROM pg_class WHERE relname IN "
        "('persons', 'cases', 'deliveries', 'spm_person_needs', 'audit_log') AND relkind = 'r'")).all())
    assert set(options) == {"persons", "cases", "deliveries", "spm_person_needs", "audit_log"}
    for table, reloptions in options.items():
        assert "autovacuum_analyze_scale_factor=0.01" in (reloptions or ""), table
