"""Care over the API: deliveries, referrals, family tracing, return home, institutions, tasks
(tag ``services`` in the OpenAPI description, docs/care.md "API").

Every endpoint calls the same use cases as the web forms; errors are the standard
``{error: {code, message, fields}}`` (422 for bad input), and the request's transaction is
committed or rolled back by ``blueprints.core.transaction`` / the API's error handlers.
"""

from __future__ import annotations

from blueprints.care.api import (  # noqa: F401  (register the endpoints)
    deliveries,
    institutions,
    referrals,
    returns,
    tasks,
    tracing,
)
