"""The JSON API's plumbing: bearer-token auth, errors, and the OpenAPI registry.

Every API view is declared with :func:`endpoint`, which registers the Flask
route *and* its OpenAPI description, so ``/api/v1/openapi.json`` cannot drift
from the routes (``tests/core/test_api_core.py`` checks it).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import wraps
from typing import Any

from flask import Blueprint, Response, abort, current_app, g, jsonify, request

from service.accounts.users import user_for_token
from service.core import audit
from service.core.access import can
from service.core.db import session
from service.core.errors import ServiceError, ValidationError

bp = Blueprint("api", __name__, url_prefix="/api/v1")

OPENAPI_PATHS: dict[str, dict[str, Any]] = {}
COMPONENTS: dict[str, Any] = {
    "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer"}},
    "schemas": {
        "Error": {
            "type": "object",
            "required": ["error"],
            "properties": {
                "error": {
                    "type": "object",
                    "required": ["code", "message"],
                    "properties": {
                        "code": {"type": "string"},
                        "message": {"type": "string"},
                        "fields": {"type": "object", "additionalProperties": {"type": "string"}},
                        "existing_id": {"type": "string", "description": "The record a conflict is about, "
                                        "given only when the caller may open it"},
                    },
                }
            },
        }
    },
}

_ERR = {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}
STANDARD_ERRORS = {
    "401": {"description": "No token or an invalid one", "content": _ERR},
    "403": {"description": "Role or area may not do this", "content": _ERR},
    "422": {"description": "Invalid input; `fields` names the offending ones", "content": _ERR},
}
NOT_FOUND = {"404": {"description": "No such record, or one the caller may not know of", "content": _ERR}}
CONFLICT = {"409": {"description": "Conflict: the record changed, or a unique value is taken", "content": _ERR}}
BUSY = {"503": {"description": "The database is busy with another change; retry after `Retry-After` seconds",
                "headers": {"Retry-After": {"schema": {"type": "integer"}}}, "content": _ERR}}


def json_error(status: int, code: str, message: str, fields: dict[str, str] | None = None,
               existing_id: Any = None) -> Response:
    body: dict[str, Any] = {"error": {"code": code, "message": message}}
    if fields:
        body["error"]["fields"] = fields
    if existing_id is not None:
        body["error"]["existing_id"] = str(existing_id)
    resp = jsonify(body)
    resp.status_code = status
    if status == 401:
        resp.headers["WWW-Authenticate"] = "Bearer"
    return resp


class APIError(Exception):
    def __init__(self, status: int, code: str, message: str, fields: dict[str, str] | None = None,
                 existing_id: Any = None):
        super().__init__(message)
        self.status, self.code, self.message, self.fields = status, code, message, fields
        self.existing_id = existing_id


@bp.errorhandler(APIError)
def _api_error(exc: APIError) -> Response:
    session.rollback()
    return json_error(exc.status, exc.code, exc.message, exc.fields, exc.existing_id)


@bp.errorhandler(ServiceError)
def _service_error(exc: ServiceError) -> Response:
    session.rollback()
    from blueprints.core.i18n import tr_error, tr_fields

    fields = tr_fields(exc.fields, exc.params) if isinstance(exc, ValidationError) else None
    return json_error(exc.status, exc.code, tr_error(exc), fields)


def api_user() -> Any:
    return g.api_user


def _authenticate() -> Any:
    header = request.headers.get("Authorization", "")
    if not header.lower().startswith("bearer "):
        raise APIError(401, "unauthorized", "Missing bearer token.")
    user = user_for_token(header[7:].strip())
    if user is None:
        raise APIError(401, "unauthorized", "Invalid or expired token.")
    g.api_user = user
    audit.set_actor(audit.actor_for_user(user, "api", request.remote_addr))
    return user


def require(action: str, thing: Any = None, hide: bool = False) -> None:
    """403 (or 404 when existence is private) unless ``can`` allows it."""
    if not can(api_user(), action, thing):
        if hide:
            raise APIError(404, "not_found", "Not found.")
        raise APIError(403, "forbidden", "Your role or area does not allow this.")


def json_body(required: bool = True) -> dict[str, Any]:
    data = request.get_json(silent=True)
    if data is None:
        if not required:
            return {}
        raise APIError(422, "validation_error", "Body must be a JSON object.", {"_": "Body must be a JSON object."})
    if not isinstance(data, dict):
        raise APIError(422, "validation_error", "Body must be a JSON object.", {"_": "Body must be a JSON object."})
    return data


def _check_body(schema: dict[str, Any]) -> None:
    """422 naming the fields unless the body matches the published ``requestBody`` schema."""
    from blueprints.core.api_schema import body_errors

    data = request.get_json(silent=True)
    if data is None:
        return  # no JSON at all: the view's json_body() answers (or the body is optional)
    fields = body_errors(schema, data)
    if fields:
        first = next(iter(fields.items()))
        where = "Body" if first[0] == "_" else first[0]
        raise APIError(422, "validation_error", f"{where} {first[1]}.", fields)


def _openapi_path(rule: str) -> str:
    return re.sub(r"<(?:[a-z_]+:)?([a-z_]+)>", r"{\1}", bp.url_prefix + rule)  # type: ignore[operator]


def endpoint(
    rule: str,
    methods: tuple[str, ...] = ("GET",),
    *,
    summary: str,
    tag: str,
    auth: bool = True,
    action: str | None = None,
    parameters: list[dict[str, Any]] | None = None,
    body: dict[str, Any] | None = None,
    response: dict[str, Any] | None = None,
    status: int = 200,
) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Declare an API route: Flask rule + OpenAPI operation + auth + role check.

    ``action`` is checked with ``can`` (role level) before the view runs; the
    view checks the record itself with :func:`require` when it has one.
    """

    def decorator(view: Callable[..., Any]) -> Callable[..., Any]:
        @wraps(view)
        def wrapped(*args: Any, **kwargs: Any) -> Any:
            if auth:
                _authenticate()
                if action is not None:
                    require(action)
            if body is not None and request.method in ("POST", "PUT", "PATCH"):
                _check_body(body)
            return view(*args, **kwargs)

        bp.add_url_rule(rule, view_func=wrapped, methods=list(methods))
        path = _openapi_path(rule)
        path_params = [
            {"name": name, "in": "path", "required": True, "schema": {"type": "string"}}
            for name in re.findall(r"{([a-z_]+)}", path)
        ]
        for method in methods:
            op: dict[str, Any] = {
                "summary": summary,
                "tags": [tag],
                "operationId": f"{view.__name__}_{method.lower()}",
                "parameters": path_params + (parameters or []),
                "responses": {
                    str(status): {
                        "description": "OK",
                        "content": {"application/json": {"schema": response or {"type": "object"}}},
                    },
                    **({k: v for k, v in STANDARD_ERRORS.items() if auth or k == "422" or (k == "401" and body)}),
                    **NOT_FOUND, **(CONFLICT if method != "GET" else {}), **BUSY,
                },
            }
            if body is not None:
                op["requestBody"] = {"required": True, "content": {"application/json": {"schema": body}}}
            if auth:
                op["security"] = [{"bearer": []}]
            else:
                op["security"] = []
            if action:
                op["x-permission"] = action
            OPENAPI_PATHS.setdefault(path, {})[method.lower()] = op
        return wrapped

    return decorator


def query_int(name: str, *, required: bool = False, minimum: int | None = None, maximum: int | None = None,
              default: int | None = None) -> int | None:
    raw = request.args.get(name)
    if raw is None or raw == "":
        if required:
            raise APIError(422, "validation_error", f"Parameter {name} is required.", {name: "required"})
        return default
    try:
        value = int(raw)
    except ValueError:
        raise APIError(422, "validation_error", f"Parameter {name} must be an integer.",
                       {name: "must be an integer"}) from None
    if (minimum is not None and value < minimum) or (maximum is not None and value > maximum):
        raise APIError(422, "validation_error", f"Parameter {name} is out of range.",
                       {name: f"must be between {minimum} and {maximum}"})
    return value


def not_found() -> None:
    abort(404)


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
