"""BNBA import (by-name-by-address lists, CSV or XLSX) — shared spec INTERFACES.md.

One row per registration, assessment or delivery. Every row is checked first;
if any row is bad nothing is written and the report lists every bad row by its
line number and reason. Rows go through the same service functions as the web
forms (``register_person``, ``open_case``, ``record_assessment``,
``record_delivery``); assessments and deliveries carry an ``external_key``
derived from the row's identity, so re-importing the same file changes nothing.
The file reading, the line-numbered report and the background runs with live progress are
the shared import machinery in ``service.core.imports``.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import threading
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import select

from service.core import audit, batch, clock, derived, periods
from service.core import imports as runs
from service.core.db import session
from service.core.errors import N_, ServiceError, ValidationError
from service.core.formatting import not_in_future, parse_date
from service.core.imports import ProgressFn, row_error
from service.core.interchange import PERSON, to_domain, to_interchange
from service.core.models.imports import ImportRun
from service.reference.models import BasicService, PpksCategory, ServiceType
from service.registry import persons as registry
from service.registry.bnba_access import Authoriser
from service.registry.bnba_apply import Applier
from service.registry.bnba_report import ImportReport
from service.registry.models import NO_NIK_REASONS

# Labels an operator may type instead of the codes (the template's drop-down offers the codes).
NO_NIK_REASON_LABELS = {"belum_terdaftar": N_("Belum terdaftar di Dukcapil"), "dokumen_hilang": N_("Dokumen hilang"),
                        "identitas_tidak_diketahui": N_("Identitas tidak diketahui")}
NEED_REASON_COLUMN = N_("Tanpa NIK: isi kolom alasan tanpa NIK dengan kode alasannya (lihat daftar kode).")
NO_NIK_REASON_BY_TEXT = {**{c: c for c in NO_NIK_REASONS},
                         **{label.lower(): code for code, label in NO_NIK_REASON_LABELS.items()}}

# The spec's columns (INTERFACES.md, in its order), then ``alasan_tanpa_nik``: an extra column the spec
# allows; without it a NIK-less person has no reason stored (never a default) and is flagged (docs/registry.md).
SPEC_COLUMNS = ("nik", "nama", "jenis_kelamin", "tanggal_lahir", "kode_wilayah", "kategori_ppks", "tanggal_asesmen",
                "kebutuhan", "layanan", "tanggal_layanan", "jumlah", "kejadian_bencana")
COLUMNS = (*SPEC_COLUMNS, "alasan_tanpa_nik")
REQUIRED_COLUMNS = ("nama",)
MAX_ROWS = 50_000


def read_rows(data: bytes, filename: str) -> list[tuple[int, dict[str, str]]]:
    """``[(line number, {column: text})]`` from a BNBA CSV or XLSX file; line 1 is the header."""
    return runs.read_table(data, filename, COLUMNS, REQUIRED_COLUMNS, MAX_ROWS)


# ---------------------------------------------------------------- checking
def disaster_event_id(code: str) -> uuid.UUID | None:
    """The disaster event with this code, when the disaster module is installed."""
    try:
        from service.disasters import events as disasters  # type: ignore[attr-defined]
    except ImportError:
        return None
    finder = getattr(disasters, "get_event_by_code", None)
    if finder is None:
        return None
    try:
        event = finder(code)
    except ServiceError:
        return None
    return getattr(event, "id", None) if event is not None else None


@dataclass
class _Row:
    line: int
    person: registry.PersonInput
    person_key: str
    category: str | None
    assessed_on: dt.date | None
    needs: list[str]
    service: str | None
    delivered_on: dt.date | None
    quantity: int
    disaster_id: uuid.UUID | None
    disaster_code: str


class _Catalog:
    """Reference data read once per import."""

    def __init__(self) -> None:
        self.categories = {c.code: c for c in session.scalars(select(PpksCategory).where(PpksCategory.active))}
        self.services = {b.code: set(b.component_codes) for b in session.scalars(select(BasicService))}
        self.types = set(session.scalars(select(ServiceType.code).where(ServiceType.active)))
        self.disasters: dict[str, uuid.UUID | None] = {}

    def disaster(self, code: str) -> uuid.UUID | None:
        if code not in self.disasters:
            self.disasters[code] = disaster_event_id(code)
        return self.disasters[code]


def _person_key(p: registry.PersonInput) -> str:
    if p.nik:
        return "nik:" + p.nik
    return f"name:{registry.name_key(p.name)}|{p.birth_date or ''}|{p.village_code or ''}"


def _person_data(row: dict[str, str]) -> dict[str, Any]:
    """The row's person fields in the domain's names; the NIK-less reason by its code or its label."""
    data = to_domain(row, PERSON)
    reason = (data.get("no_nik_reason") or "").strip()
    if reason:
        data["no_nik_reason"] = NO_NIK_REASON_BY_TEXT.get(reason.lower(), reason)
    return data


def check_row(line: int, row: dict[str, str], catalog: _Catalog, today: dt.date) -> _Row:
    """Validate one row without writing; raise ValidationError naming every problem."""
    errors: dict[str, str] = {}
    params: dict[str, Any] = {}
    person = None
    try:
        # The BNBA columns are a fixed interface (spec/INTERFACES.md): `nik` may be empty with no reason
        # column. Such a person is stored with *no* reason (never a default) and listed for follow-up
        # ("Alasan tanpa NIK belum dicatat" on the person list and page); a reason given must be valid.
        person = registry.validate_person(_person_data(row), today=today)
    except ValidationError as exc:
        errors.update(to_interchange(exc.fields))
        params.update(exc.params)
        if errors.get("alasan_tanpa_nik") == registry.NEED_NO_NIK_REASON:
            errors["alasan_tanpa_nik"] = NEED_REASON_COLUMN
    category = row.get("kategori_ppks") or None
    if category is not None and category not in catalog.categories:
        errors["kategori_ppks"] = N_("Kategori PPKS tidak dikenal: {category}.")
        params["category"] = category
    assessed = None
    try:
        assessed = parse_date(row.get("tanggal_asesmen"), "tanggal_asesmen")
    except ValidationError as exc:
        errors.update(exc.fields)
    needs = sorted({n.strip() for n in (row.get("kebutuhan") or "").split(";") if n.strip()})
    if category is not None and category in catalog.categories and needs:
        # every unknown need code is reported, with or without a (valid) assessment date
        spm = catalog.categories[category].spm_service_code
        allowed = catalog.services.get(spm, set()) if spm else catalog.types
        unknown = [n for n in needs if n not in allowed]
        if unknown:
            errors["kebutuhan"] = N_("Kebutuhan tidak dikenal untuk layanan ini: {codes}.")
            params["codes"] = ", ".join(unknown)
    if assessed is not None:
        not_in_future(assessed, "tanggal_asesmen", today, errors)
        if category is None:
            errors["kategori_ppks"] = N_("Kategori PPKS wajib diisi bila ada tanggal asesmen.")
        elif category in catalog.categories and catalog.categories[category].spm_service_code and not needs:
            errors["kebutuhan"] = N_("Pilih minimal satu kebutuhan.")
    elif needs and "tanggal_asesmen" not in errors:  # a date that is not a date keeps its own reason
        errors["tanggal_asesmen"] = N_("Tanggal asesmen wajib diisi bila kebutuhan diisi.")
    service = row.get("layanan") or None
    delivered = None
    quantity = 1
    if service is not None:
        if service not in catalog.types:
            errors["layanan"] = N_("Jenis layanan tidak dikenal: {code}.")
            params["code"] = service
        try:
            delivered = parse_date(row.get("tanggal_layanan"), "tanggal_layanan", required=True)
            not_in_future(delivered, "tanggal_layanan", today, errors,
                          N_("Tanggal layanan diberikan tidak boleh di masa depan."))
        except ValidationError as exc:
            errors.update(exc.fields)
        raw_qty = row.get("jumlah") or "1"
        try:
            quantity = int(raw_qty)
            if quantity < 1:
                raise ValueError
        except ValueError:
            errors["jumlah"] = N_("Jumlah harus bilangan bulat 1 atau lebih.")
    elif row.get("tanggal_layanan"):
        errors["layanan"] = N_("Jenis layanan wajib diisi bila tanggal layanan diisi.")
    disaster_code = (row.get("kejadian_bencana") or "").strip()
    disaster_id = None
    if disaster_code:
        disaster_id = catalog.disaster(disaster_code)
        if disaster_id is None:
            errors["kejadian_bencana"] = N_("Kode kejadian bencana tidak dikenal: {event}.")
            params["event"] = disaster_code
    if errors or person is None:
        raise ValidationError(errors, **params)
    return _Row(line, person, _person_key(person), category, assessed, needs, service, delivered, quantity,
                disaster_id, disaster_code)


def importer_of(by_id: uuid.UUID | None) -> Any:
    """The user an import runs for (``None``: the command line, which has the server's full rights)."""
    if by_id is None:
        return None
    from service.accounts.models import User

    return session.get(User, by_id)


def import_bnba(data: bytes, filename: str, *, by_id: uuid.UUID | None = None, today: dt.date | None = None,
                progress: ProgressFn | None = None) -> ImportReport:
    """Check every row, then import all of them in one savepoint — or none.

    Returns the report; when it lists errors nothing was written. A file that
    cannot be read at all raises ValidationError.
    """
    today = today or clock.today()
    rows = read_rows(data, filename)
    report = ImportReport(rows=len(rows))
    total = len(rows) * 2
    tick = progress or (lambda done, total, phase: None)
    catalog = _Catalog()
    applier = Applier(report, by_id, today)
    importer = importer_of(by_id)
    if by_id is not None and importer is None:
        raise ValidationError({"file": N_("Pengguna pengimpor tidak dikenal.")})
    authoriser = Authoriser(importer, applier) if importer is not None else None
    checked: list[_Row] = []
    with batch.cached():  # each village and NIK district read once, not once per row naming it
        for i, (line, row) in enumerate(rows):
            try:
                r = check_row(line, row, catalog, today)
                if authoriser is not None:
                    authoriser.check(r)
                checked.append(r)
            except ValidationError as exc:
                report.errors.append(row_error(line, exc))
            if i % 250 == 0:
                tick(i, total, "check")
    if report.errors:
        return report
    savepoint = session.begin_nested()
    try:
        # The derived tables (report summaries) are refreshed once for all imported persons, not after
        # every row, and the audit entries are inserted in bulk at the end (none when a row fails); the
        # use cases' own flushes wait for the next query (``service.core.batch``), reference reads are memoized,
        # the month-close states read once.
        with derived.deferred(), audit.buffered() as audit_rows, batch.cached(), batch.flushes_deferred(), \
                periods.month_states_cached():
            applier.prefetch(checked)
            for i, r in enumerate(checked):
                try:
                    # One flush per row, after it: a row's reads need every earlier row written, not its own
                    # pending person or case (which the applier holds), so its use cases do not autoflush
                    # (a disaster row's victim registration reads its own writes: it keeps autoflush).
                    with session.no_autoflush if r.disaster_id is None else contextlib.nullcontext():
                        applier.apply(r)
                    session.flush()
                except ServiceError as exc:
                    report.errors.append(row_error(r.line, exc))
                    audit_rows.clear()
                    break
                if i % 250 == 0:
                    tick(len(rows) + i, total, "import")
    except Exception:
        savepoint.rollback()
        raise
    if report.errors:
        savepoint.rollback()
        report.persons_created = report.cases_opened = report.assessments_created = report.deliveries_created = 0
        report.unchanged_rows = 0
    else:
        savepoint.commit()
    tick(total, total, "done")
    return report


# ---------------------------------------------------------------- background runs (upload page)
def execute_run(run: ImportRun, data: bytes, progress: ProgressFn | None = None) -> ImportReport | None:
    """Import ``data`` for ``run`` in the current transaction (``service.core.imports.execute_run``)."""
    return runs.execute_run(run, import_bnba, data, progress)  # type: ignore[return-value]


def run_in_background(run_id: uuid.UUID, data: bytes, actor: Any) -> threading.Thread:
    """Import ``data`` in a thread of its own (``service.core.imports.run_in_background``)."""
    return runs.run_in_background(run_id, import_bnba, data, actor)


def read_file(path: str) -> bytes:
    return Path(path).read_bytes()
