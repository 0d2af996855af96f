"""PostgreSQL: the large tables are analysed (and vacuumed) after 1 % (2 %) of their rows changed, not 10 % (20 %)

At province scale (1 M persons, 3 M deliveries) the default thresholds mean 100,000 changed
persons between two analyses — a regency's registrations of a whole year — so the planner's
statistics never know the newest rows, the very ones every list shows first. Seen in the HTTP
benchmark (issue 15): after ~94,000 changes to ``persons`` and ``cases`` (11,000 registrations
and the benchmark's own written-and-deleted rows), ``/laporan/spm/orang`` (lansia, all) went from
145 to 555 ms and back to 145 ms after a manual ANALYZE. With a 1 % scale factor autovacuum
analyses ``persons`` every ~10,000 changes; ANALYZE samples 30,000 rows whatever the table's size,
so each costs a fraction of a second. (The bench machine's server runs with autovacuum off, where
these settings do nothing: ``bench.http_bench`` analyses first there.) SQLite has no autovacuum.

Revision ID: 0030
Revises: 0029
Create Date: 2026-12-08 02:40:00.000000
"""

from alembic import op

revision = '0030'
down_revision = '0029'
branch_labels = None
depends_on = None

# The tables that grow to hundreds of thousands of rows at province scale (the registry, casework,
# deliveries and the derived report tables) and the audit trail, which only grows.
LARGE_TABLES = ('persons', 'households', 'household_members', 'cases', 'assessments', 'assessment_needs',
                'deliveries', 'duplicate_pairs', 'spm_person_needs', 'spm_person_signatures',
                'renja_person_years', 'iku_person_years', 'audit_log')
SETTINGS = 'autovacuum_analyze_scale_factor = 0.01, autovacuum_vacuum_scale_factor = 0.02'


def upgrade() -> None:
    if op.get_bind().dialect.name != 'postgresql':
        return
    for table in LARGE_TABLES:
        op.execute(f'ALTER TABLE {table} SET ({SETTINGS})')


def downgrade() -> None:
    if op.get_bind().dialect.name != 'postgresql':
        return
    for table in LARGE_TABLES:
        op.execute(f'ALTER TABLE {table} RESET (autovacuum_analyze_scale_factor, autovacuum_vacuum_scale_factor)')
