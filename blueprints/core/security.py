"""Security headers, the audit actor for each request, and route guards.

Routes guard themselves with ``@requires(action)`` (role) and, for a record,
``ensure(action, thing)`` (role + area + need-to-know): both call
``service.core.access.can``.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

from flask import Flask, abort, g, request
from flask import session as flask_session
from flask_login import current_user, login_required, logout_user

from service.core import audit
from service.core.access import can

F = TypeVar("F", bound=Callable[..., Any])

CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; "
    "font-src 'self'; connect-src 'self'; media-src 'self' blob:; object-src 'none'; "
    "base-uri 'self'; form-action 'self'; frame-ancestors 'none'; worker-src 'self'; manifest-src 'self'"
)


def init_proxy(app: Flask) -> None:
    """Honour the X-Forwarded-* headers only from the configured number of proxies in front of the
    app (``TRUSTED_PROXIES``, env ``LINDUNG_TRUSTED_PROXIES``). Without it they are ignored: the
    client address (lockout, rate limits, audit), the scheme (HSTS, secure cookies) and the host
    are the connection's own, whatever a client writes into the headers."""
    hops = int(app.config.get("TRUSTED_PROXIES") or 0)
    if hops > 0:
        from werkzeug.middleware.proxy_fix import ProxyFix

        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops, x_host=hops,  # type: ignore[method-assign]
                                x_port=hops, x_prefix=hops)


def init_security(app: Flask) -> None:
    init_proxy(app)
    @app.after_request
    def _headers(response: Any) -> Any:
        h = response.headers
        h.setdefault("Content-Security-Policy", CSP)
        h.setdefault("X-Content-Type-Options", "nosniff")
        h.setdefault("X-Frame-Options", "DENY")
        h.setdefault("Referrer-Policy", "same-origin")
        h.setdefault("Permissions-Policy", "camera=(self), geolocation=(self), microphone=()")
        h.setdefault("Cross-Origin-Opener-Policy", "same-origin")
        if request.is_secure:  # served over TLS (directly, or behind a trusted proxy that says so)
            h.setdefault("Strict-Transport-Security", "max-age=31536000; includeSubDomains")
        if current_user and getattr(current_user, "is_authenticated", False):
            h.setdefault("Cache-Control", "no-store")
        return response

    @app.before_request
    def _session_lifetime() -> None:
        """A web session ends after SESSION_IDLE_SECONDS without a request and after
        PERMANENT_SESSION_LIFETIME in all (from its first request), whatever the cookie says."""
        if request.path.startswith(("/api/", "/static/")) or not getattr(current_user, "is_authenticated", False):
            return
        now = time.time()
        started, seen = flask_session.get("_started"), flask_session.get("_seen")
        if started is None or seen is None:
            flask_session["_started"] = flask_session["_seen"] = now
            return
        if now - seen > app.config["SESSION_IDLE_SECONDS"] or now - started > app.config["PERMANENT_SESSION_LIFETIME_S"]:
            lang = flask_session.get("lang")
            logout_user()
            flask_session.clear()
            if lang:
                flask_session["lang"] = lang
            return
        flask_session["_seen"] = now

    @app.before_request
    def _bind_actor() -> None:
        user = current_user if not request.path.startswith("/api/") else None
        if user is not None and getattr(user, "is_authenticated", False):
            audit.set_actor(audit.actor_for_user(user, "web", request.remote_addr))
        else:
            audit.set_actor(audit.Actor(None, "anonymous", "web", request.remote_addr))


def user() -> Any:
    return current_user._get_current_object()  # type: ignore[attr-defined]


def requires(action: str) -> Callable[[F], F]:
    """Login plus a role that holds ``action``; 403 otherwise."""

    def decorator(view: F) -> F:
        @wraps(view)
        @login_required
        def wrapped(*args: Any, **kwargs: Any) -> Any:
            if not can(user(), action):
                abort(403)
            return view(*args, **kwargs)

        wrapped.required_action = action  # type: ignore[attr-defined]
        return wrapped  # type: ignore[return-value]

    return decorator


def ensure(action: str, thing: Any, hide: bool = False) -> None:
    """Abort 403 (or 404 when the record's existence itself is private)."""
    if not can(user(), action, thing):
        abort(404 if hide else 403)


class AreaOnly:
    """A stand-in with only an area, to ask ``can`` about a record not created yet."""

    def __init__(self, area_code: str | None) -> None:
        self.area_code = area_code


def public(view: F) -> F:
    """Mark a route that needs no login (login page, health, verification pages)."""
    view.public = True  # type: ignore[attr-defined]
    return view


def g_user() -> Any:
    return getattr(g, "api_user", None)
