"""The public referral pages (letter verification, the institution's answer link) are rate-limited."""

from __future__ import annotations

import pytest

from blueprints.core.ratelimit import limiter


@pytest.fixture(autouse=True)
def _fresh_counters():
    limiter.reset()
    yield
    limiter.reset()


@pytest.mark.parametrize("url, allowed", [("/verifikasi/surat/TIDAKADA", 30), ("/rujukan/jawab/tidak-ada", 20)])
def test_guessing_codes_is_cut_off(client, url, allowed):
    codes = [client.get(url).status_code for _ in range(allowed)]
    assert 429 not in codes and set(codes) == {404}
    assert client.get(url).status_code == 429
