"""Engine, session and declarative base shared by every model.

The service layer never imports Flask: the web app, the CLI, background jobs
and the tests all configure the same ``session`` (a ``scoped_session``) with
``configure_engine`` (or bind it to an engine from ``make_engine``, which also installs
the derived tables of ``service.core.derived``).
"""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from sqlalchemy import JSON, DateTime, Engine, MetaData, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.orm import DeclarativeBase, Mapped, declared_attr, mapped_column, scoped_session, sessionmaker
from sqlalchemy.types import TypeDecorator, Uuid

NAMING_CONVENTION = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


# The clock every "now" reads; tests inject another one with ``service.core.clock.frozen``.
_clock: list[Any] = [None]


def utcnow() -> dt.datetime:
    """Now, aware UTC (the injected clock when a test set one)."""
    fixed = _clock[0]
    return fixed() if fixed is not None else dt.datetime.now(dt.UTC)


class UTCDateTime(TypeDecorator[dt.datetime]):
    """A timestamp that is always timezone-aware UTC, on SQLite as on PostgreSQL."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: dt.datetime | None, dialect: Any) -> dt.datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given for a UTC timestamp column")
        return value.astimezone(dt.UTC)

    def process_result_value(self, value: dt.datetime | None, dialect: Any) -> dt.datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=dt.UTC)
        return value.astimezone(dt.UTC)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map = {
        uuid.UUID: Uuid(),
        dt.datetime: UTCDateTime(),
        dict[str, Any]: JSON(),
        list[Any]: JSON(),
    }


class UUIDPk:
    """UUID primary key: records are created on devices offline too."""

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)


class Timestamps:
    """Audit columns: when and by whom a row was created and last changed.

    Filled by the audit hook (service.core.audit) on every flush.
    """

    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(default=utcnow, onupdate=utcnow)
    created_by_id: Mapped[uuid.UUID | None] = mapped_column(default=None)
    updated_by_id: Mapped[uuid.UUID | None] = mapped_column(default=None)


class Versioned:
    """Optimistic concurrency for records that devices may edit offline.

    Every UPDATE bumps ``version`` and checks the old one; a stale update
    raises ``sqlalchemy.orm.exc.StaleDataError``. Sync compares a device's
    ``base_version`` with it.
    """

    version: Mapped[int] = mapped_column(default=1)

    @declared_attr.directive
    def __mapper_args__(cls) -> dict[str, Any]:
        return {"version_id_col": cls.__table__.c.version}  # type: ignore[attr-defined]


session = scoped_session(sessionmaker(expire_on_commit=False))
_engine: Engine | None = None


def _sqlite_setup(engine: Engine) -> None:
    """Make pysqlite transactional (savepoints work) and enforce foreign keys."""

    @event.listens_for(engine, "connect")
    def _connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None
        cur = dbapi_connection.cursor()
        cur.execute("PRAGMA foreign_keys=ON")
        cur.execute("PRAGMA busy_timeout=10000")
        # Readers never block the writer (several app processes, jobs, the test suite's subprocesses).
        cur.execute("PRAGMA journal_mode=WAL")
        cur.close()

    @event.listens_for(engine, "begin")
    def _begin(conn: Any) -> None:
        # ``execution_options(sqlite_begin="IMMEDIATE")`` takes the write lock at once: a long
        # writer (the BNBA import) then never meets WAL's stale-snapshot "database is locked".
        conn.exec_driver_sql(f"BEGIN {conn.get_execution_options().get('sqlite_begin', '')}".strip())


def make_engine(url: str, **kwargs: Any) -> Engine:
    """An engine for ``url``, with every area's models loaded (mappers resolve across areas) and the
    derived tables registered (``service.core.derived``: kept exact by every flush)."""
    import service
    from service.core import derived

    service.load_models()
    derived.install()
    parsed = make_url(url)
    if parsed.drivername == "postgresql":
        parsed = parsed.set(drivername="postgresql+psycopg")
    if parsed.drivername.startswith("postgresql"):
        # The app's queries are short, index-driven OLTP reads; PostgreSQL's JIT compiler only adds
        # 0.2-1.8 s to them at province scale (docs/status.md, issue 15). Turn it off per connection.
        # Synchronized sequential scans start a scan where another one of the same table is: a search's
        # capped count that reads persons until it has enough ("Muhammad" in an area: ~60,000 of them)
        # then began at a different, cold place each time (70-120 ms); from the table's start it finds
        # the same pages in the cache every time (6-35 ms). The app shares no big scans worth syncing.
        connect_args = dict(kwargs.pop("connect_args", {}))
        connect_args["options"] = (connect_args.get("options", "") + " -c jit=off -c synchronize_seqscans=off").strip()
        kwargs["connect_args"] = connect_args
    engine = create_engine(parsed, **kwargs)
    if engine.dialect.name == "sqlite":
        from service.core.paths import tighten_sqlite

        tighten_sqlite(parsed.database)
        _sqlite_setup(engine)
    return engine


def configure_engine(url: str, **kwargs: Any) -> Engine:
    """Create the process-wide engine and bind ``session`` to it."""
    global _engine
    if _engine is not None:
        _engine.dispose()
    _engine = make_engine(url, **kwargs)
    session.remove()
    session.configure(bind=_engine)
    return _engine


def get_engine() -> Engine:
    if _engine is None:
        raise RuntimeError("database engine not configured")
    return _engine


def parse_uuid(value: Any) -> uuid.UUID | None:
    """A UUID from a UUID or its text form; None when it is not one."""
    if isinstance(value, uuid.UUID):
        return value
    try:
        return uuid.UUID(str(value))
    except (ValueError, TypeError, AttributeError):
        return None


def get_or_raise(model: type[Any], raw_id: Any, message: str) -> Any:
    """``session.get`` by a UUID given as text or UUID; NotFound(message) when absent or malformed."""
    from service.core.errors import NotFound

    pid = parse_uuid(raw_id)
    obj = session.get(model, pid) if pid is not None else None
    if obj is None:
        raise NotFound(message)
    return obj


def is_postgres() -> bool:
    bind = session.get_bind()
    return bind.dialect.name == "postgresql"
