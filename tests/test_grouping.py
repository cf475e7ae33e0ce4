"""Group commit (store/textgroup/commit.py): concurrent webhooks share a transaction, yet each acts exactly once
and a faulty one fails alone. On SQLite and PostgreSQL. (The grouped text group answering exactly like the direct
one: tests/test_textgroup_contract.py.)"""
from __future__ import annotations

import asyncio
from typing import Any

import pytest
from sqlalchemy import func, select, update
from sqlalchemy import text as text_sql

from bot.clock import FrozenClock
from bot.messages import Channel, Inbound
from bot.parser import parse_text
from bot.replies import status
from store import receipts
from store.models import Message, WebhookReceipt
from store.textgroup.commit import GroupCommit
from store.textgroup.grouped import GroupedRunner
from tests.conftest import T0
from tests.flows import add_agents, new_referral, reply_text, text_in
from tests.test_textgroup_contract import agents_offered_two_referrals, text_transaction


def first_time(key: str):
    return lambda session, _context: receipts.first_time(session, key, "test", now=T0)


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

    def faulty(session, _context):
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
    # a copy handled after the first committed is answered with the first one's stored reply, one in the same
    # group with the reply the group keeps for it; either way the claim happens once
    assert "is yours" in replies[0] and replies == [replies[0]] * 3
    inbound, logged_replies = await store.run(lambda s: [s.scalar(select(func.count()).select_from(Message).where(
        condition)) for condition in (Message.direction == "in", Message.kind == "reply")])
    assert inbound == 1 and logged_replies == 1


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


async def test_one_senders_calls_never_run_in_two_groups_at_once(store):
    class Watch:
        def __init__(self) -> None:
            self.active: list[str] = []
            self.overlaps = 0

        def key(self, item: str) -> str:
            return item

        def around(self, session, items, body):
            self.overlaps += bool(set(items) & set(self.active))
            self.active += items
            try:
                return body(None)
            finally:
                for item in items:
                    self.active.remove(item)

    watch = Watch()
    grouped = GroupCommit(store, concurrent=3, max_group=5, hooks=watch)
    senders = [f"+1512555{n % 4:04d}" for n in range(60)]  # four senders, fifteen texts each
    results = await asyncio.gather(*(grouped.run(first_time(f"s{n}"), sender) for n, sender in enumerate(senders)))
    assert results == [True] * 60 and watch.overlaps == 0


async def test_groups_side_by_side_that_write_the_same_referrals_do_not_deadlock(store, settings):
    """Group 1 declines B then awards A; group 2 declines A then awards B. Unserialised, each award would wait
    for the other group's decline (a deadlock PostgreSQL breaks after a second, and a rerun)."""
    env, (a, b) = await agents_offered_two_referrals(store, settings, 4)
    group = GroupedRunner(store, concurrent=2, max_group=2)

    def text(n: int, body: str, *, pause_first: bool = False):
        inbound = Inbound(Channel.SMS, sender=f"+1512555{n:04d}", body=body, provider_id=f"SM{n:032d}",
                          received_at=T0, recipient="+15125550000")

        def handle(session, text_group):
            if pause_first and store.dialect == "postgresql":  # both declines happen before either award
                session.execute(text_sql("SELECT pg_sleep(0.3)"))
            return text_transaction(session, text_group, inbound, parse_text(body, Channel.SMS, T0), env)
        return group.run(inbound, handle)
    handled = await asyncio.gather(text(1, f"NO {b}"), text(2, f"YES {a}", pause_first=True), text(3, f"NO {a}"),
                                   text(4, f"YES {b}", pause_first=True))
    outcomes = [h.outcome for h in handled]  # agent 3's NO: before agent 2's award commits, or after (SQLite)
    assert outcomes[:2] == ["declined", "won"] and outcomes[2] in ("declined", "decline_lost") and outcomes[3] == "won"
    assert group.transactions == 2 and group.reruns == 0


async def test_metrics_show_how_texts_are_grouped(client, store, clock, settings):
    await add_agents(store, clock, 3)
    await asyncio.gather(*(text_in(client, settings, f"+1512555{n:04d}", "HELP") for n in range(1, 4)))
    scraped = await (await client.get("/metrics")).text()
    assert 'inbound_text_groups{count="texts"} 3.0' in scraped and 'inbound_text_groups{count="reruns"} 0.0' in scraped
    transactions = next(line for line in scraped.splitlines() if line.startswith('inbound_text_groups{count="trans'))
    assert 1 <= float(transactions.split()[-1]) <= 3
