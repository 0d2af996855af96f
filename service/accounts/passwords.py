"""Password rules: at least 10 characters, not a common password, not the user's own name.

The common-password list is ``common_passwords.txt`` beside this module (its header says where it
comes from). A password is refused when, in lower case, it is on the list, or is a listed word with
only digits and symbols before or after it (``Password2026!``, ``bismillah123``), or is the
username or the person's name (with or without such digits).
"""

from __future__ import annotations

import functools
import re
from pathlib import Path

from service.core.errors import N_, ValidationError

MIN_LENGTH = 10
MAX_LENGTH = 256
_LIST = Path(__file__).with_name("common_passwords.txt")
_EDGES = re.compile(r"^[\W\d_]+|[\W\d_]+$")
_NOT_ALNUM = re.compile(r"[\W_]+")


@functools.cache
def common_passwords() -> frozenset[str]:
    lines = _LIST.read_text(encoding="utf-8").splitlines()
    return frozenset(line.strip() for line in lines if line.strip() and not line.startswith("#"))


def _core(text: str) -> str:
    """The password without the digits and symbols around it: ``Dragon2026!`` -> ``dragon``."""
    return _EDGES.sub("", text.lower())


def problem(password: str, username: str = "", full_name: str = "") -> tuple[str, dict[str, int]] | None:
    """Why ``password`` is refused (an untranslated message and its parameters), or None."""
    password = password or ""
    if len(password) < MIN_LENGTH:
        return N_("Kata sandi minimal {n} karakter."), {"n": MIN_LENGTH}
    if len(password) > MAX_LENGTH:
        return N_("Kata sandi paling banyak {n} karakter."), {"n": MAX_LENGTH}
    lower, core = password.lower(), _core(password)
    flat = _NOT_ALNUM.sub("", lower)
    for name in (username, full_name):
        name_flat = _NOT_ALNUM.sub("", (name or "").lower())
        if name_flat and (flat == name_flat or _NOT_ALNUM.sub("", core) == name_flat):
            return N_("Kata sandi tidak boleh sama dengan nama pengguna atau nama."), {}
    listed = common_passwords()
    if lower in listed or (core and core in listed):
        return N_("Kata sandi ini terlalu umum dan mudah ditebak. Pilih yang lain, misalnya gabungan "
                  "tiga kata yang tidak berhubungan."), {}
    return None


def check(password: str, username: str = "", full_name: str = "", field: str = "password") -> None:
    """Raise ValidationError on ``field`` when ``password`` breaks a rule."""
    found = problem(password, username, full_name)
    if found is not None:
        message, params = found
        raise ValidationError({field: message}, **params)
