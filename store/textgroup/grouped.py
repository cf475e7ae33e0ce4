"""The grouped text group: the texts of one burst in one transaction (store/textgroup/commit.py runs them), with
their reads up front and their append-only writes at the end.

On PostgreSQL a group of texts costs four round trips in all, whatever its size: BEGIN; one statement that
records every message (receipt, log row) and reads each sender's agent, open and latest offers and pending
invitation (store/textgroup/statements.py); one that writes the deferred message-log rows, notes, review items
and kept replies (column arrays, unnested); COMMIT. Only writes that must be decided on the spot (an award, a
decline of an open offer, a queued message) run in between. On SQLite each message is recorded as it comes
(its statements cost microseconds) and the deferred rows go by `executemany`.

The reads are only ever used while they are right: an award forgets every agent with an offer on the referral
it awards, a decline forgets the decliner, and any other shared write (the port implementation says so before
it makes one: `shared_write`) forgets them all. The group is an object of this one transaction: nothing of it
outlives the transaction or hides in the session or the connection.

Two groups in flight side by side (PostgreSQL) must never deadlock, yet most groups write nothing another
transaction writes (receipts, log rows, notes; one sender is never in two groups at once). So a group that runs
beside others takes ONE transaction-scoped advisory lock just before its first shared write: groups that write
shared rows make those writes one group at a time, in commit order, and never wait for a lock while holding a
shared row another group could want. The rest (the recording, the reading, the answering) runs side by side.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any, TypeVar

from sqlalchemy.orm import Session

from bot.messages import Inbound
from bot.model import OfferView
from store import faults, messages, receipts, referrals, review
from store.textgroup.commit import GroupCommit
from store.textgroup.direct import DirectGroup
from store.textgroup.interface import Invitation, Recorded, TextGroup
from store.textgroup.statements import WRITE_DEFERRED, AgentReads, deferred_arrays, receipt_key, record

if TYPE_CHECKING:
    from store.db import Store

T = TypeVar("T")
GROUPS_IN_FLIGHT = 2  # PostgreSQL: while one group waits on a round trip the other runs its Python
_GROUP_WRITES_KEY = 0x52_42_47_57  # the advisory lock's key ("RBGW")


@dataclass
class Deferred:
    messages: list[dict[str, Any]] = field(default_factory=list)
    notes: list[dict[str, Any]] = field(default_factory=list)
    reviews: list[dict[str, Any]] = field(default_factory=list)
    replies: list[dict[str, Any]] = field(default_factory=list)  # (key, reply) of this group's own receipts


class GroupedGroup(DirectGroup):
    """One group's transaction: reads from what was recorded up front while they are right, appends deferred,
    the write lock taken before the first shared write when `beside_others`. What it does not answer from its
    reads it asks the database like the direct group."""

    def __init__(self, session: Session, *, beside_others: bool = False) -> None:
        super().__init__(session)
        self.deferred = Deferred()
        self.reads: dict[int, AgentReads] = {}
        self.found: dict[str, Recorded] = {}
        self._lock_needed = beside_others

    # -- recorded up front
    def begin(self, inbounds: list[Inbound]) -> None:
        if self.session.get_bind().dialect.name == "postgresql" and inbounds:
            self.found, self.reads = record(self.session, inbounds)
        else:
            self._lock_needed = False  # SQLite: one group at a time, nothing to serialise

    def recorded(self, inbound: Inbound) -> Recorded | None:
        """The first member asking for a key gets it; a second copy of the same message in the group is a repeat."""
        key = receipt_key(inbound)
        first = self.found.get(key)
        if first is not None:
            self.found[key] = Recorded(first.agent, None)
        return first

    # -- reads
    def open_offers(self, agent_id: int, now: datetime) -> list[OfferView]:
        reads = self.reads.get(agent_id)
        if reads is None:
            return super().open_offers(agent_id, now)
        return [offer for offer in reads.open if offer.expires_at > now]

    def latest_offer(self, agent_id: int) -> OfferView | None:
        reads = self.reads.get(agent_id)
        return reads.latest if reads is not None else super().latest_offer(agent_id)

    def offer_by_code(self, agent_id: int, code: str) -> OfferView | None:
        reads = self.reads.get(agent_id)
        for offer in (reads.open + ([reads.latest] if reads.latest else [])) if reads else []:
            if offer.referral.code == code.lstrip("#"):
                return offer  # else it may be an older offer: asked below
        return super().offer_by_code(agent_id, code)

    def pending_invitation(self, agent_id: int) -> Invitation | None:
        reads = self.reads.get(agent_id)
        return reads.invitation if reads is not None else super().pending_invitation(agent_id)

    # -- writes decided on the spot
    def shared_write(self, *, keeps_reads: bool = False) -> None:
        if not keeps_reads:
            self.reads.clear()
        if self._lock_needed:
            self._lock_needed = False
            _take_write_lock(self.session)

    def awarded(self, referral_id: int) -> None:
        for agent_id, reads in list(self.reads.items()):
            if referral_id in reads.referral_ids():
                del self.reads[agent_id]

    def declined(self, agent_id: int) -> None:
        self.reads.pop(agent_id, None)

    # -- appended at the end
    def note(self, row: dict[str, Any]) -> None:
        self.deferred.notes.append(row)

    def log_message(self, row: dict[str, Any]) -> None:
        self.deferred.messages.append(row)

    def review(self, row: dict[str, Any]) -> None:
        self.deferred.reviews.append(row)

    def keep_reply(self, key: str, reply: str | None) -> None:
        if reply is not None:
            self.deferred.replies.append(receipts.reply_row(key, reply))

    def kept_reply(self, key: str) -> str | None:
        kept = [row["reply"] for row in self.deferred.replies if row["key"] == key[:300]]
        return kept[-1] if kept else super().kept_reply(key)

    def end(self) -> None:
        later, session = self.deferred, self.session
        if session.get_bind().dialect.name == "postgresql":
            reviews = [{**row, "created_at": row["now"], "status": "open"} for row in later.reviews]
            WRITE_DEFERRED.rowcount(session, **deferred_arrays(later.messages, later.notes, reviews,
                                                               replies=later.replies))
            return
        receipts.write_replies(session, later.replies)
        messages.log_messages(session, later.messages)
        referrals.ADD_NOTE.many(session, later.notes)
        review.flag_many(session, later.reviews)


def _take_write_lock(session: Session) -> None:
    """The groups' advisory lock, held until the transaction ends."""
    connection = session.connection()
    cursor = connection.connection.dbapi_connection.cursor()  # type: ignore[union-attr]
    statement = f"SELECT pg_advisory_xact_lock({_GROUP_WRITES_KEY})"
    try:
        cursor.execute(statement)
    except Exception as error:  # a dead connection is invalidated, as Core would do it
        faults.raise_translated(connection, error, statement, (), cursor)


class TextHooks:
    """`GroupCommit` hooks for inbound texts (items: `Inbound`): each transaction gets its `GroupedGroup`."""

    def __init__(self, *, beside_others: bool = False) -> None:
        self.beside_others = beside_others

    def around(self, session: Session, inbounds: list[Inbound], body: Callable[[TextGroup], list[T]]) -> list[T]:
        group = GroupedGroup(session, beside_others=self.beside_others)
        group.begin(inbounds)
        results = body(group)
        group.end()
        return results

    def key(self, inbound: Inbound) -> str:
        """One sender's texts never run in two groups at once: their offers' rows would lock each other."""
        return inbound.sender


class GroupedRunner:
    """Texts in groups: one transaction per group, each text answered with its own result after the commit."""

    def __init__(self, store: Store, *, concurrent: int | None = None, max_group: int | None = None) -> None:
        if concurrent is None:
            concurrent = 1 if store.dialect == "sqlite" else GROUPS_IN_FLIGHT
        self.commit = GroupCommit(store, concurrent=concurrent, hooks=TextHooks(beside_others=concurrent > 1),
                                  **({"max_group": max_group} if max_group else {}))

    @property
    def calls(self) -> int:
        return self.commit.calls

    @property
    def transactions(self) -> int:
        return self.commit.transactions

    @property
    def reruns(self) -> int:
        return self.commit.reruns

    async def run(self, inbound: Inbound, fn: Callable[[Session, TextGroup], T]) -> T:
        return await self.commit.run(fn, inbound)
