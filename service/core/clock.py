"""The office's clock: its time zone (WIB/WITA/WIT) and every "today" (docs/architecture.md "Dates").

Timestamps are stored as aware UTC (``service.core.db.utcnow``); a person in the office lives in
its local time, so every default date ("today"), every month boundary, every shown timestamp and
every job schedule goes through this module:

* ``zone()`` the office's zone: the setting ``office.timezone`` when an admin chose one, else the
  zone of the office's province (``office.region_code``: Lampung 18 is WIB, Kalimantan Utara 65 —
  Kota Tarakan 65.71 — is WITA, Maluku and Papua are WIT);
* ``today()`` the office's date now; ``local(ts)`` a timestamp in the office's zone;
* ``frozen(at)`` (tests) injects a clock, e.g. 17:30 UTC, already tomorrow in WIB.

Indonesia keeps no daylight saving time, so the zones are fixed offsets.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Iterator
from typing import Any

from sqlalchemy.exc import UnboundExecutionError

from service.core import db
from service.core.db import session, utcnow


class Zone(dt.tzinfo):
    """A fixed Indonesian zone that also knows its IANA name (for the job scheduler)."""

    def __init__(self, code: str, hours: int, iana: str) -> None:
        self.code, self.hours, self.iana = code, hours, iana
        self._offset = dt.timedelta(hours=hours)

    def utcoffset(self, _dt: dt.datetime | None) -> dt.timedelta:
        return self._offset

    def dst(self, _dt: dt.datetime | None) -> dt.timedelta:
        return dt.timedelta(0)

    def tzname(self, _dt: dt.datetime | None) -> str:
        return self.code

    def fromutc(self, value: dt.datetime) -> dt.datetime:
        return value + self._offset

    def __repr__(self) -> str:
        return f"Zone({self.code})"


ZONES: dict[str, Zone] = {
    "WIB": Zone("WIB", 7, "Asia/Jakarta"),
    "WITA": Zone("WITA", 8, "Asia/Makassar"),
    "WIT": Zone("WIT", 9, "Asia/Jayapura"),
}
DEFAULT_ZONE = "WIB"
# Province (first two digits of the Kemendagri code) -> zone; every province not listed is WIB
# (Sumatra 11-21, Java 31-36, Kalimantan Barat 61 and Tengah 62).
PROVINCE_ZONES: dict[str, str] = {
    "51": "WITA", "52": "WITA", "53": "WITA",  # Bali, NTB, NTT
    "63": "WITA", "64": "WITA", "65": "WITA",  # Kalimantan Selatan, Timur, Utara
    "71": "WITA", "72": "WITA", "73": "WITA", "74": "WITA", "75": "WITA", "76": "WITA",  # Sulawesi
    "81": "WIT", "82": "WIT",  # Maluku, Maluku Utara
    "91": "WIT", "92": "WIT", "93": "WIT", "94": "WIT", "95": "WIT", "96": "WIT",  # Papua
}

_CACHE_KEY = "office_zone"


def zone_for_region(code: str | None) -> str:
    """The zone of a region code's province ("65.71" -> "WITA"); WIB when unknown."""
    return PROVINCE_ZONES.get((code or "").strip()[:2], DEFAULT_ZONE)


def zone_code() -> str:
    """The office's zone code: the chosen setting, else derived from the office's province."""
    from service.core import settings

    values = settings.get_many("office.timezone", "office.region_code")
    if values["office.timezone"] in ZONES:
        return str(values["office.timezone"])
    return zone_for_region(values["office.region_code"])


def zone() -> Zone:
    """The office's zone, read once per database transaction (many timestamps on one page)."""
    current = session()
    info, tx = current.info, current.get_transaction()
    cached = info.get(_CACHE_KEY)
    if cached is not None and tx is not None and cached[0] is tx:
        return ZONES[cached[1]]
    try:
        code = zone_code()
    except UnboundExecutionError:  # no database bound (module import time, scripts)
        return ZONES[DEFAULT_ZONE]
    tx = current.get_transaction()  # reading the settings began it, when none was open
    if tx is not None:
        info[_CACHE_KEY] = (tx, code)
    return ZONES[code]


def forget() -> None:
    """Drop the cached zone (the settings changed)."""
    session().info.pop(_CACHE_KEY, None)


def now() -> dt.datetime:
    """Now in the office's zone."""
    return utcnow().astimezone(zone())


def today() -> dt.date:
    """The office's date now (not the server's UTC date)."""
    return now().date()


def local(value: dt.datetime | None) -> dt.datetime | None:
    """A stored timestamp in the office's zone (naive values are taken as UTC)."""
    if value is None:
        return None
    if value.tzinfo is None:
        value = value.replace(tzinfo=dt.UTC)
    return value.astimezone(zone())


def local_date(value: dt.datetime) -> dt.date:
    """The office's calendar date of a timestamp."""
    return local(value).date()  # type: ignore[union-attr]


@contextlib.contextmanager
def frozen(at: dt.datetime) -> Iterator[None]:
    """Tests: every ``utcnow()``/``today()`` answers ``at`` (aware; naive is UTC) until the block ends."""
    fixed = at if at.tzinfo else at.replace(tzinfo=dt.UTC)
    previous = db._clock[0]
    db._clock[0] = lambda: fixed.astimezone(dt.UTC)
    try:
        yield
    finally:
        db._clock[0] = previous


def set_clock(fn: Any) -> None:
    """Install a clock (a callable returning aware UTC), or None for the real one."""
    db._clock[0] = fn
