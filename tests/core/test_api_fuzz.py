"""A bounded schemathesis run over the whole OpenAPI document (a few generated requests per
operation, as a supervisor and as a peksos): no 5xx, every answer's status documented and its body
matching the published schema. Runs on SQLite and, with TEST_DATABASE_URL, on PostgreSQL."""

from __future__ import annotations

from typing import Any

import pytest

schemathesis = pytest.importorskip("schemathesis")
from hypothesis import HealthCheck, given, settings  # noqa: E402
from schemathesis import checks  # noqa: E402

MAX_EXAMPLES = 3


CHECKS = [checks.not_a_server_error, checks.status_code_conformance, checks.response_schema_conformance]


@pytest.fixture
def tokens(make_user: Any, db: Any) -> dict[str, str]:
    from service.accounts.users import issue_token

    out = {}
    for role, area in (("supervisor", None), ("peksos", "18.72.01")):
        out[role] = issue_token(make_user(role, area))
    db.commit()
    return out


def test_no_5xx_and_no_schema_violation(app: Any, tokens: dict[str, str]) -> None:
    api_schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", app)
    failures: list[str] = []
    operations = [result.ok() for result in api_schema.get_all_operations()]
    assert len(operations) > 50

    for operation in operations:
        @given(case=operation.as_strategy())
        @settings(max_examples=MAX_EXAMPLES, deadline=None, derandomize=True, database=None,
                  suppress_health_check=list(HealthCheck))
        def run(case: Any) -> None:
            for token in tokens.values():
                case.call_and_validate(headers={"Authorization": f"Bearer {token}"}, checks=CHECKS)

        try:
            run()
        except BaseException as exc:  # collect every operation's first failure, then report them all
            if isinstance(exc, KeyboardInterrupt):
                raise
            failures.append(f"{operation.method.upper()} {operation.path}: {_describe(exc)}")
    assert not failures, "\n".join(failures)


def _describe(exc: BaseException) -> str:
    inner = getattr(exc, "exceptions", None)
    parts = [_describe(e) for e in inner] if inner else [" ".join(str(exc).split())[:400]]
    return " | ".join(parts)
