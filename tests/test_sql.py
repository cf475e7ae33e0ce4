"""Hot statements on the driver (store/sql.py) store and read exactly what the ORM does, on both stores."""
from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import select

from store import agents
from store.models import Agent, OutboxRow
from store.sql import DATE, DATETIME, JSON_VALUE, Sql
from tests.conftest import T0
from tests.flows import agent_fields

INSERT_OUTBOX = Sql("INSERT INTO outbox (channel, recipient, payload, status, attempts, max_attempts, "
                    "next_attempt_at, dedupe_key, agent_id, created_at, updated_at) VALUES ('sms', :to, :payload, "
                    "'pending', 0, 8, :at, :key, :agent, :at, :at) RETURNING id, payload, next_attempt_at",
                    payload=JSON_VALUE, next_attempt_at=DATETIME)


async def test_values_written_on_the_driver_read_back_the_same_through_the_orm(store):
    payload = {"body": "Référence #1234 ✓", "kind": "offer", "n": [1, 2.5, None]}
    written = await store.run(lambda s: INSERT_OUTBOX.first(s, to="+15125550001", payload=payload, at=T0,
                                                            key="k1", agent=None))
    assert written.payload == payload and written.next_attempt_at == T0 and written.next_attempt_at.tzinfo
    row = await store.run(lambda s: s.get(OutboxRow, written.id))
    assert (row.payload, row.next_attempt_at, row.agent_id, row.recipient) == (payload, T0, None, "+15125550001")


async def test_values_written_by_the_orm_read_back_the_same_on_the_driver(store):
    def work(session):
        agent = agents.create_agent(session, agent_fields(1), now=T0)
        agent.paused_from, agent.paused_until = date(2026, 12, 1), date(2026, 12, 24)
        agent.sms_opted_out_at, agent.pricing = T0 + timedelta(minutes=5), {"plan": "per_award", "cents": 2500}
        session.flush()
        return agents.view_by_phone(session, agent.phone), session.get(Agent, agent.id)
    view, orm = await store.run(work)
    assert (view.paused_from, view.paused_until) == (orm.paused_from, orm.paused_until)
    assert view.sms_opted_out and view.pricing == orm.pricing and view.client_types == tuple(orm.client_types)
    read = Sql("SELECT sms_opted_out_at, paused_until FROM agents WHERE id = :id", sms_opted_out_at=DATETIME,
               paused_until=DATE)
    found = await store.run(lambda s: read.first(s, id=orm.id))
    assert found == (T0 + timedelta(minutes=5), date(2026, 12, 24))


async def test_a_name_used_twice_is_one_parameter_and_rowcount_counts(store):
    await store.run(lambda s: [INSERT_OUTBOX.first(s, to=f"+1512555000{n}", payload={}, at=T0, key=f"k{n}",
                                                   agent=None) for n in range(3)])
    touch = Sql("UPDATE outbox SET updated_at = :at, next_attempt_at = :at WHERE recipient != :to")
    assert await store.run(lambda s: touch.rowcount(s, at=T0 + timedelta(hours=1), to="+15125550000")) == 2
    rows = await store.run(lambda s: list(s.scalars(select(OutboxRow).order_by(OutboxRow.id))))
    assert [r.next_attempt_at for r in rows] == [T0, T0 + timedelta(hours=1), T0 + timedelta(hours=1)]


async def test_a_statement_without_rows_reads_as_empty(store):
    nothing = Sql("SELECT id FROM outbox WHERE dedupe_key = :key")
    assert await store.run(lambda s: (nothing.rows(s, key="none"), nothing.first(s, key="none"),
                                      nothing.scalar(s, key="none"))) == ([], None, None)
