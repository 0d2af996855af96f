"""Rate limits for the public pages (no login): Flask-Limiter, one instance for the app.

Limits are counted per client address. Where the counters live is configurable with
``RATELIMIT_STORAGE_URI`` (environment or app config): the default ``memory://`` keeps them in
the process, which is right for one worker; several workers need a shared storage
(``redis://…``, ``memcached://…``; see the Flask-Limiter documentation), else each worker
counts on its own. Views use :data:`limiter` directly::

    from blueprints.core.ratelimit import limiter

    @bp.route("/aduan", methods=["GET", "POST"])
    @public
    @limiter.limit("10 per hour", methods=["POST"])
    def public_form(): ...

A request over the limit gets the HTML error page (or the JSON error under ``/api/``) with 429.
"""

from __future__ import annotations

import os

from flask import Flask
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address

DEFAULT_STORAGE_URI = "memory://"

limiter = Limiter(key_func=get_remote_address, default_limits=[], headers_enabled=True)


def init_ratelimit(app: Flask) -> None:
    app.config.setdefault("RATELIMIT_STORAGE_URI", os.environ.get("RATELIMIT_STORAGE_URI") or DEFAULT_STORAGE_URI)
    limiter.init_app(app)
