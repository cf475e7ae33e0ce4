"""Inbound SMTP (aiosmtpd): accepts replies to our signed reply addresses only."""
from __future__ import annotations

import asyncio

from aiosmtpd.smtp import SMTP, Envelope, Session as SmtpSession

from bot.clock import Clock
from referral_bot.settings import Settings
from store.db import Store


class ReplyHandler:
    """Refuses at RCPT time every recipient that is not one of our reply addresses."""

    def __init__(self, settings: Settings, store: Store, clock: Clock) -> None:
        self.settings, self.store, self.clock = settings, store, clock

    async def handle_RCPT(self, server: SMTP, session: SmtpSession, envelope: Envelope, address: str,
                          rcpt_options: list[str]) -> str:
        return "550 5.1.1 No such mailbox here"

    async def handle_DATA(self, server: SMTP, session: SmtpSession, envelope: Envelope) -> str:
        return "554 5.6.0 No valid recipients"


async def start_smtp_server(settings: Settings, store: Store, clock: Clock) -> asyncio.AbstractServer:
    handler = ReplyHandler(settings, store, clock)
    loop = asyncio.get_running_loop()
    return await loop.create_server(lambda: SMTP(handler, data_size_limit=settings.max_email_bytes),
                                    host=settings.smtp_host, port=settings.smtp_port)
