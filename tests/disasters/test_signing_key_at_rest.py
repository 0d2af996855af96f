"""The card-signing private key is sealed at rest with a key derived from SECRET_KEY."""

from __future__ import annotations

import base64
import secrets as pysecrets

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from sqlalchemy import select

from service.core import keyring
from service.disasters import cards
from service.disasters.models.aid import SigningKey


@pytest.fixture(autouse=True)
def _restore_secret():
    yield
    keyring.configure("test-secret-key")


def _raw_b64(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()


def test_stored_private_key_is_sealed_and_still_signs(db):
    key = cards.office_key()
    assert key.private_key.startswith("enc1.")
    raw = cards.private_bytes(key)
    assert _raw_b64(raw) not in key.private_key and len(raw) == 32
    token = cards.sign_payload({"c": "x"}, key)
    assert cards.decode_token(token)["c"] == "x"
    keyring.configure("another-secret")  # a copied database without the secret key gives nothing away
    with pytest.raises(keyring.SealError):
        cards.private_bytes(key)


def test_a_key_stored_in_plain_is_sealed_on_first_use(db):
    private = Ed25519PrivateKey.generate()
    raw = private.private_bytes(serialization.Encoding.Raw, serialization.PrivateFormat.Raw,
                                serialization.NoEncryption())
    pub = private.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    for k in db.scalars(select(SigningKey)):
        k.active = False
    legacy = SigningKey(key_id=pysecrets.token_hex(4), public_key=_raw_b64(pub), private_key=_raw_b64(raw))
    db.add(legacy)
    db.flush()
    token = cards.sign_payload({"c": "y"})
    assert cards.decode_token(token)["c"] == "y"
    assert legacy.private_key.startswith("enc1.") and _raw_b64(raw) not in legacy.private_key


def test_rotation_and_resealing_for_a_new_secret_key(db):
    old = cards.office_key()
    old_token = cards.sign_payload({"c": "z"}, old)
    new = cards.rotate_key()
    assert new.key_id != old.key_id and not old.active
    assert cards.decode_token(old_token)["c"] == "z"  # cards signed before still verify
    assert cards.reseal_keys("test-secret-key", "the-next-secret") >= 2
    assert len(cards.private_bytes(new)) == 32  # opens under the new secret (now configured)
