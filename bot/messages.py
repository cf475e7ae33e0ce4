"""What arrives and what leaves: channel-neutral message values shared by every layer."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from typing import Any


class Channel(StrEnum):
    SMS = "sms"
    EMAIL = "email"
    VOICE = "voice"
    WEB = "web"
    STRIPE = "stripe"


@dataclass(frozen=True, slots=True)
class Inbound:
    """A message from an agent, already verified by the inbound adapter."""

    channel: Channel
    sender: str
    body: str
    provider_id: str
    received_at: datetime
    subject: str | None = None
    recipient: str | None = None

    def __post_init__(self) -> None:
        """NUL characters are dropped: no person types them, and PostgreSQL refuses them in text."""
        for name in ("sender", "body", "provider_id", "subject", "recipient"):
            value = getattr(self, name)
            if value and "\x00" in value:
                object.__setattr__(self, name, value.replace("\x00", ""))


@dataclass(frozen=True, slots=True)
class Outgoing:
    """A message the domain wants sent; the store turns it into an outbox row and a message-log row."""

    channel: Channel
    to: str
    body: str
    dedupe_key: str
    agent_id: int | None = None
    referral_id: int | None = None
    subject: str | None = None
    html: str | None = None
    kind: str = "reply"
    urgent: bool = True
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class OutboxItem:
    """One queued outbound job as the worker hands it to a channel sender."""

    id: int
    channel: str
    recipient: str
    payload: dict[str, Any]
    attempts: int
    dedupe_key: str
    message_id: int | None = None
    agent_id: int | None = None
    referral_id: int | None = None
