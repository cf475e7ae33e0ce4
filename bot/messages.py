"""What arrives and what leaves: channel-neutral message values shared by every layer."""
from __future__ import annotations

from collections.abc import Mapping
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
class EmailHeaders:
    """An email's From, signed Reply-To and threading (store/links.py sets them; outbound/smtp_out.py writes them).

    In the outbox row's JSON payload they are the keys `from`, `reply_to`, `message_id` and `thread_id`, as they
    always were, so rows queued before these types existed read back the same."""

    sender: str | None = None      # From; the relay's default when None
    reply_to: str | None = None    # reply+<signed token>@<inbound domain>: answers come back to us
    message_id: str | None = None  # stable across retries
    thread_id: str | None = None   # In-Reply-To and References: one referral, one thread

    def to_payload(self) -> dict[str, str]:
        fields = {"from": self.sender, "reply_to": self.reply_to, "message_id": self.message_id,
                  "thread_id": self.thread_id}
        return {key: value for key, value in fields.items() if value is not None}

    @classmethod
    def from_payload(cls, payload: Mapping[str, Any]) -> EmailHeaders:
        return cls(sender=_text(payload.get("from")), reply_to=_text(payload.get("reply_to")),
                   message_id=_text(payload.get("message_id")), thread_id=_text(payload.get("thread_id")))


@dataclass(frozen=True, slots=True)
class CallSpec:
    """A call to place: the TwiML URL Twilio fetches (POST) when it is answered. Payload key `url`."""

    url: str

    def to_payload(self) -> dict[str, str]:
        return {"url": self.url}

    @classmethod
    def from_payload(cls, payload: Mapping[str, Any]) -> CallSpec | None:
        url = _text(payload.get("url"))
        return cls(url) if url else None


def _text(value: object) -> str | None:
    return str(value) if value else None


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
    email: EmailHeaders | None = None  # an email's headers beyond To and Subject
    call: CallSpec | None = None       # a voice message: the call to place
    extra: dict[str, Any] = field(default_factory=dict)  # a Stripe job's parameters (store/billing.py)

    def payload(self) -> dict[str, Any]:
        """The outbox row's JSON: what the channel's sender reads back (`EmailHeaders`, `CallSpec`, the job)."""
        payload: dict[str, Any] = {"body": self.body, "kind": self.kind, **self.extra}
        if self.email is not None:
            payload |= self.email.to_payload()
        if self.call is not None:
            payload |= self.call.to_payload()
        if self.subject is not None:
            payload["subject"] = self.subject
        if self.html is not None:
            payload["html"] = self.html
        return payload


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
    sender: str | None = None  # the pool's number this text leaves from (store/pacing.py); None: the default
    send_at: datetime | None = None  # its paced moment: the worker holds it until then


@dataclass(frozen=True, slots=True)
class SendResult:
    """What a channel sender reports for a job it delivered: the provider's id, a status, and what the store
    records from the answer (Stripe's invoice fields, say). Here, below both, because the store reads it."""

    provider_id: str
    status: str = "sent"
    extra: dict[str, Any] = field(default_factory=dict)
