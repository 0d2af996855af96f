"""One transaction per request, for web views and API endpoints alike.

* A request that ends with a status below 400 is **committed**; anything else (a 4xx/5xx
  answer, an exception) is **rolled back**. Views therefore never call ``commit()`` or
  ``rollback()`` themselves — the service layer flushes, the door commits (docs/architecture.md).
* A service error inside a form view is turned into messages beside the form's fields
  (or a flash) by :func:`service_errors`, which also rolls the failed work back at once so the
  page can be rendered again from clean state. The API's error handlers turn the same errors
  into JSON (``blueprints.core.api``).
* The few places that must keep something even though the request fails (a failed login's
  attempt counter, a background import's run row) commit explicitly with :func:`commit_now`.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from flask import Flask, Response, flash
from sqlalchemy.exc import OperationalError

from blueprints.core.forms import apply_errors
from blueprints.core.i18n import tr, tr_error
from service.core.db import session
from service.core.errors import ServiceError, ValidationError


def init_transactions(app: Flask) -> None:
    @app.after_request
    def _end_of_request(response: Response) -> Response:
        if response.status_code < 400:
            try:
                session.commit()
            except OperationalError as exc:
                from blueprints.core.errors import busy_response, is_busy

                session.rollback()
                if is_busy(exc):
                    return busy_response()
                raise
        else:
            session.rollback()
        return response


def commit_now() -> None:
    """Commit what is pending before the request ends (work that must survive a failing answer)."""
    session.commit()


@dataclass
class Outcome:
    """What :func:`service_errors` saw: ``ok`` unless a service error was caught."""

    ok: bool = True
    error: ServiceError | None = None


@contextlib.contextmanager
def service_errors(form: Any = None) -> Iterator[Outcome]:
    """Run a use case; on a ServiceError roll back and show it beside ``form``'s fields
    (or as a flash without a form) instead of raising.

    ::

        with service_errors(form) as done:
            record_delivery(...)
        if done.ok:
            return redirect(...)
        return render_template(...), 422
    """
    outcome = Outcome()
    try:
        yield outcome
    except ServiceError as exc:
        session.rollback()
        outcome.ok, outcome.error = False, exc
        if form is not None:
            apply_errors(form, exc)
        elif isinstance(exc, ValidationError):  # every reason, as the form's page is not shown
            for message in exc.fields.values():
                flash(tr(message, **exc.params), "error")
        else:
            flash(tr_error(exc), "error")
