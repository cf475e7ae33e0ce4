"""Dispatch by intent type: each handler is registered for one intent class and returns a Reply."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from bot.ports import Context

Handler = Callable[[Any, Context], "Reply"]


@dataclass(frozen=True, slots=True)
class Reply:
    """What to answer on the channel the agent used; `text=None` means answer nothing."""

    text: str | None
    outcome: str = ""


class Router:
    def __init__(self) -> None:
        self._handlers: dict[type, Handler] = {}

    def handles(self, kind: type) -> Callable[[Handler], Handler]:
        def register(fn: Handler) -> Handler:
            self._handlers[kind] = fn
            return fn
        return register

    def dispatch(self, intent: object, ctx: Context, *, fallback: Handler) -> Reply:
        return self._handlers.get(type(intent), fallback)(intent, ctx)


router = Router()
