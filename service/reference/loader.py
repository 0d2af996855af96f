"""Reference data files (``data/``) and their idempotent loader.

``load_all`` refreshes regions, SPM basic services and components, service
types and PPKS categories from the CSV files shipped with the code. Regions
(91,599 rows) are bulk-loaded with Core statements; ``provinces`` limits the
district and village rows to some provinces (all provinces and regencies are
always loaded so that every NIK's region prefix can be checked).
"""

from __future__ import annotations

import csv
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import delete, insert, select, update

from service.core import audit, derived
from service.core.db import session
from service.core.paths import REFERENCE_DATA
from service.reference.models import (
    BasicService,
    BasicServiceComponent,
    PpksCategory,
    Region,
    ServiceType,
)

DATA_DIR = REFERENCE_DATA
REGIONS_CSV = DATA_DIR / "wilayah" / "wilayah_2025.csv"
BATCH = 5000


@dataclass
class LoadReport:
    counts: dict[str, dict[str, int]] = field(default_factory=dict)
    seconds: float = 0.0

    def add(self, table: str, inserted: int = 0, updated: int = 0, unchanged: int = 0) -> None:
        self.counts[table] = {"inserted": inserted, "updated": updated, "unchanged": unchanged}

    def lines(self) -> list[str]:
        return [
            f"{t}: {c['inserted']} inserted, {c['updated']} updated, {c['unchanged']} unchanged"
            for t, c in self.counts.items()
        ] + [f"took {self.seconds:.1f} s"]


def _read_csv(path: Path) -> Iterator[dict[str, str]]:
    with path.open(newline="", encoding="utf-8") as fh:
        yield from csv.DictReader(fh)


def region_level(code: str) -> int:
    return code.count(".") + 1


def region_parent(code: str) -> str | None:
    return code.rsplit(".", 1)[0] if "." in code else None


def iter_regions(provinces: Iterable[str] | None = None) -> Iterator[tuple[str, str]]:
    wanted = {p.strip() for p in provinces} if provinces else None
    for row in _read_csv(REGIONS_CSV):
        code, name = row["kode"].strip(), row["nama"].strip()
        if wanted is not None and region_level(code) > 2 and code[:2] not in wanted:
            continue
        yield code, name


def load_regions(provinces: Iterable[str] | None = None) -> dict[str, int]:
    existing: dict[str, str] = {code: name for code, name in session.execute(select(Region.code, Region.name))}
    to_insert: list[dict[str, object]] = []
    to_update: list[dict[str, object]] = []
    unchanged = 0
    for code, name in iter_regions(provinces):
        old = existing.get(code)
        if old is None:
            to_insert.append(
                {"code": code, "name": name, "level": region_level(code), "parent_code": region_parent(code)}
            )
        elif old != name:
            to_update.append({"b_code": code, "b_name": name})
        else:
            unchanged += 1
    for i in range(0, len(to_insert), BATCH):
        session.execute(insert(Region), to_insert[i : i + BATCH])
    if to_update:
        from sqlalchemy import bindparam

        session.connection().execute(
            update(Region.__table__)
            .where(Region.__table__.c.code == bindparam("b_code"))
            .values(name=bindparam("b_name")),
            to_update,
        )
    return {"inserted": len(to_insert), "updated": len(to_update), "unchanged": unchanged}


def _upsert(model: type, key: str, rows: list[dict[str, object]]) -> dict[str, int]:
    """Insert or update ORM rows by primary key (audited through the ORM)."""
    inserted = updated = unchanged = 0
    for row in rows:
        obj = session.get(model, row[key])
        if obj is None:
            session.add(model(**row))
            inserted += 1
            continue
        changed = False
        for attr, value in row.items():
            if getattr(obj, attr) != value:
                setattr(obj, attr, value)
                changed = True
        if changed:
            updated += 1
        else:
            unchanged += 1
    session.flush()
    return {"inserted": inserted, "updated": updated, "unchanged": unchanged}


def load_service_types() -> dict[str, int]:
    rows = [
        {
            "code": r["code"],
            "name_id": r["name_id"],
            "name_en": r["name_en"],
            "group": r["group"],
            "unit": r["unit"],
            "renja_code_spm": r["renja_code_spm"] or None,
            "renja_code_other": r["renja_code_other"] or None,
        }
        for r in _read_csv(DATA_DIR / "service_types.csv")
    ]
    return _upsert(ServiceType, "code", rows)


def load_basic_services() -> dict[str, int]:
    raw = list(_read_csv(DATA_DIR / "spm_basic_services.csv"))
    rows = [
        {
            "code": r["code"],
            "order": int(r["order"]),
            "name_id": r["name_id"],
            "name_en": r["name_en"],
            "indicator_id": r["indicator_id"],
            "renja_kegiatan": r["renja_kegiatan"],
        }
        for r in raw
    ]
    report = _upsert(BasicService, "code", rows)
    replaced = False
    for r in raw:
        codes = [c.strip() for c in r["components"].split(";") if c.strip()]
        current = list(
            session.scalars(
                select(BasicServiceComponent.service_type_code)
                .where(BasicServiceComponent.basic_service_code == r["code"])
                .order_by(BasicServiceComponent.position)
            )
        )
        if current != codes:
            session.execute(
                delete(BasicServiceComponent).where(BasicServiceComponent.basic_service_code == r["code"])
            )
            replaced = True
            for pos, code in enumerate(codes):
                session.add(BasicServiceComponent(basic_service_code=r["code"], service_type_code=code, position=pos))
    session.flush()
    if replaced:  # the bulk DELETE above bypasses the ORM flush hook of the derived tables
        derived.tables_changed([BasicServiceComponent.__tablename__])
    return report


def load_categories() -> dict[str, int]:
    rows = [
        {
            "code": r["code"],
            "name_id": r["name_id"],
            "name_en": r["name_en"],
            "spm_service_code": r["spm_service"] or None,
            "sensitive": r["sensitive"].strip().upper() == "Y",
        }
        for r in _read_csv(DATA_DIR / "ppks_categories.csv")
    ]
    return _upsert(PpksCategory, "code", rows)


def load_case_transitions() -> dict[str, int]:
    """The case lifecycle's allowed transitions (a state machine stored as data)."""
    from service.casework.models import CaseTransitionRule

    inserted = updated = unchanged = 0
    for r in _read_csv(DATA_DIR / "case_transitions.csv"):
        key = (r["from_status"], r["to_status"])
        approval, reason = r["needs_approval"].strip() == "Y", r["needs_reason"].strip() == "Y"
        rule = session.get(CaseTransitionRule, key)
        if rule is None:
            session.add(CaseTransitionRule(from_status=key[0], to_status=key[1], needs_approval=approval,
                                           needs_reason=reason))
            inserted += 1
        elif (rule.needs_approval, rule.needs_reason) != (approval, reason):
            rule.needs_approval, rule.needs_reason = approval, reason
            updated += 1
        else:
            unchanged += 1
    session.flush()
    return {"inserted": inserted, "updated": updated, "unchanged": unchanged}


def area_loaders() -> list[Callable[[], dict[str, dict[str, int]]]]:
    """Each area's own reference data: ``service.<area>.reference_data.load`` (table -> counts),
    found like the sync operation types, so an area adds its data files without touching this module."""
    import service

    return [module.load for module in service.area_modules("reference_data")]  # type: ignore[attr-defined]


def load_all(provinces: Iterable[str] | None = None, regions: bool = True) -> LoadReport:
    """Load or refresh all reference data; idempotent. The caller commits."""
    started = time.perf_counter()
    report = LoadReport()
    with derived.deferred():  # the derived tables (report summaries) are rebuilt at most once
        if regions:
            report.add("regions", **load_regions(provinces))
        report.add("service_types", **load_service_types())
        report.add("basic_services", **load_basic_services())
        report.add("ppks_categories", **load_categories())
        report.add("case_transitions", **load_case_transitions())
        for load in area_loaders():
            for table, counts in load().items():
                report.add(table, **counts)
    report.seconds = time.perf_counter() - started
    audit.log_event(
        "reference_load",
        "reference",
        None,
        {"provinces": sorted(provinces) if provinces else "all", "counts": report.counts},
    )
    return report
