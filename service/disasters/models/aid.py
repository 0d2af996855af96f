"""Aid: signed QR cards, distributions, public kitchen, psychosocial sessions,
special handling of vulnerable groups, compensation (santunan).

Owner modules: ``service.disasters.cards`` (keys, cards) and ``service.disasters.aid`` (the rest).
"""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from sqlalchemy import CheckConstraint, ForeignKey, Index, String, Text, UniqueConstraint, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from service.core.db import Base, Timestamps, UUIDPk, utcnow
from service.disasters.models.events import DisasterEvent, Shelter, Victim, VictimHousehold
from service.disasters.models.stock import StockItem, Warehouse


class SigningKey(UUIDPk, Base):
    """The office's Ed25519 key pair for aid cards. The private key is never served."""

    __tablename__ = "signing_keys"
    __audit_redact__ = ("private_key",)

    key_id: Mapped[str] = mapped_column(String(16), unique=True)
    public_key: Mapped[str] = mapped_column(String(64))  # raw 32 bytes, base64url
    # Sealed with a key derived from SECRET_KEY (service.core.keyring, "enc1.…"); never served.
    private_key: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    active: Mapped[bool] = mapped_column(default=True)


class AidCard(UUIDPk, Timestamps, Base):
    __tablename__ = "aid_cards"
    __table_args__ = (
        # One valid card per household (per person for person cards) and event.
        Index("uq_aid_cards_household_valid", "household_id", "victim_id", unique=True,
              sqlite_where=text("revoked_at IS NULL AND victim_id IS NOT NULL"),
              postgresql_where=text("revoked_at IS NULL AND victim_id IS NOT NULL")),
        Index("uq_aid_cards_household_only_valid", "household_id", unique=True,
              sqlite_where=text("revoked_at IS NULL AND victim_id IS NULL"),
              postgresql_where=text("revoked_at IS NULL AND victim_id IS NULL")),
    )

    serial: Mapped[str] = mapped_column(String(30), unique=True)
    event_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("disaster_events.id"), index=True)
    household_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("victim_households.id"), index=True)
    # Set for a person card (e.g. a member staying apart); None for a household card.
    victim_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("victims.id"), default=None)
    key_id: Mapped[str] = mapped_column(String(16))
    token: Mapped[str] = mapped_column(Text)
    issued_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    revoked_at: Mapped[dt.datetime | None] = mapped_column(default=None)
    revoke_reason: Mapped[str | None] = mapped_column(Text, default=None)
    replaced_by_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("aid_cards.id"), default=None)

    event: Mapped[DisasterEvent] = relationship()
    household: Mapped[VictimHousehold] = relationship()
    victim: Mapped[Victim | None] = relationship()


class Distribution(UUIDPk, Timestamps, Base):
    """Aid handed to a household (or person): item, quantity, time, place, volunteer."""

    __tablename__ = "distributions"
    __table_args__ = (
        CheckConstraint("quantity > 0", name="quantity_positive"),
        Index("ix_distributions_guard", "event_id", "household_id", "item_id", "distributed_on"),
    )

    event_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("disaster_events.id"), index=True)
    household_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("victim_households.id"), index=True)
    victim_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("victims.id"), default=None)
    card_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("aid_cards.id"), default=None)
    item_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("stock_items.id"), index=True)
    warehouse_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("warehouses.id"))
    quantity: Mapped[int]
    distributed_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    distributed_on: Mapped[dt.date]
    place: Mapped[str | None] = mapped_column(String(200), default=None)
    volunteer_user_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("users.id"), default=None)
    # Set when the double-distribution guard was overridden: why.
    override_reason: Mapped[str | None] = mapped_column(Text, default=None)
    # Identity of a synced distribution (offline device), so re-sync changes nothing.
    external_key: Mapped[str | None] = mapped_column(String(64), unique=True, default=None)
    # A wrong handout is cancelled, never deleted: who, when, why (stock returned, deliveries voided).
    cancelled_at: Mapped[dt.datetime | None] = mapped_column(default=None)
    cancelled_by_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("users.id"), default=None)
    cancel_reason: Mapped[str | None] = mapped_column(Text, default=None)

    household: Mapped[VictimHousehold] = relationship()
    item: Mapped[StockItem] = relationship()
    warehouse: Mapped[Warehouse] = relationship()

    @property
    def cancelled(self) -> bool:
        return self.cancelled_at is not None


class KitchenDay(UUIDPk, Timestamps, Base):
    """Public kitchen (dapur umum): meals served on a day at a shelter, and who was fed."""

    __tablename__ = "kitchen_days"
    __table_args__ = (UniqueConstraint("event_id", "shelter_id", "served_on"),
                      CheckConstraint("meals_served >= 0", name="meals_not_negative"))

    event_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("disaster_events.id"), index=True)
    shelter_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("shelters.id"), index=True)
    served_on: Mapped[dt.date]
    meals_served: Mapped[int] = mapped_column(default=0)
    victim_ids: Mapped[list[Any]] = mapped_column(default=list)
    notes: Mapped[str | None] = mapped_column(Text, default=None)

    shelter: Mapped[Shelter] = relationship()


class PsychosocialSession(UUIDPk, Timestamps, Base):
    __tablename__ = "psychosocial_sessions"

    event_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("disaster_events.id"), index=True)
    held_on: Mapped[dt.date]
    facilitator: Mapped[str] = mapped_column(String(200))
    activity: Mapped[str] = mapped_column(String(200))
    victim_ids: Mapped[list[Any]] = mapped_column(default=list)
    notes: Mapped[str | None] = mapped_column(Text, default=None)


class SpecialHandling(UUIDPk, Timestamps, Base):
    """Special handling of a vulnerable victim (infant, pregnant woman, elderly, disabled)."""

    __tablename__ = "special_handlings"

    event_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("disaster_events.id"), index=True)
    victim_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("victims.id"), index=True)
    handled_on: Mapped[dt.date]
    group: Mapped[str] = mapped_column(String(30))
    action: Mapped[str] = mapped_column(Text)

    victim: Mapped[Victim] = relationship()


class Compensation(UUIDPk, Timestamps, Base):
    """Santunan for the heirs of a victim who died."""

    __tablename__ = "compensations"
    __table_args__ = (UniqueConstraint("victim_id"), CheckConstraint("amount > 0", name="amount_positive"))

    event_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("disaster_events.id"), index=True)
    victim_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("victims.id"))
    amount: Mapped[int]  # integer rupiah
    recipient_name: Mapped[str] = mapped_column(String(200))
    recipient_relationship: Mapped[str] = mapped_column(String(60))
    recipient_nik: Mapped[str | None] = mapped_column(String(16), default=None)
    document_ref: Mapped[str] = mapped_column(String(120))
    paid_on: Mapped[dt.date]

    victim: Mapped[Victim] = relationship()
