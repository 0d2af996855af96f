"""Staff accounts and API tokens."""

from __future__ import annotations

import datetime as dt
import uuid

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from service.core.db import Base, Timestamps, UUIDPk, utcnow

ROLES = ("admin", "pimpinan", "supervisor", "peksos", "tagana", "operator", "auditor")


class User(UUIDPk, Timestamps, Base):
    __tablename__ = "users"
    __audit_redact__ = ("password_hash",)
    # Sign-in bookkeeping: the "login"/"logout"/"login_failed" events record it (service.core.audit).
    __audit_quiet__ = ("last_login_at", "failed_logins", "throttled_until", "session_epoch")

    username: Mapped[str] = mapped_column(String(64), unique=True)
    full_name: Mapped[str] = mapped_column(String(200), default="")
    nip: Mapped[str | None] = mapped_column(String(32), default=None)
    role: Mapped[str] = mapped_column(String(20))
    # Region-code prefix that limits what the user sees (None: the whole office).
    area_code: Mapped[str | None] = mapped_column(String(13), default=None)
    password_hash: Mapped[str] = mapped_column(String(255))
    active: Mapped[bool] = mapped_column(default=True)
    # Unused since login throttling moved to ``login_throttles`` (per account and address); kept
    # so the users table need not be rebuilt on SQLite.
    failed_logins: Mapped[int] = mapped_column(default=0)
    throttled_until: Mapped[dt.datetime | None] = mapped_column(default=None)
    last_login_at: Mapped[dt.datetime | None] = mapped_column(default=None)
    # Bumped on password reset / deactivation: old sessions stop working.
    session_epoch: Mapped[int] = mapped_column(default=0)
    language: Mapped[str | None] = mapped_column(String(5), default=None)

    tokens: Mapped[list[ApiToken]] = relationship(back_populates="user", cascade="all, delete-orphan")

    # Flask-Login protocol, kept free of Flask imports.
    @property
    def is_authenticated(self) -> bool:
        return True

    @property
    def is_active(self) -> bool:
        return self.active

    @property
    def is_anonymous(self) -> bool:
        return False

    def get_id(self) -> str:
        return f"{self.id}.{self.session_epoch}"

    def __repr__(self) -> str:
        return f"<User {self.username} {self.role}>"


class ApiToken(UUIDPk, Base):
    __tablename__ = "api_tokens"
    __audit__ = False

    user_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    label: Mapped[str] = mapped_column(String(100), default="")
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    expires_at: Mapped[dt.datetime]
    last_used_at: Mapped[dt.datetime | None] = mapped_column(default=None)
    revoked: Mapped[bool] = mapped_column(default=False)

    user: Mapped[User] = relationship(back_populates="tokens")


class LoginThrottle(Base):
    """Failed sign-ins counted per key: ``account:<username>|<address>`` (the account from one client
    address) and ``address:<address>`` (every username from one address). Keyed by the typed
    username, existing or not, so that a lock never tells whether an account exists."""

    __tablename__ = "login_throttles"
    __audit__ = False  # the attempts themselves are audit events (login_failed, login_throttled)

    key: Mapped[str] = mapped_column(String(200), primary_key=True)
    failures: Mapped[int] = mapped_column(default=0)
    window_start: Mapped[dt.datetime] = mapped_column(default=utcnow, index=True)
    locked_until: Mapped[dt.datetime | None] = mapped_column(default=None)
