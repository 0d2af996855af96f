"""The public form's spam guard, with no outside service (docs/complaints.md).

The form carries a token signed with the app's secret key: when it was issued, a one-time nonce
and a small sum for the person to answer. A submission is refused when the token is forged or
older than ``MAX_AGE``, came back faster than a person can type (``COMPLAINT_FORM_MIN_SECONDS``,
default 3), answers the sum wrongly, or fills the hidden trap field. The nonce is stored with the
complaint, so the same form cannot be sent twice; the rate limit caps the rest.
"""

from __future__ import annotations

import secrets
import time
from dataclasses import dataclass

from flask import current_app
from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer

from service.core.errors import N_, ValidationError

MAX_AGE = 2 * 60 * 60
SALT = "lindung.complaints.public-form"


@dataclass(frozen=True)
class Challenge:
    token: str
    a: int
    b: int


def _serializer() -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt=SALT)


def issue() -> Challenge:
    a, b = secrets.randbelow(9) + 1, secrets.randbelow(9) + 1
    token = _serializer().dumps({"a": a, "b": b, "n": secrets.token_urlsafe(16), "t": time.time()})
    return Challenge(token, a, b)


def verify(token: str, answer: str, trap: str) -> str:
    """The token's nonce when the submission looks human; ValidationError otherwise."""
    if (trap or "").strip():
        raise ValidationError({"_": N_("Formulir tidak dapat diterima.")})
    try:
        data = _serializer().loads(token or "", max_age=MAX_AGE)
    except SignatureExpired:
        raise ValidationError({"_": N_("Formulir sudah terlalu lama dibuka. Silakan isi kembali.")}) from None
    except BadSignature:
        raise ValidationError({"_": N_("Formulir tidak dapat diterima. Muat ulang halaman lalu coba lagi.")}) from None
    if time.time() - float(data["t"]) < float(current_app.config.get("COMPLAINT_FORM_MIN_SECONDS", 3)):
        raise ValidationError({"_": N_("Formulir dikirim terlalu cepat. Periksa isian Anda lalu kirim lagi.")})
    if str(answer or "").strip() != str(int(data["a"]) + int(data["b"])):
        raise ValidationError({"answer": N_("Jawaban penjumlahan salah.")})
    return str(data["n"])
