"""Fair and fast delivery: texts are paced per sender number at TWILIO_MPS and spread over the pool, in the order
they were queued; Twilio's 429 is "slow down", never a lost or dead text; a Messaging Service queues them itself.
Driven through the real worker and the real Twilio SDK against the fake (which enforces a rate per sender) and
Prism (Twilio's spec)."""
from __future__ import annotations

from collections import Counter
from collections.abc import AsyncIterator
from datetime import timedelta

import pytest
from sqlalchemy import select
from twilio.rest import Client

from bot.clock import SystemClock
from outbound.senders import OutboxItem
from outbound.twilio_client import close_twilio_client, make_twilio_client
from outbound.twilio_sms import TwilioSmsSender
from outbound.worker import Worker
from referral_bot.wiring import sender_pool
from store import outbox, pacing
from store.models import OutboxRow, SenderSlot
from store.settings import Settings, SettingsError
from tests.conftest import T0
from tests.helpers import sms
from tests.peers.fake_twilio import ACCEPTED, FakeTwilio, twilio_error
from tests.peers.twilio_peers import TEST_ACCOUNT_SID, TEST_AUTH_TOKEN, PeerUrl

POOL = ("+15125550100", "+15125550101")
SERVICE = "MG" + "0" * 32


@pytest.fixture
async def twilio(fake_twilio: FakeTwilio) -> AsyncIterator[Client]:
    fake_twilio.reset()
    client = make_twilio_client(TEST_ACCOUNT_SID, TEST_AUTH_TOKEN, fake_twilio.base_url)
    yield client
    await close_twilio_client(client)


def texts(count: int, start: int = 0) -> list[str]:
    return [f"+1512557{n:04d}" for n in range(start, start + count)]


async def queue(store, clock, recipients: list[str]) -> None:
    await store.run(lambda s: [outbox.enqueue(s, sms(to, "New referral", f"pace:{to}"), now=clock.now(),
                                              max_attempts=1) for to in recipients])


async def taken(store, pool: pacing.SenderPool, now, limit: int = 50) -> list[OutboxItem]:
    def work(session):
        items = outbox.claim_next(session, now=now, limit=limit, lease_seconds=120)
        return pacing.assign(session, pool, items, now=now)
    return await store.run(work)


async def rows(store) -> list[OutboxRow]:
    return await store.run(lambda s: list(s.scalars(select(OutboxRow).order_by(OutboxRow.id))))


# -- the slots ---------------------------------------------------------------------------------
async def test_texts_are_spread_over_the_pool_one_slot_per_number_every_1_over_mps_in_queue_order(store, clock):
    await queue(store, clock, texts(6))
    pool = pacing.SenderPool(POOL, mps=2)
    items = await taken(store, pool, clock.now())
    assert [i.recipient for i in items] == texts(6)  # the order they were queued in (a broadcast's shuffle)
    assert [(i.sender, (i.send_at - T0).total_seconds()) for i in items] == [
        (POOL[0], 0.0), (POOL[1], 0.0), (POOL[0], 0.5), (POOL[1], 0.5), (POOL[0], 1.0), (POOL[1], 1.0)]


async def test_a_second_worker_continues_after_the_slots_the_first_took(store, clock):
    await queue(store, clock, texts(4))
    pool = pacing.SenderPool(POOL, mps=1)
    first = await taken(store, pool, clock.now(), limit=2)
    second = await taken(store, pool, clock.now(), limit=2)  # another worker, the same moment
    assert [(i.send_at - T0).total_seconds() for i in first + second] == [0.0, 0.0, 1.0, 1.0]
    later = clock.now() + timedelta(seconds=30)  # a pool idle since: its slots start at the taking moment
    await queue(store, clock, texts(1, start=10))
    [item] = await taken(store, pool, later)
    assert item.send_at == later


async def test_texts_beyond_the_horizon_go_back_to_pending_without_using_an_attempt(store, clock):
    await queue(store, clock, texts(5))
    pool = pacing.SenderPool(POOL[:1], mps=1, horizon_seconds=2)
    items = await taken(store, pool, clock.now())
    assert [(i.send_at - T0).total_seconds() for i in items] == [0.0, 1.0, 2.0]
    waiting = [r for r in await rows(store) if r.status == "pending"]
    assert [r.recipient for r in waiting] == texts(5)[3:]
    assert all(r.attempts == 0 and r.next_attempt_at == T0 + timedelta(seconds=1) for r in waiting)


# -- through the worker and the SDK ------------------------------------------------------------
async def test_a_burst_through_a_rate_limited_twilio_leaves_at_the_pools_rate_without_a_429(
        store, twilio, fake_twilio):
    """Two numbers at 4 messages per second each: 16 texts take about 2 s, and Twilio never says slow down."""
    clock = SystemClock()
    fake_twilio.limit_mps(4)
    await queue(store, clock, texts(16))
    sender = TwilioSmsSender(twilio, from_number=POOL[0], status_callback=None)
    await Worker(store, {"sms": sender}, clock=clock, pool=pacing.SenderPool(POOL, mps=4)).drain()
    assert fake_twilio.rate_limited == []
    assert Counter(to for _, _, to in fake_twilio.accepted) == Counter(texts(16))  # each once
    assert Counter(sender for _, sender, _ in fake_twilio.accepted) == {POOL[0]: 8, POOL[1]: 8}
    times = [at for at, _, _ in fake_twilio.accepted]
    assert 1.4 < max(times) - min(times) < 2.6  # 7 intervals of 0.25 s per number (the first may leave late)
    assert {r.status for r in await rows(store)} == {"sent"}


async def test_a_429_sequence_throttles_the_text_without_using_attempts_and_it_goes_out(
        store, clock, twilio, fake_twilio):
    """Twilio answers 429 twice: the text waits (1 s, then 2 s, with jitter), never dead even with one attempt,
    and its number is held back a second each time."""
    [recipient] = texts(1)
    fake_twilio.script(recipient, twilio_error(429, 20429, "Too Many Requests"),
                       twilio_error(429, 20429, "Too Many Requests"), ACCEPTED)
    await queue(store, clock, [recipient])
    sender = TwilioSmsSender(twilio, from_number=POOL[0], status_callback=None, retry_wait=0.001)
    worker = Worker(store, {"sms": sender}, clock=clock, pool=pacing.SenderPool(POOL[:1], mps=100))
    for _ in range(3):
        await worker.drain()
        [row] = await rows(store)
        clock.advance(seconds=5)
    assert row.status == "sent" and row.attempts == 1 and row.throttled == 2
    assert "20429" in (row.last_error or "")
    assert len(fake_twilio.requests_to(recipient)) == 3
    slot = await store.run(lambda s: s.get(SenderSlot, POOL[0]))
    assert slot.next_at >= T0 + timedelta(seconds=5 + 1)  # held back a second after the second 429


async def test_the_throttle_backs_off_and_never_kills_a_row(store, clock):
    await queue(store, clock, texts(1))
    now = clock.now()
    waits = []
    for _ in range(12):
        [item] = await store.run(lambda s, now=now: outbox.claim_next(s, now=now, limit=1, lease_seconds=60))
        assert await store.run(lambda s, item=item, now=now: outbox.throttle(
            s, item.id, "429", now=now, attempts=item.attempts)) == "pending"
        [row] = await rows(store)
        waits.append((row.next_attempt_at - now).total_seconds())
        now = row.next_attempt_at
    assert row.status == "pending" and row.attempts == 0 and row.throttled == 12
    assert 0.5 <= waits[0] <= 1 and 30 <= waits[-1] <= 60


async def test_a_messaging_service_sends_without_a_from_number(twilio, fake_twilio):
    sender = TwilioSmsSender(twilio, from_number="", messaging_service_sid=SERVICE, status_callback=None)
    await sender.send(OutboxItem(id=1, channel="sms", recipient=texts(1)[0], payload={"body": "Hi"}, attempts=1,
                                 dedupe_key="x"))
    [request] = fake_twilio.requests
    assert request.form["MessagingServiceSid"] == SERVICE and "From" not in request.form


async def test_twilios_spec_accepts_a_pool_number_and_a_messaging_service(prism_twilio: PeerUrl):
    client = make_twilio_client(TEST_ACCOUNT_SID, TEST_AUTH_TOKEN, prism_twilio)
    try:
        for sender, item_from in ((TwilioSmsSender(client, from_number=POOL[0], status_callback=None), POOL[1]),
                                  (TwilioSmsSender(client, from_number="", messaging_service_sid=SERVICE,
                                                   status_callback=None), None)):
            result = await sender.send(OutboxItem(id=1, channel="sms", recipient=texts(1)[0], payload={"body": "Hi"},
                                                  attempts=1, dedupe_key="x", sender=item_from))
            assert result.provider_id.startswith("SM")
    finally:
        await close_twilio_client(client)


# -- settings ----------------------------------------------------------------------------------
LIVE = {"TWILIO_ACCOUNT_SID": "AC" + "1" * 32, "TWILIO_AUTH_TOKEN": "t" * 32}


def test_a_pool_of_numbers_and_its_rate_come_from_the_environment():
    settings = Settings.from_env({**LIVE, "TWILIO_FROM_NUMBERS": " +15125550100, +15125550101 ", "TWILIO_MPS": "3"})
    assert settings.sender_numbers == POOL and not settings.sms_sandboxed
    assert settings.twilio_caller_id == POOL[0]  # calls come from the pool's first number
    pool = sender_pool(settings)
    assert pool is not None and pool.numbers == POOL and pool.mps == 3 and pool.horizon_seconds == 30


def test_one_number_is_a_pool_of_one_at_one_message_a_second_and_a_messaging_service_is_not_paced():
    single = sender_pool(Settings.from_env({**LIVE, "TWILIO_FROM_NUMBER": "+15125550100"}))
    assert single is not None and single.numbers == POOL[:1] and single.mps == 1
    service = Settings.from_env({**LIVE, "TWILIO_MESSAGING_SERVICE_SID": SERVICE})
    assert not service.sms_sandboxed and sender_pool(service) is None
    assert sender_pool(Settings.from_env({"TWILIO_FROM_NUMBERS": POOL[0]})) is None  # sandboxed


@pytest.mark.parametrize("env,name", [({"TWILIO_FROM_NUMBERS": "+15125550100,5125550101"}, "TWILIO_FROM_NUMBERS"),
                                      ({"TWILIO_MPS": "0"}, "TWILIO_MPS"), ({"TWILIO_MPS": "fast"}, "TWILIO_MPS"),
                                      ({"TWILIO_MESSAGING_SERVICE_SID": "PN123"}, "TWILIO_MESSAGING_SERVICE_SID")])
def test_a_malformed_pool_setting_is_refused_by_name(env, name):
    with pytest.raises(SettingsError, match=name):
        Settings.from_env(env)

