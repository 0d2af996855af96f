"""Labels of coded values by (table, column), for pages that show stored rows in words:
the audit trail and the sync conflict page (``service.core.display`` asks ``code_label``).

The label dictionaries live with their areas; this module only says which column uses which.
"""

from __future__ import annotations

from typing import Any

from blueprints.core.i18n import ROLE_LABELS, tr
from blueprints.core.labels import LABELS
from service.care import referrals, returns, tracing
from service.complaints import desk
from service.core.errors import N_
from service.disasters import events, stock, victims

_LANGUAGES = {"id": N_("Bahasa Indonesia"), "en": N_("English")}
_PLAN = LABELS["plan_status"]

# (table, column) -> labels; ("*", column) applies to every table.
BY_COLUMN: dict[tuple[str, str], dict[str, str]] = {
    ("*", "sex"): LABELS["sex"],
    ("*", "no_nik_reason"): LABELS["no_nik_reason"],
    ("*", "disability_types"): LABELS["disability"],
    ("*", "nik_warnings"): LABELS["nik_warning"],
    ("*", "urgency"): LABELS["urgency"],
    ("*", "relationship_code"): {**LABELS["relationship"], **victims.RELATIONSHIP_LABELS},
    ("cases", "status"): LABELS["status"],
    ("cases", "close_reason"): LABELS["close_reason"],
    ("cases", "intake_source"): LABELS["intake_source"],
    ("case_approvals", "kind"): LABELS["approval"],
    ("case_approvals", "status"): LABELS["decision"],
    ("case_plan_items", "status"): _PLAN,
    ("dtks_snapshots", "status"): LABELS["dtks"],
    ("users", "role"): ROLE_LABELS,
    ("users", "language"): _LANGUAGES,
    ("disaster_events", "event_type"): events.TYPE_LABELS,
    ("disaster_events", "category"): events.CATEGORY_LABELS,
    ("disaster_events", "status"): events.STATUS_LABELS,
    ("victims", "status"): victims.VICTIM_STATUS_LABELS,
    ("victims", "vulnerable_groups"): victims.VULNERABLE_LABELS,
    ("victim_households", "damage_level"): victims.DAMAGE_LABELS,
    ("stock_movements", "kind"): stock.KIND_LABELS,
    ("stock_movements", "source"): stock.SOURCE_LABELS,
    ("tracings", "status"): tracing.STATUS_LABELS,
    ("tracing_attempts", "channel"): tracing.CHANNEL_LABELS,
    ("referrals", "status"): referrals.STATUS_LABELS,
    ("return_homes", "kind"): returns.KIND_LABELS,
    ("return_homes", "status"): returns.STATUS_LABELS,
    ("return_homes", "receiver_role"): returns.RECEIVER_LABELS,
    ("complaints", "status"): desk.STATUS_LABELS,
    ("complaints", "channel"): desk.CHANNEL_LABELS,
    ("complaints", "complainant_relation"): desk.RELATION_LABELS,
}


def code_label(table: str, column: str, value: Any) -> str | None:
    """The label of a coded value in the UI language, None when the column is not coded."""
    labels = BY_COLUMN.get((table, column)) or BY_COLUMN.get(("*", column))
    if not labels or not isinstance(value, str | int):
        return None
    text = labels.get(str(value))
    return tr(text) if text else None
