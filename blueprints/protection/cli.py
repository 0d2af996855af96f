"""``flask --app wsgi protection export|answers|double-listing``: the batch file for the ministry's
upload, its answer file, and the double-listing check, from the command line (docs/protection.md)."""

from __future__ import annotations

from pathlib import Path

import click
from flask.cli import AppGroup

from blueprints.core.cli import fail, service_command

protection_cli = AppGroup("protection", help="Social protection: DTKS/DTSEN batches, double listing.")


def _batch(period: str):  # type: ignore[no-untyped-def]
    from sqlalchemy import select

    from service.core.db import session
    from service.protection.models import DtksBatch

    batch = session.scalar(select(DtksBatch).where(DtksBatch.period == period))
    if batch is None:
        fail(f"no batch for period {period}")
    return batch


@protection_cli.command("export")
@click.argument("period")
@click.option("--format", "fmt", type=click.Choice(["xlsx", "csv"]), default="xlsx")
@click.option("--out", type=click.Path(dir_okay=False), help="Where to write (default: the file's own name).")
@service_command
def export(period: str, fmt: str, out: str | None) -> None:
    """Write the approved batch of PERIOD (e.g. 2026-11) for the ministry's upload (full NIKs; audited)."""
    from service.protection import batches

    content, filename, _mime = batches.export(_batch(period), fmt)
    Path(out or filename).write_bytes(content)
    click.echo(f"{out or filename}: {len(_batch(period).proposals)} proposals")


@protection_cli.command("answers")
@click.argument("period")
@click.argument("file", type=click.Path(dir_okay=False))
@service_command
def answers(period: str, file: str) -> None:
    """Record the ministry's answer file (CSV: ID_USULAN, HASIL, ALASAN) for the batch of PERIOD."""
    from service.protection import batches

    path = Path(file)
    if not path.is_file():
        fail(f"file not found: {file}")
    n = batches.import_answers(_batch(period), path.read_bytes())
    click.echo(f"{n} answers recorded")


@protection_cli.command("double-listing")
@service_command
def double_listing() -> None:
    """List active members who died, persons on two family cards, households across two villages."""
    from service.protection import programmes

    office = type("Office", (), {"area_code": None})()
    findings = programmes.double_listing(office)
    for f in findings:
        who = f.person.name if f.person else (f.household.kk_number or str(f.household.id))
        click.echo(f"{f.check}\t{who}\t{f.detail}")
    click.echo(f"{len(findings)} findings")


COMMANDS = [protection_cli]
