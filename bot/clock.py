"""Time is a parameter: handlers take `now`; processes take a clock so tests can move time."""
from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Protocol


class Clock(Protocol):
    def now(self) -> datetime: ...


class SystemClock:
    def now(self) -> datetime:
        return datetime.now(UTC)


class FrozenClock:
    """A clock for tests: stands still until moved."""

    def __init__(self, at: datetime) -> None:
        self._at = at

    def now(self) -> datetime:
        return self._at

    def advance(self, **delta: float) -> datetime:
        self._at += timedelta(**delta)
        return self._at

    def set(self, at: datetime) -> None:
        self._at = at
