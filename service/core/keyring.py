"""Secrets kept in the database, sealed with a key derived from the app's ``SECRET_KEY``.

``seal(raw, purpose)`` encrypts with AES-256-GCM under a key derived by HKDF-SHA256 from the
secret key and the purpose (so one derived key never serves two uses); ``unseal`` reverses it and
refuses a text that was tampered with or sealed under another secret key. The app factory calls
``configure`` with ``SECRET_KEY``; the CLI and jobs run inside the app, so they have it too.
A database copied without the secret key gives away no private key.
"""

from __future__ import annotations

import base64
import os

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

PREFIX = "enc1."
_secret: bytes | None = None


class SealError(Exception):
    """The sealed text cannot be opened with this secret key (changed key, or damaged text)."""


def configure(secret_key: str) -> None:
    global _secret
    _secret = secret_key.encode()


def _key(purpose: str) -> bytes:
    if not _secret:
        raise RuntimeError("keyring not configured (create_app sets it from SECRET_KEY)")
    return HKDF(hashes.SHA256(), 32, salt=b"lindung-keyring-v1", info=purpose.encode()).derive(_secret)


def seal(raw: bytes, purpose: str) -> str:
    nonce = os.urandom(12)
    data = nonce + AESGCM(_key(purpose)).encrypt(nonce, raw, purpose.encode())
    return PREFIX + base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def is_sealed(text: str) -> bool:
    return text.startswith(PREFIX)


def unseal(text: str, purpose: str) -> bytes:
    body = text[len(PREFIX):]
    data = base64.urlsafe_b64decode(body + "=" * (-len(body) % 4))
    try:
        return AESGCM(_key(purpose)).decrypt(data[:12], data[12:], purpose.encode())
    except (InvalidTag, ValueError) as exc:
        raise SealError("sealed with another secret key, or damaged") from exc
