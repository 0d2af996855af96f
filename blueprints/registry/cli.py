"""``flask --app wsgi import bnba``: the BNBA import from the command line; ``duplicates rebuild``."""

from __future__ import annotations

import click
from flask.cli import AppGroup

from blueprints.core.cli import fail, service_command

import_cli = AppGroup("import", help="Data imports.")


@import_cli.command("bnba")
@click.argument("file", type=click.Path(dir_okay=False))
@service_command
def import_bnba(file: str) -> None:
    """Import a BNBA list (CSV or XLSX): all rows or none; prints the report."""
    import os

    from service.registry.bnba import import_bnba as run_import

    if not os.path.isfile(file):
        fail(f"file not found: {file}")
    with open(file, "rb") as fh:
        data = fh.read()
    report = run_import(data, os.path.basename(file))
    for line in report.lines():
        click.echo(line)
    if not report.ok:
        fail(f"{len(report.errors)} bad row(s) in {os.path.basename(file)}; nothing was imported "
              f"(first: line {report.errors[0].line}: {report.errors[0].reason})")


duplicates_cli = AppGroup("duplicates", help="The duplicate review queue.")


@duplicates_cli.command("rebuild")
@service_command
def rebuild_duplicates() -> None:
    """Recompute the duplicate pairs table from the persons (after a bulk load outside the app)."""
    from service.registry.duplicate_pairs import rebuild

    click.echo(f"{rebuild()} suspected duplicate pairs")


COMMANDS = [import_cli, duplicates_cli]
