"""Renja plans and what feeds them: the plan import, the service type → sub-activity mapping,
the unit kinds, hand-entered realisations (docs/reports.md "Renja").

A plan is data (``plans``/``plan_rows``), loaded from the office's CSV/XLSX
table. Which service types feed which sub-activity is data too: the defaults
are ``service_types.renja_code_spm``/``renja_code_other``, an administrator
may override them (``renja_mappings``). Units no record can produce are entered
by hand per quarter (who and when kept by the audit columns); the rest is computed
by ``service.reports.renja_realisation``.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from typing import Any

from sqlalchemy import select

from service.core.db import session
from service.core.errors import N_, ValidationError
from service.reference.models import ServiceType
from service.reports.models.planning import PLAN_LEVELS, HandRealisation, Plan, PlanRow, RenjaMapping
from service.reports.spm import bounded_int, check_year

PLAN_COLUMNS = ("code", "level", "name", "indicator", "unit", "target", "budget")
PERSON_UNITS = frozenset({"orang", "jiwa"})
HOUSEHOLD_UNITS = frozenset({"kk", "keluarga", "rumah tangga"})
QUANTITY_UNITS = frozenset({"paket", "unit", "buah", "set", "pcs", "lembar", "kg", "liter", "porsi", "box", "dus"})
CODE_RE = re.compile(r"^\d+(\.\d+)+$")
MAX_PLAN_BYTES = 5 * 1024 * 1024


# ------------------------------------------------------------------ quarters
def quarter_bounds(year: int, quarter: int) -> tuple[dt.date, dt.date]:
    start = dt.date(year, 3 * quarter - 2, 1)
    end = dt.date(year, 12, 31) if quarter == 4 else dt.date(year, 3 * quarter + 1, 1) - dt.timedelta(days=1)
    return start, end


def check_quarter(quarter: Any, fieldname: str = "quarter") -> int:
    return bounded_int(quarter, 1, 4, fieldname, N_("Triwulan harus angka 1 sampai 4."))


# ------------------------------------------------------------------ plan import
def _int_or_none(raw: Any, line: int, column: str) -> int | None:
    text = "" if raw is None else str(raw).strip()
    if text == "":
        return None
    if isinstance(raw, float) and raw.is_integer():
        return int(raw)
    text = text.replace(".", "").replace(",", "") if re.fullmatch(r"\d{1,3}([.,]\d{3})+", text) else text
    try:
        value = int(text)
    except ValueError:
        raise ValidationError({"file": N_("Baris {line}: kolom {column} harus bilangan bulat.")}, line=line,
                              column=column) from None
    if value < 0:
        raise ValidationError({"file": N_("Baris {line}: kolom {column} tidak boleh negatif.")}, line=line,
                              column=column)
    return value


def read_table(data: bytes, filename: str) -> list[tuple[int, dict[str, Any]]]:
    """Rows of a CSV or XLSX (first sheet) keyed by lower-case header, with their line numbers."""
    if len(data) > MAX_PLAN_BYTES:
        raise ValidationError({"file": N_("Berkas terlalu besar (maksimum 5 MB).")})
    name = (filename or "").lower()
    rows: list[list[Any]]
    if name.endswith(".xlsx"):
        from openpyxl import load_workbook

        try:
            wb = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        except Exception:  # openpyxl raises many kinds for a damaged file
            raise ValidationError({"file": N_("Berkas XLSX tidak dapat dibaca.")}) from None
        rows = [list(r) for r in wb.worksheets[0].iter_rows(values_only=True)]
    elif name.endswith(".csv"):
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise ValidationError({"file": N_("Berkas CSV harus berenkode UTF-8.")}) from None
        rows = list(csv.reader(io.StringIO(text)))
    else:
        raise ValidationError({"file": N_("Jenis berkas harus CSV atau XLSX.")})
    if not rows:
        raise ValidationError({"file": N_("Berkas kosong.")})
    header = [str(h or "").strip().lower() for h in rows[0]]
    missing = [c for c in PLAN_COLUMNS if c not in header]
    if missing:
        raise ValidationError({"file": N_("Kolom wajib tidak ada: {columns}.")}, columns=", ".join(missing))
    out = []
    for i, raw in enumerate(rows[1:], start=2):
        if all(v in (None, "") for v in raw):
            continue
        out.append((i, {h: (raw[j] if j < len(raw) else None) for j, h in enumerate(header) if h}))
    return out


def parse_plan(data: bytes, filename: str) -> list[dict[str, Any]]:
    parsed: list[dict[str, Any]] = []
    seen: set[str] = set()
    for line, r in read_table(data, filename):
        code = str(r.get("code") or "").strip()
        level = str(r.get("level") or "").strip().lower()
        name = str(r.get("name") or "").strip()
        if not CODE_RE.match(code):
            raise ValidationError({"file": N_("Baris {line}: kode tidak valid: {code}.")}, line=line, code=code)
        if code in seen:
            raise ValidationError({"file": N_("Baris {line}: kode {code} muncul dua kali.")}, line=line, code=code)
        seen.add(code)
        if level not in PLAN_LEVELS:
            raise ValidationError({"file": N_("Baris {line}: level harus program, kegiatan atau sub_kegiatan.")},
                                  line=line)
        if not name:
            raise ValidationError({"file": N_("Baris {line}: nama wajib diisi.")}, line=line)
        parsed.append({"code": code, "level": level, "name": name,
                       "indicator": str(r.get("indicator") or "").strip(),
                       "unit": str(r.get("unit") or "").strip(),
                       "target": _int_or_none(r.get("target"), line, "target"),
                       "budget": _int_or_none(r.get("budget"), line, "budget")})
    if not parsed:
        raise ValidationError({"file": N_("Berkas tidak berisi baris rencana.")})
    return parsed


def import_plan(data: bytes, filename: str, year: Any) -> tuple[Plan, dict[str, int]]:
    """Load (or update) the plan for a year. Idempotent: the same file again changes nothing."""
    y = check_year(year)
    rows = parse_plan(data, filename)
    plan = session.scalar(select(Plan).where(Plan.year == y))
    if plan is None:
        plan = Plan(year=y, source_name=(filename or "")[-200:])
        session.add(plan)
    elif plan.source_name != (filename or "")[-200:]:
        plan.source_name = (filename or "")[-200:]
    existing = {r.code: r for r in plan.rows}
    counts = {"inserted": 0, "updated": 0, "unchanged": 0, "deleted": 0}
    for pos, values in enumerate(rows):
        row = existing.pop(values["code"], None)
        if row is None:
            plan.rows.append(PlanRow(position=pos, **values))
            counts["inserted"] += 1
            continue
        changed = False
        for key, value in {**values, "position": pos}.items():
            if getattr(row, key) != value:
                setattr(row, key, value)
                changed = True
        counts["updated" if changed else "unchanged"] += 1
    for row in existing.values():
        plan.rows.remove(row)
        counts["deleted"] += 1
    session.flush()
    return plan, counts


def get_plan(year: int) -> Plan | None:
    return session.scalar(select(Plan).where(Plan.year == year))


# ------------------------------------------------------------------ mapping
def effective_mapping() -> dict[str, tuple[str | None, str | None]]:
    """service type -> (code when the person's category maps to SPM, code otherwise)."""
    out = {t.code: (t.renja_code_spm, t.renja_code_other)
           for t in session.scalars(select(ServiceType).order_by(ServiceType.code))}
    for m in session.scalars(select(RenjaMapping)):
        out[m.service_type_code] = (m.renja_code_spm, m.renja_code_other)
    return out


def overrides() -> set[str]:
    return set(session.scalars(select(RenjaMapping.service_type_code)))


def set_mapping(service_type_code: str, spm_code: Any, other_code: Any) -> None:
    stype = session.get(ServiceType, service_type_code)
    if stype is None:
        raise ValidationError({"service_type": N_("Jenis layanan tidak dikenal: {code}.")}, code=service_type_code)
    values = []
    for name, raw in ((f"{service_type_code}-spm", spm_code), (f"{service_type_code}-other", other_code)):
        text = str(raw or "").strip() or None
        if text is not None and not CODE_RE.match(text):
            raise ValidationError({name: N_("Kode sub kegiatan tidak valid: {code}.")}, code=text)
        values.append(text)
    row = session.get(RenjaMapping, service_type_code)
    if (values[0], values[1]) == (stype.renja_code_spm, stype.renja_code_other):
        if row is not None:
            session.delete(row)
    elif row is None:
        session.add(RenjaMapping(service_type_code=service_type_code, renja_code_spm=values[0],
                                 renja_code_other=values[1]))
    elif (row.renja_code_spm, row.renja_code_other) != (values[0], values[1]):
        row.renja_code_spm, row.renja_code_other = values
    session.flush()


def feeders(code: str, mapping: dict[str, tuple[str | None, str | None]] | None = None) -> tuple[list[str], list[str]]:
    mapping = mapping if mapping is not None else effective_mapping()
    return ([t for t, (s, _o) in mapping.items() if s == code], [t for t, (_s, o) in mapping.items() if o == code])


# ------------------------------------------------------------------ units and hand entries
def unit_kind(unit: str) -> str:
    u = (unit or "").strip().lower()
    if u in PERSON_UNITS:
        return "persons"
    if u in HOUSEHOLD_UNITS:
        return "households"
    if u in QUANTITY_UNITS:
        return "quantity"
    return "hand"


def set_hand_value(year: Any, code: str, quarter: Any, value: Any, note: str | None = None) -> HandRealisation | None:
    """Enter (or correct, or clear with an empty value) a quarter's hand-entered realisation."""
    y = check_year(year)
    q = check_quarter(quarter)
    plan = get_plan(y)
    row = next((r for r in plan.rows if r.code == code), None) if plan else None
    if row is None or row.level != "sub_kegiatan":
        raise ValidationError({"code": N_("Sub kegiatan {code} tidak ada dalam rencana tahun {year}.")},
                              code=code, year=y)
    spm_types, other_types = feeders(code)
    from service.reports import renja_sources

    if renja_sources.source_for(code) is not None or (unit_kind(row.unit) != "hand" and (spm_types or other_types)):
        raise ValidationError({"value": N_("Capaian sub kegiatan ini dihitung dari data layanan, bukan diisi manual.")})
    existing = session.scalar(select(HandRealisation).where(HandRealisation.year == y, HandRealisation.code == code,
                                                            HandRealisation.quarter == q))
    text = str(value if value is not None else "").strip()
    if text == "":
        if existing is not None:
            session.delete(existing)
            session.flush()
        return None
    try:
        number = int(text)
        if number < 0:
            raise ValueError
    except ValueError:
        raise ValidationError({"value": N_("Capaian harus bilangan bulat 0 atau lebih.")}) from None
    note = (note or "").strip() or None
    if existing is None:
        existing = HandRealisation(year=y, code=code, quarter=q, value=number, note=note)
        session.add(existing)
    else:
        if existing.value != number:
            existing.value = number
        if existing.note != note:
            existing.note = note
    session.flush()
    return existing
