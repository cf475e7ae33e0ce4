"""The inbound-text group: what `GroupCommit` runs before and after the messages of one group.

See store/groupwork.py for the cache and the deferred rows this fills and writes. `begin` on PostgreSQL:
three statements for the whole group (record everything and read the senders' agents; their offers; their
pending invitations). `end` on both stores: the deferred message-log rows, notes and review items, each
table in one `executemany`.
"""
from __future__ import annotations

from datetime import datetime
from typing import Any, Callable, NamedTuple, TypeVar

from sqlalchemy import DateTime, Integer
from sqlalchemy.orm import Session

from bot.messages import Inbound
from store import agents as agent_store
from store import groupwork, messages, referrals
from store.groupwork import AgentReads, Deferred, ReadCache, Recorded
from store.models import HistoryNote, Message, ReviewItem
from store.ports import INSERT_REVIEW
from store.rawsql import Array, Sql

T = TypeVar("T")


class Invitation(NamedTuple):  # what store.exchange.pending_invitation returns
    id: int
    owner_agent_id: int

_RECORD = Sql(f"""
WITH input AS (SELECT * FROM unnest(CAST(:keys AS text[]), CAST(:phones AS text[]), CAST(:tos AS text[]),
                                    CAST(:bodies AS text[]), CAST(:sids AS text[]), CAST(:ats AS timestamp[]))
                        WITH ORDINALITY AS t(key, phone, to_addr, body, provider_id, at, n)),
     first AS (SELECT * FROM input i WHERE i.n = (SELECT min(x.n) FROM input x WHERE x.key = i.key)),
     agent AS (SELECT {agent_store.VIEW_COLUMNS} FROM agents WHERE phone IN (SELECT phone FROM input)),
     receipt AS (INSERT INTO webhook_receipts (key, source, received_at)
                 SELECT key, :channel, at FROM first ORDER BY n ON CONFLICT (key) DO NOTHING RETURNING key),
     msg AS (INSERT INTO messages (direction, channel, to_addr, from_addr, body, provider_id, status, agent_id,
                                   created_at, updated_at)
             SELECT 'in', :channel, f.to_addr, f.phone, f.body, f.provider_id, 'received', agent.id, f.at, f.at
             FROM first f JOIN receipt r ON r.key = f.key LEFT JOIN agent ON agent.phone = f.phone ORDER BY f.n
             RETURNING id, provider_id)
SELECT i.key, msg.id AS message_id, invitation.id AS invitation_id, invitation.owner_agent_id, agent.*
FROM input i LEFT JOIN first f ON f.n = i.n LEFT JOIN msg ON msg.provider_id = f.provider_id
     LEFT JOIN agent ON agent.phone = i.phone
     LEFT JOIN LATERAL (SELECT id, owner_agent_id FROM network_links
                        WHERE member_agent_id = agent.id AND status = 'pending' ORDER BY id LIMIT 1) AS invitation ON true
ORDER BY i.n
""", keeps_reads=True, **agent_store.VIEW_TYPES)

_OFFERS = Sql(f"""
SELECT 'open' AS kind, q.* FROM ({referrals.OFFER_ROWS}
    WHERE o.agent_id = ANY(CAST(:agents AS integer[])) AND o.status = 'open' AND o.expires_at > :now
      AND r.status IN ('new', 'accepted')) AS q
UNION ALL
SELECT 'latest' AS kind, l.* FROM (SELECT DISTINCT ON (o.agent_id) {referrals.OFFER_ROWS[len("SELECT "):]}
    WHERE o.agent_id = ANY(CAST(:agents AS integer[])) ORDER BY o.agent_id, o.notified_at DESC, o.id DESC) AS l
ORDER BY kind, notified_at, id
""", **referrals.OFFER_TYPES)



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


_WRITE_DEFERRED = Sql("WITH " + ", ".join(_unnest_insert(p, t) for p, t in _DEFERRED_TABLES) + " SELECT 1",
                      keeps_reads=True)


def deferred_arrays(*rows_per_table: list[dict[str, Any]]) -> dict[str, Array]:
    params = {}
    for (prefix, table), rows in zip(_DEFERRED_TABLES, rows_per_table):
        for column in table.columns:
            if column.name != "id":
                params[f"{prefix}_{column.name}"] = Array(row[column.name] for row in rows)
    return params


class InboundGroup:
    """`GroupCommit` hooks for inbound texts (items: `Inbound`)."""

    def around(self, session: Session, inbounds: list[Inbound], body: Callable[[], list[T]]) -> list[T]:
        """begin, the members' functions, end; the cache never outlives the group on the pooled connection."""
        try:
            self.begin(session, inbounds)
            results = body()
            self.end(session)
            return results
        finally:
            session.connection().info.pop(groupwork.READS, None)

    def key(self, inbound: Inbound) -> str:
        """One sender's texts never run in two groups at once: their offers' rows would lock each other."""
        return inbound.sender

    def begin(self, session: Session, inbounds: list[Inbound]) -> None:
        session.info[groupwork.WRITES] = Deferred()
        if session.get_bind().dialect.name != "postgresql" or not inbounds:
            return
        found, invitations = record(session, inbounds)
        session.info[groupwork.RECORDED] = found
        if invitations:
            cache = read_agents(session, invitations, groupwork.received_at_least(inbounds))
            session.info[groupwork.READS] = cache
            session.connection().info[groupwork.READS] = cache  # for the engine event: see groupwork

    def end(self, session: Session) -> None:
        later: Deferred = session.info.pop(groupwork.WRITES)
        session.info.pop(groupwork.READS, None)
        session.info.pop(groupwork.RECORDED, None)
        reviews = [{**review, "created_at": review["now"], "status": "open"} for review in later.reviews]
        if session.get_bind().dialect.name == "postgresql":
            _WRITE_DEFERRED.rowcount(session, **deferred_arrays(later.messages, later.notes, reviews))
            return
        messages.write_deferred(session, later.messages)
        referrals.ADD_NOTE.many(session, later.notes)
        INSERT_REVIEW.many(session, later.reviews)


def record(session: Session, inbounds: list[Inbound]) -> tuple[dict[str, Recorded], dict[int, Any]]:
    """Every message's receipt and log row, its sender's agent and their oldest pending network invitation,
    in one statement (a key twice: the first copy is recorded)."""
    rows = _RECORD.rows(session, channel=str(inbounds[0].channel),
                        keys=Array(groupwork.receipt_key(i) for i in inbounds),
                        phones=Array(i.sender for i in inbounds), tos=Array(i.recipient or "" for i in inbounds),
                        bodies=Array(i.body for i in inbounds), sids=Array(i.provider_id for i in inbounds),
                        ats=Array(i.received_at for i in inbounds))
    found: dict[str, Recorded] = {}
    invitations: dict[int, Any] = {}
    for row in rows:
        agent = agent_store.view_of_row(row) if row.id is not None else None
        if row.key not in found or row.message_id is not None:  # a key twice: the copy that was recorded
            found[row.key] = Recorded(agent, row.message_id)
        if agent is not None:
            invitations[agent.id] = Invitation(row.invitation_id, row.owner_agent_id) if row.invitation_id else None
    return found, invitations


def read_agents(session: Session, invitations: dict[int, Any], now: datetime) -> ReadCache:
    """Each agent's open offers and latest offer in one statement, kept as rows until a handler asks."""
    cache = ReadCache()
    for agent_id, invitation in invitations.items():
        cache.agents[agent_id] = AgentReads(referrals.offer_of_row, invitation=invitation)
    for row in _OFFERS.rows(session, agents=Array(sorted(invitations)), now=now):
        reads = cache.agents[row.agent_id]
        if row.kind == "open":
            reads.open_rows.append(row)
        else:
            reads.latest_row = row
    return cache
