"""Who may do what, where: the one permission check, ``can(user, action, thing)``.

Three layers, checked in order:

1. **Role**: the action must be granted to the user's role (``GRANTS``, data).
2. **Area**: a user with an ``area_code`` (a region-code prefix such as
   ``18.72.02``) only reaches things whose area lies inside it.
3. **Need to know**: a thing marked sensitive (a case in a sensitive PPKS
   category, or a person with such a case) is visible only to the workers
   assigned to it, supervisors and the head of office (``pimpinan``).

Lists use :func:`scope_area` so that what a list shows and what ``can``
allows never disagree. Every route, the API, exports and sync call ``can``.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, Protocol

from sqlalchemy import ColumnElement, false, or_, true

# action -> roles. Actions are "resource.verb".
GRANTS: dict[str, frozenset[str]] = {
    # people and cases
    "person.view": frozenset({"pimpinan", "supervisor", "peksos", "operator", "auditor"}),
    "person.view_nik": frozenset({"pimpinan", "supervisor", "peksos", "operator"}),
    "person.edit": frozenset({"supervisor", "peksos", "operator"}),
    "person.merge": frozenset({"supervisor"}),
    "case.view": frozenset({"pimpinan", "supervisor", "peksos", "operator", "auditor"}),
    "case.edit": frozenset({"supervisor", "peksos", "operator"}),
    "case.approve": frozenset({"supervisor"}),
    "care.record": frozenset({"supervisor", "peksos", "operator"}),
    # disaster module
    "disaster.view": frozenset({"pimpinan", "supervisor", "operator", "tagana", "auditor"}),
    "disaster.edit": frozenset({"supervisor", "operator", "tagana"}),
    "disaster.manage": frozenset({"supervisor", "operator"}),
    # reporting
    "report.view": frozenset({"pimpinan", "supervisor", "operator", "auditor"}),
    "report.close_month": frozenset({"supervisor"}),
    "report.export": frozenset({"pimpinan", "supervisor", "operator", "auditor"}),
    "plan.import": frozenset({"admin", "operator", "supervisor"}),
    # BNBA rows create persons, cases and deliveries: casework roles only (each row is checked with can() too)
    "import.bnba": frozenset({"operator", "supervisor"}),
    "import.review": frozenset({"supervisor"}),  # see the import runs of others in one's area (not only one's own)
    # administration
    "user.manage": frozenset({"admin"}),
    "reference.view": frozenset({"admin", "pimpinan", "supervisor", "peksos", "tagana", "operator", "auditor"}),
    "reference.edit": frozenset({"admin"}),
    "settings.edit": frozenset({"admin"}),
    "audit.view": frozenset({"admin", "auditor"}),
    "sync.push": frozenset({"supervisor", "peksos", "operator", "tagana"}),
    # reports area
    "plan.mapping": frozenset({"admin"}),
    "report.hand_entry": frozenset({"supervisor", "operator"}),
    "sync.resolve": frozenset({"supervisor"}),
    # disaster module, finer actions
    "disaster.distribute": frozenset({"supervisor", "operator", "tagana"}),
    "disaster.stock": frozenset({"supervisor", "operator"}),
    "disaster.roster": frozenset({"supervisor", "operator"}),
    "disaster.compensation": frozenset({"supervisor", "operator"}),
    # care (deliveries, referrals, tracing, return home, tasks)
    "care.view": frozenset({"pimpinan", "supervisor", "peksos", "operator", "auditor"}),
    "care.void": frozenset({"supervisor", "peksos", "operator"}),
    "referral.view": frozenset({"pimpinan", "supervisor", "peksos", "operator", "auditor"}),
    "referral.edit": frozenset({"supervisor", "peksos", "operator"}),
    "tracing.view": frozenset({"pimpinan", "supervisor", "peksos", "operator", "auditor"}),
    "tracing.edit": frozenset({"supervisor", "peksos"}),
    "return.view": frozenset({"pimpinan", "supervisor", "peksos", "operator", "auditor"}),
    "return.edit": frozenset({"supervisor", "peksos", "operator"}),
    "institution.view": frozenset({"admin", "pimpinan", "supervisor", "peksos", "operator", "auditor"}),
    "institution.manage": frozenset({"admin", "supervisor", "operator"}),
    "task.view": frozenset({"supervisor", "peksos", "operator"}),
    "task.overview": frozenset({"pimpinan", "supervisor"}),
    "disaster.cancel_distribution": frozenset({"supervisor", "operator"}),
    # complaints desk (pengaduan): the public's complaints and requests
    "complaint.view": frozenset({"pimpinan", "supervisor", "peksos", "operator", "auditor"}),
    "complaint.record": frozenset({"supervisor", "peksos", "operator"}),
    "complaint.assign": frozenset({"supervisor", "operator"}),
    # PSKS register (TKSK, PSM, penyuluh, pekerja sosial, Karang Taruna, LKS), trainings, LKS documents
    "psks.view": frozenset({"pimpinan", "supervisor", "peksos", "operator", "auditor"}),
    "psks.manage": frozenset({"supervisor", "operator"}),
    # social protection (perlindungan dan jaminan sosial): DTKS/DTSEN proposals, programmes, PBI-JK letters,
    # civil documents, the heroes' cemetery
    "protection.view": frozenset({"pimpinan", "supervisor", "peksos", "operator", "auditor"}),
    "protection.edit": frozenset({"supervisor", "peksos", "operator"}),
    "protection.batch": frozenset({"supervisor", "operator"}),
    "protection.approve": frozenset({"pimpinan"}),
    "protection.manage": frozenset({"supervisor", "operator"}),
    # performance: budget realisation (payments, pagu revisions, import) and the performance report
    "budget.view": frozenset({"pimpinan", "supervisor", "operator", "auditor"}),
    "budget.record": frozenset({"supervisor", "operator"}),
    "budget.import": frozenset({"supervisor", "operator"}),
    "budget.revise": frozenset({"supervisor"}),
    "performance.view": frozenset({"pimpinan", "supervisor", "operator", "auditor"}),
    "indicator.manage": frozenset({"supervisor"}),
    "renstra.load": frozenset({"supervisor"}),
    "agreement.sign": frozenset({"pimpinan"}),
}

# Roles that see sensitive records without being assigned to them.
NEED_TO_KNOW_OVERRIDE = frozenset({"supervisor", "pimpinan"})


class AreaScoped(Protocol):
    area_code: str | None


def roles_for(action: str) -> frozenset[str]:
    try:
        return GRANTS[action]
    except KeyError:
        raise KeyError(f"unknown action {action!r}") from None


def in_area(user_area: str | None, thing_area: str | None) -> bool:
    """True when ``thing_area`` lies inside the user's area prefix.

    A user without an area reaches everything. A thing without an area is
    reachable only by users without an area restriction.
    """
    if not user_area:
        return True
    if not thing_area:
        return False
    return thing_area == user_area or thing_area.startswith(user_area + ".")


def _assigned_ids(thing: Any) -> Iterable[Any]:
    fn = getattr(thing, "assigned_user_ids", None)
    if fn is None:
        return ()
    return fn() if callable(fn) else fn


def can(user: Any, action: str, thing: Any = None) -> bool:
    """The single permission check used by every door."""
    if user is None or not getattr(user, "is_authenticated", False) or not getattr(user, "active", False):
        return False
    if user.role not in roles_for(action):
        return False
    if thing is None:
        return True
    if not in_area(user.area_code, getattr(thing, "area_code", None)):
        return False
    if getattr(thing, "is_sensitive", False) and user.role not in NEED_TO_KNOW_OVERRIDE:
        if user.id not in set(_assigned_ids(thing)):
            return False
    # Some things are reachable by some roles only when assigned to them
    # (e.g. a TAGANA volunteer sees only the disaster events they are deployed to).
    if user.role in getattr(thing, "assigned_only_roles", ()) and user.id not in set(_assigned_ids(thing)):
        return False
    return True


def scope_area(user: Any, column: Any) -> ColumnElement[bool]:
    """SQL filter twin of the area rule in :func:`can`, for lists and reports."""
    area = getattr(user, "area_code", None)
    if not area:
        return true()
    if column is None:
        return false()
    return or_(column == area, column.like(area + ".%"))


def may_see_sensitive_unassigned(user: Any) -> bool:
    return getattr(user, "role", None) in NEED_TO_KNOW_OVERRIDE


def mask_nik(nik: str | None) -> str:
    """``1872015005900001`` -> ``187201**********`` (lists never show a full NIK).

    Only the region part (digits 1–6, the issuing district and kecamatan) stays: digits 7–12 are the
    birth date (day + 40 for women), shown beside the mask anyway, so the mask hides the serial
    (13–16) too — together they would give the whole NIK back."""
    if not nik:
        return ""
    if len(nik) != 16:
        return "*" * len(nik)
    return nik[:6] + "*" * 10
