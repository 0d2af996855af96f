"""Configuration: defaults < environment < explicit overrides.

``SECRET_KEY`` comes from the environment or from ``instance/secret_key``,
generated on first start. ``DATABASE_URL`` defaults to SQLite in ``instance/``.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path
from typing import Any

from flask import Flask

from service.core.paths import private_dir, private_file


def _secret_key(instance: Path) -> str:
    path = instance / "secret_key"
    if path.exists():
        path.chmod(0o600)
        return path.read_text().strip()
    key = secrets.token_hex(32)
    private_file(path).write_text(key)  # created 0600: never readable by others, not even briefly
    return key


def _count(raw: str | None, name: str) -> int:
    try:
        value = int((raw or "0").strip())
    except ValueError:
        raise SystemExit(f"Error: {name} must be a whole number (0 = no proxy), not {raw!r}") from None
    if value < 0:
        raise SystemExit(f"Error: {name} must not be negative")
    return value


def load_config(app: Flask, overrides: dict[str, Any] | None = None) -> None:
    instance = Path(app.instance_path)
    private_dir(instance)  # secret key, SQLite file, photos, receipts: 0700
    env = os.environ
    app.config.update(
        DATABASE_URL=env.get("DATABASE_URL") or f"sqlite:///{instance / 'lindung.db'}",
        BABEL_DEFAULT_LOCALE="id",
        BABEL_DEFAULT_TIMEZONE="Asia/Jakarta",
        LANGUAGES=("id", "en"),
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Lax",
        # Secure cookies unless explicitly serving plain HTTP on localhost (make run).
        SESSION_COOKIE_SECURE=env.get("LINDUNG_INSECURE_COOKIES") != "1",
        REMEMBER_COOKIE_SECURE=env.get("LINDUNG_INSECURE_COOKIES") != "1",
        REMEMBER_COOKIE_HTTPONLY=True,
        PERMANENT_SESSION_LIFETIME=60 * 60 * 12,
        # Server-side limits of a web session: idle and absolute (blueprints/core/security.py).
        SESSION_IDLE_SECONDS=int(env.get("LINDUNG_SESSION_IDLE_MINUTES", "30")) * 60,
        PERMANENT_SESSION_LIFETIME_S=60 * 60 * 12,
        WTF_CSRF_TIME_LIMIT=None,
        MAX_CONTENT_LENGTH=20 * 1024 * 1024,
        LINDUNG_SCHEDULER=env.get("LINDUNG_SCHEDULER", "0") == "1",
        PER_PAGE=25,
        BACKUP_DIR=env.get("LINDUNG_BACKUP_DIR") or None,
        BACKUP_KEEP=int(env.get("LINDUNG_BACKUP_KEEP") or 14),
        # How many reverse proxies in front of the app set X-Forwarded-For/-Proto/-Host/-Port/-Prefix
        # (blueprints/core/security.py). 0: none, the headers are ignored (a client could forge them).
        # Fallback for the office setting "office.base_url" (links and QR codes in letters).
        PUBLIC_BASE_URL=env.get("LINDUNG_PUBLIC_URL") or "http://localhost:5000",
        TRUSTED_PROXIES=_count(env.get("LINDUNG_TRUSTED_PROXIES"), "LINDUNG_TRUSTED_PROXIES"),
    )
    app.config["SECRET_KEY"] = env.get("SECRET_KEY") or _secret_key(instance)
    if overrides:
        app.config.update(overrides)
