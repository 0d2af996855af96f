"""The casework part of the demo office: twelve cases at every step of the lifecycle."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select

from service.accounts.users import find_by_username
from service.casework.approvals import (
    decide_approval,
    request_assessment_approval,
    request_closure,
    request_plan_approval,
)
from service.casework.cases import basic_service_for, get_category, open_case, record_assessment
from service.casework.models import Case
from service.casework.plans import add_plan_item
from service.core.db import session
from service.core.demo import register_seeder
from service.registry.demo import demo_person

# person, category, source, intake date, worker, urgency, found place, steps
# steps: "assess" (submitted), "approve" (assessment approved), "plan" (plan items), "serve" (plan approved),
# "close" (closure approved)
DEMO_CASES: list[tuple[str, str, str, str, str | None, str, str, tuple[str, ...]]] = [
    ("Siti Rahayu", "lanjut_usia_terlantar", "outreach", "2026-02-03", "peksos", "normal", "", ("assess", "approve", "plan", "serve")),
    ("Sumarni", "lanjut_usia_terlantar", "community_report", "2026-03-11", "peksos", "high", "", ("assess", "approve", "plan")),
    ("Paijo", "lanjut_usia_terlantar", "walk_in", "2026-04-07", "peksos", "normal", "", ("assess",)),
    ("Muhammad Soleh", "gelandangan", "outreach", "2026-05-19", "peksos", "normal", "Depan Masjid Taqwa", ()),
    ("Wagiman", "lanjut_usia_terlantar", "outreach", "2026-01-20", "peksos2", "normal", "", ("assess", "approve", "plan", "serve", "close")),
    ("Tuminah", "penyandang_disabilitas", "hospital_referral", "2026-06-02", "peksos2", "high", "RSUD Jend. A. Yani", ("assess", "approve")),
    ("Sri Wahyuni", "lanjut_usia_terlantar", "complaint", "2026-09-14", "peksos2", "normal", "", ()),
    ("Yanto", "odgj_terlantar", "police", "2026-10-05", None, "emergency", "Taman Merdeka", ("assess",)),
    ("Dewi Handayani", "korban_trafficking", "agency_referral", "2026-08-21", "peksos", "emergency", "Rujukan UPTD PPA", ("assess",)),
    ("Dimas Pratama", "anak_terlantar", "community_report", "2026-07-08", None, "normal", "", ("assess", "approve")),
    ("Slamet Riyadi", "penyandang_disabilitas", "walk_in", "2026-10-28", None, "normal", "", ()),
    ("Agus Hidayat", "anak_jalanan", "outreach", "2026-11-02", "peksos", "normal", "Perempatan Tugu Meter", ()),
]


def seed_demo_cases() -> None:
    supervisor = find_by_username("supervisor")
    sup_id = supervisor.id if supervisor else None
    for name, category, source, intake, worker_name, urgency, place, steps in DEMO_CASES:
        person = demo_person(name)
        if person is None:
            continue
        if session.scalar(select(Case).where(Case.person_id == person.id, Case.category_code == category)):
            continue
        worker = find_by_username(worker_name) if worker_name else None
        worker_id = worker.id if worker else None
        case = open_case(person, category, source, intake, urgency=urgency, found_place=place or None,
                         consent_given=True, consent_by="yang bersangkutan", worker_id=worker_id, by_id=worker_id)
        day = dt.date.fromisoformat(intake)
        cat = get_category(category)
        service = basic_service_for(cat)
        needs = (service.component_codes[:2] if service else ["permakanan"])
        if "assess" in steps:
            assessment = record_assessment(case, day + dt.timedelta(days=3), needs, assessor_id=worker_id,
                                           notes="Kondisi rumah tidak layak, tidak ada keluarga yang merawat.")
            if "approve" in steps:
                approval = request_assessment_approval(assessment, by_id=worker_id)
                decide_approval(approval, True, by_id=sup_id, comment="Sesuai hasil kunjungan.")
        if "plan" in steps:
            for offset, code in enumerate(needs):
                add_plan_item(case, code, day + dt.timedelta(days=14 + 7 * offset), responsible_id=worker_id,
                              by_id=worker_id)
        if "serve" in steps:
            decide_approval(request_plan_approval(case, by_id=worker_id), True, by_id=sup_id)
        if "close" in steps:
            closure = request_closure(case, "reunified", "Kembali diasuh keluarga.", by_id=worker_id)
            decide_approval(closure, True, by_id=sup_id, today=day + dt.timedelta(days=90))



register_seeder(20, "casework.cases", seed_demo_cases)
