"""Bahasa Indonesia by default, English as a choice; display filters.

UI strings are written in Indonesian and translated to English by the catalogue
in ``blueprints/translations/en``; a missing English string falls back to the
Indonesian one, never to a blank.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

from flask import Flask, request, session
from flask_babel import Babel, get_locale, gettext, ngettext
from flask_login import current_user
from markupsafe import Markup, escape

from service.core import clock
from service.core.access import mask_nik
from service.core.errors import N_, ServiceError
from service.core.formatting import format_date, format_datetime, format_number, format_rupiah
from service.core.paths import TRANSLATIONS

babel = Babel()


ROLE_LABELS = {
    "admin": N_("Admin sistem"),
    "pimpinan": N_("Pimpinan (Kepala Dinas)"),
    "supervisor": N_("Supervisor"),
    "peksos": N_("Pekerja sosial / TKSK / PSM"),
    "tagana": N_("TAGANA"),
    "operator": N_("Operator data"),
    "auditor": N_("Auditor (baca saja)"),
}


def role_label(role: str) -> str:
    return ROLE_LABELS.get(role, role)


def select_locale() -> str:
    supported = ("id", "en")
    lang = session.get("lang")
    if lang in supported:
        return lang
    user_lang = getattr(current_user, "language", None) if current_user else None
    if user_lang in supported:
        return user_lang
    return "id"


def lang() -> str:
    return str(get_locale() or "id")


def tr(message: str, **params: Any) -> str:
    """Translate an Indonesian source string and fill ``{name}`` parameters."""
    text = gettext(message)
    if params:
        params = {k: (format_datetime(v, clock.zone()) if hasattr(v, "hour") else v) for k, v in params.items()}
        try:
            return text.format(**params)
        except (KeyError, IndexError, ValueError):
            return text
    return text


def tr_error(exc: ServiceError) -> str:
    return tr(exc.message, **exc.params)


def trn(singular: str, plural: str, n: int, **params: Any) -> str:
    """``tr`` with a count: Indonesian has one form ("1 ahli waris", "3 ahli waris"), English two."""
    text = ngettext(singular, plural, n)
    try:
        return text.format(n=format_number(n, 0, lang()), **params)
    except (KeyError, IndexError, ValueError):
        return text


def tr_fields(fields: dict[str, str], params: dict[str, Any] | None = None) -> dict[str, str]:
    return {k: tr(v, **(params or {})) for k, v in fields.items()}


def _pct(value: Decimal | None) -> str:
    if value is None:
        return "–"
    return format_number(value, 2, lang()) + " %"


_TOKEN = re.compile(r"\{[a-z_]+\}")


def _hint(text: str) -> Markup:
    """A field's hint, escaped, with the ``{tokens}`` a user types into a pattern set as code."""
    return Markup(_TOKEN.sub(lambda m: f"<code>{m.group(0)}</code>", str(escape(text))))


def init_i18n(app: Flask) -> None:
    app.config.setdefault("BABEL_TRANSLATION_DIRECTORIES", str(TRANSLATIONS))
    babel.init_app(app, locale_selector=select_locale)
    from blueprints.core import form_messages

    form_messages.install()  # WTForms' own messages in Indonesian
    app.jinja_env.filters.update(
        date=lambda v: format_date(clock.local(v) if hasattr(v, "hour") else v),
        datetime=lambda v: format_datetime(v, clock.zone()),
        rupiah=format_rupiah,
        number=lambda v, d=0: format_number(v, d, lang()),
        pct=_pct,
        mask_nik=mask_nik,
        hint=_hint,
    )
    from service.core.access import can
    from service.core.db import utcnow

    def endpoint_exists(endpoint: str) -> bool:
        return endpoint in app.view_functions

    app.jinja_env.globals.update(tr=tr, trn=trn, current_lang=lang, can=can, endpoint_exists=endpoint_exists,
                                 role_label=role_label, now=utcnow, N_=N_)

    def nav_groups() -> list[dict[str, Any]]:
        """The signed-in user's menu, grouped by area (blueprints.core.nav)."""
        from flask_login import current_user

        from blueprints.core.nav import grouped_links

        return grouped_links(lambda endpoint, action: endpoint_exists(endpoint)
                             and (action is None or can(current_user, action)))

    from blueprints.core.nav import person_sections

    app.jinja_env.globals.update(nav_groups=nav_groups, person_sections=person_sections)

    @app.context_processor
    def _ctx() -> dict[str, Any]:
        return {"request_path": request.path}
