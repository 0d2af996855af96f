"""QR aid cards with signed tokens — owner of ``SigningKey`` and ``AidCard``.

A card carries ``LDG1.<payload>.<signature>`` (base64url, no padding): the
payload is compact JSON ``{"k": key id, "c": card id, "s": serial, "e": event
code, "n": head's name}``, signed with the office's Ed25519 key. A tablet
verifies it offline with the public key (``public_key_info``); the server
always verifies it again and also checks that the card has not been revoked
(re-issuing a lost card revokes the old one). The key pair is generated once
and stored in ``signing_keys``; the private key is never served nor logged.
"""

from __future__ import annotations

import base64
import json
import secrets
import uuid
from dataclasses import dataclass
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from sqlalchemy import Select, select

from service.core import keyring
from service.core.db import get_or_raise, session, utcnow
from service.core.errors import N_, ValidationError
from service.disasters.models.aid import AidCard, SigningKey
from service.disasters.models.events import DisasterEvent, Victim, VictimHousehold

PREFIX = "LDG1"
KEY_PURPOSE = "card-signing-key"


def _b64e(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()


def _b64d(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def office_key() -> SigningKey:
    """The active signing key, generated on first use."""
    key = session.scalar(select(SigningKey).where(SigningKey.active).order_by(SigningKey.created_at.desc()))
    if key is None:
        private = Ed25519PrivateKey.generate()
        raw_priv = private.private_bytes(serialization.Encoding.Raw, serialization.PrivateFormat.Raw,
                                         serialization.NoEncryption())
        raw_pub = private.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
        key = SigningKey(key_id=secrets.token_hex(4), public_key=_b64e(raw_pub),
                         private_key=keyring.seal(raw_priv, KEY_PURPOSE))
        session.add(key)
        session.flush()
    return key


def private_bytes(key: SigningKey) -> bytes:
    """The raw private key; a key stored before sealing (plain base64) is sealed on first use."""
    if keyring.is_sealed(key.private_key):
        return keyring.unseal(key.private_key, KEY_PURPOSE)
    raw = _b64d(key.private_key)
    key.private_key = keyring.seal(raw, KEY_PURPOSE)
    session.flush()
    return raw


def rotate_key() -> SigningKey:
    """Retire the active key (cards it signed still verify) and make a new one for new cards."""
    for old in session.scalars(select(SigningKey).where(SigningKey.active)):
        old.active = False
    session.flush()
    return office_key()


def reseal_keys(old_secret: str, new_secret: str) -> int:
    """Re-seal every stored private key for a new SECRET_KEY (run before switching to it)."""
    keys = list(session.scalars(select(SigningKey)))
    raws = []
    keyring.configure(old_secret)
    for k in keys:
        raws.append(private_bytes(k))
    keyring.configure(new_secret)
    for k, raw in zip(keys, raws, strict=True):
        k.private_key = keyring.seal(raw, KEY_PURPOSE)
    session.flush()
    return len(keys)


def public_key_info() -> dict[str, Any]:
    """What devices need to verify cards offline (never the private key)."""
    keys = list(session.scalars(select(SigningKey).order_by(SigningKey.created_at)))
    if not keys:
        keys = [office_key()]
    return {"algorithm": "Ed25519", "format": PREFIX,
            "keys": [{"key_id": k.key_id, "public_key": k.public_key, "active": k.active} for k in keys]}


def sign_payload(payload: dict[str, Any], key: SigningKey | None = None) -> str:
    key = key or office_key()
    body = json.dumps({**payload, "k": key.key_id}, separators=(",", ":"), ensure_ascii=False,
                      sort_keys=True).encode()
    private = Ed25519PrivateKey.from_private_bytes(private_bytes(key))
    return f"{PREFIX}.{_b64e(body)}.{_b64e(private.sign(body))}"


@dataclass
class Verified:
    card: AidCard
    payload: dict[str, Any]


def _invalid() -> ValidationError:
    return ValidationError({"token": N_("Kartu tidak sah: tanda tangan digital tidak cocok.")})


def decode_token(token: str) -> dict[str, Any]:
    """Check the signature only (what a device does offline). Raises ValidationError."""
    parts = (token or "").strip().split(".")
    if len(parts) != 3 or parts[0] != PREFIX:
        raise ValidationError({"token": N_("Kode kartu tidak dikenali.")})
    try:
        body, sig = _b64d(parts[1]), _b64d(parts[2])
        payload = json.loads(body)
    except (ValueError, json.JSONDecodeError):
        raise _invalid() from None
    if not isinstance(payload, dict):
        raise _invalid()
    key = session.scalar(select(SigningKey).where(SigningKey.key_id == str(payload.get("k"))))
    if key is None:
        raise _invalid()
    try:
        Ed25519PublicKey.from_public_bytes(_b64d(key.public_key)).verify(sig, body)
    except (InvalidSignature, ValueError):
        raise _invalid() from None
    return payload


def verify_token(token: str, event: DisasterEvent | None = None) -> Verified:
    """Full server check: signature, the card exists, is not revoked, belongs to ``event``."""
    payload = decode_token(token)
    try:
        card = session.get(AidCard, uuid.UUID(str(payload.get("c"))))
    except ValueError:
        card = None
    if card is None or card.token != token.strip():
        raise _invalid()
    if card.revoked_at is not None:
        raise ValidationError({"token": N_("Kartu {serial} sudah dicabut (diganti kartu baru).")}, serial=card.serial)
    if event is not None and card.event_id != event.id:
        raise ValidationError({"token": N_("Kartu ini untuk kejadian lain ({code}).")}, code=card.event.code)
    return Verified(card, payload)


def valid_card(household: VictimHousehold, victim: Victim | None = None) -> AidCard | None:
    stmt = select(AidCard).where(AidCard.household_id == household.id, AidCard.revoked_at.is_(None))
    stmt = stmt.where(AidCard.victim_id == victim.id) if victim else stmt.where(AidCard.victim_id.is_(None))
    return session.scalar(stmt)


def issue_card(household: VictimHousehold, victim: Victim | None = None, *, reissue_reason: str | None = None
               ) -> AidCard:
    """Issue the household's (or a member's) card. If a valid one exists, ``reissue_reason``
    is required and the old card is revoked (a lost card then fails verification)."""
    if victim is not None and victim.household_id != household.id:
        raise ValidationError({"victim_id": N_("Orang ini bukan anggota rumah tangga tersebut.")})
    old = valid_card(household, victim)
    if old is not None:
        if not (reissue_reason or "").strip():
            raise ValidationError({"reason": N_("Kartu masih berlaku; isi alasan penggantian (mis. hilang).")})
        old.revoked_at = utcnow()
        old.revoke_reason = reissue_reason.strip()
        session.flush()
    event = household.event
    card_id = uuid.uuid4()
    count = len(list(session.scalars(select(AidCard.id).where(AidCard.event_id == event.id)))) + 1
    serial = f"{event.code}-K{count:04d}"
    holder = victim.person if victim else household.head
    key = office_key()
    token = sign_payload({"c": str(card_id), "s": serial, "e": event.code, "n": holder.name})
    card = AidCard(id=card_id, serial=serial, event_id=event.id, household_id=household.id,
                   victim_id=victim.id if victim else None, key_id=key.key_id, token=token)
    session.add(card)
    session.flush()
    if old is not None:
        old.replaced_by_id = card.id
        session.flush()
    return card


def get_card(card_id: Any) -> AidCard:
    return get_or_raise(AidCard, card_id, N_("Kartu tidak ditemukan."))  # type: ignore[no-any-return]


def cards_stmt(event: DisasterEvent, valid_only: bool = True) -> Select[Any]:
    stmt = select(AidCard).where(AidCard.event_id == event.id).order_by(AidCard.serial)
    if valid_only:
        stmt = stmt.where(AidCard.revoked_at.is_(None))
    return stmt


def revoked_ids(event: DisasterEvent) -> list[str]:
    """Revoked card ids of the event: devices refuse them offline too."""
    return [str(i) for i in session.scalars(select(AidCard.id).where(AidCard.event_id == event.id,
                                                                     AidCard.revoked_at.is_not(None)))]


def qr_svg_data_uri(text: str) -> str:
    """The token as a QR code, an SVG data: URI (CSP allows data: images; WeasyPrint renders it)."""
    import qrcode
    import qrcode.image.svg

    img = qrcode.make(text, image_factory=qrcode.image.svg.SvgPathImage, box_size=10, border=2,
                      error_correction=qrcode.constants.ERROR_CORRECT_M)
    return "data:image/svg+xml;base64," + base64.b64encode(img.to_string()).decode()
