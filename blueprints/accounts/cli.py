"""``flask --app wsgi user create``: staff accounts from the command line."""

from __future__ import annotations

import sys

import click
from flask.cli import AppGroup

from blueprints.core.cli import fail, service_command
from service.accounts.models import ROLES

user_cli = AppGroup("user", help="Staff accounts.")


@user_cli.command("create")
@click.argument("username")
@click.option("--role", required=True, type=click.Choice(ROLES))
@click.option("--area", default=None, help="Region-code prefix the user is limited to, e.g. 18.72.02.")
@click.option("--full-name", default="")
@click.option("--nip", default=None)
@click.option("--password-stdin", is_flag=True, help="Read the password from standard input.")
@service_command
def user_create(username: str, role: str, area: str | None, full_name: str, nip: str | None,
                password_stdin: bool) -> None:
    """Create a user."""
    from service.accounts.users import create_user

    if not password_stdin:
        fail("give the password on standard input with --password-stdin")
    password = sys.stdin.readline().rstrip("\r\n")
    if not password:
        fail("no password on standard input")
    user = create_user(username, password, role, area, full_name=full_name, nip=nip)
    click.echo(f"created user {user.username} ({user.role}{', area ' + user.area_code if user.area_code else ''})")


COMMANDS = [user_cli]
