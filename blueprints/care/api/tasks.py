"""The caller's task list over the API (overdue items, those reminded but not yet seen marked new)."""

from __future__ import annotations

from typing import Any

from flask import jsonify

from blueprints.care.api.common import TAG, iso
from blueprints.core.api import api_user, endpoint
from service.care import tasks
from service.core import clock


@endpoint("/tasks", summary="The caller's overdue items (task list)", tag=TAG, action="task.view",
          response={"type": "object", "properties": {"items": {"type": "array", "items": {"type": "object"}}}})
def my_tasks() -> Any:
    today = clock.today()
    return jsonify({"items": [{"kind": t.kind, "subject_id": str(t.subject_id), "case_id": str(t.case.id),
                               "case_number": t.case.number, "due": iso(t.due), "days_overdue": t.days_overdue(today),
                               "new": t.new} for t in tasks.tasks_for(api_user(), today)]})
