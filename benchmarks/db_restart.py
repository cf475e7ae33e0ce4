"""Recovery after a PostgreSQL restart: how long after the server is back until the SMS webhook answers 200.

Starts a private PostgreSQL (initdb on a free port; as root, run as the `postgres` user), runs the web app
in-process against it, keeps texting it from a few concurrent senders (HELP, signed, a new MessageSid each),
restarts the server with `pg_ctl restart -m fast` and `-m immediate`, and reports per restart: seconds from
the server accepting connections again to the first 200, and what the texts were answered from the restart
command to that 200 (200 before the server went down, 503 while it was; never 500). No restart of the service.

    python -m benchmarks.db_restart [--rounds 5] [--senders 3]

Progress goes to stderr; the last line on stdout is one JSON object with the figures.
"""
from __future__ import annotations

import argparse
import asyncio
import itertools
import statistics
import time
from collections import Counter
from typing import Any

from aiohttp.test_utils import TestClient, TestServer
from twilio.request_validator import RequestValidator

from benchmarks.common import machine, print_final, progress
from bot.clock import SystemClock
from inbound.web import create_app
from store import agents
from store.db import Store
from store.metrics import Metrics
from store.migrate import upgrade
from store.settings import Settings
from tests.private_postgres import PrivatePostgres

PHONE = "+15125550001"
_sids = itertools.count(1)


class Texter:
    """Signed texts, one after another, recording (monotonic time, status) of each answer."""

    def __init__(self, http: TestClient, settings: Settings) -> None:
        self.http, self.settings = http, settings
        self.validator = RequestValidator(settings.twilio_signing_token)
        self.answers: list[tuple[float, int]] = []

    async def one(self) -> int:
        params = {"MessageSid": f"SMbench{next(_sids):025d}", "From": PHONE, "To": "+15125550000", "Body": "HELP"}
        signature = self.validator.compute_signature(self.settings.public_url("/twilio/sms"), params)
        async with self.http.post("/twilio/sms", data=params, headers={"X-Twilio-Signature": signature}) as answer:
            await answer.read()
            self.answers.append((time.monotonic(), answer.status))
            return answer.status

    async def keep_going(self, stop: asyncio.Event) -> None:
        while not stop.is_set():
            await self.one()
            await asyncio.sleep(0.01)


async def one_restart(server: PrivatePostgres, texter: Texter, senders: int, mode: str) -> dict[str, Any]:
    texter.answers.clear()
    stop = asyncio.Event()
    tasks = [asyncio.create_task(texter.keep_going(stop)) for _ in range(senders)]
    await asyncio.sleep(0.3)
    restarted = time.monotonic()
    back = await asyncio.get_running_loop().run_in_executor(None, server.restart, mode)
    while not any(at > back and status == 200 for at, status in texter.answers):
        await asyncio.sleep(0.005)
    await asyncio.sleep(0.3)
    stop.set()
    await asyncio.gather(*tasks)
    first_ok = min(at for at, status in texter.answers if at > back and status == 200)
    during = Counter(status for at, status in texter.answers if restarted <= at <= first_ok)
    return {"mode": mode, "restart_s": round(back - restarted, 3), "first_200_after_back_s": round(first_ok - back, 3),
            "answers_until_recovered": dict(during)}


async def main(args: argparse.Namespace) -> None:
    server = PrivatePostgres().init()
    server.start()
    settings = Settings(admin_token="bench", secret_key="bench", public_base_url="http://127.0.0.1:8080")
    store = Store(server.url)
    try:
        await upgrade(store)
        await store.run(lambda s: agents.create_agent(s, {
            "name": "Agent One", "phone": PHONE, "email": "agent1@example.test", "timezone": "America/Chicago",
            "zip_codes": ["78704"], "client_types": ["buyer"]}, now=SystemClock().now()))
        app = create_app(settings, store, SystemClock(), Metrics())
        async with TestClient(TestServer(app, host="127.0.0.1")) as http:
            texter = Texter(http, settings)
            rounds = []
            for mode in ("fast", "immediate"):
                for n in range(args.rounds):
                    rounds.append(await one_restart(server, texter, args.senders, mode))
                    progress(f"{mode} #{n + 1}: {rounds[-1]}")
        print_final(summary(rounds))
    finally:
        await store.close()
        server.destroy()


def summary(rounds: list[dict[str, Any]]) -> dict[str, Any]:
    result: dict[str, Any] = {"machine": machine(), "rounds": rounds}
    for mode in ("fast", "immediate"):
        times = [r["first_200_after_back_s"] for r in rounds if r["mode"] == mode]
        statuses = sum((Counter(r["answers_until_recovered"]) for r in rounds if r["mode"] == mode), Counter())
        result[mode] = {"first_200_after_back_s": {"median": round(statistics.median(times), 3), "max": max(times)},
                        "answers_until_recovered": {str(k): v for k, v in sorted(statuses.items())}}
    return result


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=5, help="restarts per mode")
    parser.add_argument("--senders", type=int, default=3, help="concurrent texters")
    return parser.parse_args(argv)


if __name__ == "__main__":
    asyncio.run(main(parse_args()))
