"""Renja realisation from records, for every area: named record sources (docs/reports.md).

Deliveries feed most sub-activities (``service.reports.renja_realisation``: service type -> code). Others are
counted from an area's own records — resolved complaints, trained PSKS persons and institutions,
proposals to the national register, civil documents obtained, graves maintained. Each area
declares its sources in ``service.<area>.renja_sources`` with :func:`register_source`; they are
found like the sync operation types. Which source computes which sub-activity is data: defaults in
``service/reference/data/renja_sources.csv``, an administrator's overrides in
``renja_source_mappings`` (page ``/laporan/pemetaan``). A sub-activity with a source is reported
with ``source`` = the source's key, per quarter and cumulative through the quarter, and its
drill-down lists the records counted.

A source is a statement of the records counted in a date range and area (one row per unit, so the
count is the number of rows: distinct persons, institutions, complaints …) and how to show one.
"""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import Select, func, select

from service.core.db import session
from service.core.errors import N_, ValidationError
from service.reports.models.renja_sources import RenjaSourceMapping

DEFAULTS_CSV = Path(__file__).resolve().parents[1] / "reference" / "data" / "renja_sources.csv"


@dataclass(frozen=True)
class SourceRecord:
    """One counted record as the drill-down shows it; ``link`` is (endpoint, kwargs) or None.

    ``detail`` is an Indonesian label marked with ``N_`` or a reference row (with ``name_id`` and
    ``name_en``, shown in the reader's language); ``person_id``: the person the label names — the
    drill-down withholds the label of a person the reader may not open."""

    label: str
    detail: Any = ""
    on: dt.date | None = None
    link: tuple[str, dict[str, Any]] | None = None
    person_id: Any = None


@dataclass(frozen=True)
class RecordSource:
    key: str
    label: str  # Indonesian, marked with N_
    unit: str  # what one row is: "orang", "lembaga", "usulan", "dokumen", "makam", …
    records: Callable[[dt.date, dt.date, str | None], Select[Any]]
    describe: Callable[[Any], SourceRecord]
    search: Callable[[Select[Any], str], Select[Any]] | None = None

    def count(self, start: dt.date, end: dt.date, area: str | None = None) -> int:
        stmt = self.records(start, end, area).order_by(None)
        return int(session.scalar(select(func.count()).select_from(stmt.subquery())) or 0)


_SOURCES: dict[str, RecordSource] = {}
_discovered = False


def register_source(source: RecordSource) -> RecordSource:
    _SOURCES[source.key] = source
    return source


def sources() -> dict[str, RecordSource]:
    """Every record source: the first call imports each area's ``service.<area>.renja_sources``."""
    global _discovered
    if not _discovered:
        import service

        service.area_modules("renja_sources")
        _discovered = True
    return _SOURCES


def default_mapping() -> dict[str, str]:
    with DEFAULTS_CSV.open(newline="", encoding="utf-8") as fh:
        return {r["code"].strip(): r["source"].strip() for r in csv.DictReader(fh) if r["source"].strip()}


def effective_mapping() -> dict[str, str]:
    """Sub-activity code -> source key (defaults, then the administrator's overrides; unknown keys dropped)."""
    out = default_mapping()
    for m in session.scalars(select(RenjaSourceMapping)):
        if m.source_key:
            out[m.code] = m.source_key
        else:
            out.pop(m.code, None)
    known = sources()
    return {code: key for code, key in out.items() if key in known}


def source_for(code: str) -> RecordSource | None:
    key = effective_mapping().get(code)
    return sources().get(key) if key else None


def overrides() -> set[str]:
    return set(session.scalars(select(RenjaSourceMapping.code)))


def set_source(code: str, source_key: Any) -> None:
    """Map a sub-activity to a source ('' for none); the default again removes the override."""
    key = str(source_key or "").strip() or None
    if key is not None and key not in sources():
        raise ValidationError({f"source-{code}": N_("Sumber data tidak dikenal: {key}.")}, key=key)
    row = session.get(RenjaSourceMapping, code)
    if key == default_mapping().get(code):
        if row is not None:
            session.delete(row)
    elif row is None:
        session.add(RenjaSourceMapping(code=code, source_key=key))
    elif row.source_key != key:
        row.source_key = key
    session.flush()


def realise(source: RecordSource, year: int, quarter: int, area: str | None,
            bounds: Callable[[int, int], tuple[dt.date, dt.date]]) -> tuple[list[int], int]:
    """Per quarter 1..``quarter`` and cumulative from 1 January through the end of ``quarter``."""
    return realise_many({"_": source}, year, quarter, area, bounds)["_"]


def realise_many(by_code: dict[str, RecordSource], year: int, quarter: int, area: str | None,
                 bounds: Callable[[int, int], tuple[dt.date, dt.date]]) -> dict[str, tuple[list[int], int]]:
    """:func:`realise` of many sub-activities in one statement (one scalar count per code and period)."""
    if not by_code:
        return {}
    periods = [bounds(year, q) for q in range(1, quarter + 1)] + [(dt.date(year, 1, 1), bounds(year, quarter)[1])]
    counts = []
    for source in by_code.values():
        for start, end in periods:
            stmt = source.records(start, end, area).order_by(None)
            counts.append(select(func.count()).select_from(stmt.subquery()).scalar_subquery())
    values = [int(v or 0) for v in session.execute(select(*counts)).one()]
    out = {}
    for i, code in enumerate(by_code):
        row = values[i * len(periods):(i + 1) * len(periods)]
        out[code] = (row[:-1], row[-1])
    return out
