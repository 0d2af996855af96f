"""Form pieces every area uses: the CSRF-protected action button, a checkbox list,
``apply_errors`` — a service error shown beside the field it concerns — and choices for selects
(labels of codes, the office's districts and villages)."""

from __future__ import annotations

from typing import Any

from flask import flash
from flask_wtf import FlaskForm
from wtforms import SelectMultipleField
from wtforms.widgets import CheckboxInput, ListWidget

from blueprints.core.i18n import tr, tr_error
from service.core.errors import Conflict, ServiceError, ValidationError


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
    elif isinstance(exc, Conflict) and exc.field and hasattr(getattr(form, exc.field, None), "errors"):
        field = getattr(form, exc.field)
        field.errors = list(field.errors) + [tr_error(exc)]
    else:
        flash(tr_error(exc), "error")


def label_choices(mapping: dict[str, str], blank: str | None = None) -> list[tuple[str, str]]:
    """``(code, translated label)`` for a select, optionally after a blank first choice."""
    return ([("", tr(blank))] if blank else []) + [(k, tr(v)) for k, v in mapping.items()]


def office_root() -> str:
    """The office's region code (setting ``office.region_code``) when it is a known region, else ''."""
    from service.core import settings
    from service.reference import regions

    root = settings.get("office.region_code") or ""
    return root if regions.get(root) is not None else ""


def office_area_choices(user_area: str | None = None, blank: str | None = None) -> list[tuple[str, str]]:
    """The office's region, then its districts each followed by its villages (indented), inside ``user_area``."""
    from service.core.access import in_area
    from service.reference import regions

    out = [("", tr(blank))] if blank else []
    root = regions.get(office_root())
    if root is not None and in_area(user_area, root.code):
        out.append((root.code, root.name))
    for district in regions.children(office_root() or None):
        if in_area(user_area, district.code):
            out.append((district.code, tr("Kec. {name}", name=district.name)))
        out += [(v.code, f"— {v.name}") for v in regions.children(district.code) if in_area(user_area, v.code)]
    return out
