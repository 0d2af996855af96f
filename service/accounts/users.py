"""Staff accounts: creation, passwords (argon2), login throttling, API tokens."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import secrets
import uuid

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import delete, func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import joinedload

from service.accounts import passwords
from service.accounts.models import ROLES, ApiToken, LoginThrottle, User
from service.core import audit
from service.core.db import session, utcnow
from service.core.errors import N_, AuthError, Conflict, NotFound, ValidationError
from service.reference.models import Region

# Lockout (docs/accounts.md): five wrong passwords for one account from one client address lock
# that account *from that address*; twenty failures from one address (any usernames) lock the
# address. A colleague signing in from their own address is never locked out by someone else.
MAX_FAILED_LOGINS = 5
MAX_FAILED_PER_ADDRESS = 20
THROTTLE_MINUTES = 15
# One answer for an unknown username, a wrong password and a lock: it never confirms that an
# account exists.
LOGIN_REFUSED = N_("Nama pengguna atau kata sandi salah, atau akun dikunci sementara karena terlalu banyak "
                   "percobaan gagal (coba lagi setelah {minutes} menit).")
TOKEN_DAYS = 30        # absolute lifetime of an API token
TOKEN_IDLE_DAYS = 14   # a token unused this long is refused (sign in again)
TOKEN_TOUCH_MINUTES = 15  # last_used_at is written at most this often (not on every request)
MIN_PASSWORD = passwords.MIN_LENGTH
USERNAME_RE = re.compile(r"^[a-z0-9][a-z0-9._-]{2,63}$")
AREA_RE = re.compile(r"^\d{2}(\.\d{2}(\.\d{2}(\.\d{4})?)?)?$")

_hasher = PasswordHasher()


def configure_hasher(**params: int) -> None:
    """Cheaper argon2 parameters for the test suite (never in production)."""
    global _hasher
    _hasher = PasswordHasher(**params)


def hash_password(password: str) -> str:
    return _hasher.hash(password)


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
    params: dict[str, int] = {}
    found = passwords.problem(password, username, full_name)
    if found is not None:
        errors["password"], params = found
    if errors:
        raise ValidationError(errors, **params)
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


def set_password(user: User, password: str, field: str = "password") -> None:
    passwords.check(password, user.username, user.full_name, field=field)
    user.password_hash = hash_password(password)
    user.session_epoch += 1
    # A new password lifts the account's locks (from every address); address locks stay.
    session.execute(delete(LoginThrottle).where(
        LoginThrottle.key.startswith(f"account:{user.username}|", autoescape=True)))
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


def _throttle_keys(username: str, address: str | None) -> tuple[str, str]:
    name = (username or "").strip().lower()[:64]
    addr = (address or "-")[:64]
    return f"account:{name}|{addr}", f"address:{addr}"


def _refused() -> AuthError:
    return AuthError(LOGIN_REFUSED, minutes=THROTTLE_MINUTES)


def _count_failure(key: str, limit: int, now: dt.datetime) -> None:
    """One more failure under ``key``; at ``limit`` failures within the window the key is locked."""
    window = dt.timedelta(minutes=THROTTLE_MINUTES)
    row = session.get(LoginThrottle, key)
    if row is None:
        try:
            with session.begin_nested():
                row = LoginThrottle(key=key, failures=0, window_start=now)
                session.add(row)
        except IntegrityError:  # another request's first failure won the insert
            row = session.get(LoginThrottle, key)
            if row is None:
                return
    if now - row.window_start > window:
        row.failures, row.window_start = 0, now
    row.failures += 1
    if row.failures >= limit:
        row.locked_until = now + window
        row.failures, row.window_start = 0, now


def _locked(keys: tuple[str, ...], now: dt.datetime) -> bool:
    rows = session.scalars(select(LoginThrottle).where(LoginThrottle.key.in_(keys)))
    return any(r.locked_until is not None and r.locked_until > now for r in rows)


def authenticate(username: str, password: str, now: dt.datetime | None = None, address: str | None = None) -> User:
    """Check a login from client ``address``. Raises AuthError with one message for an unknown
    username, a wrong password and a lock (per account+address and per address)."""
    now = now or utcnow()
    account_key, address_key = _throttle_keys(username, address)
    user = find_by_username(username or "")
    if _locked((account_key, address_key), now):
        _spend_hash_time(password)
        audit.log_event("login_throttled", "users", user.id if user else None, {"username": (username or "")[:64]})
        raise _refused()
    if user is None:
        # Spend the same effort as a real check so timing does not reveal usernames.
        _spend_hash_time(password)
        ok = False
    else:
        try:
            ok = _hasher.verify(user.password_hash, password or "")
        except (VerificationError, InvalidHashError):
            ok = False
    if not ok:
        _count_failure(account_key, MAX_FAILED_LOGINS, now)
        _count_failure(address_key, MAX_FAILED_PER_ADDRESS, now)
        session.execute(delete(LoginThrottle).where(
            LoginThrottle.window_start < now - dt.timedelta(days=1),
            (LoginThrottle.locked_until.is_(None)) | (LoginThrottle.locked_until < now)))
        audit.log_event("login_failed", "users", user.id if user else None, {"username": (username or "")[:64]})
        session.flush()
        raise _refused()
    assert user is not None
    if not user.active:
        raise AuthError(N_("Akun ini tidak aktif. Hubungi admin."))
    if _hasher.check_needs_rehash(user.password_hash):
        user.password_hash = hash_password(password)
    # A success clears this account's count from this address (not the address's own count).
    session.execute(delete(LoginThrottle).where(LoginThrottle.key == account_key))
    user.last_login_at = now
    session.flush()
    return user


def _spend_hash_time(password: str) -> None:
    try:
        _hasher.verify(_DUMMY_HASH, password or "")
    except (VerificationError, InvalidHashError):
        pass


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
    """The user of a bearer token, or None when it is unknown, revoked, past its absolute lifetime
    (``TOKEN_DAYS``) or unused for ``TOKEN_IDLE_DAYS``. Marks the use at most every
    ``TOKEN_TOUCH_MINUTES``, so a busy device does not write on every request."""
    now = now or utcnow()
    if not raw:
        return None
    token = session.scalar(select(ApiToken).options(joinedload(ApiToken.user, innerjoin=True))
                           .where(ApiToken.token_hash == _token_digest(raw)))
    if token is None or token.revoked or token.expires_at <= now:
        return None
    if now - (token.last_used_at or token.created_at) > dt.timedelta(days=TOKEN_IDLE_DAYS):
        return None
    user = token.user
    if not user.active:
        return None
    if token.last_used_at is None or now - token.last_used_at >= dt.timedelta(minutes=TOKEN_TOUCH_MINUTES):
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
    set_password(user, new, field="new")


def set_language(user: User, language: str) -> None:
    if language not in ("id", "en"):
        raise ValidationError({"language": N_("Bahasa tidak dikenal.")})
    user.language = language
    session.flush()
