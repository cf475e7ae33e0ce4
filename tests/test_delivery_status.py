"""Delivery statuses move forward only, even when the provider's reports for one message race each other."""
from __future__ import annotations

import asyncio

from sqlalchemy import select

from store import messages
from store.models import Message
from tests.flows import signed_post

MESSAGES = 30


async def sent_texts(store, clock, count: int) -> list[str]:
    """`count` outbound texts the provider has accepted (status `sending`); their MessageSids."""
    sids = [f"SMrace{n:026d}" for n in range(count)]

    def work(session):
        for n, sid in enumerate(sids):
            messages.insert_message(session, direction="out", channel="sms", to_addr=f"+1512555{n:04d}",
                                    body="offer", kind="offer", provider_id=sid, status="sending",
                                    created_at=clock.now(), updated_at=clock.now())
    await store.run(work)
    return sids


async def test_sent_and_delivered_at_once_always_end_delivered(client, store, clock, settings):
    sids = await sent_texts(store, clock, MESSAGES)

    async def report(sid: str, status: str) -> None:
        answer = await signed_post(client, settings, "/twilio/sms/status", {"MessageSid": sid, "MessageStatus": status})
        assert answer.status == 204

    both_orders = [("sent", "delivered"), ("delivered", "sent")]
    await asyncio.gather(*(report(sid, status) for n, sid in enumerate(sids) for status in both_orders[n % 2]))
    statuses = await store.run(lambda s: list(s.scalars(select(Message.status).where(Message.provider_id.in_(sids)))))
    assert statuses == ["delivered"] * MESSAGES


async def test_a_late_report_changes_nothing_but_a_final_one_replaces_an_early_one(store, clock):
    [sid] = await sent_texts(store, clock, 1)

    def report(status: str) -> str:
        async def run() -> str:
            found = await store.run(lambda s: messages.record_delivery_status(s, "sms", sid, status, now=clock.now()))
            return found.status
        return run()

    assert [await report(s) for s in ("delivered", "sent", "queued", "read", "delivered")] == \
           ["delivered", "delivered", "delivered", "read", "read"]
    assert await store.run(lambda s: messages.record_delivery_status(s, "sms", "SMnobody", "sent",
                                                                     now=clock.now())) is None
