"""Dispatch end to end against the running service (`referral-bot run` as its own process, its own scheduler on
the system clock), on SQLite and on PostgreSQL, with windows of a second: the cascade adds the next agent in
real seconds, an escalation step runs once at its time, and a claim cancels the steps still to come."""
from __future__ import annotations

import asyncio
import subprocess
import time
from datetime import UTC, datetime, timedelta
from typing import Any

import aiohttp
import pytest

from store.settings import Settings
from tests.peers.twilio_peers import twilio_signature
from tests.test_operations import GOOD, migrate, postgres_database, start  # postgres_database: a fixture

AGENTS = [{"name": f"Agent {n} Smith", "phone": f"+1512555{n:04d}", "email": f"agent{n}@example.test",
           "zip_codes": ["78704"]} for n in (1, 2, 3)]
REFERRAL = {"client": {"name": "Pat Quinlan", "phone": "+15125559876"}, "zip": "78704", "client_type": "buyer",
            "dispatch": {"policy": "cascade", "window_seconds": 1, "step_seconds": 1, "max_agents": 3,
                         "escalation": [{"after_seconds": 2, "action": "notify_operator"},
                                        {"after_seconds": 6, "action": "call"}]}}
WARM_UP = {"client": {"name": "Lee Park", "phone": "+15125559877"}, "zip": "78704", "client_type": "seller"}
ADMIN = {"Authorization": f"Bearer {GOOD}"}


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def database_url(request, tmp_path) -> str:
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path}/live.db"
    return request.getfixturevalue("postgres_database")


@pytest.fixture
def service(database_url):
    migrate(database_url)
    process, port = start("run", database_url)
    yield f"http://127.0.0.1:{port}"
    process.terminate()  # a clean stop is tests/test_operations.py's to check
    try:
        process.communicate(timeout=20)
    except subprocess.TimeoutExpired:
        process.kill()
        process.communicate()


async def call(http: aiohttp.ClientSession, method: str, url: str, **kw: Any) -> Any:
    async with http.request(method, url, headers=ADMIN, **kw) as response:
        assert response.status in (200, 201), await response.text()
        return await response.json()


async def text_yes(http: aiohttp.ClientSession, base: str, phone: str, code: str) -> str:
    """A signed text, as Twilio posts it (the sandbox's signing secret, derived from SECRET_KEY)."""
    params = {"MessageSid": "SM" + "7" * 32, "From": phone, "To": "+15125550000", "Body": f"YES {code}",
              "AccountSid": "AC" + "0" * 32}
    token = Settings(secret_key=GOOD).twilio_signing_token
    signature = twilio_signature(token, base + "/twilio/sms", params)
    async with http.post(base + "/twilio/sms", data=params, headers={"X-Twilio-Signature": signature}) as response:
        assert response.status == 200
        return await response.text()


def holders(referral: dict[str, Any]) -> set[int]:
    return {o["agent_id"] for o in referral["offers"] if o["status"] == "open"}


def escalations(referral: dict[str, Any]) -> list[dict[str, Any]]:
    return [h for h in referral["history"] if h["kind"] == "escalation"]


def seconds_in(referral: dict[str, Any], at: str) -> float:
    """Seconds from the referral going out (the service's own clock) to `at`."""
    return (datetime.fromisoformat(at) - datetime.fromisoformat(referral["dispatch"]["started_at"])).total_seconds()


async def until(http, url: str, wanted, timeout: float = 15.0) -> dict[str, Any]:
    """The referral as the operator sees it, polled every 0.1 s until `wanted(referral)`."""
    deadline = time.monotonic() + timeout
    while True:
        referral = await call(http, "GET", url)
        if wanted(referral):
            return referral
        assert time.monotonic() < deadline, referral
        await asyncio.sleep(0.1)


async def test_a_cascade_in_real_seconds_escalates_once_and_a_claim_cancels_what_is_left(service):
    async with aiohttp.ClientSession() as http:
        for agent in AGENTS:
            await call(http, "POST", service + "/api/agents", json=agent)
        await call(http, "POST", service + "/api/referrals", json=WARM_UP)  # the first one loads what ranking needs
        created = await call(http, "POST", service + "/api/referrals", json=REFERRAL)
        url = f"{service}/api/referrals/{created['id']}"
        going = await until(http, url, lambda r: holders(r) == {1, 2, 3} and escalations(r))
        answer = await text_yes(http, service, AGENTS[1]["phone"], created["code"])
        wall = datetime.fromisoformat(going["dispatch"]["started_at"]) + timedelta(seconds=7.5)
        await asyncio.sleep(max((wall - datetime.now(UTC)).total_seconds(), 0))  # the call step was due at 6 s
        final = await call(http, "GET", url)
    added = {o["agent_id"]: seconds_in(going, o["notified_at"]) for o in going["offers"]}
    assert added[1] < 0.5 and 1 <= added[2] < 2.6 and 2 <= added[3] < 3.6, added  # window, step: real seconds
    assert 2 <= seconds_in(going, escalations(going)[0]["at"]) < 3.6
    assert "is yours" in answer
    assert final["status"] == "awarded" and final["winner_agent_id"] == 2
    assert [h["text"] for h in escalations(final)] == ["Escalation step 1: notify_operator"]  # once; no call
    assert final["dispatch"]["done"] == [0]
    assert {o["status"] for o in final["offers"] if o["agent_id"] != 2} == {"lost"}
