"""The registry/casework demo seeders: convincing and idempotent."""

from __future__ import annotations

from sqlalchemy import func, select

from service.casework.models import Assessment, Case, CaseApproval, CasePlanItem
from service.core import demo
from service.registry.models import Household, HouseholdMember, Person


def _counts(db):
    return [db.scalar(select(func.count()).select_from(m)) for m in
            (Person, Household, HouseholdMember, Case, Assessment, CaseApproval, CasePlanItem)]


def test_seed_twice_changes_nothing_and_shows_the_area(db):
    demo.seed()
    first = _counts(db)
    demo.seed()
    assert _counts(db) == first
    persons = db.scalars(select(Person).where(Person.area_code.like("18.72.%"))).all()
    assert len(persons) >= 25
    assert any(p.nik is None for p in persons) and any(p.nik_warnings for p in persons)
    statuses = set(db.scalars(select(Case.status)))
    assert {"new", "assessment", "plan", "in_service", "closed"} <= statuses
    sensitive = db.scalar(select(Case).where(Case.category_code == "korban_trafficking"))
    assert sensitive.is_sensitive and sensitive.worker_id is not None
    assert db.scalar(select(func.count()).select_from(Assessment).where(Assessment.status == "approved")) >= 3
