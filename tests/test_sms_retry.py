"""Twilio retries a text whose answer never reached it: the retry is acted on no second time and gets the
reply the first delivery was given (stored with its receipt in the same transaction)."""
from __future__ import annotations

from sqlalchemy import func, select

from store.models import Message, OutboxRow, WebhookReceipt
from tests.flows import add_agents, new_referral, reply_text, text_in


async def count(store, model, *where) -> int:
    return await store.run(lambda s: s.scalar(select(func.count()).select_from(model).where(*where)))


async def test_a_retried_claim_gets_its_stored_reply_and_claims_once(client, store, clock, settings):
    await add_agents(store, clock, 2)
    await new_referral(client)
    first = reply_text(await (await text_in(client, settings, "+15125550002", "YES", sid="SMretry1")).text())
    retried = reply_text(await (await text_in(client, settings, "+15125550002", "YES", sid="SMretry1")).text())
    assert first is not None and "is yours" in first
    assert retried == first
    assert await count(store, Message, Message.direction == "in") == 1
    assert await count(store, Message, Message.kind == "reply") == 1  # the retry's answer is not logged again
    assert await count(store, OutboxRow, OutboxRow.payload["kind"].as_string() == "contact") == 1


async def test_a_retried_text_without_a_reply_stays_unanswered(client, store, clock, settings):
    await add_agents(store, clock, 1)
    await text_in(client, settings, "+15125550001", "STOP", sid="SMretry2")  # opted out: texts get no answer
    await text_in(client, settings, "+15125550001", "YES", sid="SMretry3")
    retried = await text_in(client, settings, "+15125550001", "YES", sid="SMretry3")
    assert retried.status == 200 and reply_text(await retried.text()) is None
    assert await store.run(lambda s: s.scalar(select(WebhookReceipt.reply).where(
        WebhookReceipt.key == "sms:SMretry3"))) is None
