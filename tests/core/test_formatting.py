from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from service.core.errors import ValidationError
from service.core.formatting import format_date, format_number, format_rupiah, parse_date


def test_dates_shown_day_first():
    assert format_date(dt.date(2026, 3, 31)) == "31/03/2026"
    assert format_date(None) == ""


@pytest.mark.parametrize("raw, expected", [
    ("2026-03-31", dt.date(2026, 3, 31)),
    ("31/03/2026", dt.date(2026, 3, 31)),
    ("1/4/2026", dt.date(2026, 4, 1)),
    ("", None),
])
def test_parse_date(raw, expected):
    assert parse_date(raw) == expected


@pytest.mark.parametrize("raw", ["31/02/2026", "2026/03/31", "kemarin", "31-03-2026"])
def test_parse_date_rejects(raw):
    with pytest.raises(ValidationError):
        parse_date(raw, "tanggal")


def test_money_and_numbers():
    assert format_rupiah(1250000) == "Rp 1.250.000"
    assert format_rupiah(0) == "Rp 0"
    assert format_rupiah(-5000) == "-Rp 5.000"
    assert format_number(13415) == "13.415"
    assert format_number(Decimal("92.77"), 2) == "92,77"
    assert format_number(Decimal("92.77"), 2, "en") == "92.77"


def test_the_one_not_in_the_future_check():
    import datetime as dt

    import pytest

    from service.core.errors import ValidationError
    from service.core.formatting import NOT_IN_FUTURE, not_in_future, past_date

    today = dt.date(2026, 3, 31)
    errors: dict[str, str] = {}
    assert past_date("31/03/2026", "day", today, errors) == today
    assert past_date("01/04/2026", "day", today, errors) is None and errors == {"day": NOT_IN_FUTURE}
    errors.clear()
    assert past_date("32/03/2026", "day", today, errors) is None and "day" in errors
    assert past_date("", "day", today, errors={}) is None
    with pytest.raises(ValidationError) as exc:
        not_in_future(dt.date(2026, 4, 1), "served_on", today)
    assert exc.value.fields == {"served_on": NOT_IN_FUTURE}
