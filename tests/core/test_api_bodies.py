"""Wrong JSON types in any API body give 422 naming the field, never a 500; the body is checked
against the same schema the OpenAPI document publishes."""

from __future__ import annotations

from typing import Any

import pytest

from blueprints.core.api import OPENAPI_PATHS
from blueprints.core.api_schema import validator_for

WRONG = {"string": [["a"], 12345, {"x": 1}], "integer": ["12", [1], 1.5], "number": ["1", [1]],
         "boolean": ["yes", 1], "array": ["a", {"a": 1}], "object": ["a", [1]]}


def _operations() -> list[tuple[str, str, dict[str, Any]]]:
    out = []
    for path, methods in OPENAPI_PATHS.items():
        for method, op in methods.items():
            schema = op.get("requestBody", {}).get("content", {}).get("application/json", {}).get("schema")
            if schema and schema.get("properties"):
                out.append((path, method, schema))
    return out


def test_every_published_body_schema_is_valid_json_schema(app: Any) -> None:
    ops = _operations()
    assert len(ops) > 30
    for _path, _method, schema in ops:
        validator_for(schema)


def _url(path: str) -> str:
    return path.replace("{", "").replace("}", "")  # ids that do not exist: the body is checked first


@pytest.mark.parametrize("role", ["supervisor", "operator", "admin"])
def test_wrong_types_in_every_body_are_422_with_the_field(api: Any, role: str) -> None:
    call = api(role)
    failures = []
    for path, method, schema in _operations():
        for name, prop in schema["properties"].items():
            kind = prop.get("type")
            kinds = kind if isinstance(kind, list) else [kind]
            wrong = next((w for k in kinds if k in WRONG for w in WRONG[k]
                          if not any(_matches(w, k2) for k2 in kinds)), None)
            if wrong is None:
                continue
            resp = call(method.upper(), _url(path), json={name: wrong})
            if resp.status_code >= 500:
                failures.append(f"{method} {path} {name}: {resp.status_code}")
            elif resp.status_code == 422:
                fields = resp.get_json()["error"].get("fields", {})
                if name not in fields:
                    failures.append(f"{method} {path} {name}: 422 without the field ({fields})")
    assert not failures, failures


def _matches(value: Any, kind: str) -> bool:
    return {"string": isinstance(value, str), "integer": isinstance(value, int) and not isinstance(value, bool),
            "number": isinstance(value, int | float) and not isinstance(value, bool),
            "boolean": isinstance(value, bool), "array": isinstance(value, list),
            "object": isinstance(value, dict), "null": value is None}.get(kind, False)


def test_a_list_where_a_string_is_expected(api: Any) -> None:
    call = api("operator")
    resp = call("POST", "/api/v1/persons", json={"nama": ["Budi"], "jenis_kelamin": "L",
                                                 "kode_wilayah": "18.72.01.1001"})
    assert resp.status_code == 422
    assert resp.get_json()["error"]["fields"]["nama"] == "must be a string"
