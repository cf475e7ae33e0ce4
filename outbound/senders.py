"""The sender port: what the worker hands a channel adapter, and the two ways a send can fail.

The worker never sees a provider SDK exception: each adapter translates its provider's errors into
`TransientSendError` (try again later) or `PermanentSendError` (give up and record why).
"""
from __future__ import annotations

from typing import Protocol

from bot.messages import OutboxItem, SendResult

__all__ = ["OptedOutError", "OutboxItem", "PermanentSendError", "RateLimitedError", "SendResult", "Sender",
           "TransientSendError"]


class TransientSendError(Exception):
    """The provider may accept this later: rate limits, 5xx, timeouts."""


class RateLimitedError(TransientSendError):
    """The provider says "slow down" (Twilio 429 / 20429): not a failure of the message. Never retried at once,
    never counted as an attempt: the row waits a moment and its sender number is held back (store/pacing.py)."""


class PermanentSendError(Exception):
    """The provider will never accept this: invalid number, bad request."""

    def __init__(self, message: str, *, code: str | None = None) -> None:
        super().__init__(message)
        self.code = code


class OptedOutError(PermanentSendError):
    """The recipient unsubscribed at the carrier (Twilio 21610); the agent must be marked opted out."""


class Sender(Protocol):
    channel: str

    async def send(self, item: OutboxItem) -> SendResult: ...
