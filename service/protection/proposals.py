"""DTKS/DTSEN proposals (*usulan*): create, evidence, withdraw, the person's history (docs/protection.md).

A proposal is ``draft`` until it has its evidence (``verified``: at least one village deliberation
or home visit; a removal as *no longer eligible* needs a home visit), then joins a batch
(``service.protection.batches``), which sends it (``in_batch``) and records the ministry's answer
(``accepted`` / ``rejected`` with a reason).
"""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from sqlalchemy import Select, or_, select

from service.core import clock
from service.core.access import scope_area
from service.core.db import get_or_raise, parse_uuid, session
from service.core.errors import N_, ValidationError
from service.core.formatting import past_date
from service.core.states import Transition, Workflow
from service.protection.models import DtksEvidence, DtksProposal
from service.protection.models.proposals import EVIDENCE_KINDS, PROPOSAL_KINDS, REMOVAL_REASONS
from service.registry.models import Household, HouseholdMember, Person

WORKFLOW = Workflow("dtks_proposal", [
    Transition("draft", "verified"),
    Transition("draft", "withdrawn", needs_reason=True),
    Transition("verified", "in_batch"),
    Transition("verified", "withdrawn", needs_reason=True),
    Transition("in_batch", "verified"),  # taken out of a batch not yet approved
    Transition("in_batch", "accepted"),
    Transition("in_batch", "rejected", needs_reason=True),
], message=N_("Status usulan tidak dapat berubah dari {from_status} ke {to_status}."))

KIND_LABELS = {"new": N_("Usulan baru"), "update": N_("Perbaikan data"), "removal": N_("Penindaklayakan")}
REMOVAL_LABELS = {"deceased": N_("Meninggal dunia"), "moved": N_("Pindah domisili"),
                  "not_eligible": N_("Tidak layak lagi")}
STATUS_LABELS = {"draft": N_("Draf"), "verified": N_("Terverifikasi"), "in_batch": N_("Dalam berkas usulan"),
                 "accepted": N_("Diterima kementerian"), "rejected": N_("Ditolak kementerian"),
                 "withdrawn": N_("Dibatalkan")}
EVIDENCE_LABELS = {"musdes": N_("Berita acara musyawarah desa (musdes)"),
                   "muskel": N_("Berita acara musyawarah kelurahan (muskel)"),
                   "home_visit": N_("Verifikasi kunjungan rumah")}
OPEN = ("draft", "verified", "in_batch")


def get_proposal(proposal_id: Any) -> DtksProposal:
    return get_or_raise(DtksProposal, proposal_id, N_("Usulan tidak ditemukan."))  # type: ignore[no-any-return]


def proposal_query(user: Any, q: str | None = None, status: str | None = None, kind: str | None = None,
                   batch_id: Any = None) -> Select[Any]:
    stmt = (select(DtksProposal).outerjoin(Person, Person.id == DtksProposal.person_id)
            .where(scope_area(user, DtksProposal.area_code)).order_by(DtksProposal.proposed_on.desc(),
                                                                       DtksProposal.created_at.desc()))
    if status:
        stmt = stmt.where(DtksProposal.status == status)
    if kind:
        stmt = stmt.where(DtksProposal.kind == kind)
    if batch_id:
        stmt = stmt.where(DtksProposal.batch_id == batch_id)
    if q and q.strip():
        like = f"%{q.strip()}%"
        heads = (select(HouseholdMember.household_id).join(Person, Person.id == HouseholdMember.person_id)
                 .where(HouseholdMember.is_head, Person.name.ilike(like)))
        stmt = stmt.where(or_(Person.name.ilike(like), Person.nik == q.strip(),
                              DtksProposal.household_id.in_(heads)))
    return stmt


def _subject(data: dict[str, Any], errors: dict[str, str]) -> tuple[Person | None, Household | None]:
    person = household = None
    if data.get("person_id"):
        person = session.get(Person, _uuid(data["person_id"]))
        if person is None or person.merged_into_id is not None:
            errors["person_id"] = N_("Orang tidak ditemukan.")
    elif data.get("household_id"):
        household = session.get(Household, _uuid(data["household_id"]))
        if household is None:
            errors["household_id"] = N_("Keluarga tidak ditemukan.")
    else:
        errors["person_id"] = N_("Pilih orang atau keluarga yang diusulkan.")
    return person, household


def _uuid(raw: Any) -> Any:
    return parse_uuid(raw) or uuid.UUID(int=0)


def create_proposal(data: dict[str, Any], *, worker_id: Any = None, today: dt.date | None = None) -> DtksProposal:
    """A new proposal for a person or a household (``person_id`` or ``household_id``)."""
    today = today or clock.today()
    errors: dict[str, str] = {}
    kind = str(data.get("kind") or "")
    if kind not in PROPOSAL_KINDS:
        errors["kind"] = N_("Pilih jenis usulan.")
    removal = str(data.get("removal_reason") or "") or None
    if kind == "removal" and removal not in REMOVAL_REASONS:
        errors["removal_reason"] = N_("Pilih alasan penindaklayakan.")
    if kind != "removal":
        removal = None
    reason = str(data.get("reason") or "").strip()
    if not reason:
        errors["reason"] = N_("Tuliskan apa yang diusulkan dan alasannya.")
    proposed_on = past_date(data.get("proposed_on") or today.isoformat(), "proposed_on", today, errors)
    person, household = _subject(data, errors)
    if errors:
        raise ValidationError(errors)
    subject_filter = (DtksProposal.person_id == person.id) if person else (DtksProposal.household_id == household.id)  # type: ignore[union-attr]
    if session.scalar(select(DtksProposal.id).where(subject_filter, DtksProposal.kind == kind,
                                                    DtksProposal.status.in_(OPEN))):
        raise ValidationError({"kind": N_("Sudah ada usulan jenis ini yang masih berjalan untuk data ini.")})
    if person is not None and removal == "deceased" and person.deceased_on is None:
        raise ValidationError({"removal_reason": N_("Catat dulu tanggal meninggal di data orang ini.")})
    area = (person or household).area_code  # type: ignore[union-attr]
    prop = DtksProposal(kind=kind, removal_reason=removal, person_id=person.id if person else None,
                        household_id=household.id if household else None, area_code=area, proposed_on=proposed_on,
                        reason=reason, worker_id=worker_id)
    session.add(prop)
    session.flush()
    return prop


def add_evidence(prop: DtksProposal, data: dict[str, Any], today: dt.date | None = None) -> DtksEvidence:
    """Attach minutes or a home visit; a draft with what it needs becomes ``verified``."""
    today = today or clock.today()
    if prop.status not in ("draft", "verified"):
        raise ValidationError({"kind": N_("Bukti hanya dapat ditambahkan sebelum usulan dikirim.")})
    errors: dict[str, str] = {}
    kind = str(data.get("kind") or "")
    if kind not in EVIDENCE_KINDS:
        errors["kind"] = N_("Pilih jenis bukti.")
    held_on = past_date(data.get("held_on"), "held_on", today, errors, required=True)
    officer = str(data.get("officer") or "").strip() or None
    if kind == "home_visit" and not officer:
        errors["officer"] = N_("Tuliskan siapa yang melakukan kunjungan.")
    if kind in ("musdes", "muskel") and not str(data.get("reference") or "").strip():
        errors["reference"] = N_("Tuliskan nomor berita acara.")
    if errors:
        raise ValidationError(errors)
    ev = DtksEvidence(proposal_id=prop.id, kind=kind, held_on=held_on,
                      reference=str(data.get("reference") or "").strip() or None, officer=officer,
                      finding=str(data.get("finding") or "").strip() or None)
    prop.evidence.append(ev)
    session.flush()
    if prop.status == "draft" and is_complete(prop):
        WORKFLOW.check(prop.status, "verified")
        prop.status = "verified"
        session.flush()
    return ev


def is_complete(prop: DtksProposal) -> bool:
    kinds = {e.kind for e in prop.evidence}
    if prop.removal_reason == "not_eligible":
        return "home_visit" in kinds
    return bool(kinds)


def missing_evidence(prop: DtksProposal) -> str | None:
    if is_complete(prop):
        return None
    if prop.removal_reason == "not_eligible":
        return N_("Penindaklayakan karena tidak layak lagi memerlukan verifikasi kunjungan rumah.")
    return N_("Lampirkan berita acara musdes/muskel atau verifikasi kunjungan rumah.")


def withdraw(prop: DtksProposal, reason: str) -> DtksProposal:
    WORKFLOW.check(prop.status, "withdrawn", reason=reason)
    prop.status = "withdrawn"
    prop.withdrawn_reason = reason.strip()
    session.flush()
    return prop


def person_history(person: Person) -> list[DtksProposal]:
    """Every proposal about the person or a household they belong to, newest first."""
    households = select(HouseholdMember.household_id).where(HouseholdMember.person_id == person.id)
    return list(session.scalars(select(DtksProposal).where(
        or_(DtksProposal.person_id == person.id, DtksProposal.household_id.in_(households)))
        .order_by(DtksProposal.proposed_on.desc(), DtksProposal.created_at.desc())))
