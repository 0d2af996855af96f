"""The home page panel of the head of office and the supervisor: headline figures at a glance."""

from __future__ import annotations

from typing import Any

from flask import render_template
from markupsafe import Markup

from blueprints.core.nav import register_panel
from blueprints.core.security import user
from blueprints.reports.common import MONTH_NAMES, area
from service.core import clock
from service.core.access import can
from service.reports import headlines


def panel() -> Any:
    if not can(user(), "report.view"):
        return None
    h = headlines.headlines(clock.today(), area())
    return Markup(render_template("reports/_headlines.html", h=h, month_name=MONTH_NAMES[h["month"] - 1]))


register_panel(10, ("pimpinan", "supervisor"), panel)
