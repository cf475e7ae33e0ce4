"""The worker wakes the moment a row is queued on PostgreSQL (LISTEN/NOTIFY, store/wakeup.py), keeps polling
underneath, and listens again after its listening connection is killed. SQLite only polls."""
from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import pytest

from outbound.worker import Worker
from store import outbox
from store.wakeup import Wakeup
from tests.helpers import ScriptedSender, sms

pytestmark = pytest.mark.postgres
HOUR = 3600.0


@pytest.fixture
async def pg(postgres_store):
    from tests.conftest import truncate_all

    await truncate_all(postgres_store)
    return postgres_store


@asynccontextmanager
async def running(store, clock, sender: ScriptedSender, *, poll_seconds: float) -> AsyncIterator[Wakeup]:
    wakeup = Wakeup(store)
    worker = Worker(store, {"sms": sender}, clock=clock, poll_seconds=poll_seconds, wakeup=wakeup)
    stop = asyncio.Event()
    task = asyncio.create_task(worker.run_forever(stop))
    try:
        await until(lambda: wakeup.listening)
        yield wakeup
    finally:
        stop.set()
        await asyncio.wait_for(task, timeout=10)
    assert not wakeup.listening  # closed with the worker


async def until(condition, *, seconds: float = 15.0) -> None:
    async with asyncio.timeout(seconds):
        while not condition():
            await asyncio.sleep(0.02)


async def queue(store, clock, key: str) -> None:
    await store.run(lambda s: outbox.enqueue(s, sms("+15125550001", "hello", key), now=clock.now()))


async def test_a_queued_row_wakes_a_worker_whose_poll_is_an_hour_away(pg, clock):
    sender = ScriptedSender()
    async with running(pg, clock, sender, poll_seconds=HOUR):
        await asyncio.sleep(0.2)  # the worker's first pass found nothing and it is waiting out its hour
        await queue(pg, clock, "wake-1")
        await until(lambda: len(sender.sent) == 1)  # a poll would have taken an hour
        await queue(pg, clock, "wake-2")
        await until(lambda: len(sender.sent) == 2)


async def test_listening_resumes_after_its_connection_is_killed(pg, clock):
    sender = ScriptedSender()
    async with running(pg, clock, sender, poll_seconds=0.2) as wakeup:
        killed = await pg.run_on_connection(lambda c: c.exec_driver_sql(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE query LIKE 'LISTEN%'").scalars().all())
        assert killed and all(killed)
        await until(lambda: not wakeup.listening)
        await queue(pg, clock, "while-polling")
        await until(lambda: len(sender.sent) == 1)  # the poll keeps the queue moving
        await until(lambda: wakeup.listening)  # and LISTEN comes back by itself


async def test_sqlite_has_no_listener_and_polls(sqlite_store, clock):
    wakeup = Wakeup(sqlite_store)
    stop = asyncio.Event()
    await wakeup.wait(stop, 0.01)
    assert not wakeup.listening
