"""Sandbox senders: used when a channel's provider credentials are unset.

The message is recorded in the message log as `sandboxed` (the worker does that from the result) and logged;
nothing leaves the machine. The `/sandbox` page shows these messages as the agent would see them.
"""
from __future__ import annotations

from datetime import timedelta

import structlog

from bot.clock import Clock, SystemClock
from bot.tokens import make_token
from outbound.senders import OutboxItem, SendResult

log = structlog.get_logger("sandbox")


class SandboxSender:
    def __init__(self, channel: str) -> None:
        self.channel = channel

    async def send(self, item: OutboxItem) -> SendResult:
        log.info("sandboxed", channel=self.channel, to=item.recipient, kind=item.payload.get("kind"),
                 outbox_id=item.id)
        return SendResult(provider_id=f"sandbox-{self.channel}-{item.id}", status="sandboxed")


class SandboxStripeSender:
    """Stripe without an API key: invoices are local. The hosted link opens our /sandbox/invoice page, whose
    Pay button sends the service the same signed `invoice.paid` event Stripe would, through the real webhook.
    Balance charges succeed at once, as a card on file would."""

    channel = "stripe"

    def __init__(self, public_base_url: str, secret_key: str, clock: Clock | None = None) -> None:
        self.base, self.secret, self.clock = public_base_url.rstrip("/"), secret_key, clock or SystemClock()

    async def send(self, item: OutboxItem) -> SendResult:
        payload, op = item.payload, item.payload.get("op")
        log.info("sandboxed", channel="stripe", op=op, outbox_id=item.id)
        if op in ("send_invoice", "charge_balance"):
            ref = int(payload["invoice_ref"])
            token = make_token(self.secret, "invoice", ref, self.clock.now() + timedelta(days=90))
            extra = {"customer_id": payload.get("customer_id") or f"cus_sandbox_{payload['agent']['id']}",
                     "hosted_invoice_url": f"{self.base}/sandbox/invoice/{token}", "invoice_id": f"in_sandbox_{ref}"}
            status = "paid" if op == "charge_balance" else "sandboxed"
            return SendResult(provider_id=f"in_sandbox_{ref}", status=status, extra=extra)
        return SendResult(provider_id=f"sandbox-{op}-{item.id}", status="sandboxed")
