"""The Perjanjian Kinerja (performance agreement) of a year: the IKU targets signed by the head of office.

Signing stores who, when, the signer's name, title and NIP (from the office settings) and the
targets as signed, so later edits of the targets do not change the signed document.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from service.core import settings
from service.core.db import session, utcnow
from service.core.errors import N_, ValidationError
from service.performance import indicators
from service.performance.models import PerformanceAgreement
from service.reports.spm import check_year


def get(year: int) -> PerformanceAgreement | None:
    return session.scalar(select(PerformanceAgreement).where(PerformanceAgreement.year == year))


def draft(year: int) -> list[dict[str, Any]]:
    """The IKU of the year with a Perjanjian Kinerja target, as they would be signed now."""
    out = []
    for row in indicators.report(year)["rows"]:
        ind, t = row.indicator, row.target
        if ind.is_iku and t is not None and t.pk_target is not None:
            out.append({"code": ind.code, "name": ind.name, "unit": ind.unit, "polarity": ind.polarity,
                        "pk_target": f"{t.pk_target.normalize():f}"})
    return out


def sign(year: Any, user: Any) -> PerformanceAgreement:
    y = check_year(year)
    if get(y) is not None:
        raise ValidationError({"_": N_("Perjanjian Kinerja tahun {year} sudah ditandatangani.")}, year=y)
    targets = draft(y)
    if not targets:
        raise ValidationError({"_": N_("Belum ada IKU dengan target Perjanjian Kinerja untuk tahun {year}.")}, year=y)
    office = settings.office()
    pk = PerformanceAgreement(year=y, signed_by_id=user.id, signed_at=utcnow(), targets=targets,
                              signer_name=office["head_name"] or user.full_name or user.username,
                              signer_title=office["head_title"], signer_nip=office["head_nip"])
    session.add(pk)
    session.flush()
    return pk
