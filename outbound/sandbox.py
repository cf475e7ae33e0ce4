"""Sandbox senders: used when a channel's provider credentials are unset.

The message is recorded in the message log as `sandboxed` (the worker does that from the result) and logged;
nothing leaves the machine. The `/sandbox` page shows these messages as the agent would see them.
"""
from __future__ import annotations

import structlog

from outbound.senders import OutboxItem, SendResult

log = structlog.get_logger("sandbox")


class SandboxSender:
    def __init__(self, channel: str) -> None:
        self.channel = channel

    async def send(self, item: OutboxItem) -> SendResult:
        log.info("sandboxed", channel=self.channel, to=item.recipient, kind=item.payload.get("kind"),
                 outbox_id=item.id)
        return SendResult(provider_id=f"sandbox-{self.channel}-{item.id}", status="sandboxed")
