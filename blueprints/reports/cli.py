"""``flask --app wsgi plan import``: load a Renja plan."""

from __future__ import annotations

import click
from flask.cli import AppGroup

from blueprints.core.cli import fail, service_command

plan_cli = AppGroup("plan", help="Renja plans.")


@plan_cli.command("import")
@click.argument("file", type=click.Path(dir_okay=False))
@click.option("--year", required=True, type=int, help="The plan's year, e.g. 2026.")
@service_command
def plan_import(file: str, year: int) -> None:
    """Load a Renja plan (CSV or XLSX, layout of renja_plan_kota_metro_2026.csv). Idempotent."""
    from pathlib import Path

    from service.reports.renja_plans import import_plan

    path = Path(file)
    if not path.is_file():
        fail(f"file not found: {file}")
    plan, counts = import_plan(path.read_bytes(), path.name, year)
    click.echo(f"plan {plan.year}: {len(plan.rows)} rows ({counts['inserted']} new, {counts['updated']} updated, "
               f"{counts['unchanged']} unchanged, {counts['deleted']} removed)")


COMMANDS = [plan_cli]
