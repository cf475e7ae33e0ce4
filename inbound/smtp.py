"""Inbound SMTP (aiosmtpd): agents' replies to our emails, accepted only at our signed reply addresses.

Like Mailman's LMTP runner, the handler refuses a bad recipient at RCPT time (550) while the sending server
is still connected, so it bounces to the sender instead of vanishing here: anything but
`reply+<token>@INBOUND_EMAIL_DOMAIN` with a good, unexpired token. A message names one reply address: a second
recipient gets 452 (the sending server delivers it in a transaction of its own), so a message is stored, and
acted on, once. A message over `MAX_EMAIL_BYTES` gets 552 from aiosmtpd itself (its `data_size_limit`, which
it also advertises as ESMTP SIZE); one over the parsing limits (`inbound.email_budget`: header block, encoded
words, MIME parts and depth) gets 554 at DATA.

DATA is acknowledged fast: the raw bytes are written in one short transaction, then `250`, and the message is
processed by a background task (parse within a time and memory budget in a child process, then act in a
second transaction: `store.inbound_email.process`). A failed try is counted and leaves the row `received`; the
recovery job (`recover_emails`, run by the scheduler) tries it again, so an accepted email is acted on once
even across a crash. After a few failed tries the row is `dead`: one short log line, and the operator sees it.
"""
from __future__ import annotations

import asyncio
from datetime import datetime

import structlog
from aiosmtpd.smtp import SMTP, Envelope
from aiosmtpd.smtp import Session as SmtpSession

from bot.clock import Clock
from inbound.email_budget import BudgetedParser, EmailLimits, EmailRefused, ParseFailed, excess
from store import inbound_email
from store.db import Store
from store.env import BotEnv, bot_env
from store.inbound_email import InboundEmailStatus
from store.settings import Settings

log = structlog.get_logger("smtp")

NO_SUCH_MAILBOX = "550 5.1.1 No such mailbox here"
NO_RECIPIENTS = "554 5.5.1 No valid recipients"
TOO_MANY_RECIPIENTS = "452 4.5.3 Too many recipients"
TOO_COMPLEX = "554 5.6.0 Message too complex to process ({excess})"
ACCEPTED = "250 2.0.0 Message accepted"
TRY_LATER = "451 4.3.0 Temporary failure, please try again later"


class ReplyHandler:
    """aiosmtpd handler: verifies recipients at RCPT, stores at DATA, processes in the background."""

    def __init__(self, settings: Settings, store: Store, clock: Clock, env: BotEnv | None = None,
                 limits: EmailLimits | None = None) -> None:
        self.settings, self.store, self.clock = settings, store, clock
        self.env = env or bot_env(settings)
        self.parser = BudgetedParser(limits)
        self.tasks: set[asyncio.Task[None]] = set()  # strong references: the loop keeps only weak ones

    async def handle_RCPT(self, server: SMTP, session: SmtpSession, envelope: Envelope, address: str,
                          rcpt_options: list[str]) -> str:
        if inbound_email.parse_reply_address(address, self.env, self.clock.now()) is None:
            log.info("recipient refused", rcpt=address, peer=str(session.peer))
            return NO_SUCH_MAILBOX
        if envelope.rcpt_tos and address not in envelope.rcpt_tos:
            return TOO_MANY_RECIPIENTS  # one reply address per message: one row, one action
        if not envelope.rcpt_tos:
            envelope.rcpt_tos.append(address)
        return "250 2.1.5 OK"

    async def handle_DATA(self, server: SMTP, session: SmtpSession, envelope: Envelope) -> str:
        if not envelope.rcpt_tos:
            return NO_RECIPIENTS
        raw, now = envelope.original_content or b"", self.clock.now()
        over = excess(raw, self.parser.limits)
        if over is not None:
            log.warning("inbound email refused", excess=str(over), size=len(raw), peer=str(session.peer))
            return TOO_COMPLEX.format(excess=over)
        try:
            email_id = await self.store.run(lambda s: inbound_email.record(
                s, mail_from=envelope.mail_from or "", rcpt_to=envelope.rcpt_tos[0], raw=raw, now=now))
        except Exception:  # the sending server keeps the message and tries again
            log.exception("could not store an inbound email")
            return TRY_LATER
        self._spawn(email_id)
        return ACCEPTED

    def _spawn(self, email_id: int) -> None:
        task = asyncio.create_task(self._process(email_id), name=f"inbound-email-{email_id}")
        self.tasks.add(task)
        task.add_done_callback(self.tasks.discard)

    async def _process(self, email_id: int) -> None:
        await process_email(self.store, self.env, email_id, now=self.clock.now(), parser=self.parser)


async def process_email(store: Store, env: BotEnv, email_id: int, *, now: datetime,
                        parser: BudgetedParser | None = None) -> str | None:
    """Parse and act on one stored email. Never raises: a failure is counted and kept for the recovery job.

    A parse that is refused or out of budget is the message's doing, not a bug here: each try is one short log
    line, no traceback. Anything else may be ours: its traceback is logged with the tries that leave the row
    waiting (MAX_ATTEMPTS - 1 at most), and the last is one line, `inbound email dead`, like the others.
    """
    try:
        raw = await store.run(lambda s: inbound_email.pending_raw(s, email_id))
        if raw is None:
            return None  # already processed
        parsed = await (parser or BudgetedParser()).parse(raw)
        outcome = await store.run(lambda s: inbound_email.process(s, email_id, parsed, env, now=now))
        log.info("inbound email processed", email_id=email_id, outcome=outcome)
        return outcome
    except EmailRefused as refused:
        await _record_failure(store, email_id, str(refused), now, final=True)
    except ParseFailed as failed:
        await _record_failure(store, email_id, str(failed), now)
    except Exception as exc:
        await _record_failure(store, email_id, f"error: {type(exc).__name__}", now, exc=exc)
    return None


async def _record_failure(store: Store, email_id: int, reason: str, now: datetime, *, final: bool = False,
                          exc: Exception | None = None) -> None:
    """Count the failed try, and say so in one line (`dead` once it has no tries left)."""
    try:
        status = await store.run(lambda s: inbound_email.record_failure(s, email_id, reason, now=now, final=final))
    except Exception as unrecorded:  # the database is away: the row stays `received`, uncounted, for later
        log.warning("could not record the failure", email_id=email_id, reason=reason,
                    error=type(unrecorded).__name__)
        return
    if status is InboundEmailStatus.DEAD:
        log.warning("inbound email dead", email_id=email_id, reason=reason)
    elif exc is not None and status is not None:
        log.error("inbound email processing failed; the recovery job will retry", email_id=email_id,
                  reason=reason, exc_info=exc)
    else:
        log.warning("inbound email processing failed; the recovery job will retry", email_id=email_id,
                    reason=reason)


async def recover_emails(store: Store, env: BotEnv, *, now: datetime, limits: EmailLimits | None = None) -> int:
    """Process every email left `received` by a crash or a failed task. Returns how many were looked at."""
    ids = await store.run(lambda s: inbound_email.due_for_recovery(s, now=now))
    parser = BudgetedParser(limits)
    for email_id in ids:
        await process_email(store, env, email_id, now=now, parser=parser)
    return len(ids)


def smtp_protocol(handler: ReplyHandler, settings: Settings) -> SMTP:
    # An explicit hostname: without one aiosmtpd calls socket.getfqdn() for every connection, on the loop.
    return SMTP(handler, data_size_limit=settings.max_email_bytes, hostname=settings.inbound_email_domain,
                enable_SMTPUTF8=True)


async def start_smtp_server(settings: Settings, store: Store, clock: Clock,
                            limits: EmailLimits | None = None) -> asyncio.AbstractServer:
    """Listen on SMTP_HOST:SMTP_PORT; the caller closes the returned server."""
    handler = ReplyHandler(settings, store, clock, limits=limits)
    loop = asyncio.get_running_loop()
    return await loop.create_server(lambda: smtp_protocol(handler, settings),
                                    host=settings.smtp_host, port=settings.smtp_port)
