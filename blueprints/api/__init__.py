"""``/api/v1``: token auth, reference data, the OpenAPI document.

Area modules add their endpoints with ``blueprints.api.core.endpoint`` and are
imported here so that every route is registered before the app starts.
"""

from __future__ import annotations

from typing import Any

from flask import current_app, jsonify, request

from blueprints.api.core import COMPONENTS, OPENAPI_PATHS, APIError, api_user, bp, endpoint, json_body
from service import audit
from service.db import session
from service.errors import AuthError
from service.users import authenticate, issue_token

__all__ = ["bp"]


def _import_endpoint_modules() -> None:
    """Import every module in this package: each registers its endpoints."""
    import importlib
    import pkgutil
    from pathlib import Path

    for info in pkgutil.iter_modules([str(Path(__file__).parent)]):
        if info.name != "core":
            importlib.import_module(f"blueprints.api.{info.name}")


_import_endpoint_modules()

TOKEN_BODY = {
    "type": "object",
    "required": ["username", "password"],
    "properties": {"username": {"type": "string"}, "password": {"type": "string", "format": "password"}},
}


@endpoint("/auth/token", ("POST",), summary="Exchange username and password for a bearer token", tag="auth",
          auth=False, body=TOKEN_BODY,
          response={"type": "object", "properties": {"token": {"type": "string"}, "expires_in_days": {"type": "integer"}}})
def token() -> Any:
    data = json_body()
    username, password = data.get("username"), data.get("password")
    fields = {k: "required" for k in ("username", "password") if not isinstance(data.get(k), str) or not data.get(k)}
    if fields:
        raise APIError(422, "validation_error", "username and password are required.", fields)
    audit.set_actor(audit.Actor(None, str(username)[:64], "api", request.remote_addr))
    try:
        user = authenticate(username, password)
    except AuthError as exc:
        session.commit()  # keep the failed-attempt count and the audit entry
        from blueprints.core.i18n import tr_error

        raise APIError(401, "unauthorized", tr_error(exc)) from None
    audit.set_actor(audit.actor_for_user(user, "api", request.remote_addr))
    raw = issue_token(user, label=request.headers.get("User-Agent", "api")[:100])
    session.commit()
    from service.users import TOKEN_DAYS

    return jsonify({"token": raw, "expires_in_days": TOKEN_DAYS})


@endpoint("/me", summary="The authenticated user", tag="auth",
          response={"type": "object", "properties": {"username": {"type": "string"}, "role": {"type": "string"},
                                                     "area_code": {"type": ["string", "null"]}}})
def me() -> Any:
    user = api_user()
    return jsonify({"id": str(user.id), "username": user.username, "full_name": user.full_name,
                    "role": user.role, "area_code": user.area_code})


@endpoint("/openapi.json", summary="This API's OpenAPI 3.1 description", tag="meta", auth=False)
def openapi() -> Any:
    return jsonify(
        {
            "openapi": "3.1.0",
            "info": {"title": "Lindung API", "version": current_app.config.get("API_VERSION", "1.0.0"),
                     "description": "Case management and beneficiary services for Dinas Sosial. "
                                    "Errors are `{error: {code, message, fields?}}`."},
            "servers": [{"url": "/"}],
            "paths": OPENAPI_PATHS,
            "components": COMPONENTS,
        }
    )
