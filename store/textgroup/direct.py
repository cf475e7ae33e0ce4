"""The direct text group: a text on its own in its transaction. Every read is a query, every write happens at once,
and there is nothing to lock (see store/textgroup/__init__.py)."""
from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING, Any, TypeVar

from sqlalchemy.orm import Session

from bot.messages import Inbound
from bot.model import OfferView
from store import exchange, messages, receipts, referrals, review
from store.textgroup.interface import Invitation, Recorded, TextGroup

if TYPE_CHECKING:
    from store.db import Store

T = TypeVar("T")


class DirectGroup:
    """Plain statements over one session."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def recorded(self, inbound: Inbound) -> Recorded | None:
        return None

    def open_offers(self, agent_id: int, now: datetime) -> list[OfferView]:
        return referrals.open_offers(self.session, agent_id, now=now)

    def latest_offer(self, agent_id: int) -> OfferView | None:
        return referrals.latest_offer(self.session, agent_id)

    def offer_by_code(self, agent_id: int, code: str) -> OfferView | None:
        return referrals.offer_by_code(self.session, agent_id, code)

    def pending_invitation(self, agent_id: int) -> Invitation | None:
        row = exchange.pending_invitation(self.session, agent_id)
        return Invitation(row.id, row.owner_agent_id) if row is not None else None

    def shared_write(self, *, keeps_reads: bool = False) -> None:
        return None

    def awarded(self, referral_id: int) -> None:
        return None

    def declined(self, agent_id: int) -> None:
        return None

    def note(self, row: dict[str, Any]) -> None:
        referrals.ADD_NOTE.rowcount(self.session, **row)

    def log_message(self, row: dict[str, Any]) -> None:
        messages.log_message(self.session, **row)

    def review(self, row: dict[str, Any]) -> None:
        review.flag(self.session, row)

    def keep_reply(self, key: str, reply: str | None) -> None:
        receipts.keep_reply(self.session, key, reply)

    def kept_reply(self, key: str) -> str | None:
        return receipts.stored_reply(self.session, key)


class DirectRunner:
    """Each text in a transaction of its own."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.calls = self.transactions = self.reruns = 0

    async def run(self, inbound: Inbound, fn: Callable[[Session, TextGroup], T]) -> T:
        self.calls += 1
        self.transactions += 1
        return await self.store.run(lambda session: fn(session, DirectGroup(session)))
