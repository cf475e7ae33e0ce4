"""Inbound SMTP (aiosmtpd): agents' replies to our emails, accepted only at our signed reply addresses.

Like Mailman's LMTP runner, the handler refuses a bad recipient at RCPT time (550) while the sending server
is still connected, so it bounces to the sender instead of vanishing here: anything but
`reply+<token>@INBOUND_EMAIL_DOMAIN` with a good, unexpired token. A message over `MAX_EMAIL_BYTES` gets 552
from aiosmtpd itself (its `data_size_limit`, which it also advertises as ESMTP SIZE).

DATA is acknowledged fast: the raw bytes are written in one short transaction, then `250`, and the message is
processed by a background task (parse, then act in a second transaction: `store.inbound_email.process`). A
task that fails leaves the row `received`; the recovery job (`recover_emails`, run by the scheduler) tries
it again, so an accepted email is acted on once even across a crash.
"""
from __future__ import annotations

import asyncio
from datetime import datetime

import structlog
from aiosmtpd.smtp import SMTP, Envelope, Session as SmtpSession

from bot.clock import Clock
from inbound.email_text import parse_email
from inbound.web import bot_env
from referral_bot.settings import Settings
from store import inbound_email
from store.conversation import BotEnv
from store.db import Store

log = structlog.get_logger("smtp")

NO_SUCH_MAILBOX = "550 5.1.1 No such mailbox here"
NO_RECIPIENTS = "554 5.5.1 No valid recipients"
ACCEPTED = "250 2.0.0 Message accepted"
TRY_LATER = "451 4.3.0 Temporary failure, please try again later"


class ReplyHandler:
    """aiosmtpd handler: verifies recipients at RCPT, stores at DATA, processes in the background."""

    def __init__(self, settings: Settings, store: Store, clock: Clock, env: BotEnv | None = None) -> None:
        self.settings, self.store, self.clock = settings, store, clock
        self.env = env or bot_env(settings)
        self.tasks: set[asyncio.Task[None]] = set()  # strong references: the loop keeps only weak ones

    async def handle_RCPT(self, server: SMTP, session: SmtpSession, envelope: Envelope, address: str,
                          rcpt_options: list[str]) -> str:
        if inbound_email.parse_reply_address(address, self.env, self.clock.now()) is None:
            log.info("recipient refused", rcpt=address, peer=str(session.peer))
            return NO_SUCH_MAILBOX
        envelope.rcpt_tos.append(address)
        return "250 2.1.5 OK"

    async def handle_DATA(self, server: SMTP, session: SmtpSession, envelope: Envelope) -> str:
        if not envelope.rcpt_tos:
            return NO_RECIPIENTS
        raw, now = envelope.original_content or b"", self.clock.now()
        try:
            ids = await self.store.run(lambda s: inbound_email.record(
                s, mail_from=envelope.mail_from or "", rcpt_tos=list(envelope.rcpt_tos), raw=raw, now=now))
        except Exception:  # the sending server keeps the message and tries again
            log.exception("could not store an inbound email")
            return TRY_LATER
        for email_id in ids:
            self._spawn(email_id)
        return ACCEPTED

    def _spawn(self, email_id: int) -> None:
        task = asyncio.create_task(self._process(email_id), name=f"inbound-email-{email_id}")
        self.tasks.add(task)
        task.add_done_callback(self.tasks.discard)

    async def _process(self, email_id: int) -> None:
        await process_email(self.store, self.env, email_id, now=self.clock.now())


async def process_email(store: Store, env: BotEnv, email_id: int, *, now: datetime) -> str | None:
    """Parse and act on one stored email. Never raises: a failure is logged and kept for the recovery job."""
    try:
        raw = await store.run(lambda s: inbound_email.pending_raw(s, email_id))
        if raw is None:
            return None  # already processed
        parsed = await asyncio.to_thread(parse_email, raw)  # CPU work off the event loop (and the SQLite thread)
        outcome = await store.run(lambda s: inbound_email.process(s, email_id, parsed, env, now=now))
        log.info("inbound email processed", email_id=email_id, outcome=outcome)
        return outcome
    except Exception as exc:
        log.exception("inbound email processing failed; the recovery job will retry", email_id=email_id)
        await _record_failure(store, email_id, exc, now)
        return None


async def _record_failure(store: Store, email_id: int, exc: Exception, now: datetime) -> None:
    try:
        await store.run(lambda s: inbound_email.record_failure(s, email_id, type(exc).__name__, now=now))
    except Exception:
        log.exception("could not record the failure", email_id=email_id)


async def recover_emails(store: Store, env: BotEnv, *, now: datetime) -> int:
    """Process every email left `received` by a crash or a failed task. Returns how many were looked at."""
    ids = await store.run(lambda s: inbound_email.due_for_recovery(s, now=now))
    for email_id in ids:
        await process_email(store, env, email_id, now=now)
    return len(ids)


def smtp_protocol(handler: ReplyHandler, settings: Settings) -> SMTP:
    # An explicit hostname: without one aiosmtpd calls socket.getfqdn() for every connection, on the loop.
    return SMTP(handler, data_size_limit=settings.max_email_bytes, hostname=settings.inbound_email_domain,
                enable_SMTPUTF8=True)


async def start_smtp_server(settings: Settings, store: Store, clock: Clock) -> asyncio.AbstractServer:
    """Listen on SMTP_HOST:SMTP_PORT; the caller closes the returned server."""
    handler = ReplyHandler(settings, store, clock)
    loop = asyncio.get_running_loop()
    return await loop.create_server(lambda: smtp_protocol(handler, settings),
                                    host=settings.smtp_host, port=settings.smtp_port)
