"""Cross-cutting pieces every area uses: database, audit, access, errors, settings, periods, formatting, pagination, jobs, exports, migrations, the demo orchestrator."""
