"""Dispatch by intent type: each handler is registered for one intent class and returns a Reply.

Every feature (bot/handlers/<feature>.py) owns a `Router`; `bot.handlers.build_router` includes them all
in one place. Registering the same intent class twice, on one router or across included ones, raises
`DuplicateHandler` at start-up instead of letting the later handler silently win.
"""
from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any

from bot.outcomes import HandlerOutcome
from bot.ports import Context

Handler = Callable[[Any, Context], "Reply"]


@dataclass(frozen=True, slots=True)
class Reply:
    """What to answer on the channel the agent used; `text=None` means answer nothing."""

    text: str | None
    outcome: HandlerOutcome = HandlerOutcome.ANSWERED


class DuplicateHandler(Exception):
    """Two handlers for one intent class: the second registration is refused."""

    def __init__(self, kind: type, router: str) -> None:
        super().__init__(f"{kind.__name__} already has a handler on router {router!r}")
        self.kind = kind


class Router:
    def __init__(self, name: str = "") -> None:
        self.name = name
        self._handlers: dict[type, Handler] = {}

    def handles(self, kind: type) -> Callable[[Handler], Handler]:
        def register(fn: Handler) -> Handler:
            self._add(kind, fn)
            return fn
        return register

    def include(self, other: Router) -> Router:
        """Take every handler of `other` (a feature's router); returns self so includes can be chained."""
        for kind, fn in other.handlers.items():
            self._add(kind, fn)
        return self

    @property
    def handlers(self) -> Mapping[type, Handler]:
        return MappingProxyType(self._handlers)

    def dispatch(self, intent: object, ctx: Context, *, fallback: Handler) -> Reply:
        return self._handlers.get(type(intent), fallback)(intent, ctx)

    def _add(self, kind: type, fn: Handler) -> None:
        if kind in self._handlers:
            raise DuplicateHandler(kind, self.name)
        self._handlers[kind] = fn
