"""Batches of DTKS/DTSEN proposals: one per period, approved by the head of office, exported for the
ministry's upload (XLSX/CSV), the ministry's answer recorded back per row (docs/protection.md)."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import uuid
from typing import Any

from sqlalchemy import select

from service.core import audit, clock
from service.core.db import get_or_raise, parse_uuid, session
from service.core.errors import N_, ValidationError
from service.core.exports import xlsx
from service.core.formatting import past_date
from service.core.states import Transition, Workflow
from service.protection import proposals as props
from service.protection.models import DtksBatch, DtksProposal

WORKFLOW = Workflow("dtks_batch", [
    Transition("draft", "submitted"),
    Transition("submitted", "draft", needs_reason=True),  # returned by the head of office
    Transition("submitted", "approved"),
    Transition("approved", "answered"),
], message=N_("Status berkas usulan tidak dapat berubah dari {from_status} ke {to_status}."))

STATUS_LABELS = {"draft": N_("Disusun"), "submitted": N_("Menunggu persetujuan Kepala Dinas"),
                 "approved": N_("Disetujui, siap diunggah"), "answered": N_("Sudah dijawab kementerian")}
PERIOD_RE = re.compile(r"^(\d{4})-(0[1-9]|1[0-2])$")
ANSWER_WORDS = {"diterima": "accepted", "accepted": "accepted", "ya": "accepted", "ditolak": "rejected",
                "rejected": "rejected", "tidak": "rejected"}
EXPORT_COLUMNS = [("NO", "int", 6), ("ID_USULAN", "text", 38), ("JENIS_USULAN", "text", 16),
                  ("ALASAN_PENINDAKLAYAKAN", "text", 18), ("NIK", "text", 18), ("NAMA", "text", 28),
                  ("NO_KK", "text", 18), ("TANGGAL_LAHIR", "text", 12), ("KODE_WILAYAH", "text", 14),
                  ("ALAMAT", "text", 30), ("KETERANGAN", "text", 40), ("BUKTI", "text", 40)]
KIND_CODES = {"new": "BARU", "update": "PERBAIKAN", "removal": "PENINDAKLAYAKAN"}
REMOVAL_CODES = {"deceased": "MENINGGAL", "moved": "PINDAH", "not_eligible": "TIDAK_LAYAK"}


def get_batch(batch_id: Any) -> DtksBatch:
    return get_or_raise(DtksBatch, batch_id, N_("Berkas usulan tidak ditemukan."))  # type: ignore[no-any-return]


def batch_query() -> Any:
    return select(DtksBatch).order_by(DtksBatch.period.desc())


def create_batch(period: Any, notes: str | None = None) -> DtksBatch:
    period = str(period or "").strip()
    if not PERIOD_RE.match(period):
        raise ValidationError({"period": N_("Periode ditulis tahun-bulan, misalnya 2026-10.")})
    if session.scalar(select(DtksBatch.id).where(DtksBatch.period == period)):
        raise ValidationError({"period": N_("Berkas usulan periode {period} sudah ada.")}, period=period)
    batch = DtksBatch(period=period, notes=(notes or "").strip() or None)
    session.add(batch)
    session.flush()
    return batch


def _editable(batch: DtksBatch) -> None:
    if batch.status != "draft":
        raise ValidationError({"status": N_("Berkas usulan yang sudah diajukan tidak dapat diubah.")})


def add_proposals(batch: DtksBatch, proposal_ids: list[Any]) -> int:
    """Put verified proposals into the batch; any other one refuses the whole request."""
    _editable(batch)
    added = 0
    for raw in proposal_ids:
        prop = session.get(DtksProposal, parse_uuid(raw) or uuid.UUID(int=0))
        if prop is None:
            raise ValidationError({"proposals": N_("Usulan tidak ditemukan.")})
        if prop.status != "verified":
            raise ValidationError({"proposals": N_("Usulan {name} belum terverifikasi atau sudah dikirim.")},
                                  name=prop.subject_name)
        props.WORKFLOW.check(prop.status, "in_batch")
        prop.status, prop.batch_id = "in_batch", batch.id
        added += 1
    session.flush()
    session.expire(batch, ["proposals"])
    return added


def remove_proposal(batch: DtksBatch, prop: DtksProposal) -> None:
    _editable(batch)
    if prop.batch_id != batch.id:
        raise ValidationError({"proposals": N_("Usulan ini tidak ada dalam berkas.")})
    props.WORKFLOW.check(prop.status, "verified")
    prop.status, prop.batch_id = "verified", None
    session.flush()
    session.expire(batch, ["proposals"])


def _move(batch: DtksBatch, to: str, reason: str | None = None) -> None:
    WORKFLOW.check(batch.status, to, reason=reason)
    batch.status = to


def submit(batch: DtksBatch, by_id: Any, today: dt.date | None = None) -> DtksBatch:
    if not batch.proposals:
        raise ValidationError({"status": N_("Berkas usulan masih kosong.")})
    _move(batch, "submitted")
    batch.submitted_on, batch.submitted_by_id, batch.returned_reason = today or clock.today(), by_id, None
    session.flush()
    return batch


def approve(batch: DtksBatch, by_id: Any, today: dt.date | None = None) -> DtksBatch:
    """The head of office's approval: the batch may be exported and counts as proposed that day."""
    _move(batch, "approved")
    batch.approved_on, batch.approved_by_id = today or clock.today(), by_id
    session.flush()
    return batch


def return_batch(batch: DtksBatch, reason: str) -> DtksBatch:
    _move(batch, "draft", reason)
    batch.returned_reason = reason.strip()
    session.flush()
    return batch


def export_rows(batch: DtksBatch) -> list[list[Any]]:
    rows = []
    for i, p in enumerate(batch.proposals, start=1):
        person = p.person
        household = p.household
        if person is None and household is not None:
            person = next((m.person for m in household.members if m.is_head), None)
        kk = household.kk_number if household is not None else None
        if kk is None and person is not None:
            from service.registry.models import Household, HouseholdMember

            kk = session.scalar(select(Household.kk_number).join(HouseholdMember)
                                .where(HouseholdMember.person_id == person.id))
        evidence = "; ".join(f"{e.kind.upper()} {e.held_on.strftime('%d/%m/%Y')} {e.reference or e.officer or ''}".strip()
                             for e in p.evidence)
        rows.append([i, str(p.id), KIND_CODES[p.kind], REMOVAL_CODES.get(p.removal_reason or "", ""),
                     person.nik if person else "", person.name if person else p.subject_name, kk or "",
                     person.birth_date.strftime("%d/%m/%Y") if person and person.birth_date else "",
                     (person.village_code if person else None) or (household.village_code if household else None)
                     or p.area_code, (person.address if person else None) or (household.address if household else "")
                     or "", p.reason, evidence])
    return rows


def export(batch: DtksBatch, fmt: str, today: dt.date | None = None) -> tuple[bytes, str, str]:
    """The file for the ministry's upload: (content, filename, mimetype). Audited; full NIKs."""
    if batch.status not in ("approved", "answered"):
        raise ValidationError({"status": N_("Berkas usulan baru dapat diunduh setelah disetujui Kepala Dinas.")})
    rows = export_rows(batch)
    name = f"usulan-dtks-{batch.period}"
    if fmt == "csv":
        buf = io.StringIO()
        writer = csv.writer(buf)
        writer.writerow([c[0] for c in EXPORT_COLUMNS])
        writer.writerows(rows)
        content, filename, mime = ("\ufeff" + buf.getvalue()).encode("utf-8"), f"{name}.csv", "text/csv"
    else:
        content = xlsx.workbook(f"Usulan DTKS {batch.period}", f"{len(rows)} usulan", EXPORT_COLUMNS, rows)
        filename, mime = f"{name}.xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    if batch.exported_on is None:
        batch.exported_on = today or clock.today()
    audit.log_event("export", "dtks_batch", batch.id, {"format": fmt, "rows": len(rows)})
    session.flush()
    return content, filename, mime


def record_answer(prop: DtksProposal, answer: str, reason: str | None, answered_on: Any,
                  today: dt.date | None = None) -> DtksProposal:
    """The ministry's answer for one row: accepted, or rejected with the reason it gave."""
    today = today or clock.today()
    if prop.batch is None or prop.batch.status not in ("approved", "answered"):
        raise ValidationError({"answer": N_("Jawaban dicatat setelah berkas usulan disetujui dan diunggah.")})
    if answer not in ("accepted", "rejected"):
        raise ValidationError({"answer": N_("Pilih jawaban kementerian: diterima atau ditolak.")})
    errors: dict[str, str] = {}
    day = past_date(answered_on or today.isoformat(), "answered_on", today, errors)
    if day is not None and prop.batch.approved_on and day < prop.batch.approved_on:
        errors["answered_on"] = N_("Tanggal jawaban tidak boleh sebelum berkas disetujui.")
    if errors:
        raise ValidationError(errors)
    if prop.status in ("accepted", "rejected"):  # a correction of the recorded answer
        prop.status = "in_batch"
    props.WORKFLOW.check(prop.status, answer, reason=reason)
    prop.status, prop.answer, prop.answered_on = answer, answer, day
    prop.answer_reason = (reason or "").strip() or None
    session.flush()
    batch = prop.batch
    if batch.status == "approved" and all(p.answer for p in batch.proposals):
        _move(batch, "answered")
        session.flush()
    return prop


def import_answers(batch: DtksBatch, content: bytes, today: dt.date | None = None) -> int:
    """The ministry's answer file (CSV: ID_USULAN, HASIL, ALASAN[, TANGGAL]); errors name the line."""
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ValidationError({"file": N_("Berkas harus CSV UTF-8.")}) from None
    reader = csv.DictReader(io.StringIO(text))
    fields = {f.strip().upper() for f in reader.fieldnames or []}
    if not {"ID_USULAN", "HASIL"} <= fields:
        raise ValidationError({"file": N_("Kolom ID_USULAN dan HASIL wajib ada.")})
    mine = {str(p.id): p for p in batch.proposals}
    done = 0
    for line, raw in enumerate(reader, start=2):
        row = {k.strip().upper(): (v or "").strip() for k, v in raw.items() if k}
        prop = mine.get(row.get("ID_USULAN", ""))
        if prop is None:
            raise ValidationError({"file": N_("Baris {line}: ID_USULAN tidak ada dalam berkas ini.")}, line=line)
        answer = ANSWER_WORDS.get(row.get("HASIL", "").lower())
        if answer is None:
            raise ValidationError({"file": N_("Baris {line}: HASIL harus DITERIMA atau DITOLAK.")}, line=line)
        try:
            record_answer(prop, answer, row.get("ALASAN"), row.get("TANGGAL") or None, today)
        except ValidationError as exc:
            msg = next(iter(exc.fields.values()))
            raise ValidationError({"file": N_("Baris {line}: {problem}")}, line=line,
                                  problem=msg.format(**exc.params) if exc.params else msg) from None
        done += 1
    return done
