"""All models, imported so that ``Base.metadata`` is complete (Alembic, tests)."""

from service.models.audit import AuditLog
from service.models.jobs import JobRun
from service.models.reference import (
    BasicService,
    BasicServiceComponent,
    PpksCategory,
    Region,
    ServiceType,
    Setting,
)
from service.models.users import ApiToken, User

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
