"""A database busy with another writer gives a clear 503 with Retry-After (API) or a page saying so,
never a 500; nothing is half-saved."""

from __future__ import annotations

import sqlite3
from typing import Any

import pytest
from sqlalchemy import event, func, select

from service.care.models.institutions import Institution
from tests.conftest import post_form


@pytest.fixture
def locked(db: Any) -> Any:
    """Every new institution fails as the driver does when another process holds the write lock."""
    conn = db.connection()
    name = conn.dialect.name

    def busy(*_a: Any, **_k: Any) -> None:
        if _a[2].lstrip().upper().startswith("INSERT INTO INSTITUTIONS"):
            if name == "sqlite":
                raise sqlite3.OperationalError("database is locked")
            import psycopg.errors

            raise psycopg.errors.LockNotAvailable("canceling statement due to lock timeout")

    event.listen(conn, "before_cursor_execute", busy)
    yield
    event.remove(conn, "before_cursor_execute", busy)


def _count(db: Any) -> int:
    return db.scalar(select(func.count()).select_from(Institution))


def test_api_write_while_locked_is_503_with_retry_after(api: Any, db: Any, locked: Any) -> None:
    call = api("operator")
    before = _count(db)
    resp = call("POST", "/api/v1/institutions", {"name": "LKS Bina Insani", "kind": "lks"})
    assert resp.status_code == 503
    assert resp.headers["Retry-After"] == "5"
    assert resp.get_json()["error"]["code"] == "busy"
    assert _count(db) == before


def test_web_form_while_locked_says_try_again(logged_in: Any, db: Any, locked: Any) -> None:
    client, _ = logged_in("operator")
    resp = post_form(client, "/layanan/lembaga/baru", {"name": "RSJ Kurungan Nyawa", "kind": "mental_hospital",
                                                       "region_code": "18.71", "active": "y"})
    assert resp.status_code == 503 and resp.headers["Retry-After"] == "5"
    assert "sedang sibuk" in resp.get_data(as_text=True)
