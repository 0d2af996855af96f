"""API endpoints of the accounts area: exchange a password for a token, who am I."""

from __future__ import annotations

from typing import Any

from flask import jsonify, request

from blueprints.core.api import APIError, api_user, endpoint, json_body
from blueprints.core.i18n import tr_error
from blueprints.core.transaction import commit_now
from service.accounts.users import TOKEN_DAYS, TOKEN_IDLE_DAYS, authenticate, issue_token
from service.core import audit
from service.core.errors import AuthError

TOKEN_BODY = {
    "type": "object",
    "required": ["username", "password"],
    "properties": {"username": {"type": "string"}, "password": {"type": "string", "format": "password"}},
}


@endpoint("/auth/token", ("POST",), summary="Exchange username and password for a bearer token", tag="auth",
          auth=False, body=TOKEN_BODY,
          response={"type": "object", "properties": {"token": {"type": "string"}, "expires_in_days": {"type": "integer"},
                                                     "idle_days": {"type": "integer"}}})
def token() -> Any:
    data = json_body()
    username, password = data.get("username"), data.get("password")
    fields = {k: "required" for k in ("username", "password") if not isinstance(data.get(k), str) or not data.get(k)}
    if fields:
        raise APIError(422, "validation_error", "username and password are required.", fields)
    audit.set_actor(audit.Actor(None, str(username)[:64], "api", request.remote_addr))
    try:
        user = authenticate(username, password, address=request.remote_addr)
    except AuthError as exc:
        # The 401 rolls the request back: keep the failed-attempt count and the audit entry all the same.
        commit_now()
        raise APIError(401, "unauthorized", tr_error(exc)) from None
    audit.set_actor(audit.actor_for_user(user, "api", request.remote_addr))
    raw = issue_token(user, label=request.headers.get("User-Agent", "api")[:100])
    return jsonify({"token": raw, "expires_in_days": TOKEN_DAYS, "idle_days": TOKEN_IDLE_DAYS})


@endpoint("/me", summary="The authenticated user", tag="auth",
          response={"type": "object", "properties": {"username": {"type": "string"}, "role": {"type": "string"},
                                                     "area_code": {"type": ["string", "null"]}}})
def me() -> Any:
    user = api_user()
    return jsonify({"id": str(user.id), "username": user.username, "full_name": user.full_name,
                    "role": user.role, "area_code": user.area_code})
