"""Accounts: signing in and out, the language switch, the user's own account page, API tokens.

Views live in ``auth`` (login, logout, language) and ``account`` (my account); the
API endpoints in ``api``.
"""

from __future__ import annotations

from flask import Blueprint

bp = Blueprint("accounts", __name__)

from blueprints.accounts import account, auth  # noqa: E402,F401  (register the views)
