"""The one date parser and the display formats (31/03/2026, Rp 1.250.000)."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

from service.core.errors import N_, ValidationError

_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_DMY = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")


def parse_date(raw: object, field: str = "date", required: bool = False) -> dt.date | None:
    """Parse ``YYYY-MM-DD`` or ``DD/MM/YYYY`` (also a date/datetime object).

    Empty input gives None, or a ValidationError when ``required``.
    """
    if isinstance(raw, dt.datetime):
        return raw.date()
    if isinstance(raw, dt.date):
        return raw
    text = str(raw).strip() if raw is not None else ""
    if not text:
        if required:
            raise ValidationError({field: N_("Tanggal wajib diisi.")})
        return None
    m = _ISO.match(text)
    if m:
        y, mo, d = (int(x) for x in m.groups())
    else:
        m = _DMY.match(text)
        if not m:
            raise ValidationError({field: N_("Format tanggal harus DD/MM/YYYY atau YYYY-MM-DD.")})
        d, mo, y = (int(x) for x in m.groups())
    try:
        return dt.date(y, mo, d)
    except ValueError:
        raise ValidationError({field: N_("Tanggal tidak ada di kalender.")}) from None


def format_date(value: dt.date | dt.datetime | None) -> str:
    if value is None:
        return ""
    return value.strftime("%d/%m/%Y")


def format_datetime(value: dt.datetime | None, tz: dt.tzinfo | None = None) -> str:
    if value is None:
        return ""
    if tz is not None and value.tzinfo is not None:
        value = value.astimezone(tz)
    return value.strftime("%d/%m/%Y %H:%M")


def _group(n: int, sep: str) -> str:
    return f"{n:,}".replace(",", sep)


def format_rupiah(amount: int | None) -> str:
    """Integer rupiah -> ``Rp 1.250.000`` (negative: ``-Rp 5.000``)."""
    if amount is None:
        return ""
    sign = "-" if amount < 0 else ""
    return f"{sign}Rp {_group(abs(int(amount)), '.')}"


def format_number(value: int | Decimal | None, decimals: int = 0, lang: str = "id") -> str:
    if value is None:
        return "–"
    thousands, point = (".", ",") if lang == "id" else (",", ".")
    q = Decimal(value).quantize(Decimal(1).scaleb(-decimals)) if decimals else Decimal(value)
    sign = "-" if q < 0 else ""
    q = abs(q)
    whole = int(q)
    text = _group(whole, thousands)
    if decimals:
        frac = str(q).split(".")[1] if "." in str(q) else "0" * decimals
        text += point + frac
    return sign + text


WIB = dt.timezone(dt.timedelta(hours=7), "WIB")


NOT_IN_FUTURE = N_("Tanggal tidak boleh di masa depan.")


def not_in_future(day: dt.date | None, field: str, today: dt.date, errors: dict[str, str] | None = None,
                  message: str = NOT_IN_FUTURE) -> bool:
    """The one "not in the future" check: False (and the error recorded in ``errors``, or raised
    without it) when ``day`` is after ``today``."""
    if day is None or day <= today:
        return True
    if errors is None:
        raise ValidationError({field: message})
    errors[field] = message
    return False


def past_date(raw: object, field: str, today: dt.date, errors: dict[str, str] | None = None, *,
              required: bool = False, message: str = NOT_IN_FUTURE) -> dt.date | None:
    """``parse_date`` then ``not_in_future``: every problem goes into ``errors`` (or is raised)."""
    try:
        day = parse_date(raw, field, required)
    except ValidationError as exc:
        if errors is None:
            raise
        errors.update(exc.fields)
        return None
    return day if not_in_future(day, field, today, errors, message) else None


# Every number the domain stores is bounded here, well inside a 32-bit column on either database.
MAX_QUANTITY = 1_000_000          # items, portions, persons in one record
MAX_RUPIAH = 2_000_000_000        # Rp 2 miliar: more than any single delivery, return or stock entry
