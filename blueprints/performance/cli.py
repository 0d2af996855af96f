"""``flask --app wsgi budget import FILE``: budget realisation records from the command line."""

from __future__ import annotations

import click
from flask.cli import AppGroup

from blueprints.core.cli import fail, service_command

budget_cli = AppGroup("budget", help="Budget realisation (payments against sub-activities).")


@budget_cli.command("import")
@click.argument("file", type=click.Path(dir_okay=False))
@service_command
def import_budget(file: str) -> None:
    """Import payments (CSV or XLSX): all rows or none; rows already recorded are skipped."""
    import os

    from service.performance.budget_import import import_budget as run_import

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


renstra_cli = AppGroup("renstra", help="The five-year Renstra (targets and pagu per year).")


@renstra_cli.command("load")
@click.argument("file", type=click.Path(dir_okay=False))
@service_command
def load_renstra(file: str) -> None:
    """Load (or update) a Renstra from CSV or XLSX: all rows or none; the same file again changes nothing."""
    import os

    from service.performance import renstra

    if not os.path.isfile(file):
        fail(f"file not found: {file}")
    with open(file, "rb") as fh:
        data = fh.read()
    report = renstra.load(data, os.path.basename(file))
    for line in report.lines():
        click.echo(line)
    if not report.ok:
        fail(f"{len(report.errors)} bad row(s) in {os.path.basename(file)}; nothing was loaded "
             f"(first: line {report.errors[0].line}: {report.errors[0].reason})")


COMMANDS = [budget_cli, renstra_cli]
