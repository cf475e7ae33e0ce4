"""What a group of inbound texts reads up front and writes at the end, so a burst costs a few statements in
all instead of a few per message (see store/grouping.py for the group itself).

`InboundGroup.begin` runs first in the group's transaction. On PostgreSQL it records every message of the
group in ONE statement (receipts, message log rows) which also reads each sender's agent, open offers,
latest offer and any pending network invitation. Those reads live in a `ReadCache` on the session, which the
store's read functions consult before they query. `end` writes what was deferred: the
replies logged, the history notes and the review items (append-only rows nothing in the group reads back).

The cache is only ever used while it is right:
* a claim forgets every agent with an offer on the referral it awards, a decline forgets the decliner;
* any other write in the transaction empties it: an ORM or Core statement (engine event
  `before_cursor_execute`) or a driver-level `Sql` write not marked `keeps_reads`;
* it belongs to one session: a later transaction on the same pooled connection never sees it.
SQLite records each message as it comes (its statements cost microseconds); deferral works on both stores.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy.orm import Session

from bot.messages import Inbound
from bot.model import AgentView, OfferView
from store import faults

READS, WRITES, RECORDED = "referral_bot.reads", "referral_bot.deferred", "referral_bot.recorded"


# -- reads ---------------------------------------------------------------------------------------
@dataclass
class AgentReads:
    """One agent's offers as read at the start of the group (rows until a handler asks: most never do)."""

    view_of: Callable[[Any], OfferView]  # a row as the bot's OfferView (store.referrals.offer_of_row)
    invitation: Any = None  # (id, owner_agent_id) of the oldest pending invitation, or None
    open_rows: list[Any] = field(default_factory=list)  # status open, referral new/accepted; not expiry-filtered
    latest_row: Any = None
    _views: tuple[list[OfferView], OfferView | None] | None = None

    @property
    def open(self) -> list[OfferView]:
        return self._offer_views()[0]

    @property
    def latest(self) -> OfferView | None:
        return self._offer_views()[1]

    def referral_ids(self) -> set[int]:
        rows = self.open_rows + ([self.latest_row] if self.latest_row is not None else [])
        return {row.r_id for row in rows}

    def _offer_views(self) -> tuple[list[OfferView], OfferView | None]:
        if self._views is None:
            latest = self.view_of(self.latest_row) if self.latest_row is not None else None
            self._views = [self.view_of(row) for row in self.open_rows], latest
        return self._views


class ReadCache:
    def __init__(self) -> None:
        self.agents: dict[int, AgentReads] = {}

    def clear(self) -> None:
        self.agents.clear()

    def forget_agent(self, agent_id: int) -> None:
        self.agents.pop(agent_id, None)

    def forget_referral(self, referral_id: int) -> None:
        """Everyone whose cached offers include this referral: an award changed all of them."""
        for agent_id, reads in list(self.agents.items()):
            if referral_id in reads.referral_ids():
                del self.agents[agent_id]


def cached(session: Session, agent_id: int) -> AgentReads | None:
    cache: ReadCache | None = session.info.get(READS)
    return cache.agents.get(agent_id) if cache else None


def forget_agent(session: Session, agent_id: int) -> None:
    cache: ReadCache | None = session.info.get(READS)
    if cache:
        cache.forget_agent(agent_id)


def forget_referral(session: Session, referral_id: int) -> None:
    cache: ReadCache | None = session.info.get(READS)
    if cache:
        cache.forget_referral(referral_id)


def written(session: Session) -> None:
    """A write the cache cannot follow: drop everything it holds."""
    cache: ReadCache | None = session.info.get(READS)
    if cache:
        cache.clear()


def on_cursor_execute(conn: Any, cursor: Any, statement: str, parameters: Any, context: Any,
                      executemany: bool) -> None:
    """Engine event: an ORM or Core write in a group empties its read cache and takes the write lock."""
    if READS not in conn.info and WRITE_LOCK not in conn.info:
        return
    if statement.lstrip()[:6].upper() == "SELECT" and "FOR UPDATE" not in statement.upper():
        return
    cache: ReadCache | None = conn.info.get(READS)
    if cache is not None:
        cache.clear()
    take_write_lock(conn)


# -- groups in flight side by side -------------------------------------------------------------------
# Two groups in flight must never deadlock, yet most groups write nothing another transaction writes (they
# add receipts, log rows, notes; one sender is never in two groups at once). So a group takes ONE
# transaction-scoped advisory lock just before its first write that is not private (an award, a decline,
# a queued email, any ORM or Core write, a SELECT ... FOR UPDATE): groups that write shared rows run those
# writes one group at a time, in commit order, and a group never waits for a lock while holding a shared
# row another group could want. The rest (the recording, the reading, the answering) runs side by side.
WRITE_LOCK = "referral_bot.write_lock"  # in conn.info while a group may still need to take the lock
_GROUP_WRITES_KEY = 0x52_42_47_57  # the advisory lock's key ("RBGW")


def expect_shared_writes(connection: Any) -> None:
    """This group runs beside another: take the write lock before its first shared write."""
    connection.info[WRITE_LOCK] = True


def take_write_lock(connection: Any) -> None:
    """The groups' advisory lock, once per transaction, if this group runs beside others (else a no-op)."""
    if connection.info.pop(WRITE_LOCK, None):
        cursor = connection.connection.dbapi_connection.cursor()  # straight on the driver: no event again
        statement = f"SELECT pg_advisory_xact_lock({_GROUP_WRITES_KEY})"
        try:
            cursor.execute(statement)
        except Exception as error:  # a dead connection is invalidated, as Core would do it
            faults.raise_translated(connection, error, statement, (), cursor)


# -- deferred writes -----------------------------------------------------------------------------
@dataclass
class Deferred:
    messages: list[dict[str, Any]] = field(default_factory=list)
    notes: list[dict[str, Any]] = field(default_factory=list)
    reviews: list[dict[str, Any]] = field(default_factory=list)
    replies: list[dict[str, Any]] = field(default_factory=list)  # (key, reply) of this group's own receipts


def deferred(session: Session) -> Deferred | None:
    """Where append-only rows go while a group runs (None outside one: write them at once)."""
    return session.info.get(WRITES)


def write_or_defer(session: Session, table: str, statement: Any, row: dict[str, Any]) -> None:
    """Append `row` to the group's deferred `table` ("messages", "notes", "reviews", "replies"), or, outside a group,
    write it now with `statement` (an `Sql` insert taking the row's keys)."""
    later = deferred(session)
    if later is not None:
        getattr(later, table).append(row)
    else:
        statement.rowcount(session, **row)


# -- recorded up front ---------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class Recorded:
    agent: AgentView | None
    message_id: int | None  # None: a repeat of a message already recorded


def recorded(session: Session, inbound: Inbound) -> Recorded | None:
    """What `begin` recorded for this message, or None when it did not (SQLite, or outside a group). The
    first member asking for a key gets it; a second copy of the same message in the group is a repeat."""
    found: dict[str, Recorded] | None = session.info.get(RECORDED)
    key = receipt_key(inbound)
    if found is None or key not in found:
        return None
    first = found[key]
    found[key] = Recorded(first.agent, None)
    return first


def receipt_key(inbound: Inbound) -> str:
    return f"{inbound.channel}:{inbound.provider_id}"[:300]
