"""The text group's interface: what one inbound text's transaction may ask of the group it runs in (see
store/textgroup/__init__.py)."""
from __future__ import annotations

from collections.abc import Callable
from typing import Any, NamedTuple, Protocol, TypeVar

from sqlalchemy.orm import Session

from bot.messages import Inbound
from bot.model import AgentView, OfferView

T = TypeVar("T")


class Recorded(NamedTuple):
    """What a grouped text's transaction recorded up front for one message."""

    agent: AgentView | None
    message_id: int | None  # None: a repeat of a message already recorded


class Invitation(NamedTuple):  # what store.exchange.pending_invitation returns
    id: int
    owner_agent_id: int


class TextGroup(Protocol):
    """The group one text's transaction runs in."""

    def recorded(self, inbound: Inbound) -> Recorded | None:
        """What was recorded for `inbound` with its whole group, or None (record it now, as usual)."""

    def open_offers(self, agent_id: int, now: Any) -> list[OfferView]: ...

    def latest_offer(self, agent_id: int) -> OfferView | None: ...

    def offer_by_code(self, agent_id: int, code: str) -> OfferView | None: ...

    def pending_invitation(self, agent_id: int) -> Invitation | None: ...

    def shared_write(self, *, keeps_reads: bool = False) -> None:
        """Called before a write another transaction could also make (an award, a decline, a queued message, any
        change of state): a grouped group takes its write lock, and forgets its reads unless `keeps_reads`."""

    def awarded(self, referral_id: int) -> None:
        """A claim awarded this referral: every offer of it read up front changed."""

    def declined(self, agent_id: int) -> None:
        """This agent declined an open offer."""

    def note(self, row: dict[str, Any]) -> None:
        """A history note (store.referrals.ADD_NOTE's parameters)."""

    def log_message(self, row: dict[str, Any]) -> None:
        """A message-log row nobody reads back in this transaction (store.messages.log_message's values)."""

    def review(self, row: dict[str, Any]) -> None:
        """A review item (store.review.INSERT_REVIEW's parameters)."""

    def keep_reply(self, key: str, reply: str | None) -> None:
        """The answer of the webhook recorded as `key` (store.receipts.keep_reply)."""

    def kept_reply(self, key: str) -> str | None:
        """The answer kept for `key` (a repeat is answered with it), also when kept in this transaction."""


class TextRunner(Protocol):
    """Runs `fn(session, group)` for one text in a committed transaction; counts what it did (/metrics)."""

    @property
    def calls(self) -> int: ...

    @property
    def transactions(self) -> int: ...

    @property
    def reruns(self) -> int: ...

    async def run(self, inbound: Inbound, fn: Callable[[Session, TextGroup], T]) -> T: ...
