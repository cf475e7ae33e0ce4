"""The grouped text group's two statements on PostgreSQL: one records a whole group of texts and reads what its
senders' texts will need; one writes the rows the group deferred (see store/textgroup/grouped.py)."""
from __future__ import annotations

from collections import namedtuple
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC
from typing import Any

from sqlalchemy import DateTime, Integer
from sqlalchemy.orm import Session

from bot.messages import Inbound
from bot.model import OfferView
from store import agents as agent_store
from store import referrals
from store.models import HistoryNote, Message, ReviewItem
from store.sql import Array, Sql
from store.textgroup.interface import Invitation, Recorded


@dataclass
class AgentReads:
    """One agent's offers as read at the start of the group (rows until a handler asks: most never do)."""

    view_of: Callable[[Any], OfferView]  # a row as the bot's OfferView (store.referrals.offer_of_row)
    invitation: Invitation | None = None  # the oldest pending network invitation
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
    agent_store.VIEW_TYPES)




# The deferred rows of a whole group, three tables, one statement (PostgreSQL: column arrays, unnested).
_DEFERRED_TABLES = (("m", Message.__table__), ("n", HistoryNote.__table__), ("r", ReviewItem.__table__))
# Columns a deferred row never sets: an operator's resolution of a review item comes later (store/review.py).
_NOT_DEFERRED = {"review_items": frozenset({"resolution", "resolved_by", "resolved_at", "note", "label",
                                            "referral_id"})}


def _deferred_columns(table: Any) -> list[Any]:
    skip = _NOT_DEFERRED.get(table.name, frozenset())
    return [c for c in table.columns if c.name != "id" and c.name not in skip]


def _array_type(column: Any) -> str:
    if isinstance(column.type, Integer):
        return "integer[]"
    kind = getattr(column.type, "impl", column.type)  # UTCDateTime decorates DateTime
    return "timestamp[]" if isinstance(kind, DateTime) else "text[]"


def _unnest_insert(prefix: str, table: Any) -> str:
    columns = _deferred_columns(table)
    arrays = ", ".join(f"CAST(:{prefix}_{c.name} AS {_array_type(c)})" for c in columns)
    return (f"{prefix} AS (INSERT INTO {table.name} ({', '.join(c.name for c in columns)}) "
            f"SELECT * FROM unnest({arrays}))")


# ... and the replies kept with the group's own receipts (store/receipts.py), in the same statement.
_KEEP_REPLIES = ("x AS (UPDATE webhook_receipts SET reply = u.reply FROM unnest(CAST(:x_key AS text[]), "
                 "CAST(:x_reply AS text[])) AS u(key, reply) WHERE webhook_receipts.key = u.key)")
WRITE_DEFERRED = Sql("WITH " + ", ".join([*(_unnest_insert(p, t) for p, t in _DEFERRED_TABLES), _KEEP_REPLIES])
                      + " SELECT 1")


def deferred_arrays(*rows_per_table: list[dict[str, Any]],
                    replies: Sequence[dict[str, Any]] = ()) -> dict[str, Array]:
    params = {"x_key": Array(row["key"] for row in replies), "x_reply": Array(row["reply"] for row in replies)}
    for (prefix, table), rows in zip(_DEFERRED_TABLES, rows_per_table):
        for column in _deferred_columns(table):
            params[f"{prefix}_{column.name}"] = Array(row[column.name] for row in rows)
    return params


def record(session: Session, inbounds: list[Inbound]) -> tuple[dict[str, Recorded], dict[int, AgentReads]]:
    """Every message's receipt and log row; its sender's agent, their open and latest offers and their oldest
    pending network invitation: one statement (a key twice: the first copy is recorded). The offers come
    as arrays of rows per agent, so one result set carries everything."""
    rows = _RECORD.rows(session, channel=str(inbounds[0].channel), now=min(i.received_at for i in inbounds),
                        keys=Array(receipt_key(i) for i in inbounds),
                        phones=Array(i.sender for i in inbounds), tos=Array(i.recipient or "" for i in inbounds),
                        bodies=Array(i.body for i in inbounds), sids=Array(i.provider_id for i in inbounds),
                        ats=Array(i.received_at for i in inbounds))
    found: dict[str, Recorded] = {}
    cache: dict[int, AgentReads] = {}
    logged = dict(zip(rows[0].message_sids, rows[0].message_ids)) if rows else {}  # (on the first row only)
    for row in rows:
        agent = agent_store.view_of_row(row) if row.id is not None else None
        if row.key not in found:  # a key twice: its first copy was recorded (if it was new)
            found[row.key] = Recorded(agent, logged.get(row.provider_id))
        if agent is not None and agent.id not in cache:
            invitation = Invitation(row.invitation_id, row.owner_agent_id) if row.invitation_id else None
            cache[agent.id] = AgentReads(
                referrals.offer_of_row, invitation,
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


def receipt_key(inbound: Inbound) -> str:
    return f"{inbound.channel}:{inbound.provider_id}"[:300]
