"""Form pieces every area uses: the CSRF-protected action button, a checkbox list, and
``apply_errors`` — a service error shown beside the field it concerns."""

from __future__ import annotations

from typing import Any

from flask import flash
from flask_wtf import FlaskForm
from wtforms import SelectMultipleField
from wtforms.widgets import CheckboxInput, ListWidget

from blueprints.core.i18n import tr, tr_error
from service.core.errors import ServiceError, ValidationError


class ActionForm(FlaskForm):
    """An empty form: a POST button with CSRF protection."""


class MultiCheckboxField(SelectMultipleField):
    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


def apply_errors(form: Any, exc: ServiceError) -> None:
    """Show a service error beside the form field it concerns (or at the top)."""
    if isinstance(exc, ValidationError):
        for name, message in exc.fields.items():
            text = tr(message, **exc.params)
            field = getattr(form, name, None) if name != "_" else None
            if field is not None and hasattr(field, "errors"):
                field.errors = list(field.errors) + [text]
            else:
                flash(text, "error")
    else:
        flash(tr_error(exc), "error")
