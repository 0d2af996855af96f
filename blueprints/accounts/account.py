"""The signed-in user's own account: profile, password, language."""

from __future__ import annotations

from typing import Any

from flask import flash, redirect, render_template, session, url_for
from flask_login import login_required, login_user
from flask_wtf import FlaskForm
from wtforms import PasswordField, SelectField
from wtforms.validators import DataRequired, EqualTo

from blueprints.accounts import bp
from blueprints.core.i18n import role_label, tr
from blueprints.core.security import user
from blueprints.core.transaction import service_errors
from service.accounts import users as users_svc
from service.core.errors import N_
from service.reference import regions


class PasswordForm(FlaskForm):
    current = PasswordField(N_("Kata sandi saat ini"), validators=[DataRequired()],
                            render_kw={"autocomplete": "current-password"})
    new = PasswordField(N_("Kata sandi baru"), validators=[DataRequired()],
                        render_kw={"autocomplete": "new-password"})
    confirm = PasswordField(N_("Ulangi kata sandi baru"),
                            validators=[DataRequired(), EqualTo("new", message=N_("Kedua kata sandi baru tidak sama."))],
                            render_kw={"autocomplete": "new-password"})


class LanguageForm(FlaskForm):
    language = SelectField(N_("Bahasa tampilan"), choices=[("id", "Bahasa Indonesia"), ("en", "English")])


def _page(me: Any, password: PasswordForm | None = None) -> str:
    return render_template("accounts/index.html", me=me, role=tr(role_label(me.role)),
                           area=regions.label(me.area_code) if me.area_code else None,
                           password=password or PasswordForm(prefix="p"),
                           language=LanguageForm(prefix="l", language=me.language or "id"))


@bp.route("/akun/", methods=["GET"])
@login_required
def index() -> Any:
    return _page(user())


@bp.route("/akun/kata-sandi", methods=["POST"])
@login_required
def password() -> Any:
    me = user()
    form = PasswordForm(prefix="p")
    if form.validate_on_submit():
        with service_errors(form) as done:
            users_svc.change_own_password(me, form.current.data, form.new.data)
        if done.ok:
            login_user(me)  # this session continues under the new session epoch; others end
            flash(tr("Kata sandi diganti. Sesi di perangkat lain telah berakhir."), "success")
            return redirect(url_for("accounts.index"))
    return _page(me, form), 422


@bp.route("/akun/bahasa", methods=["POST"])
@login_required
def language() -> Any:
    me = user()
    form = LanguageForm(prefix="l")
    if form.validate_on_submit():
        users_svc.set_language(me, form.language.data)
        session["lang"] = form.language.data
        flash(tr("Bahasa disimpan."), "success")
    return redirect(url_for("accounts.index"))
