"""Public URLs for what leaves the building — links and QR codes in letters, receipts and API answers.

They start with the office's configured address (setting ``office.base_url`` on *Pengaturan*, else
the config ``PUBLIC_BASE_URL``, env ``LINDUNG_PUBLIC_URL``), never with the Host header or the
scheme of the request that happened to render them: a forged Host cannot plant its own address in
a printed letter's QR code. Flask's external ``url_for`` (the request's host) is not used for such links.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from flask import current_app


def public_base_url() -> str:
    from service.core import settings

    return (settings.get("office.base_url") or current_app.config["PUBLIC_BASE_URL"]).rstrip("/")


def public_url(endpoint: str, **values: Any) -> str:
    """``endpoint``'s absolute URL under the office's public address (works outside a request too)."""
    base = urlsplit(public_base_url())
    adapter = current_app.url_map.bind(base.netloc, script_name=base.path or "/", url_scheme=base.scheme)
    return adapter.build(endpoint, values, force_external=True)
