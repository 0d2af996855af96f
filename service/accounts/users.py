"""Staff accounts: creation, passwords (argon2), login throttling, API tokens."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import secrets
import uuid
from typing import Any

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import func, select

from service.accounts.models import ROLES, ApiToken, User
from service.core import audit
from service.core.db import session, utcnow
from service.core.errors import N_, AuthError, Conflict, NotFound, ValidationError
from service.reference.models import Region

MAX_FAILED_LOGINS = 5
THROTTLE_MINUTES = 15
TOKEN_DAYS = 30
MIN_PASSWORD = 8
USERNAME_RE = re.compile(r"^[a-z0-9][a-z0-9._-]{2,63}$")
AREA_RE = re.compile(r"^\d{2}(\.\d{2}(\.\d{2}(\.\d{4})?)?)?$")

_hasher = PasswordHasher()


def configure_hasher(**params: int) -> None:
    """Cheaper argon2 parameters for the test suite (never in production)."""
    global _hasher
    _hasher = PasswordHasher(**params)


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def _check_password_rules(password: str) -> None:
    if len(password) < MIN_PASSWORD:
        raise ValidationError({"password": N_("Kata sandi minimal {n} karakter.")}, n=MIN_PASSWORD)


def validate_area(area_code: str | None) -> str | None:
    if area_code in (None, ""):
        return None
    area_code = area_code.strip()
    if not AREA_RE.match(area_code):
        raise ValidationError({"area_code": N_("Kode wilayah tidak valid (contoh: 18.72 atau 18.72.02).")})
    if session.get(Region, area_code) is None:
        raise ValidationError({"area_code": N_("Kode wilayah {code} tidak dikenal.")}, code=area_code)
    return area_code


def validate_role(role: str) -> str:
    if role not in ROLES:
        raise ValidationError({"role": N_("Peran tidak dikenal: {role}.")}, role=role)
    return role


def get_user(user_id: uuid.UUID) -> User:
    user = session.get(User, user_id)
    if user is None:
        raise NotFound(N_("Pengguna tidak ditemukan."))
    return user


def find_by_username(username: str) -> User | None:
    return session.scalar(select(User).where(func.lower(User.username) == username.strip().lower()))


def create_user(
    username: str,
    password: str,
    role: str,
    area_code: str | None = None,
    full_name: str = "",
    nip: str | None = None,
) -> User:
    username = (username or "").strip().lower()
    errors: dict[str, str] = {}
    if not USERNAME_RE.match(username):
        errors["username"] = N_("Nama pengguna 3–64 karakter: huruf kecil, angka, titik, garis bawah atau tanda hubung.")
    if role not in ROLES:
        errors["role"] = N_("Peran tidak dikenal.")
    if len(password or "") < MIN_PASSWORD:
        errors["password"] = N_("Kata sandi minimal 8 karakter.")
    if errors:
        raise ValidationError(errors)
    area = validate_area(area_code)
    if find_by_username(username) is not None:
        raise Conflict(N_("Nama pengguna {username} sudah dipakai."), username=username)
    user = User(
        username=username,
        password_hash=hash_password(password),
        role=role,
        area_code=area,
        full_name=(full_name or "").strip() or username,
        nip=(nip or "").strip() or None,
    )
    session.add(user)
    session.flush()
    return user


def update_user(
    user: User,
    *,
    role: str | None = None,
    area_code: str | None | object = ...,
    full_name: str | None = None,
    nip: str | None = None,
) -> User:
    if role is not None:
        user.role = validate_role(role)
    if area_code is not ...:
        user.area_code = validate_area(area_code)  # type: ignore[arg-type]
    if full_name is not None:
        user.full_name = full_name.strip() or user.username
    if nip is not None:
        user.nip = nip.strip() or None
    session.flush()
    return user


def set_password(user: User, password: str) -> None:
    _check_password_rules(password)
    user.password_hash = hash_password(password)
    user.failed_logins = 0
    user.throttled_until = None
    user.session_epoch += 1
    for token in user.tokens:
        token.revoked = True
    session.flush()


def end_sessions(user: User) -> None:
    """Sign the account out everywhere on the server side: every session cookie issued so far
    (including a copied one) stops working. Called by logout."""
    user.session_epoch += 1
    session.flush()


def set_active(user: User, active: bool) -> None:
    user.active = active
    if not active:
        user.session_epoch += 1
        for token in user.tokens:
            token.revoked = True
    session.flush()


def authenticate(username: str, password: str, now: dt.datetime | None = None) -> User:
    """Check a login. Raises AuthError; throttles after MAX_FAILED_LOGINS failures."""
    now = now or utcnow()
    user = find_by_username(username or "")
    if user is None:
        # Spend the same effort as a real check so timing does not reveal usernames.
        try:
            _hasher.verify(_DUMMY_HASH, password or "")
        except (VerificationError, InvalidHashError):
            pass
        audit.log_event("login_failed", "users", None, {"username": (username or "")[:64]})
        raise AuthError(N_("Nama pengguna atau kata sandi salah."))
    if user.throttled_until is not None and user.throttled_until > now:
        audit.log_event("login_throttled", "users", user.id)
        raise AuthError(
            N_("Terlalu banyak percobaan gagal. Akun dikunci sementara sampai {until}."),
            until=user.throttled_until,
        )
    try:
        _hasher.verify(user.password_hash, password or "")
    except (VerificationError, InvalidHashError):
        user.failed_logins += 1
        if user.failed_logins >= MAX_FAILED_LOGINS:
            user.throttled_until = now + dt.timedelta(minutes=THROTTLE_MINUTES)
            user.failed_logins = 0
        details: dict[str, Any] = {"username": user.username}
        if user.failed_logins == 0:  # this failure locked the account (the lock itself is not an entry)
            details["throttled_until"] = user.throttled_until
        audit.log_event("login_failed", "users", user.id, details)
        session.flush()
        raise AuthError(N_("Nama pengguna atau kata sandi salah.")) from None
    if not user.active:
        raise AuthError(N_("Akun ini tidak aktif. Hubungi admin."))
    if _hasher.check_needs_rehash(user.password_hash):
        user.password_hash = hash_password(password)
    user.failed_logins = 0
    user.throttled_until = None
    user.last_login_at = now
    session.flush()
    return user


_DUMMY_HASH = PasswordHasher().hash("not-a-real-password")


def _token_digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def issue_token(user: User, label: str = "api") -> str:
    """A random bearer token; only its SHA-256 is stored."""
    raw = secrets.token_urlsafe(32)
    session.add(
        ApiToken(
            user_id=user.id,
            token_hash=_token_digest(raw),
            label=label[:100],
            expires_at=utcnow() + dt.timedelta(days=TOKEN_DAYS),
        )
    )
    audit.log_event("token_issued", "users", user.id, {"label": label})
    session.flush()
    return raw


def user_for_token(raw: str, now: dt.datetime | None = None) -> User | None:
    now = now or utcnow()
    if not raw:
        return None
    token = session.scalar(select(ApiToken).where(ApiToken.token_hash == _token_digest(raw)))
    if token is None or token.revoked or token.expires_at <= now:
        return None
    user = token.user
    if not user.active:
        return None
    if token.last_used_at is None or now - token.last_used_at > dt.timedelta(minutes=5):
        token.last_used_at = now
    return user


def load_session_user(session_id: str) -> User | None:
    """Flask-Login's user loader: ``"<uuid>.<epoch>"``; a stale epoch logs out."""
    try:
        raw_id, epoch = session_id.rsplit(".", 1)
        user = session.get(User, uuid.UUID(raw_id))
    except (ValueError, AttributeError):
        return None
    if user is None or not user.active or str(user.session_epoch) != epoch:
        return None
    return user


def list_users(q: str | None = None) -> list[User]:
    stmt = select(User).order_by(User.username)
    if q:
        like = f"%{q.strip().lower()}%"
        stmt = stmt.where(func.lower(User.username).like(like) | func.lower(User.full_name).like(like))
    return list(session.scalars(stmt))


def change_own_password(user: User, current: str, new: str) -> None:
    """A user changes their own password: the current one is required; other sessions end."""
    try:
        _hasher.verify(user.password_hash, current or "")
    except (VerificationError, InvalidHashError):
        raise ValidationError({"current": N_("Kata sandi saat ini salah.")}) from None
    if new == current:
        raise ValidationError({"new": N_("Kata sandi baru harus berbeda dari yang lama.")})
    set_password(user, new)


def set_language(user: User, language: str) -> None:
    if language not in ("id", "en"):
        raise ValidationError({"language": N_("Bahasa tidak dikenal.")})
    user.language = language
    session.flush()
