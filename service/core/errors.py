"""Errors the service layer raises; every door (web, API, CLI, import, sync) maps them.

Messages are Indonesian UI strings marked with ``N_`` so that the web layer can
translate them (English catalogue in blueprints/translations).
"""

from __future__ import annotations

from typing import Any


def N_(message: str) -> str:
    """Mark a string for translation without translating it here (no Flask in service/)."""
    return message


class ServiceError(Exception):
    code = "error"
    status = 400

    def __init__(self, message: str, **params: Any) -> None:
        super().__init__(message)
        self.message = message
        self.params = params

    def __str__(self) -> str:
        try:
            return self.message.format(**self.params)
        except (KeyError, IndexError):
            return self.message


class ValidationError(ServiceError):
    """Bad input. ``fields`` maps a field name to its (untranslated) message."""

    code = "validation_error"
    status = 422

    def __init__(self, fields: dict[str, str] | str, message: str | None = None, **params: Any) -> None:
        if isinstance(fields, str):
            fields = {"_": fields}
        self.fields = fields
        super().__init__(message or next(iter(fields.values())), **params)


class NotFound(ServiceError):
    code = "not_found"
    status = 404


class PermissionDenied(ServiceError):
    code = "forbidden"
    status = 403


class Conflict(ServiceError):
    """The record changed since the caller read it, or a unique value is taken."""

    code = "conflict"
    status = 409

    def __init__(self, message: str, existing_id: Any = None, field: str | None = None, **params: Any) -> None:
        super().__init__(message, **params)
        self.existing_id = existing_id
        self.field = field  # the form field whose value is taken (forms show the message beside it)


class AuthError(ServiceError):
    code = "unauthorized"
    status = 401



def error_text(exc: ServiceError) -> str:
    """An error as one line of (Indonesian) text, every field named: the CLI and the import reports."""
    if isinstance(exc, ValidationError) and exc.fields:
        parts = []
        for name, msg in exc.fields.items():
            try:
                msg = msg.format(**exc.params)
            except (KeyError, IndexError):
                pass
            parts.append(msg if name == "_" else f"{name}: {msg}")
        return "; ".join(parts)
    return str(exc)
