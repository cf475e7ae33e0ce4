"""Two correct transactions that meet on PostgreSQL: the worker recording offer hand-offs beside a claim closing
the same referral's offers, and any transaction PostgreSQL picks as a deadlock victim.

Found by `benchmarks.claim_latency`: the worker's one UPDATE of a broadcast's offers (their hand-off time) took
the losers' rows while the claim held the winner's, each then waited for the other, and after PostgreSQL's
deadlock_timeout (1 s) one was rolled back: a webhook answered after a second, or with a 500, and a rolled-back
outcome write could send a text again. The worker now never waits on an offer (it skips the held ones and
records them after its commit, one at a time), and a deadlock victim runs again instead of failing.
"""
from __future__ import annotations

import asyncio
import os

import asyncpg
import pytest
from sqlalchemy import func, select, text

from outbound.worker import Worker
from store import referrals
from store.models import Offer, OutboxRow
from tests.flows import add_agents, new_referral
from tests.helpers import ScriptedSender

pytestmark = [pytest.mark.postgres, pytest.mark.parametrize("backend_store", ["postgres"], indirect=True)]


async def raw_connection(store) -> asyncpg.Connection:
    """A second client of the same schema, as the other process (web or worker) would be."""
    url = os.environ["TEST_DATABASE_URL"].replace("postgresql+asyncpg://", "postgresql://")
    return await asyncpg.connect(url, server_settings={"search_path": store.schema})


async def offer_ids(store, referral_id: int) -> list[int]:
    return await store.run(lambda s: list(s.scalars(
        select(Offer.id).where(Offer.referral_id == referral_id).order_by(Offer.agent_id))))


async def sent_rows(store) -> int:
    sent = select(func.count()).select_from(OutboxRow).where(OutboxRow.status == "sent")
    return await store.run(lambda s: s.scalar(sent))


async def hand_off_times(store, ids: list[int]) -> list:
    return await store.run(lambda s: [s.get(Offer, i).handed_off_at for i in ids])


async def test_recording_hand_offs_never_waits_for_an_offer_a_claim_holds(client, store, clock):
    await add_agents(store, clock, 3)
    created = await new_referral(client)
    winner, *losers = await offer_ids(store, created["id"])
    claim = await raw_connection(store)
    try:
        holding = claim.transaction()
        await holding.start()
        await claim.execute("UPDATE offers SET status = 'won' WHERE id = $1", winner)  # the claim, mid-way

        def record(session):
            session.execute(text("SET LOCAL lock_timeout = '2s'"))  # waiting would fail the test, not hang it
            return referrals.handed_off(session, [f"offer:{i}:sms" for i in (winner, *losers)], now=clock.now())

        skipped = await store.run(record)
        assert skipped == [winner]
        assert [t is not None for t in await hand_off_times(store, [winner, *losers])] == [False, True, True]
        await holding.commit()
    finally:
        await claim.close()
    await store.run(lambda s: referrals.handed_off_one(s, offer_id=winner, now=clock.now()))
    assert all(t is not None for t in await hand_off_times(store, [winner, *losers]))


async def test_the_worker_records_a_held_offers_hand_off_once_the_claim_commits(client, store, clock):
    await add_agents(store, clock, 3)
    created = await new_referral(client)
    winner, *losers = await offer_ids(store, created["id"])
    claim = await raw_connection(store)
    worker = Worker(store, {"sms": ScriptedSender("sms"), "email": ScriptedSender("email")}, clock=clock)
    try:
        holding = claim.transaction()
        await holding.start()
        await claim.execute("UPDATE offers SET status = 'won' WHERE id = $1", winner)
        draining = asyncio.create_task(worker.drain())
        async with asyncio.timeout(10):  # every offer text is recorded sent while the claim still holds one
            while await sent_rows(store) < 3:
                await asyncio.sleep(0.02)
        assert [t is not None for t in await hand_off_times(store, [winner, *losers])] == [False, True, True]
        await holding.commit()
        await asyncio.wait_for(draining, timeout=10)
    finally:
        await claim.close()
    assert all(t is not None for t in await hand_off_times(store, [winner, *losers]))


async def test_a_deadlock_victim_runs_again_and_succeeds(client, store, clock):
    """A real deadlock: this transaction takes offer A then wants B; another holds B and then wants A. This
    side's deadlock_timeout is the shorter, so PostgreSQL rolls this one back; run again, it goes through."""
    await add_agents(store, clock, 2)
    created = await new_referral(client)
    first, second = await offer_ids(store, created["id"])
    other = await raw_connection(store)
    attempts = 0
    try:
        await other.execute("SET deadlock_timeout = '10s'")
        holding = other.transaction()
        await holding.start()
        await other.execute("UPDATE offers SET status = status WHERE id = $1", second)

        async def other_wants_first() -> None:
            await asyncio.sleep(0.1)
            await other.execute("UPDATE offers SET status = status WHERE id = $1", first)
            await holding.commit()

        def both(session):
            nonlocal attempts
            attempts += 1
            session.execute(text("SET LOCAL deadlock_timeout = '400ms'"))
            session.execute(text("UPDATE offers SET status = status WHERE id = :id"), {"id": first})
            session.execute(text("UPDATE offers SET status = status WHERE id = :id"), {"id": second})
            return "done"

        other_side = asyncio.create_task(other_wants_first())
        assert await store.run_again_if_lost(both) == "done"
        await asyncio.wait_for(other_side, timeout=10)
    finally:
        await other.close()
    assert attempts == 2
