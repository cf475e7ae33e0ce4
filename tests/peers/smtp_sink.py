"""An SMTP sink for outbound email tests: a real aiosmtpd server on a free loopback port, in-process.

It records every accepted envelope with the message parsed back (`policy.default`), and refuses on cue:
`refuse_rcpt[address] = "550 5.1.1 ..."` answers RCPT for that address, `data_reply = "451 ..."` answers the
end of DATA. With `credentials` set it offers AUTH PLAIN/LOGIN on plain loopback and accepts only those.

aiosmtpd's `Controller` cannot take port 0, so the sink binds a socket itself and hands it to
`loop.create_server(lambda: SMTP(handler), sock=...)` on the test's own event loop.
"""
from __future__ import annotations

import asyncio
import email
import socket
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from email import policy
from email.message import EmailMessage
from typing import Any

from aiosmtpd.smtp import SMTP, AuthResult, Envelope, LoginPassword, Session


@dataclass(frozen=True, slots=True)
class Received:
    mail_from: str
    rcpt_tos: list[str]
    data: bytes
    message: EmailMessage
    login: str | None = None


@dataclass
class SinkHandler:
    refuse_rcpt: dict[str, str] = field(default_factory=dict)
    data_reply: str | None = None
    credentials: tuple[str, str] | None = None
    received: list[Received] = field(default_factory=list)

    async def handle_RCPT(self, server: SMTP, session: Session, envelope: Envelope, address: str,
                          rcpt_options: list[str]) -> str:
        if address in self.refuse_rcpt:
            return self.refuse_rcpt[address]
        envelope.rcpt_tos.append(address)
        return "250 2.1.5 OK"

    async def handle_DATA(self, server: SMTP, session: Session, envelope: Envelope) -> str:
        if self.data_reply:
            return self.data_reply
        data = envelope.original_content or b""
        message = email.message_from_bytes(data, policy=policy.default)
        login = session.auth_data.login.decode() if isinstance(session.auth_data, LoginPassword) else None
        self.received.append(Received(envelope.mail_from or "", list(envelope.rcpt_tos), data,
                                      message, login))  # type: ignore[arg-type]
        return "250 2.0.0 Queued"

    def authenticate(self, server: SMTP, session: Session, envelope: Envelope, mechanism: str,
                     auth_data: Any) -> AuthResult:
        # A failure must say handled=False, or aiosmtpd sends nothing and the client hangs.
        ok = (isinstance(auth_data, LoginPassword) and self.credentials is not None
              and (auth_data.login.decode(), auth_data.password.decode()) == self.credentials)
        return AuthResult(success=True, auth_data=auth_data) if ok else AuthResult(success=False, handled=False)


@dataclass
class SmtpSink:
    host: str
    port: int
    handler: SinkHandler

    @property
    def received(self) -> list[Received]:
        return self.handler.received


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@asynccontextmanager
async def running_sink(handler: SinkHandler | None = None) -> AsyncIterator[SmtpSink]:
    """Serve `handler` on 127.0.0.1:<free port> until the block ends."""
    handler = handler or SinkHandler()
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind(("127.0.0.1", 0))
    loop = asyncio.get_running_loop()
    server = await loop.create_server(lambda: _smtp(handler), sock=sock)
    try:
        yield SmtpSink("127.0.0.1", sock.getsockname()[1], handler)
    finally:
        server.close()
        await server.wait_closed()


def _smtp(handler: SinkHandler) -> SMTP:
    auth: dict[str, Any] = {}
    if handler.credentials:
        auth = dict(authenticator=handler.authenticate, auth_require_tls=False)
    return SMTP(handler, hostname="sink.test", **auth)
