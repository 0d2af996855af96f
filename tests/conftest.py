"""Fixtures: the app and a database per test, on SQLite or PostgreSQL.

``TEST_DATABASE_URL`` selects PostgreSQL (CI runs the suite on both). The
schema is built once per run by the Alembic migrations themselves, reference
data is loaded (all provinces and regencies, every village of Lampung, 18),
and each test runs inside a transaction that is rolled back afterwards, so
service code may commit freely.
"""

from __future__ import annotations

import os
import re
import tempfile
import uuid
from collections.abc import Iterator
from typing import Any

import pytest

pytest_plugins = ["tests.browser"]

_TMP = tempfile.mkdtemp(prefix="lindung-test-")
TEST_DATABASE_URL = os.environ.get("TEST_DATABASE_URL") or f"sqlite:///{_TMP}/test.db"
# The module-level ``wsgi.app`` must not touch instance/ during tests.
os.environ["DATABASE_URL"] = TEST_DATABASE_URL
os.environ.setdefault("SECRET_KEY", "test-secret-key")

from service.accounts.users import configure_hasher  # noqa: E402
from service.core import db as dbmod  # noqa: E402
from service.core import migrate  # noqa: E402

PASSWORD = "rahasia-123"
configure_hasher(time_cost=1, memory_cost=1024, parallelism=1)


def _reset_schema(url: str) -> None:
    engine = dbmod.make_engine(url)
    with engine.begin() as conn:
        if engine.dialect.name == "postgresql":
            conn.exec_driver_sql("DROP SCHEMA IF EXISTS public CASCADE")
            conn.exec_driver_sql("CREATE SCHEMA public")
    engine.dispose()


@pytest.fixture(scope="session")
def engine() -> Iterator[Any]:
    from service.core import keyring

    keyring.configure("test-secret-key")  # as create_app does (the app fixture uses the same key)
    _reset_schema(TEST_DATABASE_URL)
    migrate.upgrade(TEST_DATABASE_URL)
    engine = dbmod.make_engine(TEST_DATABASE_URL)
    dbmod.session.remove()
    dbmod.session.configure(bind=engine)
    from service.reference.loader import load_all

    load_all(["18"])
    dbmod.session.commit()
    dbmod.session.remove()
    yield engine
    engine.dispose()


@pytest.fixture(autouse=True)
def db(engine: Any) -> Iterator[Any]:
    conn = engine.connect()
    trans = conn.begin()
    dbmod.session.remove()
    dbmod.session.configure(bind=conn, join_transaction_mode="create_savepoint")
    yield dbmod.session
    dbmod.session.remove()
    trans.rollback()
    conn.close()


@pytest.fixture(scope="session")
def app(engine: Any) -> Any:
    from wsgi import create_app

    return create_app(
        {
            "TESTING": True,
            "DB_EXTERNALLY_MANAGED": True,
            "DATABASE_URL": TEST_DATABASE_URL,
            "SECRET_KEY": "test-secret-key",
            "SESSION_COOKIE_SECURE": False,
            "REMEMBER_COOKIE_SECURE": False,
            "LINDUNG_SCHEDULER": False,
        }
    )


@pytest.fixture
def client(app: Any) -> Any:
    return app.test_client()


@pytest.fixture
def make_user(db: Any) -> Any:
    from service.accounts.users import create_user

    def make(role: str, area: str | None = None, username: str | None = None, **kw: Any) -> Any:
        user = create_user(username or f"{role}-{uuid.uuid4().hex[:6]}", PASSWORD, role, area, **kw)
        db.commit()
        return user

    return make


CSRF_RE = re.compile(r'name="csrf_token" type="hidden" value="([^"]+)"|name="csrf_token" value="([^"]+)"')


def csrf_from(html: str) -> str:
    m = CSRF_RE.search(html)
    assert m, "no CSRF token on the page"
    return m.group(1) or m.group(2)


def login(client: Any, username: str, password: str = PASSWORD) -> Any:
    page = client.get("/masuk")
    return client.post("/masuk", data={"username": username, "password": password,
                                       "csrf_token": csrf_from(page.get_data(as_text=True))})


def post_form(client: Any, url: str, data: dict[str, Any], form_page: str | None = None, **kw: Any) -> Any:
    """GET the form page for a CSRF token, then POST ``data`` to ``url``."""
    page = client.get(form_page or url)
    return client.post(url, data={**data, "csrf_token": csrf_from(page.get_data(as_text=True))}, **kw)


def choose_language(client: Any, code: str) -> None:
    """The signed-in user picks the UI language on their account page (kept for their next logins)."""
    resp = post_form(client, "/akun/bahasa", {"l-language": code}, form_page="/akun/")
    assert resp.status_code == 302, resp.get_data(as_text=True)


@pytest.fixture
def logged_in(client: Any, make_user: Any) -> Any:
    """``logged_in(role, area=None)`` -> (client, user), signed in through the login form."""

    def make(role: str, area: str | None = None, **kw: Any) -> tuple[Any, Any]:
        user = make_user(role, area, **kw)
        resp = login(client, user.username)
        assert resp.status_code == 302, resp.get_data(as_text=True)
        return client, user

    return make


@pytest.fixture
def api(client: Any, make_user: Any, db: Any) -> Any:
    """``api(role, area=None)`` -> a callable ``(method, path, json=None)`` with a bearer token."""
    from service.accounts.users import issue_token

    def make(role: str, area: str | None = None) -> Any:
        user = make_user(role, area)
        token = issue_token(user)
        db.commit()

        def call(method: str, path: str, json: Any = None, **kw: Any) -> Any:
            headers = {"Authorization": f"Bearer {token}", **kw.pop("headers", {})}
            return client.open(path, method=method, json=json, headers=headers, **kw)

        call.user = user  # type: ignore[attr-defined]
        return call

    return make


@pytest.fixture
def device() -> str:
    """A device id for sync tests (any opaque identifier)."""
    return str(uuid.uuid4())
