"""Group commit (store/grouping.py): concurrent webhooks share a transaction, yet each acts exactly once and
a faulty one fails alone. On SQLite and PostgreSQL."""
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
from inbound.twilio import sms_transaction
from store import groupwork, receipts
from store import referrals as referral_store
from store.conversation import publish_referral
from store.env import bot_env
from store.grouping import GroupCommit
from store.groupwork import AgentReads, ReadCache
from store.inbound_group import InboundGroup
from store.models import Agent, HistoryNote, Message, Offer, OutboxRow, Referral, ReviewItem, WebhookReceipt
from store.rawsql import Sql
from tests.conftest import T0, truncate_all
from tests.flows import CLIENT, add_agents, new_referral, reply_text, text_in


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
    # a copy handled after the first committed is answered with the first one's stored reply; one in the same
    # group (the reply is not stored yet) gets an empty answer; either way the claim happens once
    claimed = [r for r in replies if r is not None]
    assert claimed and "is yours" in claimed[0] and set(claimed) == {claimed[0]}
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


# -- a group behaves exactly like its messages one by one ------------------------------------------
SCRIPT = [(1, "STATUS"), (1, "NO"), (1, "YES"), (2, "YES {a}"), (3, "YES"), (3, "STATUS"), (4, "what's the price?"),
          (4, "HELP"), (2, "YES"), (1, "STATUS"), (99, "YES"), (3, "NO {b}"), (5, "STATUS"), (5, "CLAIM {b}"),
          (2, "no thanks"), (4, "YES {b}"), (1, "YES")]


async def agents_offered_two_referrals(store, settings, agents: int) -> tuple[Any, list[str]]:
    """`agents` agents in one zip, each offered the same two referrals: the bot env and the two codes."""
    await add_agents(store, FrozenClock(T0), agents)
    env = bot_env(settings)

    def offer_two(session):
        made = [referral_store.create_referral(session, {"client": CLIENT, "zip": "78704", "client_type": "buyer"},
                                               now=T0) for _ in range(2)]
        for referral in made:
            publish_referral(session, referral, env, now=T0)
        return [r.code for r in made]
    return env, await store.run(offer_two)


async def run_script(store, settings, *, grouped: bool) -> tuple[list[str | None], dict[str, Any]]:
    """Two referrals offered to five agents, then SCRIPT as one group (or one by one); codes made generic."""
    await truncate_all(store)
    env, codes = await agents_offered_two_referrals(store, settings, 5)
    group = GroupCommit(store, concurrent=1, hooks=InboundGroup())

    def text(n: int, body: str, at: int):
        inbound = Inbound(Channel.SMS, sender=f"+1512555{n:04d}", body=body.format(a=codes[0], b=codes[1]),
                          provider_id=f"SM{at:032d}", received_at=T0, recipient="+15125550000")
        intent = parse_text(inbound.body, Channel.SMS, T0)
        return group.run(lambda s: sms_transaction(s, inbound, intent, env), inbound)
    if grouped:
        handled = await asyncio.gather(*(text(n, body, at) for at, (n, body) in enumerate(SCRIPT)))
        assert group.transactions == 1
    else:
        handled = [await text(n, body, at) for at, (n, body) in enumerate(SCRIPT)]
    generic = {codes[0]: "A", codes[1]: "B"}

    def plain(reply: str | None) -> str | None:
        for code, name in generic.items():
            reply = reply.replace(code, name) if reply else reply
        return reply

    def state(session):
        offers = session.scalars(select(Offer).order_by(Offer.referral_id, Offer.agent_id))
        rows = lambda model: session.scalar(select(func.count()).select_from(model))  # noqa: E731
        return {"offers": [(o.agent_id, o.status) for o in offers],
                "winners": sorted(str(r.winner_agent_id) for r in session.scalars(select(Referral))),
                "counts": [rows(Message), rows(HistoryNote), rows(ReviewItem), rows(OutboxRow)]}
    return [plain(h.reply) for h in handled], await store.run(state)


async def test_a_group_answers_and_changes_exactly_what_one_by_one_would(store, settings):
    one_by_one = await run_script(store, settings, grouped=False)
    together = await run_script(store, settings, grouped=True)
    assert together == one_by_one
    replies, state = together
    assert "#A is yours" in replies[3] and "#B is yours" in replies[4] and "already claimed" in replies[8]
    assert "isn't registered" in replies[10] and state["winners"] == ["2", "3"]
    assert sum(status == "won" for _, status in state["offers"]) == 2 and state["counts"][2] == 1  # one review


async def test_a_write_the_cache_cannot_follow_empties_it(store):
    def work(session):
        cache = ReadCache()
        cache.agents[1] = AgentReads(lambda row: row)
        session.info[groupwork.READS] = cache
        session.connection().info[groupwork.READS] = cache
        try:
            assert groupwork.cached(session, 1) is not None
            session.execute(update(Agent).where(Agent.id == -1).values(name="x"))  # a Core/ORM write
            if session.get_bind().dialect.name == "postgresql":  # the engine event (PostgreSQL groups cache)
                assert groupwork.cached(session, 1) is None
            cache.agents[1] = AgentReads(lambda row: row)
            referrals_sql = Sql("UPDATE referrals SET note = note WHERE id = -1")  # a driver-level write
            referrals_sql.rowcount(session)
            assert groupwork.cached(session, 1) is None
        finally:
            session.connection().info.pop(groupwork.READS, None)
    await store.run(work)


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
                return body()
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
    group = GroupCommit(store, concurrent=2, max_group=2, hooks=InboundGroup(beside_others=True))

    def text(n: int, body: str, *, pause_first: bool = False):
        inbound = Inbound(Channel.SMS, sender=f"+1512555{n:04d}", body=body, provider_id=f"SM{n:032d}",
                          received_at=T0, recipient="+15125550000")

        def handle(session):
            if pause_first and store.dialect == "postgresql":  # both declines happen before either award
                session.execute(text_sql("SELECT pg_sleep(0.3)"))
            return sms_transaction(session, inbound, parse_text(body, Channel.SMS, T0), env)
        return group.run(handle, inbound)
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
