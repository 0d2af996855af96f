"""Form pieces every area uses: the CSRF-protected action button, a checkbox list,
``apply_errors`` — a service error shown beside the field it concerns — and choices for selects
(labels of codes, the office's districts and villages)."""

from __future__ import annotations

from typing import Any

from flask import flash
from flask_wtf import FlaskForm
from wtforms import RadioField, SelectMultipleField, StringField
from wtforms.widgets import CheckboxInput, ListWidget

from blueprints.core.i18n import tr, tr_error
from service.core.errors import N_, Conflict, ServiceError, ValidationError
from service.core.formatting import format_date, parse_date


class ActionForm(FlaskForm):
    """An empty form: a POST button with CSRF protection."""


class MultiCheckboxField(SelectMultipleField):
    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


DAY_PATTERN = r"\d{1,2}/\d{1,2}/\d{4}"


class DayField(StringField):
    """A date typed as dd/mm/yyyy (31/03/2026) — never the browser's locale date widget.

    A text input with ``inputmode=numeric``, a dd/mm/yyyy ``pattern`` and placeholder, and
    ``data-date-mask`` (``static/js/forms.js`` inserts the slashes while typing). The server parses
    it with the one date parser (``service.core.formatting.parse_date``, which also takes ISO
    dates from scripts); ``data`` is a ``datetime.date`` or None, shown back as dd/mm/yyyy.
    """

    def __init__(self, label: Any = None, validators: Any = None, **kwargs: Any) -> None:
        render_kw = {"inputmode": "numeric", "pattern": DAY_PATTERN, "placeholder": "dd/mm/yyyy",
                     "maxlength": 10, "autocomplete": "off", "data-date-mask": "1", **(kwargs.pop("render_kw", None) or {})}
        super().__init__(label, validators, render_kw=render_kw, **kwargs)
        self.raw_text = ""

    def process_formdata(self, valuelist: list[Any]) -> None:
        self.raw_text = (valuelist[0] if valuelist else "") or ""
        try:
            self.data = parse_date(self.raw_text, self.name)
        except ValidationError as exc:
            self.data = None
            raise ValueError(tr(next(iter(exc.fields.values())))) from None

    def _value(self) -> str:
        if self.raw_text and self.data is None:
            return self.raw_text  # what was typed, beside its error
        return format_date(self.data) if self.data else ""


SEX_CHOICES = [("L", N_("Laki-laki")), ("P", N_("Perempuan"))]


class SegmentedField(RadioField):
    """A short choice (Laki-laki / Perempuan) shown as large side-by-side buttons
    (``templates/_macros.html`` ``segmented``); nothing chosen is allowed unless a validator says so."""

    def pre_validate(self, form: Any) -> None:
        if self.data in (None, "", "None"):
            self.data = ""
            return
        super().pre_validate(form)


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
