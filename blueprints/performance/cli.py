"""``flask --app wsgi budget import FILE``: budget realisation records from the command line."""

from __future__ import annotations

import click
from flask.cli import AppGroup

from blueprints.core.cli import import_file, service_command

budget_cli = AppGroup("budget", help="Budget realisation (payments against sub-activities).")


@budget_cli.command("import")
@click.argument("file", type=click.Path(dir_okay=False))
@service_command
def import_budget(file: str) -> None:
    """Import payments (CSV or XLSX): all rows or none; rows already recorded are skipped."""
    from service.performance.budget_import import import_budget as run_import

    import_file(file, run_import)


renstra_cli = AppGroup("renstra", help="The five-year Renstra (targets and pagu per year).")


@renstra_cli.command("load")
@click.argument("file", type=click.Path(dir_okay=False))
@service_command
def load_renstra(file: str) -> None:
    """Load (or update) a Renstra from CSV or XLSX: all rows or none; the same file again changes nothing."""
    from service.performance import renstra

    import_file(file, renstra.load, "nothing was loaded")


COMMANDS = [budget_cli, renstra_cli]
