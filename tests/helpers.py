"""Small helpers shared by tests: a scripted sender and queue shortcuts."""
from __future__ import annotations

import asyncio
from collections import defaultdict
from collections.abc import Iterable

from bot.messages import Channel, Outgoing
from outbound.senders import OutboxItem, SendResult


class ScriptedSender:
    """Records every send; per recipient, raises the scripted exceptions in order, then succeeds."""

    def __init__(self, channel: str = "sms", script: dict[str, list[Exception]] | None = None,
                 hang_for: set[str] | None = None) -> None:
        self.channel = channel
        self.script = defaultdict(list, {k: list(v) for k, v in (script or {}).items()})
        self.hang_for = hang_for or set()
        self.sent: list[OutboxItem] = []
        self.started = asyncio.Event()

    async def send(self, item: OutboxItem) -> SendResult:
        self.started.set()
        if item.recipient in self.hang_for:
            await asyncio.sleep(3600)
        if self.script[item.recipient]:
            raise self.script[item.recipient].pop(0)
        self.sent.append(item)
        return SendResult(provider_id=f"P{item.id}")


def sms(to: str, body: str, key: str, **kw: object) -> Outgoing:
    return Outgoing(channel=Channel.SMS, to=to, body=body, dedupe_key=key, **kw)  # type: ignore[arg-type]


def bodies(items: Iterable[OutboxItem]) -> list[str]:
    return [i.payload["body"] for i in items]
