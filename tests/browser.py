"""Browser tests: a real server process and the system Chromium (never a downloaded browser).

The server runs as ``flask run`` in a subprocess against its own database (a
fresh SQLite file, or a scratch PostgreSQL database beside TEST_DATABASE_URL),
set up exactly as ``make run`` does: migrations, reference data (Lampung
only, for speed), the demo office.
"""

from __future__ import annotations

import contextlib
import json
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
ROOT = Path(__file__).resolve().parents[1]
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run", "--disable-quic"]
TABLET_PORTRAIT = {"width": 800, "height": 1280}
TABLET_LANDSCAPE = {"width": 1280, "height": 800}
DEMO_PASSWORD = "lindung-demo"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _e2e_database() -> tuple[str, Any]:
    base = os.environ.get("TEST_DATABASE_URL")
    if not base:
        path = Path(tempfile.mkdtemp(prefix="lindung-e2e-")) / "e2e.db"
        return f"sqlite:///{path}", lambda: None
    from sqlalchemy.engine import make_url

    from service.core.db import make_engine

    url = make_url(base)
    name = f"{url.database}_e2e"
    admin = make_engine(url.set(database="postgres").render_as_string(hide_password=False),
                        isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.exec_driver_sql(f'CREATE DATABASE "{name}"')

    def drop() -> None:
        with admin.connect() as conn:
            conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.dispose()

    return url.set(database=name).render_as_string(hide_password=False), drop


@contextlib.contextmanager
def running_server() -> Iterator[str]:
    """A demo office served by ``flask run`` on a free port (as ``make run`` sets it up); its base URL.
    Also used outside pytest (``bench/screenshots.py``), so it raises RuntimeError, not pytest.fail."""
    if not os.path.exists(CHROMIUM):
        raise RuntimeError(f"{CHROMIUM} is missing: install it with `apt-get install chromium` (make test does)")
    url, drop = _e2e_database()
    instance = tempfile.mkdtemp(prefix="lindung-e2e-instance-")
    env = {**os.environ, "DATABASE_URL": url, "SECRET_KEY": "e2e-secret", "LINDUNG_INSECURE_COOKIES": "1",
           "LINDUNG_INSTANCE_PATH": instance, "PYTHONUNBUFFERED": "1"}
    flask = [sys.executable, "-m", "flask", "--app", "wsgi"]
    for args in (["db", "upgrade"], ["reference", "load", "--province", "18"], ["seed-demo"]):
        subprocess.run(flask + args, cwd=ROOT, env=env, check=True, capture_output=True)
    port = _free_port()
    log = open(Path(instance) / "server.log", "w")
    proc = subprocess.Popen(flask + ["run", "--host", "127.0.0.1", "--port", str(port)], cwd=ROOT, env=env,
                            stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.time() + 30
        while time.time() < deadline:
            try:
                urllib.request.urlopen(base + "/healthz", timeout=1)
                break
            except OSError:
                if proc.poll() is not None:
                    break
                time.sleep(0.2)
        else:
            raise RuntimeError("the server did not start: " + (Path(instance) / "server.log").read_text()[-2000:])
        if proc.poll() is not None:
            raise RuntimeError("the server exited: " + (Path(instance) / "server.log").read_text()[-2000:])
        yield base
    finally:
        proc.terminate()
        proc.wait(10)
        log.close()
        drop()


@pytest.fixture(scope="session")
def live_server() -> Iterator[str]:
    try:
        with running_server() as base:
            yield base
    except RuntimeError as exc:
        pytest.fail(str(exc))


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture
def tablet(browser: Any, live_server: str) -> Iterator[Any]:
    """A fresh portrait-tablet page (800×1280, touch) pointed at the live server."""
    context = browser.new_context(viewport=TABLET_PORTRAIT, has_touch=True, base_url=live_server, locale="id-ID")
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    page.js_errors = errors
    yield page
    context.close()


def sign_in(page: Any, username: str, password: str = DEMO_PASSWORD) -> None:
    page.goto("/masuk")
    page.get_by_label("Nama pengguna").fill(username)
    page.get_by_label("Kata sandi").fill(password)
    page.get_by_role("button", name="Masuk").click()
    page.wait_for_load_state("networkidle")


def open_menu(page: Any, group: str | None = None) -> Any:
    """Open the main menu and return it: below 1024 px the "Menu" button, from 1024 px the
    drop-down of ``group`` (e.g. "Admin") when given."""
    nav = page.get_by_role("navigation", name="Menu utama")
    toggle = page.locator(".menu-toggle")
    if toggle.is_visible():
        if toggle.get_attribute("aria-expanded") != "true":
            toggle.click()
    elif group:
        nav.get_by_role("button", name=group).click()
    return nav


def submit(page: Any, name: str) -> None:
    """Press a form's button and wait for the page that answers it."""
    with page.expect_navigation():
        page.get_by_role("button", name=name).click()


def _api_token(base: str, username: str) -> str:
    req = urllib.request.Request(base + "/api/v1/auth/token", method="POST",
                                 data=json.dumps({"username": username, "password": DEMO_PASSWORD}).encode(),
                                 headers={"Content-Type": "application/json"})
    return str(json.load(urllib.request.urlopen(req))["token"])


def api_get(base: str, username: str, path: str) -> dict:
    req = urllib.request.Request(base + path, headers={"Authorization": f"Bearer {_api_token(base, username)}"})
    return json.load(urllib.request.urlopen(req))


def api_post(base: str, username: str, path: str, body: dict) -> dict:
    req = urllib.request.Request(base + path, method="POST", data=json.dumps(body).encode(),
                                 headers={"Authorization": f"Bearer {_api_token(base, username)}",
                                          "Content-Type": "application/json"})
    return json.load(urllib.request.urlopen(req))


def open_app(page) -> None:
    page.goto("/aplikasi")
    page.wait_for_selector("body[data-ready='1']")
    page.evaluate("navigator.serviceWorker.ready")
    if not page.evaluate("navigator.serviceWorker.controller !== null"):
        page.reload()
        page.wait_for_selector("body[data-ready='1']")
    assert page.evaluate("navigator.serviceWorker.controller !== null")


# A search box's hint is cut off where the box is narrower than its text (a hint cannot wrap).
_CUT_HINTS = """() => { const ctx = document.createElement('canvas').getContext('2d'); const cut = [];
  for (const el of document.querySelectorAll('main input[placeholder], main textarea[placeholder]')) {
    if (!el.offsetParent) continue;
    const style = getComputedStyle(el); ctx.font = style.font;
    const room = el.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
    if (ctx.measureText(el.placeholder).width > room) cut.push(el.placeholder);
  } return cut; }"""


def cut_off_hints(page: Any) -> list[str]:
    """The placeholders on the page that do not fit their box."""
    return page.evaluate(_CUT_HINTS)
