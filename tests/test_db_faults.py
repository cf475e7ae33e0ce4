"""PostgreSQL going away and coming back, over the wire, on a private server this module starts and restarts.

While the database is down every webhook answers 503 (the provider tries again), never 200 for what was not
stored and never 500; once it is back, a new webhook succeeds within a second, with no restart of the service.
"""
from __future__ import annotations

import asyncio
import itertools
import sqlite3
import time

import asyncpg
import pytest
from aiohttp.test_utils import TestClient, TestServer
from sqlalchemy import exc as sa_exc
from sqlalchemy import select

from inbound.twilio import SMS_GROUP
from inbound.web import create_app
from store import faults
from store.db import Store
from store.migrate import upgrade
from store.models import Message
from tests.flows import add_agents, signed_post, text_in
from tests.private_postgres import PrivatePostgres

BACK_WITHIN_SECONDS = 1.0
AGENT_PHONE = "+15125550001"
_sids = itertools.count(1)


@pytest.fixture(scope="module")
def private_postgres():
    server = PrivatePostgres().init()
    server.start()
    yield server
    server.destroy()


@pytest.fixture
async def app_on_private(private_postgres, settings, clock, metrics):
    """The web app on the private server (freshly migrated: each test starts with a new schema)."""
    private_postgres.ensure_running()
    store = Store(private_postgres.url, schema=f"faults_{next(_sids)}")
    await upgrade(store)
    await add_agents(store, clock, 1)
    async with TestClient(TestServer(create_app(settings, store, clock, metrics), host="127.0.0.1")) as http:
        yield http, store, private_postgres
    await store.close()


def new_sid() -> str:
    return f"SMfault{next(_sids):026d}"


async def text(http, settings, sid: str | None = None) -> int:
    answer = await text_in(http, settings, AGENT_PHONE, "HELP", sid=sid or new_sid())
    return answer.status


async def warm_pool(http, settings, texts: int = 6) -> None:
    """Several pooled connections, all of which the restart will kill."""
    statuses = await asyncio.gather(*(text(http, settings) for _ in range(texts)))
    assert set(statuses) == {200}


async def seconds_until_ok(http, settings, since: float, give_up: float = 10.0) -> float:
    """Texts every 50 ms until one is answered 200; how long after `since` that was."""
    while time.monotonic() - since < give_up:
        if await text(http, settings) == 200:
            return time.monotonic() - since
        await asyncio.sleep(0.05)
    raise AssertionError(f"no webhook succeeded within {give_up} s of the database coming back")


async def stored_sids(store: Store) -> set[str]:
    return set(await store.run(lambda s: list(s.scalars(select(Message.provider_id).where(
        Message.direction == "in")))))


async def in_thread(fn, *args):
    return await asyncio.get_running_loop().run_in_executor(None, fn, *args)


@pytest.mark.postgres
@pytest.mark.parametrize("mode", ["fast", "immediate"])
async def test_webhooks_answer_503_while_postgres_is_down_and_succeed_within_a_second_after(
        app_on_private, settings, mode):
    http, store, server = app_on_private
    await warm_pool(http, settings)
    await in_thread(server.stop, mode)
    refused = new_sid()
    assert await text(http, settings, refused) == 503
    status = await signed_post(http, settings, "/twilio/sms/status",
                               {"MessageSid": "SMx", "MessageStatus": "delivered"})
    assert status.status == 503
    await in_thread(server.start)
    back = time.monotonic()
    assert await seconds_until_ok(http, settings, back) < BACK_WITHIN_SECONDS
    assert refused not in await stored_sids(store)  # answered 503: Twilio's retry is the one that counts
    assert await text(http, settings, refused) == 200  # ... and it is acted on


@pytest.mark.postgres
@pytest.mark.parametrize("mode", ["fast", "immediate"])
async def test_first_webhook_after_a_quiet_restart_succeeds(app_on_private, settings, mode):
    """Nobody asked during the restart, so every pooled connection is dead when the next text arrives: the
    text group's checkout notices and reconnects instead of answering 500 until something else does."""
    http, _store, server = app_on_private
    await warm_pool(http, settings)
    await in_thread(server.restart, mode)
    await asyncio.sleep(0.2)  # the event loop has seen the sockets close
    started = time.monotonic()
    assert await asyncio.gather(*(text(http, settings) for _ in range(4))) == [200] * 4
    assert time.monotonic() - started < BACK_WITHIN_SECONDS


@pytest.mark.postgres
@pytest.mark.parametrize("mode", ["fast", "immediate"])
async def test_texts_during_a_restart_get_200_only_when_stored_and_never_500(app_on_private, settings, mode):
    http, store, server = app_on_private
    await warm_pool(http, settings)
    answered: dict[str, int] = {}
    stop = asyncio.Event()

    async def keep_texting() -> None:
        while not stop.is_set():
            sid = new_sid()
            answered[sid] = await text(http, settings, sid)
            await asyncio.sleep(0.01)

    texting = [asyncio.create_task(keep_texting()) for _ in range(3)]
    await asyncio.sleep(0.2)
    back = await in_thread(server.restart, mode)
    recovered = await seconds_until_ok(http, settings, back)
    await asyncio.sleep(0.3)
    stop.set()
    await asyncio.gather(*texting)
    assert set(answered.values()) <= {200, 503} and 503 in answered.values()
    ok = {sid for sid, status in answered.items() if status == 200}
    assert ok <= await stored_sids(store)
    assert recovered < BACK_WITHIN_SECONDS
    assert http.server.app[SMS_GROUP].reruns == 0  # a group the outage failed is not run again member by member


def test_only_errors_that_mean_the_database_is_away_count_as_unavailable():
    refused = ConnectionRefusedError(111, "Connect call failed")
    starting = asyncpg.exceptions.CannotConnectNowError("the database system is starting up")
    locked = sa_exc.OperationalError("BEGIN IMMEDIATE", {}, sqlite3.OperationalError("database is locked"))
    for error in (refused, starting, locked, sa_exc.TimeoutError("QueuePool limit reached"),
                  sa_exc.DBAPIError("SELECT 1", {}, Exception("gone"), connection_invalidated=True)):
        assert faults.database_unavailable(error), error
    duplicate = sa_exc.IntegrityError("INSERT", {}, sqlite3.IntegrityError("UNIQUE constraint failed"))
    missing = sa_exc.OperationalError("SELECT", {}, sqlite3.OperationalError("no such table: agents"))
    bad_parameter = sa_exc.InterfaceError("INSERT", {}, sqlite3.InterfaceError("Error binding parameter 1"))
    for error in (duplicate, missing, bad_parameter, ValueError("bad input"), KeyError("x"), FileNotFoundError("x")):
        assert not faults.database_unavailable(error), error
    try:
        raise RuntimeError("while handling") from refused
    except RuntimeError as chained:
        assert faults.database_unavailable(chained)
