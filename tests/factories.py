"""Small builders for tests, going through the real service functions."""

from __future__ import annotations

import datetime as dt
import itertools
from typing import Any

from service.care import deliveries as delivery
from service.casework import cases as casework
from service.core.interchange import PERSON, PERSON_FIELDS, to_domain
from service.registry import persons as registry

_seq = itertools.count(1)


def person(**overrides: Any) -> Any:
    data = {"name": f"Orang Uji {next(_seq)}", "sex": "L", "birth_date": "1950-01-01",
            "village_code": "18.72.01.1001"}
    # Tests name fields either way; the interchange module translates the BNBA names.
    data.update(to_domain(overrides, PERSON, keep=PERSON_FIELDS))
    return registry.register_person(data)


def case(p: Any = None, category: str = "lanjut_usia_terlantar", **kw: Any) -> Any:
    p = p or person()
    kw.setdefault("intake_source", "outreach")
    kw.setdefault("intake_date", dt.date(2026, 1, 5))
    return casework.open_case(p, category, kw.pop("intake_source"), kw.pop("intake_date"), **kw)


def assessment(c: Any, needs: list[str] | None = None, on: Any = dt.date(2026, 1, 10), **kw: Any) -> Any:
    return casework.record_assessment(c, on, ["permakanan", "sandang"] if needs is None else needs, **kw)


def deliver(p: Any, code: str, on: Any = dt.date(2026, 2, 1), **kw: Any) -> Any:
    return delivery.record_delivery(p, code, delivered_on=on, **kw)


# ---------------------------------------------------------------- services area
def institution(**overrides: Any) -> Any:
    from service.care import institutions

    data = {"name": f"RSUD Uji {next(_seq)}", "kind": "hospital", "region_code": "18.72"}
    data.update(overrides)
    return institutions.create_institution(data)


def referral(c: Any = None, inst: Any = None, consent: bool = True, **kw: Any) -> Any:
    from service.care import referrals

    c = c or case()
    return referrals.create_referral(c, inst or institution(), kw.pop("reason", "Perlu perawatan medis"),
                                     kw.pop("summary", "Lansia, sakit paru, perlu rawat inap"),
                                     consent_checked=consent, **kw)
