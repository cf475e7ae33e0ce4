"""Group commit (store/grouping.py): concurrent webhooks share a transaction, yet each acts exactly once and
a faulty one fails alone. On SQLite and PostgreSQL."""
from __future__ import annotations

import asyncio

import pytest
from sqlalchemy import func, select

from bot.replies import status
from store import receipts
from store.grouping import GroupCommit
from store.models import Message, WebhookReceipt
from tests.conftest import T0
from tests.flows import add_agents, new_referral, reply_text, text_in


def first_time(key: str):
    return lambda session: receipts.first_time(session, key, "test", now=T0)


async def receipt_keys(store) -> set[str]:
    return set(await store.run(lambda s: list(s.scalars(select(WebhookReceipt.key)))))


async def test_concurrent_callers_share_one_transaction_and_each_gets_its_own_result(store):
    grouped = GroupCommit(store, concurrent=1)
    results = await asyncio.gather(*(grouped.run(first_time(f"k{n}")) for n in range(40)))
    assert results == [True] * 40
    assert grouped.transactions == 1 and grouped.calls == 40
    assert await receipt_keys(store) == {f"k{n}" for n in range(40)}


async def test_a_repeat_inside_one_group_is_seen_as_a_repeat(store):
    grouped = GroupCommit(store)
    results = await asyncio.gather(*(grouped.run(first_time("same")) for _ in range(5)))
    assert sorted(results) == [False, False, False, False, True]


async def test_a_failing_call_fails_alone_and_the_others_commit(store):
    grouped = GroupCommit(store, concurrent=1)

    def faulty(session):
        receipts.first_time(session, "faulty", "test", now=T0)  # written, then rolled back with the error
        raise ValueError("bad input")

    calls = [grouped.run(first_time(f"ok{n}")) for n in range(5)] + [grouped.run(faulty)]
    results = await asyncio.gather(*calls, return_exceptions=True)
    assert results[:5] == [True] * 5
    assert isinstance(results[5], ValueError)
    assert await receipt_keys(store) == {f"ok{n}" for n in range(5)}
    assert grouped.transactions == 1 + 6  # the shared one rolled back, then each alone


async def test_a_caller_that_gives_up_does_not_hold_up_the_rest(store):
    grouped = GroupCommit(store, concurrent=1)
    impatient = asyncio.ensure_future(grouped.run(first_time("gave-up")))
    patient = [asyncio.ensure_future(grouped.run(first_time(f"p{n}"))) for n in range(3)]
    impatient.cancel()
    assert await asyncio.gather(*patient) == [True] * 3
    with pytest.raises(asyncio.CancelledError):
        await impatient
    assert {f"p{n}" for n in range(3)} <= await receipt_keys(store)


async def test_groups_in_flight_are_capped(store):
    grouped = GroupCommit(store, concurrent=2, max_group=4)
    results = await asyncio.gather(*(grouped.run(first_time(f"c{n}")) for n in range(20)))
    assert results == [True] * 20 and grouped.transactions >= 5  # never more than 4 calls in one transaction


async def test_the_same_text_delivered_twice_at_once_acts_once(client, store, clock, settings):
    await add_agents(store, clock, 1)
    await new_referral(client)
    sid = "SM" + "b" * 32
    answers = await asyncio.gather(*(text_in(client, settings, "+15125550001", "YES", sid=sid) for _ in range(3)))
    replies = [reply_text(await a.text()) for a in answers]
    assert sum(r is not None and "is yours" in r for r in replies) == 1 and replies.count(None) == 2
    inbound = await store.run(lambda s: s.scalar(select(func.count()).select_from(Message)
                                                 .where(Message.direction == "in")))
    assert inbound == 1


async def test_a_burst_of_mixed_texts_each_gets_its_own_answer(client, store, clock, settings):
    await add_agents(store, clock, 12)
    created = await new_referral(client)
    bodies = {1: "YES", 2: "STATUS", 3: "HELP", 4: "what's the price?", 5: "NO", 6: f"CLAIM {created['code']}"}
    senders = {n: bodies[(n - 1) % 6 + 1] for n in range(1, 13)}
    answers = await asyncio.gather(*(text_in(client, settings, f"+1512555{n:04d}", body)
                                     for n, body in senders.items()))
    replies = {n: reply_text(await a.text()) for n, a in zip(senders, answers)}
    claims = [replies[n] for n, body in senders.items() if body in ("YES", f"CLAIM {created['code']}")]
    assert sum("is yours" in r for r in claims) == 1
    assert all("is yours" in r or "already claimed" in r for r in claims)
    assert all("Help" in replies[n] or "support" in replies[n] for n, b in senders.items() if b == "HELP")
    statuses = {replies[n] for n, b in senders.items() if b == "STATUS"}  # before or after the winner's YES
    assert statuses <= {status([created["code"]]), status([])}
