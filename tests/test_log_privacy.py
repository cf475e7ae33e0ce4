"""Client contact details never reach the logs. A whole run of the real process (`referral-bot run`, logging at
DEBUG, so SQLAlchemy's engine logs every statement) takes a referral with a client's name, phone and email,
offers it, takes a YES through the signed webhook and sends the winner the contact-details email; then the
process's whole output is searched for the client's details. The same flow in process runs on PostgreSQL
(asyncpg) with DEBUG logging captured."""
from __future__ import annotations

import asyncio
import io
import logging
import os
import subprocess
import sys
import time
from pathlib import Path

import aiohttp
import pytest
import structlog
from sqlalchemy import select

from referral_bot.logs import configure_logging
from store.models import Message
from tests.flows import add_agents, agent_fields, drain, new_referral, text_in
from tests.peers.smtp_sink import free_port
from tests.test_secrets import wait_healthy

CLIENT = {"name": "Ottoline Vashti-Breck", "phone": "+15125553917", "email": "ottoline.vb@client.example"}
TRACES = [CLIENT["name"], "Ottoline", "Vashti", CLIENT["phone"], "5125553917", "555-3917", CLIENT["email"],
          "ottoline.vb"]
ADMIN = "log-privacy-admin-token-0123456789abcdef"


def leaks(text: str) -> list[str]:
    return [trace for trace in TRACES if trace.lower() in text.lower()]


async def contact_email_sent(http: aiohttp.ClientSession, headers: dict[str, str]) -> bool:
    async with http.get("/api/messages?agent_id=1&channel=email", headers=headers) as answer:
        messages = await answer.json()
    return any(CLIENT["email"] in m["body"] and m["status"] != "queued" for m in messages)


async def whole_flow(url: str) -> None:
    """Two agents, a referral, agent 1 texts YES from the sandbox, the worker sends the contact email."""
    headers = {"Authorization": f"Bearer {ADMIN}"}
    async with aiohttp.ClientSession(base_url=url, cookie_jar=aiohttp.CookieJar(unsafe=True)) as http:
        for n in (1, 2):
            async with http.post("/api/agents", json=agent_fields(n), headers=headers) as answer:
                assert answer.status == 201, await answer.text()
        referral = {"client": CLIENT, "zip": "78704", "client_type": "buyer", "mode": "first_come"}
        async with http.post("/api/referrals", json=referral, headers=headers) as answer:
            assert answer.status == 201, await answer.text()
        async with http.post("/sandbox/signin", data={"token": ADMIN}) as answer:
            assert answer.status == 200
        async with http.post("/sandbox/reply", data={"agent_id": "1", "body": "YES"}) as answer:
            assert answer.status == 200
        deadline = time.monotonic() + 30
        while not await contact_email_sent(http, headers):
            assert time.monotonic() < deadline, "the contact email was never sent"
            await asyncio.sleep(0.3)


async def test_a_whole_run_at_debug_logs_no_client_detail(tmp_path: Path):
    port = free_port()
    env = {"PATH": os.environ.get("PATH", ""), "HOME": str(tmp_path), "LOG_LEVEL": "DEBUG", "ADMIN_TOKEN": ADMIN,
           "DATABASE_URL": f"sqlite:///{tmp_path}/privacy.db", "WORKER_POLL_SECONDS": "0.1"}
    log_path = tmp_path / "run.log"  # a file, not a pipe: nobody reads a pipe while the flow runs
    with log_path.open("w") as log_file:
        process = subprocess.Popen([sys.executable, "-m", "referral_bot.cli", "run", "--port", str(port),
                                    "--smtp-port", str(free_port())], env=env, stdout=log_file,
                                   stderr=subprocess.STDOUT)
        try:
            await asyncio.to_thread(wait_healthy, process, port)
            await whole_flow(f"http://127.0.0.1:{port}")
        finally:
            process.terminate()
            process.wait(timeout=30)
    logs = log_path.read_text()
    assert '"level": "debug"' in logs and "INSERT INTO referrals" in logs  # statements are logged...
    assert "SQL parameters hidden" in logs  # ...their parameters are not
    assert leaks(logs) == [], [line for line in logs.splitlines() if leaks(line)][:3]


@pytest.fixture
def debug_logs():
    """The service's own logging at DEBUG, its stream kept in memory; the previous set-up restored after."""
    root, engine = logging.getLogger(), logging.getLogger("sqlalchemy.engine")
    saved = (root.handlers[:], root.level, engine.level, structlog.get_config())
    configure_logging("DEBUG")
    buffer = io.StringIO()
    root.handlers[0].setStream(buffer)  # type: ignore[attr-defined]
    yield buffer
    root.handlers[:], _, _, config = saved
    root.setLevel(saved[1])
    engine.setLevel(saved[2])
    structlog.configure(**config)


async def test_the_flow_in_process_logs_no_client_detail(client, store, clock, settings, debug_logs):
    """Over both stores, SQLite's sqlite3 and PostgreSQL's asyncpg engine."""
    await add_agents(store, clock, 2)
    await new_referral(client, client=CLIENT)
    await text_in(client, settings, "+15125550001", "YES")
    await drain(store, clock)
    contact = await store.run(lambda s: s.scalar(select(Message).where(Message.kind == "contact")))
    assert contact is not None and CLIENT["email"] in contact.body
    logs = debug_logs.getvalue()
    assert "INSERT INTO referrals" in logs
    assert leaks(logs) == [], [line for line in logs.splitlines() if leaks(line)][:3]
