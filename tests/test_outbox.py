"""The outbox on both databases: enqueue with dedupe, retries, dead letters, lease recovery, many workers."""
from __future__ import annotations

import asyncio
from datetime import timedelta

from sqlalchemy import select

from outbound.senders import OptedOutError, PermanentSendError, TransientSendError
from outbound.worker import Worker
from store import agents, outbox
from store.models import Message, OutboxRow
from tests.helpers import ScriptedSender, sms


def make_worker(store, clock, sender, **kw) -> Worker:
    return Worker(store, {sender.channel: sender}, clock=clock, lease_seconds=60, **kw)


async def rows(store) -> list[OutboxRow]:
    return await store.run(lambda s: list(s.scalars(select(OutboxRow).order_by(OutboxRow.id))))


async def enqueue(store, clock, *outgoing, fail: bool = False) -> list[int | None]:
    def work(session):
        ids = [outbox.enqueue(session, out, now=clock.now()) for out in outgoing]
        if fail:
            raise RuntimeError("the change failed")
        return ids
    return await store.run(work)


async def test_enqueue_dedupes_by_key_and_logs_the_message(store, clock):
    first = await enqueue(store, clock, sms("+15125550100", "hello", "k1"))
    again = await enqueue(store, clock, sms("+15125550100", "hello again", "k1"))
    assert first[0] is not None and again == [None]
    messages = await store.run(lambda s: list(s.scalars(select(Message))))
    assert [(m.direction, m.channel, m.status, m.body) for m in messages] == [("out", "sms", "queued", "hello")]


async def test_rolled_back_change_queues_nothing(store, clock):
    try:
        await enqueue(store, clock, sms("+15125550100", "x", "k1"), fail=True)
    except RuntimeError:
        pass
    assert await rows(store) == []


async def test_worker_sends_and_marks_sent(store, clock):
    sender = ScriptedSender()
    await enqueue(store, clock, sms("+15125550100", "a", "k1"), sms("+15125550101", "b", "k2"))
    assert await make_worker(store, clock, sender).drain() == 2
    assert sorted(i.payload["body"] for i in sender.sent) == ["a", "b"]
    assert {(r.status, r.provider_id is not None) for r in await rows(store)} == {("sent", True)}
    statuses = await store.run(lambda s: list(s.scalars(select(Message.status))))
    assert statuses == ["sent", "sent"]


async def test_transient_error_backs_off_then_sends(store, clock):
    sender = ScriptedSender(script={"+15125550100": [TransientSendError("429 rate limited")]})
    await enqueue(store, clock, sms("+15125550100", "a", "k1"))
    worker = make_worker(store, clock, sender)
    await worker.drain()
    [row] = await rows(store)
    assert (row.status, row.attempts, row.last_error) == ("pending", 1, "429 rate limited")
    assert row.next_attempt_at > clock.now()
    assert await worker.drain() == 0  # not due yet
    clock.advance(hours=1)
    await worker.drain()
    [row] = await rows(store)
    assert (row.status, row.attempts, len(sender.sent)) == ("sent", 2, 1)


async def test_permanent_error_dead_letters_with_reason_and_operator_retry(store, clock):
    sender = ScriptedSender(script={"+15125550100": [PermanentSendError("invalid number", code="21211")]})
    await enqueue(store, clock, sms("+15125550100", "a", "k1"))
    worker = make_worker(store, clock, sender)
    await worker.drain()
    [row] = await rows(store)
    assert row.status == "dead" and "21211" in row.last_error
    assert await store.run(lambda s: outbox.retry_dead(s, row.id, now=clock.now()))
    await worker.drain()
    [row] = await rows(store)
    assert row.status == "sent" and len(sender.sent) == 1


async def test_exhausted_attempts_become_dead_never_deleted(store, clock):
    errors = [TransientSendError("503")] * 20
    sender = ScriptedSender(script={"+15125550100": errors})
    await enqueue(store, clock, sms("+15125550100", "a", "k1"))
    worker = make_worker(store, clock, sender)
    for _ in range(12):
        await worker.drain()
        clock.advance(hours=7)
    [row] = await rows(store)
    assert row.status == "dead" and row.attempts == row.max_attempts
    assert "gave up after 8 attempts" in row.last_error and sender.sent == []


async def test_unexpected_sender_bug_is_retried_not_lost(store, clock):
    sender = ScriptedSender(script={"+15125550100": [KeyError("body")]})
    await enqueue(store, clock, sms("+15125550100", "a", "k1"))
    await make_worker(store, clock, sender).drain()
    [row] = await rows(store)
    assert row.status == "pending" and "KeyError" in row.last_error


async def test_killed_worker_row_is_recovered_after_lease(store, clock):
    hung = ScriptedSender(hang_for={"+15125550100"})
    await enqueue(store, clock, sms("+15125550100", "a", "k1"), sms("+15125550101", "b", "k2"))
    task = asyncio.create_task(make_worker(store, clock, hung, batch_size=1).run_once())
    await hung.started.wait()
    task.cancel()  # the worker dies mid-send: the row stays `sending`
    await asyncio.gather(task, return_exceptions=True)
    live = ScriptedSender()
    worker = make_worker(store, clock, live)
    await worker.drain()
    assert [i.payload["body"] for i in live.sent] == ["b"]  # still leased to the dead worker
    clock.advance(seconds=61)
    await worker.drain()
    assert sorted(i.payload["body"] for i in live.sent) == ["a", "b"]
    assert {r.status for r in await rows(store)} == {"sent"}


async def test_four_live_workers_send_each_row_exactly_once(store, clock):
    outgoing = [sms(f"+1512555{n:04d}", f"m{n}", f"k{n}") for n in range(300)]
    await enqueue(store, clock, *outgoing)
    senders = [ScriptedSender() for _ in range(4)]
    workers = [make_worker(store, clock, s, batch_size=10) for s in senders]
    await asyncio.gather(*(w.drain() for w in workers))
    sent = [i.dedupe_key for s in senders for i in s.sent]
    assert len(sent) == 300 and len(set(sent)) == 300
    assert {r.status for r in await rows(store)} == {"sent"}


async def test_worker_refuses_to_text_an_opted_out_number(store, clock):
    await store.run(lambda s: agents.create_agent(s, {"name": "A", "phone": "+15125550100", "email": "a@x.test",
                                                       "zip_codes": ["78704"]}, now=clock.now()))
    await enqueue(store, clock, sms("+15125550100", "queued before STOP", "k1"))
    await store.run(lambda s: agents.opt_out(s, "+15125550100", source="sms", now=clock.now()))
    sender = ScriptedSender()
    await make_worker(store, clock, sender).drain()
    [row] = await rows(store)
    assert sender.sent == [] and row.status == "dead" and "opted out" in row.last_error


async def test_carrier_opt_out_marks_the_agent(store, clock):
    await store.run(lambda s: agents.create_agent(s, {"name": "A", "phone": "+15125550100", "email": "a@x.test",
                                                       "zip_codes": []}, now=clock.now()))
    sender = ScriptedSender(script={"+15125550100": [OptedOutError("unsubscribed", code="21610")]})
    await enqueue(store, clock, sms("+15125550100", "a", "k1"))
    await make_worker(store, clock, sender).drain()
    agent = await store.run(lambda s: agents.by_phone(s, "+15125550100"))
    assert agent.sms_opted_out_at is not None and agent.sms_opt_out_source == "carrier"


async def test_backoff_grows_and_is_capped():
    import random
    rng = random.Random(1)
    steps = [outbox.backoff_seconds(n, rng) for n in range(1, 20)]
    assert steps[0] <= 10 and steps[3] > steps[0]
    assert max(steps) <= outbox.BACKOFF_CAP_SECONDS
    assert timedelta(seconds=steps[-1]) >= timedelta(hours=3)


async def test_a_stale_worker_cannot_undo_the_live_workers_send(store, clock):
    """Worker A hangs past its lease; B takes the row over and sends it; A's late failure must not put the
    row back to pending (it would be sent twice)."""
    await enqueue(store, clock, sms("+15125550100", "a", "k1"))
    stale = await store.run(lambda s: outbox.claim_next(s, now=clock.now(), limit=1, lease_seconds=60))
    clock.advance(seconds=61)
    live = ScriptedSender()
    await make_worker(store, clock, live).drain()
    assert len(live.sent) == 1
    status = await store.run(lambda s: outbox.schedule_retry(s, stale[0].id, "timeout", now=clock.now(),
                                                             attempts=stale[0].attempts))
    [row] = await rows(store)
    assert status == "skipped" and row.status == "sent"


async def test_a_stale_worker_cannot_mark_a_re_leased_row_sent_or_dead(store, clock):
    await enqueue(store, clock, sms("+15125550100", "a", "k1"))
    stale = await store.run(lambda s: outbox.claim_next(s, now=clock.now(), limit=1, lease_seconds=60))
    clock.advance(seconds=61)
    await store.run(lambda s: outbox.recover_stale(s, now=clock.now()))
    fresh = await store.run(lambda s: outbox.claim_next(s, now=clock.now(), limit=1, lease_seconds=60))
    assert fresh[0].attempts == stale[0].attempts + 1
    await store.run(lambda s: outbox.mark_dead(s, stale[0].id, "late", now=clock.now(), attempts=stale[0].attempts))
    await store.run(lambda s: outbox.mark_sent(s, [outbox.Sent(stale[0].id, "P-stale", attempts=stale[0].attempts)],
                                               now=clock.now()))
    [row] = await rows(store)
    assert row.status == "sending" and row.provider_id is None
    await store.run(lambda s: outbox.mark_sent(s, [outbox.Sent(fresh[0].id, "P-live", attempts=fresh[0].attempts)],
                                               now=clock.now()))
    [row] = await rows(store)
    assert (row.status, row.provider_id) == ("sent", "P-live")
