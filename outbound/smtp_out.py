"""Send an outbox row as an email through an SMTP relay (`SMTP_URL`), with aiosmtplib.

`smtp://user:pass@host:port` connects in plain text and upgrades with STARTTLS when the relay offers it;
`smtps://` speaks TLS from the first byte (port 465). The payload already carries the From, the signed
Reply-To (`reply+<token>@INBOUND_EMAIL_DOMAIN`), a Message-ID derived from the dedupe key (so a retried send
is the same message to the recipient's server) and the referral's thread id, which goes into `In-Reply-To`
and `References` so that every email about one referral stays one conversation in the agent's mail client.

Errors leave this module only as the sender port's exceptions: a 5xx refusal of this message (sender,
recipient, content) is permanent; 4xx answers, dropped connections and timeouts are transient. A 5xx from
the relay as a whole (greeting, HELO, AUTH) is a configuration problem, not this message's, and is retried
too, so that fixing the setting delivers the queue instead of killing it.
"""
from __future__ import annotations

import hashlib
import html
import ssl
from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import format_datetime, parseaddr
from typing import Any
from urllib.parse import unquote, urlsplit

import aiosmtplib

from bot.clock import Clock, SystemClock
from bot.headers import SUBJECT_MAX, header_text
from bot.messages import EmailHeaders
from outbound import retrying
from outbound.senders import OutboxItem, PermanentSendError, SendResult, TransientSendError

DEFAULT_PORTS = {"smtp": 587, "smtps": 465}  # submission ports: what relays (SES, Postmark, Mailgun) expect
HTML_TEMPLATE = ('<!doctype html>\n<html><body style="font-family: sans-serif; font-size: 15px; '
                 'line-height: 1.4;">\n<p>{body}</p>\n</body></html>\n')
# Relay-wide refusals: the relay would refuse every message the same way until the settings are fixed.
RELAY_ERRORS = (aiosmtplib.SMTPConnectResponseError, aiosmtplib.SMTPHeloError, aiosmtplib.SMTPAuthenticationError)


@dataclass(frozen=True, slots=True)
class SmtpRelay:
    """Where and how to submit mail, parsed from `SMTP_URL`."""

    hostname: str
    port: int
    username: str | None = None
    password: str | None = None
    implicit_tls: bool = False  # smtps://


def parse_smtp_url(url: str) -> SmtpRelay:
    """`smtp://user:pass@host:port` or `smtps://...`; user and password may be percent-encoded."""
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    if scheme not in DEFAULT_PORTS or not parts.hostname:
        raise ValueError("SMTP_URL must look like smtp://user:pass@host:port or smtps://user:pass@host:port")
    return SmtpRelay(hostname=parts.hostname, port=parts.port or DEFAULT_PORTS[scheme],
                     username=unquote(parts.username) if parts.username else None,
                     password=unquote(parts.password) if parts.password is not None else None,
                     implicit_tls=scheme == "smtps")


class SmtpEmailSender:
    channel = "email"

    def __init__(self, relay: SmtpRelay, *, timeout: float = 30.0, default_from: str = "",
                 clock: Clock | None = None, tls_context: ssl.SSLContext | None = None,
                 retry_wait: float = 0.5) -> None:
        self._relay, self._timeout, self._default_from = relay, timeout, default_from
        self._retry_wait = retry_wait
        self._clock = clock or SystemClock()
        self._tls_context = tls_context  # an ssl.SSLContext for relays with a private CA (and tests)

    async def send(self, item: OutboxItem) -> SendResult:
        """Submit the message; the provider id is its Message-ID (what bounces and replies refer to)."""
        message = self.build_message(item)
        await retrying.retry_transient(
            lambda: aiosmtplib.send(message, sender=parseaddr(str(message["From"]))[1], recipients=[item.recipient],
                                    **self._connection()), translate=translate_any, wait=self._retry_wait)
        return SendResult(provider_id=str(message["Message-ID"]), status="sent")

    def _connection(self) -> dict[str, Any]:
        relay = self._relay
        return dict(hostname=relay.hostname, port=relay.port, username=relay.username, password=relay.password,
                    use_tls=relay.implicit_tls, start_tls=False if relay.implicit_tls else None,
                    timeout=self._timeout, tls_context=self._tls_context)

    def build_message(self, item: OutboxItem) -> EmailMessage:
        """The RFC 5322 message for one outbox row: text part plus an HTML alternative."""
        payload = item.payload
        body = payload.get("body") or ""
        if not body and not payload.get("html"):
            raise PermanentSendError(f"outbox item {item.id} has no email body", code="no_body")
        try:
            message = EmailMessage()
            self._set_headers(message, item)
            message.set_content(body)
            message.add_alternative(payload.get("html") or text_to_html(body), subtype="html")
        except (ValueError, TypeError) as exc:  # a header with a line break, a malformed address
            raise PermanentSendError(f"cannot build the email: {exc}", code="bad_message") from exc
        return message

    def _set_headers(self, message: EmailMessage, item: OutboxItem) -> None:
        """Every value passes `header_text`: subjects and names come from input, and a line break in one would
        be an injected header (or, refused by the standard library, a reply that is never sent)."""
        headers = EmailHeaders.from_payload(item.payload)
        sender = header_text(headers.sender or self._default_from)
        message["From"] = sender
        message["To"] = header_text(item.recipient)
        message["Subject"] = header_text(item.payload.get("subject") or "", SUBJECT_MAX)
        message["Date"] = format_datetime(self._clock.now())
        message["Message-ID"] = header_text(headers.message_id or stable_message_id(item.dedupe_key, sender))
        if headers.reply_to:
            message["Reply-To"] = header_text(headers.reply_to)
        if headers.thread_id:
            message["In-Reply-To"] = header_text(headers.thread_id)
            message["References"] = header_text(headers.thread_id)
        # RFC 3834: responders must not answer auto-generated mail, which spares us most out-of-office loops;
        # Exchange ignores it and reads its own header instead.
        message["Auto-Submitted"] = "auto-generated"
        message["X-Auto-Response-Suppress"] = "OOF, AutoReply"


def stable_message_id(dedupe_key: str, sender: str) -> str:
    """A Message-ID that is the same on every retry of one outbox row (for rows without one in the payload)."""
    domain = parseaddr(sender)[1].rpartition("@")[2] or "referral-bot.invalid"
    return f"<{hashlib.sha256(dedupe_key.encode()).hexdigest()[:24]}@{domain}>"


def text_to_html(text: str) -> str:
    """The plain text as minimal HTML: escaped, line breaks kept."""
    escaped = html.escape(text).replace("\r\n", "\n").replace("\n", "<br>\n")
    return HTML_TEMPLATE.format(body=escaped)


def translate_any(exc: Exception) -> Exception:
    if isinstance(exc, aiosmtplib.SMTPException):
        return translate_error(exc)
    if isinstance(exc, (OSError, TimeoutError)):  # refused or unreachable before aiosmtplib wrapped it
        return TransientSendError(f"cannot reach the SMTP relay: {exc}")
    return PermanentSendError(f"unexpected {type(exc).__name__}: {exc}")


def translate_error(exc: aiosmtplib.SMTPException) -> Exception:
    """aiosmtplib's exception as the sender port's: permanent for a 5xx refusal of this message."""
    code = _refusal_code(exc)
    if code is not None and 500 <= code < 600 and not isinstance(exc, RELAY_ERRORS):
        return PermanentSendError(f"relay refused the message: {code} {_refusal_text(exc)}", code=str(code))
    if code is not None:
        return TransientSendError(f"relay answered {code} {_refusal_text(exc)}")
    return TransientSendError(f"{type(exc).__name__}: {exc}")


def _refusal_code(exc: aiosmtplib.SMTPException) -> int | None:
    if isinstance(exc, aiosmtplib.SMTPRecipientsRefused):
        # One recipient per message here; with several, retry unless every refusal is permanent.
        codes = [r.code for r in exc.recipients]
        return min(codes) if codes else None
    return exc.code if isinstance(exc, aiosmtplib.SMTPResponseException) else None


def _refusal_text(exc: aiosmtplib.SMTPException) -> str:
    if isinstance(exc, aiosmtplib.SMTPRecipientsRefused):
        return "; ".join(f"{r.recipient}: {r.message}" for r in exc.recipients)
    return getattr(exc, "message", str(exc))


__all__ = ["SmtpEmailSender", "SmtpRelay", "parse_smtp_url", "text_to_html", "translate_error"]
