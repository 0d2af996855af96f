"""Reports' scheduled jobs (registered at import with ``service.core.jobs.job``)."""

from __future__ import annotations

from typing import Any

from service.core import audit
from service.core.jobs import job
from service.reports import month


@job("month_end_reminder", day="last", hour=8, minute=0)
def month_end_reminder() -> dict[str, Any]:
    """On a month's last day: record a reminder listing the ended months still open.

    The reports home page and the supervisor's month page show the same list
    (``service.reports.month.unclosed_months``) as a banner until each month is closed.
    """
    open_months = [f"{y}-{m:02d}" for y, m in month.unclosed_months()]
    audit.log_event("report.month_end_reminder", "month_closes", None, {"open_months": open_months})
    return {"open_months": open_months}
