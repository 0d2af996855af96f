"""HTML error pages (the API has its own JSON handlers)."""

from __future__ import annotations

from typing import Any

from flask import Flask, Response, render_template, request
from sqlalchemy.exc import OperationalError
from werkzeug.exceptions import HTTPException

from service.core.db import session

RETRY_AFTER_SECONDS = 5
# PostgreSQL: serialization failure, deadlock, lock not available (lock_timeout).
_PG_BUSY = {"40001", "40P01", "55P03"}


def is_busy(exc: BaseException) -> bool:
    """True for "someone else is writing, try again": SQLite's lock after the busy timeout, or
    PostgreSQL's serialization/deadlock/lock-timeout failures."""
    if not isinstance(exc, OperationalError):
        return False
    text = str(getattr(exc, "orig", exc)).lower()
    code = getattr(getattr(exc, "orig", None), "sqlstate", None) or getattr(getattr(exc, "orig", None), "pgcode", None)
    return "database is locked" in text or "database table is locked" in text or code in _PG_BUSY


def busy_response() -> Response:
    """503 with Retry-After: JSON on the API, a page saying nothing was saved elsewhere."""
    session.rollback()
    if request.path.startswith("/api/"):
        from blueprints.core.api import json_error

        resp = json_error(503, "busy", "The database is busy with another change; nothing was saved. "
                                       f"Try again in {RETRY_AFTER_SECONDS} seconds.")
    else:
        resp = Response(render_template("errors/error.html", code=503, name="Service Unavailable"), 503)
    resp.headers["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return resp


def init_errors(app: Flask) -> None:
    @app.errorhandler(OperationalError)
    def _operational(exc: OperationalError) -> Any:
        if is_busy(exc):
            app.logger.warning("database busy: %s", exc)
            return busy_response()
        return _unexpected(exc)

    @app.errorhandler(HTTPException)
    def _http(exc: HTTPException) -> Any:
        if request.path.startswith("/api/"):
            from blueprints.core.api import json_error

            return json_error(exc.code or 500, (exc.name or "error").lower().replace(" ", "_"), exc.description or "")
        return render_template("errors/error.html", code=exc.code, name=exc.name), exc.code

    @app.errorhandler(Exception)
    def _unexpected(exc: Exception) -> Any:
        session.rollback()
        app.logger.exception("unhandled error")
        if request.path.startswith("/api/"):
            from blueprints.core.api import json_error

            return json_error(500, "internal_error", "Internal error; nothing was saved.")
        return render_template("errors/error.html", code=500, name="Internal Server Error"), 500

    @app.teardown_appcontext
    def _close(exc: BaseException | None) -> None:
        if exc is not None:
            session.rollback()
        session.remove()
