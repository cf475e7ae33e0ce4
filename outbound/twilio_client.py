"""The Twilio REST client both Twilio senders share, and how Twilio's failures map onto the sender port.

`make_twilio_client` builds the official SDK client on its asyncio HTTP client and points its `api` domain at a
configurable host, so tests drive the real SDK against a local peer (Prism, or a scripted fake).
`translate_twilio_error` turns an SDK or transport exception into `TransientSendError` (try again later) or
`PermanentSendError` / `OptedOutError` (give up), and `retry_transient` retries the transient ones a few times
within one outbox attempt before the worker's own backoff takes over.
"""
from __future__ import annotations

import asyncio
import base64
from collections.abc import Awaitable, Callable
from typing import TypeVar

import aiohttp
from twilio.base.exceptions import TwilioException
from twilio.http.async_http_client import AsyncTwilioHttpClient
from twilio.http.response import Response
from twilio.rest import Client

from outbound import retrying
from outbound.senders import OptedOutError, PermanentSendError, RateLimitedError, TransientSendError

T = TypeVar("T")

DEFAULT_API_BASE = "https://api.twilio.com"
OPTED_OUT = "21610"         # "Attempt to send to unsubscribed recipient": the carrier-level STOP list
RATE_LIMITED = "20429"      # "Too Many Requests": slow down, whatever HTTP status carries it
RETRYABLE_STATUS = frozenset({408})


class _AsyncHttpClient(AsyncTwilioHttpClient):
    """The SDK's aiohttp client with three quirks fixed.

    - Its constructor opens an `aiohttp.ClientSession`, which needs a running event loop; we open the
      session lazily on the first request instead, so the client can be built anywhere.
    - Every generated `create_async` passes `timeout=None`, which aiohttp reads as "no timeout at all", and the
      SDK never substitutes its own `timeout` setting: a stalled connection would hang the worker. We do.
    - It passes credentials as `aiohttp.BasicAuth`, which current aiohttp deprecates (a DeprecationWarning on
      every request); we send the same `Authorization` header ourselves.
    """

    session: aiohttp.ClientSession | None  # the SDK's constructor leaves it unannotated; here it opens lazily

    async def request(self, method: str, url: str, params: dict[str, object] | None = None,
                      data: dict[str, object] | None = None, headers: dict[str, str] | None = None,
                      auth: tuple[str, str] | None = None, timeout: float | None = None,
                      allow_redirects: bool = False) -> Response:
        if self.session is None:
            self.session = aiohttp.ClientSession(trace_configs=self.trace_configs)
        if auth is not None:
            headers = {**(headers or {}), "Authorization": _basic_auth(*auth)}
        return await super().request(method, url, params=params, data=data, headers=headers,
                                     timeout=timeout or self.timeout, allow_redirects=allow_redirects)


def _basic_auth(username: str, password: str) -> str:
    return "Basic " + base64.b64encode(f"{username}:{password}".encode()).decode("ascii")


def make_twilio_client(account_sid: str, auth_token: str, api_base: str | None = None, *,
                       timeout: float = 15.0) -> Client:
    """A Twilio client on aiohttp whose `api.twilio.com` host is replaced by `api_base` (host only, no path).

    twilio 9.x has no constructor option or environment variable for the base URL; the supported hook is
    the `base_url` attribute of the `Api` domain, which every version (`v2010`) builds its URLs from.
    `environment={}` keeps stray TWILIO_EDGE / TWILIO_REGION variables from rewriting that host.
    """
    http_client = _AsyncHttpClient(pool_connections=False, timeout=timeout)
    client = Client(account_sid, auth_token, http_client=http_client, environment={})
    client.api.base_url = (api_base or DEFAULT_API_BASE).rstrip("/")
    return client


async def close_twilio_client(client: Client) -> None:
    """Close the client's HTTP session, if it opened one."""
    await client.http_client.close()


def translate_twilio_error(exc: BaseException) -> Exception:
    """Map a Twilio SDK or transport exception onto the sender port's errors."""
    if isinstance(exc, (TransientSendError, PermanentSendError)):
        return exc
    if isinstance(exc, TwilioException) and hasattr(exc, "status"):
        return _from_rest_error(exc)
    if isinstance(exc, (aiohttp.ClientError, asyncio.TimeoutError, ConnectionError)):
        return TransientSendError(f"twilio unreachable: {type(exc).__name__}: {exc}")
    return PermanentSendError(f"twilio client error: {type(exc).__name__}: {exc}")


def _from_rest_error(exc: TwilioException) -> Exception:
    """An error answer from the API: TwilioRestException, or TwilioServiceException (RFC 9457 bodies)."""
    status = int(getattr(exc, "status", 0) or 0)
    code = str(getattr(exc, "code", None) or status)
    message = f"twilio {status} error {code}: {getattr(exc, 'msg', None) or exc}"
    if code == OPTED_OUT:
        return OptedOutError(message, code=code)
    if code == RATE_LIMITED or status == 429:
        return RateLimitedError(message)
    if status in RETRYABLE_STATUS or status >= 500:
        return TransientSendError(message)
    return PermanentSendError(message, code=code)


def provider_status(status: object) -> str:
    """Twilio's status of a created resource as a plain string; "queued" when the answer had none."""
    # The SDK gives a str-valued enum (MessageInstance.Status, CallInstance.Status) or None.
    return str(getattr(status, "value", status) or "queued")


async def retry_transient(call: Callable[[], Awaitable[T]], *, attempts: int = 3, wait: float = 0.5) -> T:
    """The shared in-attempt retry with Twilio's error translation."""
    return await retrying.retry_transient(call, translate=translate_twilio_error, attempts=attempts, wait=wait)
