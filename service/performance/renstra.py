"""The Renstra (five-year strategic plan): its load (docs/performance.md); the comparison with each
year is ``service.performance.renstra_compare``.

The office's table (CSV or XLSX, first sheet), columns by header name, case-insensitive, any
order: ``kode``, ``tingkat`` (program / kegiatan / sub_kegiatan / iku), ``nama``, ``indikator``,
``satuan``, ``nilai_dasar`` (baseline), and per year ``target_YYYY`` and ``pagu_YYYY``; optional
``kode_renja`` (the code in the Renja's nomenclature: the crosswalk, kept as data), ``target_akhir``
(the final target as printed) and ``iku`` (the IKU codes a sub-activity supports). Every row is
checked first; any bad row → nothing is written and every bad row is reported with its line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from sqlalchemy import select

from service.core import imports as runs
from service.core.db import session
from service.core.errors import N_, ValidationError
from service.core.imports import RowError, row_error
from service.performance import indicators
from service.performance.models import IndicatorSupport, Renstra, RenstraRow

YEARS = range(2000, 2101)
BASE_COLUMNS = ("kode", "tingkat", "nama", "indikator", "satuan", "nilai_dasar", "kode_renja", "target_akhir", "iku")
COLUMNS = BASE_COLUMNS + tuple(f"target_{y}" for y in YEARS) + tuple(f"pagu_{y}" for y in YEARS)
REQUIRED = ("kode", "tingkat", "nama")
MAX_ROWS = 2_000
MAX_BYTES = 5 * 1024 * 1024
LEVEL_ALIASES = {"program": "program", "kegiatan": "kegiatan", "sub_kegiatan": "sub_kegiatan",
                 "sub kegiatan": "sub_kegiatan", "subkegiatan": "sub_kegiatan", "iku": "iku", "indikator": "iku"}
PERCENT_UNITS = frozenset({"%", "persen", "persentase"})
CODE_RE = re.compile(r"^\d+(\.\d+)+$")
_THOUSANDS = re.compile(r"^-?\d{1,3}(\.\d{3})+(,\d+)?$")


# ------------------------------------------------------------------ reading
def normalise_code(raw: str, level: str) -> str:
    """``1 06 04 2.01 01`` → ``1.06.04.2.01.01``; a sub-activity's 1–2 digit suffix is padded to four
    (the 2021 nomenclature: ``1.06.04.2.01.01`` = ``1.06.04.2.01.0001``, seeds-renja.md §1.3)."""
    code = re.sub(r"[\s.]+", ".", raw.strip()).strip(".")
    if level == "sub_kegiatan" and CODE_RE.match(code):
        head, _, last = code.rpartition(".")
        if len(last) <= 2 and head.count(".") >= 3:
            code = f"{head}.{int(last):04d}"
    return code


def parse_number(raw: Any, column: str) -> Decimal | None:
    """A target: ``85,3`` / ``85.3`` / ``85,3 %`` / ``5.100`` (thousands) / ``20 Orang``; blank or ``-`` → none."""
    text = str(raw if raw is not None else "").strip()
    text = re.sub(r"\s*[A-Za-z%].*$", "", text) if re.match(r"^-?[\d.,]+\s*[A-Za-z%]", text) else text
    if text in ("", "-", "–"):
        return None
    if _THOUSANDS.match(text):
        text = text.replace(".", "")
    text = text.replace(",", ".")
    try:
        value = Decimal(text)
    except InvalidOperation:
        raise ValidationError({column: N_("Bukan angka yang valid.")}) from None
    if not value.is_finite() or value < 0 or value >= Decimal(10) ** 13:
        raise ValidationError({column: N_("Bukan angka yang valid.")})
    return value


def parse_budget(raw: Any, column: str) -> int | None:
    text = str(raw if raw is not None else "").strip().replace(" ", "")
    if text.lower().startswith("rp"):
        text = text[2:]
    if text in ("", "-", "–"):
        return None
    text = re.sub(r",0+$", "", text)  # ``10.037.000,00``
    if re.fullmatch(r"\d{1,3}(\.\d{3})+", text):
        text = text.replace(".", "")
    if not re.fullmatch(r"\d+", text) or len(text) > 15:
        raise ValidationError({column: N_("Pagu harus bilangan bulat rupiah.")})
    return int(text)


@dataclass
class RenstraReport:
    rows: int = 0
    errors: list[RowError] = field(default_factory=list)
    first_year: int | None = None
    last_year: int | None = None
    counts: dict[str, int] = field(default_factory=lambda: {"inserted": 0, "updated": 0, "unchanged": 0,
                                                            "deleted": 0})

    @property
    def ok(self) -> bool:
        return not self.errors

    def lines(self) -> list[str]:
        if self.errors:
            out = [f"REJECTED: {len(self.errors)} bad row(s) of {self.rows}; nothing was loaded."]
            return out + [f"  line {e.line}: {e.reason}" for e in self.errors]
        c = self.counts
        return [f"Renstra {self.first_year}-{self.last_year}: {self.rows} row(s): {c['inserted']} new, "
                f"{c['updated']} changed, {c['unchanged']} unchanged, {c['deleted']} removed"]


def _years(header: set[str]) -> list[int]:
    years = sorted(int(c[7:]) for c in header if c.startswith("target_"))
    if not years:
        raise ValidationError({"file": N_("Tidak ada kolom target per tahun (target_2025, target_2026, …).")})
    if years != list(range(years[0], years[-1] + 1)) or len(years) > 6:
        raise ValidationError({"file": N_("Kolom target harus tahun berurutan, paling banyak enam tahun.")})
    extra = sorted(int(c[5:]) for c in header if c.startswith("pagu_") and int(c[5:]) not in years)
    if extra:
        raise ValidationError({"file": N_("Kolom pagu_{year} tanpa kolom target_{year}.")}, year=extra[0])
    return years


def parse(data: bytes, filename: str) -> tuple[list[int], list[tuple[int, dict[str, Any]]], list[RowError]]:
    """(years, [(line, values)], errors): every row checked; the file-level problems raise."""
    if len(data) > MAX_BYTES:
        raise ValidationError({"file": N_("Berkas terlalu besar (maksimum 5 MB).")})
    table = runs.read_table(data, filename or "", COLUMNS, REQUIRED, MAX_ROWS)
    if not table:
        raise ValidationError({"file": N_("Berkas tidak berisi baris Renstra.")})
    header = {k for _line, row in table for k in row}
    years = _years(header)
    known = {i.code: i for i in indicators.all_indicators()}
    out: list[tuple[int, dict[str, Any]]] = []
    errors: list[RowError] = []
    first_line: dict[str, int] = {}
    for line, row in table:
        problems: dict[str, str] = {}
        params: dict[str, Any] = {}
        level = LEVEL_ALIASES.get(str(row.get("tingkat") or "").strip().lower())
        raw_code = str(row.get("kode") or "").strip()
        name = str(row.get("nama") or "").strip()
        if level is None:
            problems["tingkat"] = N_("Tingkat harus program, kegiatan, sub_kegiatan atau iku.")
        code = raw_code if level == "iku" else normalise_code(raw_code, level or "")
        if not raw_code:
            problems["kode"] = N_("Kode wajib diisi.")
        elif level == "iku" and raw_code not in known:
            problems["kode"] = N_("Indikator {code} belum terdaftar (Kinerja → Indikator kinerja).")
            params["code"] = raw_code
        elif level != "iku" and not CODE_RE.match(code):
            problems["kode"] = N_("Kode tidak valid.")
        elif code in first_line:
            problems["kode"] = N_("Kode {code} sudah ada di baris {first}.")
            params.update(code=code, first=first_line[code])
        if len(code) > 40:
            problems["kode"] = N_("Kode terlalu panjang (maksimal 40 karakter).")
        if "kode" not in problems:
            first_line[code] = line  # a later repeat names this line, even when this row is bad otherwise
        if not name:
            problems["nama"] = N_("Nama wajib diisi.")
        renja_code = str(row.get("kode_renja") or "").strip()
        if renja_code and (level == "iku" or not CODE_RE.match(renja_code) or len(renja_code) > 40):
            problems["kode_renja"] = N_("Kode Renja tidak valid.")
        supports = [c for c in re.split(r"[\s,;/|]+", str(row.get("iku") or "").strip()) if c]
        unknown = [c for c in supports if c not in known]
        if unknown:
            problems["iku"] = N_("Indikator {code} belum terdaftar (Kinerja → Indikator kinerja).")
            params["code"] = unknown[0]
        elif supports and level == "iku":
            problems["iku"] = N_("Kolom iku hanya untuk program, kegiatan atau sub kegiatan.")
        values: dict[str, Any] = {"targets": {}}
        for column, target in (("nilai_dasar", "baseline"), ("target_akhir", "final_target")):
            try:
                values[target] = parse_number(row.get(column), column)
            except ValidationError as exc:
                problems.update(exc.fields)
        for y in years:
            try:
                t = parse_number(row.get(f"target_{y}"), f"target_{y}")
                b = parse_budget(row.get(f"pagu_{y}"), f"pagu_{y}")
            except ValidationError as exc:
                problems.update(exc.fields)
                continue
            values["targets"][str(y)] = {"target": None if t is None else f"{t.normalize():f}", "budget": b}
        if problems:
            errors.append(row_error(line, ValidationError(problems, **params)))
            continue
        values.update(code=code, level=level, name=name, renja_code=renja_code or code, supports=supports,
                      indicator=str(row.get("indikator") or "").strip(), unit=str(row.get("satuan") or "").strip()[:30])
        out.append((line, values))
    return years, out, errors


def load(data: bytes, filename: str) -> RenstraReport:
    """Load (or update) the Renstra whose first year is the file's: all rows or none; the same file again
    changes nothing. IKU rows set the indicator's Renstra target per year (its PK target is kept); a
    sub-activity's ``iku`` column records that it supports those IKU (their pagu per IKU)."""
    years, rows, errors = parse(data, filename)
    rep = RenstraReport(rows=len(rows) + len(errors), errors=errors, first_year=years[0], last_year=years[-1])
    if errors:
        return rep
    plan = session.scalar(select(Renstra).where(Renstra.first_year == years[0]))
    if plan is None:
        plan = Renstra(first_year=years[0], last_year=years[-1], source_name=(filename or "")[-200:])
        session.add(plan)
        session.flush()
    for key, value in (("last_year", years[-1]), ("source_name", (filename or "")[-200:])):
        if getattr(plan, key) != value:
            setattr(plan, key, value)
    existing = {r.code: r for r in rows_of(plan)}
    for pos, (_line, v) in enumerate(rows):
        fields = {k: v[k] for k in ("code", "renja_code", "level", "name", "indicator", "unit", "baseline",
                                    "final_target", "targets")}
        row = existing.pop(v["code"], None)
        if row is None:
            session.add(RenstraRow(renstra_id=plan.id, position=pos, **fields))
            rep.counts["inserted"] += 1
        else:
            changed = False
            for key, value in {**fields, "position": pos}.items():
                if getattr(row, key) != value:
                    setattr(row, key, value)
                    changed = True
            rep.counts["updated" if changed else "unchanged"] += 1
        if v["level"] == "iku":
            _iku_targets(v)
        for ind_code in v["supports"]:
            add_support(ind_code, v["renja_code"])
    for row in existing.values():
        session.delete(row)
        rep.counts["deleted"] += 1
    session.flush()
    return rep


def _iku_targets(v: dict[str, Any]) -> None:
    ind = indicators.get_indicator(v["code"])
    if ind is None:
        return
    current = {t.year: t for t in indicators.targets_of(ind)}
    for year, t in v["targets"].items():
        if t["target"] is None:
            continue
        old = current.get(int(year))
        if old is None or old.renstra_target is None or Decimal(t["target"]) != old.renstra_target:
            indicators.set_targets(ind, int(year), t["target"], old.pk_target if old else None)


def add_support(indicator_code: str, code: str) -> None:
    ind = indicators.get_indicator(indicator_code)
    if ind is None:
        return
    found = session.scalar(select(IndicatorSupport).where(IndicatorSupport.indicator_id == ind.id,
                                                          IndicatorSupport.code == code))
    if found is None:
        session.add(IndicatorSupport(indicator_id=ind.id, code=code))
        session.flush()


def rows_of(plan: Renstra) -> list[RenstraRow]:
    return list(session.scalars(select(RenstraRow).where(RenstraRow.renstra_id == plan.id)
                                .order_by(RenstraRow.position)))


def covering(year: int) -> Renstra | None:
    """The Renstra whose period contains ``year`` (the latest one if periods overlap)."""
    return session.scalar(select(Renstra).where(Renstra.first_year <= year, Renstra.last_year >= year)
                          .order_by(Renstra.first_year.desc()).limit(1))


def all_plans() -> list[Renstra]:
    return list(session.scalars(select(Renstra).order_by(Renstra.first_year)))
