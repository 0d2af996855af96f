"""Fixtures of the care tests."""

from __future__ import annotations

import pytest

from tests import factories as f


@pytest.fixture
def world(db, make_user):
    worker = make_user("peksos", "18.72.01", full_name="Agus")
    c = f.case(worker_id=worker.id)
    f.assessment(c)
    db.commit()
    return worker, c
