"""(Information) The app itself with one more route, for issue 15's intake ratio: the one-statement
ceiling of ``bench/intake_ceiling.py`` (the intake's writes, no ORM, no validation) behind the
app's real framework — its middleware, its bearer-token check (``_authenticate``: the ORM token and
user) and its end-of-request commit. ``bench.http_bench`` serves it with gunicorn
(``bench.app_ceiling:app``) after the app's own lines; never part of the product.

What it measures: the best an intake could do **inside this app** (any implementation of the same
work, validation left out), beside the bare endpoint.
"""

from __future__ import annotations

from typing import Any

from flask import jsonify, request

from bench import intake_ceiling
from bench.bare_app import BARE_MARK
from blueprints.core.api import _authenticate, require
from blueprints.core.extensions import csrf
from service.core.db import session
from wsgi import app, tune_gc


@csrf.exempt
def intake_one_write() -> Any:
    user = _authenticate()  # the app's own token check and actor
    require("case.edit")
    conn = session.connection()
    ref = intake_ceiling.reference(conn, request.get_json()["kode_wilayah"])
    if ref[0] is None or ref[1] is None:
        return jsonify({"error": "validation_error"}), 422
    return jsonify(intake_ceiling.one_write(conn, user, bool(ref[0]), BARE_MARK)), 201


app.add_url_rule("/bench/intake-one-write", view_func=intake_one_write, methods=["POST"])
tune_gc()
