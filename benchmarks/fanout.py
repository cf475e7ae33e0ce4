"""Fan-out against the provider's rate: one referral broadcast to `--agents` agents through a local fake Twilio
that lets each sender number send `--mps` messages a second and answers 429 (20429) beyond it, with 1, 2 and 4
sender numbers (TWILIO_FROM_NUMBERS, TWILIO_MPS), `referral-bot web` and `referral-bot worker` as processes.

For each pool: when the last offer was accepted by the fake, counted from the referral's 201, against the
physical limit agents / (numbers x MPS); 429s after the first second; offers lost (never accepted, or dead in
the outbox); duplicates (accepted twice). Goal: within 5% of the limit, zero 429s after the first second,
zero lost, zero duplicates.

    python -m benchmarks.fanout [--agents 500] [--mps 10] [--numbers 1,2,4]

SQLite (a temp file) by default; PostgreSQL with `--postgres` (TEST_DATABASE_URL, or the local test database).
The last stdout line is JSON.
"""
from __future__ import annotations

import argparse
import asyncio
import os
import secrets
import sys
import time
from collections import Counter
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import aiohttp
from sqlalchemy import func, select

from benchmarks.common import machine, print_final, progress
from benchmarks.server import (
    OperatorApi,
    Service,
    agent_fields,
    cli_path,
    free_port,
    migrate,
    postgres_database,
    referral_fields,
    spawn,
    sqlite_database,
    stop,
    wait_healthy,
)
from store.db import Store
from store.models import OutboxRow
from tests.peers.fake_twilio import FakeTwilio, start_fake_twilio

ZIP = "78704"
GOAL_RATIO = 1.05
LIVE = {"TWILIO_ACCOUNT_SID": "AC" + "c" * 32, "TWILIO_AUTH_TOKEN": secrets.token_hex(16),
        "ADMIN_TOKEN": secrets.token_urlsafe(32), "SECRET_KEY": secrets.token_urlsafe(32)}


def pool(count: int) -> list[str]:
    return [f"+1512555{9000 + n:04d}" for n in range(count)]


@asynccontextmanager
async def web_and_worker(database_url: str, log_dir: Path, twilio: str, numbers: list[str],
                         mps: float) -> AsyncIterator[Service]:
    migrate(database_url)
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TWILIO_", "STRIPE_", "SMTP_"))}
    env.update(LIVE, DATABASE_URL=database_url, PORT=str(port), HOST="127.0.0.1", LOG_LEVEL="WARNING",
               PUBLIC_BASE_URL=f"http://127.0.0.1:{port}", TWILIO_API_BASE=twilio,
               TWILIO_FROM_NUMBERS=",".join(numbers), TWILIO_MPS=str(mps))
    tag = f"{len(numbers)}n"
    web = Service(spawn([cli_path(), "web"], log_dir / f"web-{tag}.log", env=env), port, database_url,
                  log_dir / f"web-{tag}.log")
    worker = Service(spawn([cli_path(), "worker"], log_dir / f"worker-{tag}.log", env=env), port, database_url,
                     log_dir / f"worker-{tag}.log")
    try:
        await wait_healthy(web)
        yield web
    except BaseException:
        progress(f"web log:\n{web.log_tail()}\nworker log:\n{worker.log_tail()}")
        raise
    finally:
        stop(web)
        stop(worker)


async def wait_for_offers(fake: FakeTwilio, agents: int, limit: float) -> None:
    """Until every agent's offer was accepted, or well past the limit (then what arrived is reported)."""
    deadline = time.monotonic() + 2 * limit + 30
    while len({to for _, _, to in fake.accepted}) < agents and time.monotonic() < deadline:
        await asyncio.sleep(0.1)
    await asyncio.sleep(1.0)  # anything sent twice would arrive now


async def one_pool(database_url: str, log_dir: Path, agents: int, numbers: list[str], mps: float) -> dict[str, Any]:
    fake, runner = await start_fake_twilio()
    fake.limit_mps(mps)
    limit = agents / (len(numbers) * mps)
    try:
        async with web_and_worker(database_url, log_dir, fake.base_url, numbers, mps) as web, \
                aiohttp.ClientSession() as http:
            api = OperatorApi(http, web)
            api.headers = {"Authorization": f"Bearer {LIVE['ADMIN_TOKEN']}"}
            await api.create_agents([agent_fields(n, ZIP) for n in range(1, agents + 1)])
            await asyncio.sleep(1.0)  # the worker is up and idle
            fake.reset()
            fake.limit_mps(mps)
            await api.create_referral(referral_fields(ZIP))
            started = time.monotonic()
            await wait_for_offers(fake, agents, limit)
    finally:
        await runner.cleanup()
    return figures(fake, started, agents, numbers, mps, limit) | {"dead_in_outbox": await dead_rows(database_url)}


def figures(fake: FakeTwilio, started: float, agents: int, numbers: list[str], mps: float,
            limit: float) -> dict[str, Any]:
    received = Counter(to for _, _, to in fake.accepted)
    last = max((at for at, _, _ in fake.accepted), default=started) - started
    first = min((at for at, _, _ in fake.accepted), default=started) - started
    return {"numbers": len(numbers), "mps": mps, "agents": agents, "limit_seconds": round(limit, 2),
            "first_offer_left_seconds": round(first, 3), "last_offer_left_seconds": round(last, 2),
            "ratio_to_limit": round(last / limit, 3),
            "per_number": dict(Counter(sender for _, sender, _ in fake.accepted)),
            "rate_limited_total": len(fake.rate_limited),
            "rate_limited_after_first_second": sum(1 for at, _, _ in fake.rate_limited if at - started > 1.0),
            "lost": agents - len(received), "duplicates": sum(n - 1 for n in received.values())}


async def dead_rows(database_url: str) -> int:
    store = Store(database_url)
    try:
        return int(await store.run(lambda s: s.scalar(select(func.count()).select_from(OutboxRow).where(
            OutboxRow.status == "dead"))) or 0)
    finally:
        await store.close()


def within_goal(run: dict[str, Any]) -> bool:
    return (run["ratio_to_limit"] <= GOAL_RATIO and run["rate_limited_after_first_second"] == 0
            and run["lost"] == 0 and run["duplicates"] == 0 and run["dead_in_outbox"] == 0)


async def main(args: argparse.Namespace) -> dict[str, Any]:
    result: dict[str, Any] = {"benchmark": "fanout", "agents": args.agents, "mps": args.mps,
                              "goal": {"ratio_to_limit_at_most": GOAL_RATIO, "rate_limited_after_first_second": 0,
                                       "lost": 0, "duplicates": 0}, "machine": machine(), "runs": []}
    for count in [int(n) for n in args.numbers.split(",")]:
        if args.postgres:
            test_url = os.environ.get("TEST_DATABASE_URL", "postgresql://postgres@127.0.0.1:5432/test")
            async with postgres_database(test_url) as (url, log_dir):
                run = await one_pool(url, log_dir, args.agents, pool(count), args.mps)
        else:
            with sqlite_database() as (url, log_dir):
                run = await one_pool(url, log_dir, args.agents, pool(count), args.mps)
        progress(f"{count} number(s): last offer left at {run['last_offer_left_seconds']} s "
                 f"(limit {run['limit_seconds']} s), 429s after 1 s: {run['rate_limited_after_first_second']}, "
                 f"lost {run['lost']}, duplicates {run['duplicates']}")
        result["runs"].append(run)
    result["database"] = "postgresql" if args.postgres else "sqlite"
    result["within_goal"] = all(within_goal(run) for run in result["runs"])
    return result


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--agents", type=int, default=500)
    parser.add_argument("--mps", type=float, default=10.0, help="messages per second per number (fake and ours)")
    parser.add_argument("--numbers", default="1,2,4", help="pool sizes to run, comma-separated")
    parser.add_argument("--postgres", action="store_true")
    return parser.parse_args(argv)


if __name__ == "__main__":
    outcome = asyncio.run(main(parse_args()))
    print_final(outcome)
    sys.exit(0 if outcome["within_goal"] else 1)
