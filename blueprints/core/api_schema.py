"""Request bodies are checked against the very schema the OpenAPI document publishes.

``endpoint(body=...)`` both publishes ``body`` as the operation's ``requestBody`` and, through
:func:`body_errors`, refuses a body that does not match it (422 naming each offending field), so
no view has to assume the types of its input. A subschema marked ``"x-settled-alone": true`` (the
operations of a sync batch) is published as it is but checked by its own door, one item at a time,
so that one bad item never blocks the others.
"""

from __future__ import annotations

from typing import Any

from jsonschema import Draft202012Validator
from jsonschema.exceptions import ValidationError as SchemaError

SETTLED_ALONE = "x-settled-alone"


def _enforced(schema: Any) -> Any:
    """``schema`` with every ``x-settled-alone`` subschema replaced by "anything"."""
    if isinstance(schema, dict):
        if schema.get(SETTLED_ALONE):
            return {}
        return {k: _enforced(v) for k, v in schema.items()}
    if isinstance(schema, list):
        return [_enforced(v) for v in schema]
    return schema


_VALIDATORS: dict[int, tuple[dict[str, Any], Draft202012Validator]] = {}


def validator_for(schema: dict[str, Any]) -> Draft202012Validator:
    """The (cached) validator of a declared body schema; the schema itself must be valid."""
    hit = _VALIDATORS.get(id(schema))
    if hit is None or hit[0] is not schema:
        enforced = _enforced(schema)
        Draft202012Validator.check_schema(enforced)
        hit = _VALIDATORS[id(schema)] = (schema, Draft202012Validator(enforced))
    return hit[1]


def _field(error: SchemaError) -> str:
    path = [str(p) for p in error.absolute_path]
    if error.validator == "required":
        missing = [name for name in error.validator_value if name not in (error.instance or {})]
        if missing:
            path.append(missing[0])
    return ".".join(path) or "_"


def _message(error: SchemaError) -> str:
    v, value = error.validator, error.validator_value
    if v == "required":
        return "is required"
    if v == "type":
        kinds = value if isinstance(value, list) else [value]
        return "must be " + " or ".join({"string": "a string", "integer": "an integer", "number": "a number",
                                         "boolean": "true or false", "array": "a list", "object": "an object",
                                         "null": "null"}.get(k, k) for k in kinds)
    if v == "enum":
        return "must be one of: " + ", ".join("null" if x is None else str(x) for x in value)
    if v in ("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum"):
        return f"is out of range ({v} {value})"
    if v in ("minLength", "maxLength"):
        return f"length must be {'at least' if v == 'minLength' else 'at most'} {value}"
    if v in ("minItems", "maxItems"):
        return f"must have {'at least' if v == 'minItems' else 'at most'} {value} items"
    if v == "additionalProperties":
        return "unknown field"
    return "has the wrong shape"


# What the door refuses before the view runs: the wrong JSON type anywhere (a list, number or object
# where a string is expected, null where null is not declared). Values of the right type that break
# a rule (an unknown enum value, an empty required name, a bad date) go on to the use case, which
# names every offending field at once in the user's language — the same checks as the web form.
BLOCKING = ("type",)


def body_errors(schema: dict[str, Any], data: Any, blocking: tuple[str, ...] | None = BLOCKING) -> dict[str, str]:
    """``{field: reason}`` for every rule of ``schema`` that ``data`` breaks, when at least one of them is
    a wrong type (any rule at all when ``blocking`` is None); empty otherwise."""
    errors: dict[str, str] = {}
    blocked = False
    found = validator_for(schema).iter_errors(data)
    for error in sorted(found, key=lambda e: list(map(str, e.absolute_path))):
        for leaf in _leaves(error):
            blocked = blocked or blocking is None or leaf.validator in blocking
            errors.setdefault(_field(leaf), _message(leaf))
    return errors if blocked else {}


def _leaves(error: SchemaError) -> list[SchemaError]:
    """A ``oneOf``/``anyOf`` failure explained by its best-matching branch's errors."""
    if error.validator in ("oneOf", "anyOf") and error.context:
        from jsonschema.exceptions import best_match

        best = best_match(error.context)
        return _leaves(best) if best is not None else [error]
    return [error]
