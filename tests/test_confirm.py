"""Confirm, then act (issue 15): a bare acknowledgement never takes an action; it gets one short question that
a YES answers, remembered per agent until it expires; any other reply clears it. Over the wire, both databases."""
from __future__ import annotations

from sqlalchemy import select

from store.models import PendingQuestion, Referral, ReviewItem
from tests.flows import add_agents, new_referral, outbound, reply_text, text_in
from tests.test_email import email_only_agents, gmail_reply, offer_email, settle, smtp_port, smtp_send

AGENT = "+15125550001"


async def say(client, settings, body: str) -> str | None:
    return reply_text(await (await text_in(client, settings, AGENT, body)).text())


async def statuses(store) -> list[str]:
    return await store.run(lambda s: list(s.scalars(select(Referral.status).order_by(Referral.id))))


async def test_a_bare_acknowledgement_asks_and_claims_nothing(client, store, clock, settings):
    await add_agents(store, clock, 1)
    created = await new_referral(client)
    for ack in ("k", "sounds good", "👍"):
        assert await say(client, settings, ack) == f"Claim #{created['code']}? Reply YES to confirm."
    assert await statuses(store) == ["new"] and await outbound(store, kind="contact") == []


async def test_thanks_with_nothing_open_gets_no_answer_and_no_review_item(client, store, clock, settings):
    """"Thanks!" after the contact details: nothing to confirm, nothing for a person to read."""
    await add_agents(store, clock, 1)
    for ack in ("thanks!", "k", "Gracias"):
        assert await say(client, settings, ack) is None
    assert await store.run(lambda s: list(s.scalars(select(ReviewItem)))) == []
    assert await store.run(lambda s: list(s.scalars(select(PendingQuestion)))) == []


async def test_yes_answers_the_question_asked_even_after_another_offer_arrives(client, store, clock, settings):
    await add_agents(store, clock, 1)
    first = await new_referral(client)
    assert (await say(client, settings, "ok")).startswith(f"Claim #{first['code']}?")
    await new_referral(client)  # without the question, a bare YES would now have to ask which
    assert "is yours" in await say(client, settings, "YES")
    assert await statuses(store) == ["awarded", "new"]
    assert await store.run(lambda s: list(s.scalars(select(PendingQuestion)))) == []


async def test_any_other_reply_clears_the_question(client, store, clock, settings):
    await add_agents(store, clock, 1)
    first = await new_referral(client)
    await say(client, settings, "sure")
    await say(client, settings, "who is the lender on this one?")
    second = await new_referral(client)
    answer = await say(client, settings, "YES")
    assert f"#{first['code']}" in answer and f"#{second['code']}" in answer  # asked which: nothing acted on
    assert await statuses(store) == ["new", "new"]


async def test_the_question_expires(client, store, clock, settings):
    await add_agents(store, clock, 1)
    await new_referral(client)
    await say(client, settings, "k")
    clock.advance(hours=3)
    await new_referral(client)
    assert "open offers" in await say(client, settings, "YES")
    assert await statuses(store) == ["new", "new"]


async def test_an_acknowledgement_with_several_offers_lists_them(client, store, clock, settings):
    await add_agents(store, clock, 1)
    first, second = await new_referral(client), await new_referral(client)
    answer = await say(client, settings, "👍")
    assert f"#{first['code']}" in answer and f"#{second['code']}" in answer
    assert await store.run(lambda s: list(s.scalars(select(PendingQuestion)))) == []


async def test_by_email_sounds_good_asks_and_yes_claims(client, store, clock, settings, smtp_port):
    await email_only_agents(client, store, clock, settings, 1)
    created = await new_referral(client)
    offer = await offer_email(store, 1)
    await smtp_send(smtp_port, "agent1@example.test", offer.reply_to,
                    gmail_reply(offer, "Sounds good", sender="agent1@example.test", message_id="<ack@x.test>"))
    await settle(store)
    assert await statuses(store) == ["new"]
    [question] = await outbound(store, kind="reply", channel="email")
    assert f"Claim #{created['code']}? Reply YES to confirm." in question.body
    await smtp_send(smtp_port, "agent1@example.test", offer.reply_to,
                    gmail_reply(offer, "Yes", sender="agent1@example.test", message_id="<yes@x.test>"))
    await settle(store)
    assert await statuses(store) == ["awarded"]
    assert [m.to_addr for m in await outbound(store, kind="contact")] == ["agent1@example.test"]
