"""A complaint becomes an intake in one step: the person it is about is registered (or found),
a case is opened (or the open one in that category is used), and the complaint is linked to both
— through the registry's and casework's own use cases (docs/complaints.md)."""

from __future__ import annotations

import uuid
from typing import Any

from service.casework.cases import find_or_open_case
from service.casework.models import URGENCIES, Case
from service.complaints.desk import change_status, link, record_event
from service.complaints.models import Complaint
from service.core.errors import N_, ValidationError
from service.registry.models import Person
from service.registry.persons import PersonInput, register_person


def intake(complaint: Complaint, ppks_category_code: str, *, person: Person | None = None,
           person_data: dict[str, Any] | PersonInput | None = None, worker_id: uuid.UUID | None = None,
           urgency: str = "normal", by_id: uuid.UUID | None = None) -> tuple[Case, bool]:
    """Open (or find) the case of the person a complaint reports; returns the case and whether it is new.

    ``person`` is an existing person; otherwise ``person_data`` (the registry's fields) registers one.
    """
    if complaint.case_id is not None:
        raise ValidationError({"_": N_("Pengaduan ini sudah menjadi kasus.")})
    if urgency not in URGENCIES:
        raise ValidationError({"urgency": N_("Tingkat kedaruratan tidak dikenal.")})
    if person is None:
        if person_data is None:
            raise ValidationError({"name": N_("Nama wajib diisi.")})
        person = register_person(person_data)
    case, created = find_or_open_case(
        person, ppks_category_code, "complaint", complaint.received_on, found_place=complaint.location,
        urgency=urgency, worker_id=worker_id, by_id=by_id,
        notes=f"Dari pengaduan {complaint.number}")
    link(complaint, person=person, case=case, by_id=by_id)
    record_event(complaint, "intake", by_id, note=case.number)
    if complaint.status == "received":
        change_status(complaint, "in_progress", by_id=by_id)
    return case, created
