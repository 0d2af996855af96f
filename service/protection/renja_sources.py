"""The protection area's Renja record sources (docs/protection.md, docs/reports.md "Record sources"):

- ``dtks_enumerated`` (1.06.05.2.02.0001 *pendataan*, orang): distinct persons verified for the
  national register in the period — the person of a proposal, or every member of a proposed
  household, with a village deliberation or home visit held in the period;
- ``dtks_proposals`` (1.06.05.2.02.0008, usulan): proposals in a batch the head of office approved
  in the period (sent to the ministry);
- ``civil_documents`` (1.06.04.2.01.0014, orang): distinct persons who obtained a civil document;
- ``graves_maintained`` (1.06.07.2.01.0002, makam): distinct graves maintained.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import Select, or_, select, union

from service.core.errors import N_
from service.protection.cemetery import maintained_graves_stmt
from service.protection.documents import persons_documented_stmt
from service.protection.models import DtksBatch, DtksEvidence, DtksProposal, Grave
from service.protection.proposals import KIND_LABELS
from service.registry.models import HouseholdMember, Person
from service.reports.renja_sources import RecordSource, SourceRecord, register_source


def _in_area(column: Any, area: str | None) -> Any:
    return or_(column == area, column.like(area + ".%")) if area else column.is_not(None)


def enumerated_stmt(start: dt.date, end: dt.date, area: str | None) -> Select[Any]:
    verified = (select(DtksEvidence.proposal_id).where(DtksEvidence.held_on.between(start, end)))
    own = select(DtksProposal.person_id).where(DtksProposal.id.in_(verified), DtksProposal.person_id.is_not(None),
                                               _in_area(DtksProposal.area_code, area))
    members = (select(HouseholdMember.person_id)
               .join(DtksProposal, DtksProposal.household_id == HouseholdMember.household_id)
               .where(DtksProposal.id.in_(verified), _in_area(DtksProposal.area_code, area)))
    # one IN over the union (not an OR of two INs, which scans every person: issue 13 benchmark)
    return select(Person).where(Person.id.in_(union(own, members))).order_by(Person.name)


def proposals_stmt(start: dt.date, end: dt.date, area: str | None) -> Select[Any]:
    return (select(DtksProposal).join(DtksBatch, DtksBatch.id == DtksProposal.batch_id)
            .where(DtksBatch.approved_on.between(start, end), DtksProposal.status != "withdrawn",
                   _in_area(DtksProposal.area_code, area))
            .order_by(DtksBatch.approved_on, DtksProposal.created_at))


def _person(p: Person) -> SourceRecord:
    return SourceRecord(label=p.name, link=("registry.detail", {"person_id": p.id}), person_id=p.id)


def _proposal(p: DtksProposal) -> SourceRecord:
    return SourceRecord(label=p.subject_name, detail=str(KIND_LABELS[p.kind]),
                        on=p.batch.approved_on if p.batch else None,
                        link=("protection.proposal", {"proposal_id": p.id}), person_id=p.person_id)


def _grave(g: Grave) -> SourceRecord:
    return SourceRecord(label=g.hero_name, detail=f"{g.cemetery} {g.plot}", link=("protection.grave", {"grave_id": g.id}))


def _search_persons(stmt: Select[Any], q: str) -> Select[Any]:
    return stmt.where(Person.name.ilike(f"%{q}%"))


def _search_proposals(stmt: Select[Any], q: str) -> Select[Any]:
    return stmt.where(DtksProposal.reason.ilike(f"%{q}%") | DtksProposal.person.has(Person.name.ilike(f"%{q}%")))


def _search_graves(stmt: Select[Any], q: str) -> Select[Any]:
    return stmt.where(Grave.hero_name.ilike(f"%{q}%"))


register_source(RecordSource("dtks_enumerated", N_("Orang yang didata/diverifikasi untuk DTKS/DTSEN"), "orang",
                             enumerated_stmt, _person, _search_persons))
register_source(RecordSource("dtks_proposals", N_("Usulan DTKS/DTSEN yang disetujui dan dikirim"), "usulan",
                             proposals_stmt, _proposal, _search_proposals))
register_source(RecordSource("civil_documents", N_("Orang yang memperoleh dokumen kependudukan"), "orang",
                             persons_documented_stmt, _person, _search_persons))
register_source(RecordSource("graves_maintained", N_("Makam pahlawan yang dipelihara"), "makam",
                             maintained_graves_stmt, _grave, _search_graves))
