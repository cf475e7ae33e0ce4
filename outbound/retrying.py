"""Retry inside one outbox attempt: tenacity re-runs a provider call on transient errors only, a few quick
times with exponential waits; longer outages are the worker's job (`schedule_retry` across attempts). A rate
limit is never retried here: the worker throttles the row (`outbox.throttle`) and holds its sender back.

Each adapter passes its own `translate`, which turns a provider exception into the sender port's
TransientSendError or PermanentSendError, so the worker never sees an SDK exception.
"""
from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import TypeVar

from tenacity import AsyncRetrying, retry_if_exception, stop_after_attempt, wait_exponential

from outbound.senders import PermanentSendError, RateLimitedError, TransientSendError

T = TypeVar("T")
Translate = Callable[[Exception], Exception]


async def retry_transient(call: Callable[[], Awaitable[T]], *, translate: Translate, attempts: int = 3,
                          wait: float = 0.5, passthrough: tuple[type[BaseException], ...] = ()) -> T:
    """Await `call()` with translated errors; retry transient ones, then re-raise the last of them.
    `passthrough` exceptions are raised as they are (the caller handles them itself)."""
    raised_as_they_are: tuple[type[BaseException], ...] = (TransientSendError, PermanentSendError, *passthrough)
    retrying = AsyncRetrying(retry=retry_if_exception(_again_now), stop=stop_after_attempt(attempts),
                             wait=wait_exponential(multiplier=wait, max=wait * 8), reraise=True)
    async for attempt in retrying:
        with attempt:
            try:
                return await call()
            except raised_as_they_are:
                raise
            except Exception as exc:  # the worker must never see an SDK or network exception
                raise translate(exc) from exc
    raise AssertionError("unreachable: tenacity re-raises the last error")


def _again_now(exc: BaseException) -> bool:
    """A transient error is tried again within the attempt, except "slow down": hammering makes it worse."""
    return isinstance(exc, TransientSendError) and not isinstance(exc, RateLimitedError)
