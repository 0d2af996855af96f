"""Fixtures of the complaints desk tests: fresh rate-limit counters, no minimum fill-in time."""

from __future__ import annotations

from typing import Any

import pytest

from service.complaints import desk


@pytest.fixture(autouse=True)
def _fresh_limits(app: Any, monkeypatch: Any) -> Any:
    from blueprints.core.ratelimit import limiter

    monkeypatch.setitem(app.config, "COMPLAINT_FORM_MIN_SECONDS", 0)
    limiter.reset()
    yield
    limiter.reset()


def make_complaint(**overrides: Any) -> tuple[Any, str]:
    data = {"channel": "walk_in", "category_code": "bansos_tidak_diterima", "area_code": "18.72.01.1001",
            "description": "Bantuan sembako tidak masuk tiga bulan.", "complainant_name": "Suyatmi",
            "complainant_phone": "0812-7001-2233", "received_on": "2026-11-02", "location": "Kel. Metro"}
    data.update(overrides)
    return desk.register_complaint(data)
