"""HTML error pages (the API has its own JSON handlers)."""

from __future__ import annotations

from typing import Any

from flask import Flask, render_template, request
from werkzeug.exceptions import HTTPException

from service.core.db import session


def init_errors(app: Flask) -> None:
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
