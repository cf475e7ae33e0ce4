"""OutboxPort, ReviewPort, LinksPort, CallsPort and PendingPort: the same answers and rows from the in-memory ports,
SQLite and PostgreSQL."""
from __future__ import annotations

from datetime import timedelta

from bot.intents import Claim, intent_to_json
from bot.messages import CallSpec, Channel, Outgoing
from bot.testing import BASE_URL, SECRET, T0
from bot.testing.ports import MemoryLinks

MINUTE = timedelta(minutes=1)


async def test_a_message_is_queued_once_per_dedupe_key(backend):
    agent = await backend.agent()
    first = Outgoing(Channel.SMS, agent.phone, "first", "key:1", agent_id=agent.id)
    await backend.run(T0, lambda p: [p.outbox.send(m) for m in (first, Outgoing(Channel.SMS, agent.phone, "again",
                                                                                 "key:1", agent_id=agent.id))])
    email = Outgoing(Channel.EMAIL, agent.email, "hello\n", "key:2", agent_id=agent.id, subject="Hi", kind="digest")
    await backend.run(T0, lambda p: p.outbox.send(email))
    assert (await backend.state()).outbox == [("email", agent.email, "key:2", "digest", "hello\n"),
                                              ("sms", agent.phone, "key:1", "reply", "first")]


async def test_a_flag_puts_the_message_before_a_person_with_the_reason(backend):
    agent = await backend.agent()
    await backend.run(T0, lambda p: p.review.flag("unrecognised"), agent=agent, channel=Channel.EMAIL)
    await backend.run(T0, lambda p: p.review.flag("unhandled:award"))
    assert (await backend.state()).reviews == [(agent.id, "email", "unrecognised"), (None, "sms", "unhandled:award")]


async def test_links_are_the_same_signed_links_whatever_implements_them(backend):
    referral, agent = await backend.referral(), await backend.agent()
    offer = await backend.offer(referral.id, agent.id, now=T0)
    links = await backend.run(T0, lambda p: (p.links.claim_link(offer), p.links.call_answer_url(offer),
                                             p.links.connect_call_url(offer)))
    reference = MemoryLinks(BASE_URL, SECRET)  # make_token over the same secret, offer id and expiry
    assert links == (reference.claim_link(offer), reference.call_answer_url(offer), reference.connect_call_url(offer))
    assert links[0].startswith("http://127.0.0.1:8080/r/") and "/twilio/voice/bridge?t=" in links[2]


async def test_a_call_counts_as_under_way_for_ten_minutes_after_it_was_queued(backend):
    agent, other = await backend.agent(), await backend.agent()
    call = Outgoing(Channel.VOICE, agent.phone, "Referral", "call:1", agent_id=agent.id, kind="call",
                    call=CallSpec("http://127.0.0.1:8080/twilio/voice/answer?t=x"))
    text = Outgoing(Channel.SMS, other.phone, "hi", "text:1", agent_id=other.id)
    await backend.run(T0, lambda p: (p.outbox.send(call), p.outbox.send(text)))
    at = [T0 + MINUTE, T0 + 11 * MINUTE]
    answers = await backend.run(T0, lambda p: [p.calls.call_in_progress(a, t) for a in (agent.id, other.id)
                                               for t in at])
    assert answers == [True, False, False, False]


async def test_the_newest_question_replaces_an_earlier_one(backend):
    agent = await backend.agent()
    until = T0 + timedelta(hours=2)
    await backend.run(T0, lambda p: [p.pending.ask(agent.id, intent_to_json(Claim(ref=code)), f"Claim #{code}?",
                                                   until, T0) for code in ("1001", "1002")])
    assert (await backend.state()).pending == {agent.id: "Claim #1002?"}
