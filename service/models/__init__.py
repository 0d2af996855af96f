"""All models. Every module in this package is imported so that ``Base.metadata``
is complete (Alembic, tests) without a shared list to edit."""

import importlib
import pkgutil
from pathlib import Path

for _info in pkgutil.iter_modules([str(Path(__file__).parent)]):
    importlib.import_module(f"service.models.{_info.name}")

from service.models.audit import AuditLog  # noqa: E402
from service.models.jobs import JobRun  # noqa: E402
from service.models.reference import (  # noqa: E402
    BasicService,
    BasicServiceComponent,
    PpksCategory,
    Region,
    ServiceType,
    Setting,
)
from service.models.users import ApiToken, User  # noqa: E402

__all__ = [
    "ApiToken",
    "AuditLog",
    "BasicService",
    "BasicServiceComponent",
    "JobRun",
    "PpksCategory",
    "Region",
    "ServiceType",
    "Setting",
    "User",
]
