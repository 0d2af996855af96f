"""Flask-Login and CSRF protection."""

from __future__ import annotations

from flask import Flask
from flask_login import LoginManager
from flask_wtf.csrf import CSRFProtect

from blueprints.core.i18n import tr
from service.accounts.users import load_session_user
from service.core.errors import N_

login_manager = LoginManager()
csrf = CSRFProtect()


def init_extensions(app: Flask) -> None:
    login_manager.init_app(app)
    login_manager.login_view = "accounts.login"
    login_manager.login_message = N_("Silakan masuk terlebih dahulu.")
    login_manager.localize_callback = tr
    login_manager.login_message_category = "info"
    login_manager.session_protection = "basic"
    login_manager.user_loader(load_session_user)
    csrf.init_app(app)
    # The API authenticates with bearer tokens only (no cookies), so CSRF does not apply.
    from blueprints.core.api import bp as api_bp

    csrf.exempt(api_bp)
