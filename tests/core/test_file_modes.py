"""Files holding personal data or secrets are the app's own: folders 0700, files 0600."""

from __future__ import annotations

import io
import stat
import subprocess
import sys

import pytest

from service.core import paths


def mode(p):
    return stat.S_IMODE(p.stat().st_mode)


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX modes")
def test_new_instance_folder_secret_key_database_and_wal_are_private(tmp_path):
    inst = tmp_path / "inst"
    code = ("from wsgi import create_app; from service.core import db; from sqlalchemy import text;"
            "app = create_app();"
            "c = db.get_engine().connect(); c.execute(text('create table t (x int)')); c.commit();"
            "import time; print('ok')")
    env = {"LINDUNG_INSTANCE_PATH": str(inst), "PATH": "/usr/bin:/bin", "HOME": str(tmp_path)}
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True,
                         cwd=str(paths.PACKAGES_ROOT), umask=0o022)
    assert out.returncode == 0, out.stderr
    assert mode(inst) == 0o700
    assert mode(inst / "secret_key") == 0o600
    assert mode(inst / "lindung.db") == 0o600
    for side in ("lindung.db-wal", "lindung.db-shm"):
        if (inst / side).exists():
            assert mode(inst / side) == 0o600


def test_person_photo_and_folder_are_private(db, tmp_path):
    from PIL import Image

    from service.registry import persons
    from tests import factories

    p = factories.person()
    buf = io.BytesIO()
    Image.new("RGB", (20, 20), "blue").save(buf, "PNG")
    folder = tmp_path / "photos"
    name = persons.save_photo(p, buf.getvalue(), str(folder))
    assert mode(folder) == 0o700 and mode(folder / name) == 0o600
