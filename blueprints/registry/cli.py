"""``flask --app wsgi import bnba``: the BNBA import from the command line; ``duplicates rebuild``."""

from __future__ import annotations

import click
from flask.cli import AppGroup

from blueprints.core.cli import import_file, service_command

import_cli = AppGroup("import", help="Data imports.")


@import_cli.command("bnba")
@click.argument("file", type=click.Path(dir_okay=False))
@service_command
def import_bnba(file: str) -> None:
    """Import a BNBA list (CSV or XLSX): all rows or none; prints the report."""
    from service.registry.bnba import import_bnba as run_import

    import_file(file, run_import)


duplicates_cli = AppGroup("duplicates", help="The duplicate review queue.")


@duplicates_cli.command("rebuild")
@service_command
def rebuild_duplicates() -> None:
    """Recompute the duplicate pairs table from the persons (after a bulk load outside the app)."""
    from service.registry.duplicate_pairs import rebuild

    click.echo(f"{rebuild()} suspected duplicate pairs")


COMMANDS = [import_cli, duplicates_cli]
