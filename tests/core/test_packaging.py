"""``pip install .`` gives a working app, run from any directory (README "Production").

The wheel is built from a copy of the source tree (so the checkout gets no ``build/``), installed
into a fresh virtualenv without its dependencies — those come from this test run's own
environment through a ``.pth`` line, so nothing is downloaded — and then, from an unrelated
directory, migrated, given reference data and served by gunicorn.
"""

from __future__ import annotations

import http.cookiejar
import os
import re
import shutil
import socket
import subprocess
import sys
import sysconfig
import time
import urllib.error
import urllib.parse
import urllib.request
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
NOT_SOURCE = shutil.ignore_patterns(".git", ".venv", "instance", "build", "dist", "*.egg-info", "__pycache__",
                                    ".pytest_cache", ".ruff_cache", "*.mo", "out")

pytestmark = pytest.mark.slow


def _run(args: list[str], **kw) -> str:
    done = subprocess.run(args, capture_output=True, text=True, timeout=120, **kw)
    assert done.returncode == 0, f"{' '.join(args)} failed:\n{done.stdout[-2000:]}\n{done.stderr[-2000:]}"
    return done.stdout


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _build_wheel(tmp: Path) -> Path:
    source = tmp / "source"
    shutil.copytree(ROOT, source, ignore=NOT_SOURCE)
    _run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "--no-index", "-q",
          str(source), "-w", str(tmp / "dist")])
    (wheel,) = (tmp / "dist").glob("lindung-*.whl")
    return wheel


def _install(wheel: Path, venv: Path) -> Path:
    _run([sys.executable, "-m", "venv", "--without-pip", str(venv)])
    python = venv / "bin" / "python"
    _run([sys.executable, "-m", "pip", "--python", str(python), "install", "--no-deps", "--no-index", "-q",
          str(wheel)])
    site = _run([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"]).strip()
    # The dependencies, from this run's environment (a plain path: its .pth files, among them the
    # editable install of the checkout, are not processed).
    (Path(site) / "lindung-test-dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    return python


def test_wheel_carries_the_run_time_files(tmp_path):
    wheel = _build_wheel(tmp_path)
    names = set(zipfile.ZipFile(wheel).namelist())
    for name in ("wsgi.py", "lindung_resources/templates/base.html", "lindung_resources/static/css/app.css",
                 "lindung_resources/migrations/env.py", "lindung_resources/migrations/script.py.mako",
                 "lindung_resources/migrations/versions/0001_foundation.py",
                 "service/reference/data/ppks_categories.csv", "service/reference/data/wilayah/wilayah_2025.csv",
                 "service/reference/data/wilayah/LICENSE", "service/reference/data/wilayah/README.md",
                 "blueprints/translations/en/LC_MESSAGES/messages.mo"):
        assert name in names, name
    assert not [n for n in names if "__pycache__" in n]

    python = _install(wheel, tmp_path / "venv")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "FLASK_APP")}
    env.update(DATABASE_URL=f"sqlite:///{tmp_path / 'lindung.db'}", SECRET_KEY="packaging-test",
               LINDUNG_INSTANCE_PATH=str(tmp_path / "instance"), LINDUNG_INSECURE_COOKIES="1",
               HOME=str(tmp_path), PYTHONUNBUFFERED="1")

    where = _run([str(python), "-c", "import wsgi, service.core.paths as p; "
                  "print(wsgi.__file__); print(p.TEMPLATES); print(p.MIGRATIONS)"], cwd=elsewhere, env=env)
    venv = str(tmp_path / "venv")
    assert all(line.startswith(venv) for line in where.split()), where  # not the checkout

    flask = [str(python), "-m", "flask", "--app", "wsgi"]
    _run(flask + ["db", "upgrade"], cwd=elsewhere, env=env)
    assert "regions:" in _run(flask + ["reference", "load", "--province", "18"], cwd=elsewhere, env=env)

    port = _free_port()
    log_path = tmp_path / "gunicorn.log"
    with log_path.open("w") as log:
        server = subprocess.Popen([str(python), "-m", "gunicorn", "-w", "1", "-b", f"127.0.0.1:{port}", "wsgi:app"],
                                  cwd=elsewhere, env=env, stdout=log, stderr=subprocess.STDOUT)
        try:
            _check_served(f"http://127.0.0.1:{port}", server, log_path)
        finally:
            server.terminate()
            server.wait(10)
    assert "TemplateNotFound" not in log_path.read_text()


def _check_served(base: str, server: subprocess.Popen, log_path: Path) -> None:
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))
    deadline = time.time() + 30
    while True:
        try:
            opener.open(base + "/healthz", timeout=2)
            break
        except OSError:
            assert server.poll() is None and time.time() < deadline, log_path.read_text()[-3000:]
            time.sleep(0.2)

    with opener.open(base + "/masuk") as resp:  # the login page: base.html + accounts/login.html
        assert resp.status == 200
        html = resp.read().decode()
    assert 'name="username"' in html and "/static/css/app.css" in html

    with opener.open(base + "/static/css/app.css") as resp:
        assert resp.status == 200 and resp.headers["Content-Type"].startswith("text/css")
        assert len(resp.read()) > 1000

    with pytest.raises(urllib.error.HTTPError) as missing:  # errors/error.html
        opener.open(base + "/no-such-page")
    assert missing.value.code == 404 and "404" in missing.value.read().decode()

    # The compiled English catalogue is in the wheel and found.
    token = re.search(r'name="csrf_token" value="([^"]+)"', html).group(1)
    data = urllib.parse.urlencode({"csrf_token": token, "next": "/masuk"}).encode()
    opener.open(base + "/bahasa/en", data=data).read()
    with opener.open(base + "/masuk") as resp:
        english = resp.read().decode()
    assert "Username" in english and "Nama pengguna" not in english
