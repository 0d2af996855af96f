"""Every UI string has an English translation (Indonesian is the source language)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parents[2]
PO = ROOT / "blueprints" / "translations" / "en" / "LC_MESSAGES" / "messages.po"


def test_every_marked_string_is_translated(tmp_path):
    pot = tmp_path / "messages.pot"
    subprocess.run(
        [sys.executable, "-m", "babel.messages.frontend", "-q", "extract", "-F",
         str(ROOT / "blueprints/translations/babel.cfg"), "-k", "tr", "-k", "trn:1,2", "-k", "N_", "-k", "_",
         "--no-location", "-o", str(pot), str(ROOT)],
        check=True, cwd=ROOT,
    )
    with pot.open("rb") as fh:
        wanted = {m.id for m in read_po(fh) if m.id}
    with PO.open("rb") as fh:
        have = {m.id: m.string for m in read_po(fh, locale="en") if m.id}
    missing = sorted(str(w) for w in wanted if not have.get(w))
    assert not missing, "untranslated (run `make messages` and fill msgstr): " + "; ".join(missing[:20])


def test_english_pages_are_english(client):
    from tests.conftest import csrf_from

    page = client.get("/masuk")
    client.post("/bahasa/en", data={"csrf_token": csrf_from(page.get_data(as_text=True)), "next": "/masuk"})
    html = client.get("/masuk").get_data(as_text=True)
    assert "Username" in html and "Password" in html and "Nama pengguna" not in html


def test_counts_read_right_in_both_languages(app):
    from flask import session
    from flask_babel import refresh

    from blueprints.core.i18n import trn

    with app.test_request_context("/"):
        assert trn("{n} ahli waris", "{n} ahli waris", 1) == "1 ahli waris"
        session["lang"] = "en"
        refresh()  # the locale is chosen once per request
        assert trn("{n} ahli waris", "{n} ahli waris", 1) == "1 heir"
        assert trn("{n} ahli waris", "{n} ahli waris", 1200) == "1,200 heirs"
