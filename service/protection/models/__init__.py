"""The protection area's tables (docs/protection.md): proposals to the national register
(``proposals``), programme membership and PBI-JK letters (``programmes``), civil documents, the
heroes' cemetery and national-day ceremonies (``records``)."""

from service.protection.models.programmes import AidProgramme, PbiRecommendation, ProgrammeMembership
from service.protection.models.proposals import DtksBatch, DtksEvidence, DtksProposal
from service.protection.models.records import Ceremony, CivilDocument, Grave, GraveMaintenance

__all__ = ["AidProgramme", "Ceremony", "CivilDocument", "DtksBatch", "DtksEvidence", "DtksProposal", "Grave",
           "GraveMaintenance", "PbiRecommendation", "ProgrammeMembership"]
