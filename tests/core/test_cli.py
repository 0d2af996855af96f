"""CLI commands: they work, and bad input gives a one-line reason and a non-zero exit."""

from __future__ import annotations

from sqlalchemy import select

from service.accounts.models import User
from service.accounts.users import authenticate


def run(app, args, input=None):
    return app.test_cli_runner().invoke(args=args, input=input)


def test_user_create(app, db):
    result = run(app, ["user", "create", "ani", "--role", "peksos", "--area", "18.72.01", "--password-stdin"],
                 input="kata-sandi-1\n")
    assert result.exit_code == 0, result.output
    assert "created user ani (peksos, area 18.72.01)" in result.output
    assert authenticate("ani", "kata-sandi-1").role == "peksos"


def _one_line_error(result):
    assert result.exit_code != 0
    lines = [line for line in result.output.splitlines() if line.strip()]
    assert lines and lines[-1].startswith("Error:"), result.output
    return lines[-1]


def test_user_create_bad_inputs(app, db):
    assert "is not one of" in _one_line_error(
        run(app, ["user", "create", "ani", "--role", "boss", "--password-stdin"], input="kata-sandi-1\n"))
    assert "tidak dikenal" in _one_line_error(
        run(app, ["user", "create", "ani", "--role", "peksos", "--area", "99.99", "--password-stdin"],
            input="kata-sandi-1\n"))
    assert "password" in _one_line_error(
        run(app, ["user", "create", "ani", "--role", "peksos", "--password-stdin"], input="pendek\n"))
    assert "--password-stdin" in _one_line_error(run(app, ["user", "create", "ani", "--role", "peksos"]))
    assert db.scalar(select(User).where(User.username == "ani")) is None


def test_user_create_duplicate(app, db, make_user):
    existing = make_user("peksos")
    line = _one_line_error(run(app, ["user", "create", existing.username, "--role", "peksos", "--password-stdin"],
                               input="kata-sandi-1\n"))
    assert "sudah dipakai" in line


def test_reference_load_is_idempotent(app):
    result = run(app, ["reference", "load", "--province", "18"])
    assert result.exit_code == 0, result.output
    assert "regions: 0 inserted, 0 updated" in result.output


def test_reference_load_bad_province(app):
    assert "two-digit" in _one_line_error(run(app, ["reference", "load", "--province", "abc"]))
    assert "unknown province" in _one_line_error(run(app, ["reference", "load", "--province", "99"]))


def test_seed_demo_is_idempotent(app, db):
    first = run(app, ["seed-demo"])
    assert first.exit_code == 0, first.output
    assert "supervisor" in first.output and "lindung-demo" in first.output
    count = len(db.scalars(select(User)).all())
    second = run(app, ["seed-demo"])
    assert second.exit_code == 0
    assert len(db.scalars(select(User)).all()) == count
    assert authenticate("kadis", "lindung-demo").role == "pimpinan"
