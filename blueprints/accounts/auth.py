"""Login, logout, language switch."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from flask import flash, redirect, render_template, request, session, url_for
from flask_login import current_user, login_required, login_user, logout_user
from flask_wtf import FlaskForm
from wtforms import PasswordField, StringField
from wtforms.validators import DataRequired

from blueprints.accounts import bp
from blueprints.core.i18n import tr, tr_error
from blueprints.core.transaction import commit_now
from service.accounts.users import authenticate, end_sessions
from service.core import audit
from service.core.errors import N_, AuthError


class LoginForm(FlaskForm):
    username = StringField(N_("Nama pengguna"), validators=[DataRequired()], render_kw={"autocomplete": "username",
                                                                                 "autocapitalize": "none"})
    password = PasswordField(N_("Kata sandi"), validators=[DataRequired()],
                             render_kw={"autocomplete": "current-password"})


def _safe_next(target: str | None) -> str:
    if target and not urlsplit(target).netloc and target.startswith("/") and not target.startswith("//"):
        return target
    return url_for("home.home")


@bp.route("/masuk", methods=["GET", "POST"])
def login() -> Any:
    if current_user.is_authenticated:
        return redirect(url_for("home.home"))
    form = LoginForm()
    error = None
    if form.validate_on_submit():
        audit.set_actor(audit.Actor(None, form.username.data[:64], "web", request.remote_addr))
        try:
            user = authenticate(form.username.data, form.password.data, address=request.remote_addr)
        except AuthError as exc:
            # The answer is a 401, which rolls the request back: keep the failed-attempt count
            # (the lock after five) and the audit entry all the same.
            commit_now()
            error = tr_error(exc)
        else:
            audit.set_actor(audit.actor_for_user(user, "web", request.remote_addr))
            audit.log_event("login", "users", user.id)
            session.clear()
            login_user(user)
            if user.language:
                session["lang"] = user.language
            return redirect(_safe_next(request.args.get("next")))
    status = 401 if error else 200
    return render_template("accounts/login.html", form=form, error=error), status


@bp.route("/keluar", methods=["POST"])
@login_required
def logout() -> Any:
    audit.log_event("logout", "users", current_user.id)
    end_sessions(current_user._get_current_object())  # a copied cookie no longer works
    lang = session.get("lang")
    logout_user()
    session.clear()
    if lang:
        session["lang"] = lang
    flash(tr("Anda telah keluar."), "info")
    return redirect(url_for("accounts.login"))


@bp.route("/bahasa/<code>", methods=["POST"])
def set_language(code: str) -> Any:
    if code in ("id", "en"):
        session["lang"] = code
    return redirect(_safe_next(request.form.get("next") or request.referrer and urlsplit(request.referrer).path))
