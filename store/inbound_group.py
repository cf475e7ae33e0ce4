"""The inbound-text group: what `GroupCommit` runs before and after the messages of one group.

See store/groupwork.py for the cache and the deferred rows this fills and writes. On PostgreSQL a group of
texts costs four round trips in all, whatever its size: BEGIN; one statement that records every message
(receipt, log row) and reads each sender's agent, open and latest offers and pending invitation; one that
writes the deferred message-log rows, notes and review items (column arrays, unnested); COMMIT. Only
writes that must be decided on the spot (an award, a decline of an open offer, a queued email) run in
between. On SQLite each message is recorded as it comes and the deferred rows go by `executemany`.
"""
from __future__ import annotations

from collections import namedtuple
from collections.abc import Callable, Sequence
from datetime import UTC
from typing import Any, NamedTuple, TypeVar

from sqlalchemy import DateTime, Integer
from sqlalchemy.orm import Session

from bot.messages import Inbound
from store import agents as agent_store
from store import groupwork, messages, receipts, referrals
from store.groupwork import AgentReads, Deferred, ReadCache, Recorded
from store.models import HistoryNote, Message, ReviewItem
from store.ports import INSERT_REVIEW
from store.rawsql import Array, Sql

T = TypeVar("T")


class Invitation(NamedTuple):  # what store.exchange.pending_invitation returns
    id: int
    owner_agent_id: int

# An offer as the record statement returns it per agent (an anonymous ROW: asyncpg decodes it to a tuple, and
# its timestamps to naive UTC datetimes), and the row the store reads from it.
_OFFER_COLUMNS = ("o.id", "o.agent_id", "o.status", "o.channel", "o.notified_at", "o.expires_at", "r.id", "r.code",
                  "r.mode", "r.status", "r.zip_code", "r.client_type", "r.price_min", "r.price_max", "r.timeline",
                  "r.price_cents", "r.winner_agent_id", "r.awarded_at", "r.last_update_at", "r.sender_agent_id",
                  "r.fee_percent", "r.selected_agent_id")
OfferRow = namedtuple("OfferRow", "id agent_id status channel notified_at expires_at r_id code mode r_status zip_code "
                                  "client_type price_min price_max timeline price_cents winner_agent_id awarded_at "
                                  "last_update_at sender_agent_id fee_percent selected_agent_id")
_TIMES = tuple(OfferRow._fields.index(f) for f in ("notified_at", "expires_at", "awarded_at", "last_update_at"))

_RECORD = Sql(f"""
WITH input AS (SELECT * FROM unnest(CAST(:keys AS text[]), CAST(:phones AS text[]), CAST(:tos AS text[]),
                                    CAST(:bodies AS text[]), CAST(:sids AS text[]), CAST(:ats AS timestamp[]))
                        WITH ORDINALITY AS t(key, phone, to_addr, body, provider_id, at, n)),
     first AS (SELECT DISTINCT ON (key) * FROM input ORDER BY key, n),
     agent AS (SELECT {agent_store.VIEW_COLUMNS} FROM agents WHERE phone IN (SELECT phone FROM input)),
     receipt AS (INSERT INTO webhook_receipts (key, source, received_at)
                 SELECT key, :channel, at FROM first ORDER BY n ON CONFLICT (key) DO NOTHING RETURNING key),
     msg AS (INSERT INTO messages (direction, channel, to_addr, from_addr, body, provider_id, status, agent_id,
                                   created_at, updated_at)
             SELECT 'in', :channel, f.to_addr, f.phone, f.body, f.provider_id, 'received', agent.id, f.at, f.at
             FROM first f LEFT JOIN agent ON agent.phone = f.phone
             WHERE f.key = ANY(ARRAY(SELECT key FROM receipt)) ORDER BY f.n
             RETURNING id, provider_id),
     agent_offers AS (SELECT o.agent_id,
                             array_agg({{offer}} ORDER BY o.notified_at, o.id)
                               FILTER (WHERE o.status = 'open' AND o.expires_at > CAST(:now AS timestamp)
                                       AND r.status IN ('new', 'accepted')) AS open_offers,
                             (array_agg({{offer}} ORDER BY o.notified_at DESC, o.id DESC))[1] AS latest_offer
                      FROM offers o JOIN referrals r ON r.id = o.referral_id
                      WHERE o.agent_id IN (SELECT id FROM agent) GROUP BY o.agent_id)
SELECT i.key, i.provider_id,
       CASE WHEN i.n = 1 THEN ARRAY(SELECT id FROM msg ORDER BY id) END AS message_ids,
       CASE WHEN i.n = 1 THEN ARRAY(SELECT provider_id FROM msg ORDER BY id) END AS message_sids,
       invitation.id AS invitation_id, invitation.owner_agent_id, ao.open_offers, ao.latest_offer, agent.*
FROM input i LEFT JOIN agent ON agent.phone = i.phone LEFT JOIN agent_offers ao ON ao.agent_id = agent.id
     LEFT JOIN LATERAL (SELECT id, owner_agent_id FROM network_links
                        WHERE member_agent_id = agent.id AND status = 'pending'
                        ORDER BY id LIMIT 1) AS invitation ON true
ORDER BY i.n
""".replace("{offer}", "ROW(" + ", ".join(_OFFER_COLUMNS) + ")"),
    agent_store.VIEW_TYPES, private=True)




# The deferred rows of a whole group, three tables, one statement (PostgreSQL: column arrays, unnested).
_DEFERRED_TABLES = (("m", Message.__table__), ("n", HistoryNote.__table__), ("r", ReviewItem.__table__))


def _array_type(column: Any) -> str:
    if isinstance(column.type, Integer):
        return "integer[]"
    kind = getattr(column.type, "impl", column.type)  # UTCDateTime decorates DateTime
    return "timestamp[]" if isinstance(kind, DateTime) else "text[]"


def _unnest_insert(prefix: str, table: Any) -> str:
    columns = [c for c in table.columns if c.name != "id"]
    arrays = ", ".join(f"CAST(:{prefix}_{c.name} AS {_array_type(c)})" for c in columns)
    return (f"{prefix} AS (INSERT INTO {table.name} ({', '.join(c.name for c in columns)}) "
            f"SELECT * FROM unnest({arrays}))")


# ... and the replies kept with the group's own receipts (store/receipts.py), in the same statement.
_KEEP_REPLIES = ("x AS (UPDATE webhook_receipts SET reply = u.reply FROM unnest(CAST(:x_key AS text[]), "
                 "CAST(:x_reply AS text[])) AS u(key, reply) WHERE webhook_receipts.key = u.key)")
_WRITE_DEFERRED = Sql("WITH " + ", ".join([*(_unnest_insert(p, t) for p, t in _DEFERRED_TABLES), _KEEP_REPLIES])
                      + " SELECT 1", private=True)


def deferred_arrays(*rows_per_table: list[dict[str, Any]],
                    replies: Sequence[dict[str, Any]] = ()) -> dict[str, Array]:
    params = {"x_key": Array(row["key"] for row in replies), "x_reply": Array(row["reply"] for row in replies)}
    for (prefix, table), rows in zip(_DEFERRED_TABLES, rows_per_table):
        for column in table.columns:
            if column.name != "id":
                params[f"{prefix}_{column.name}"] = Array(row[column.name] for row in rows)
    return params


class InboundGroup:
    """`GroupCommit` hooks for inbound texts (items: `Inbound`). `beside_others`: groups may overlap (then
    each takes the groups' write lock before its first shared write: see store/groupwork.py)."""

    def __init__(self, *, beside_others: bool = False) -> None:
        self.beside_others = beside_others

    def around(self, session: Session, inbounds: list[Inbound], body: Callable[[], list[T]]) -> list[T]:
        """begin, the members' functions, end; the cache never outlives the group on the pooled connection."""
        try:
            self.begin(session, inbounds)
            results = body()
            self.end(session)
            return results
        finally:
            connection = session.connection()
            if not connection.invalidated:  # a connection lost mid-group takes its info with it
                connection.info.pop(groupwork.READS, None)
                connection.info.pop(groupwork.WRITE_LOCK, None)

    def key(self, inbound: Inbound) -> str:
        """One sender's texts never run in two groups at once: their offers' rows would lock each other."""
        return inbound.sender

    def begin(self, session: Session, inbounds: list[Inbound]) -> None:
        session.info[groupwork.WRITES] = Deferred()
        if session.get_bind().dialect.name != "postgresql" or not inbounds:
            return
        if self.beside_others:
            groupwork.expect_shared_writes(session.connection())
        found, cache = record(session, inbounds)
        session.info[groupwork.RECORDED] = found
        if cache.agents:
            session.info[groupwork.READS] = cache
            session.connection().info[groupwork.READS] = cache  # for the engine event: see groupwork

    def end(self, session: Session) -> None:
        later: Deferred = session.info.pop(groupwork.WRITES)
        session.info.pop(groupwork.READS, None)
        session.info.pop(groupwork.RECORDED, None)
        reviews = [{**review, "created_at": review["now"], "status": "open"} for review in later.reviews]
        if session.get_bind().dialect.name == "postgresql":
            _WRITE_DEFERRED.rowcount(session, **deferred_arrays(later.messages, later.notes, reviews,
                                                                replies=later.replies))
            return
        receipts.write_replies(session, later.replies)
        messages.write_deferred(session, later.messages)
        referrals.ADD_NOTE.many(session, later.notes)
        INSERT_REVIEW.many(session, later.reviews)


def record(session: Session, inbounds: list[Inbound]) -> tuple[dict[str, Recorded], ReadCache]:
    """Every message's receipt and log row; its sender's agent, their open and latest offers and their oldest
    pending network invitation: one statement (a key twice: the first copy is recorded). The offers come
    as arrays of rows per agent, so one result set carries everything."""
    rows = _RECORD.rows(session, channel=str(inbounds[0].channel), now=min(i.received_at for i in inbounds),
                        keys=Array(groupwork.receipt_key(i) for i in inbounds),
                        phones=Array(i.sender for i in inbounds), tos=Array(i.recipient or "" for i in inbounds),
                        bodies=Array(i.body for i in inbounds), sids=Array(i.provider_id for i in inbounds),
                        ats=Array(i.received_at for i in inbounds))
    found: dict[str, Recorded] = {}
    cache = ReadCache()
    logged = dict(zip(rows[0].message_sids, rows[0].message_ids)) if rows else {}  # (on the first row only)
    for row in rows:
        agent = agent_store.view_of_row(row) if row.id is not None else None
        if row.key not in found:  # a key twice: its first copy was recorded (if it was new)
            found[row.key] = Recorded(agent, logged.get(row.provider_id))
        if agent is not None and agent.id not in cache.agents:
            cache.agents[agent.id] = AgentReads(
                referrals.offer_of_row,
                Invitation(row.invitation_id, row.owner_agent_id) if row.invitation_id else None,
                [offer_row(item) for item in row.open_offers or ()],
                offer_row(row.latest_offer) if row.latest_offer else None)
    return found, cache


def offer_row(values: tuple[Any, ...]) -> OfferRow:
    """One offer from its ROW: timestamps are stored naive UTC (see store.models.UTCDateTime)."""
    row = list(values)
    for index in _TIMES:
        if row[index] is not None:
            row[index] = row[index].replace(tzinfo=UTC)
    return OfferRow(*row)
