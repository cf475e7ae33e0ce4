"""Claim latency: from a signed YES reaching the webhook to the winner's contact email accepted by an SMTP server,
and to the losers' texts handed to Twilio, with `referral-bot web` and `referral-bot worker` running as in
production (two processes, live channels pointed at local peers).

    TEST_DATABASE_URL=postgresql://postgres@127.0.0.1:5432/test python -m benchmarks.claim_latency [--claims 1000]

The peers answer at once (a fake Twilio REST API on aiohttp, an aiosmtpd server), so the figures are our own
time: the webhook's transaction, the worker noticing the queued rows (LISTEN/NOTIFY on PostgreSQL), and the
sends. Each referral goes to three agents; its offer texts are all sent before its claim is timed, and claims run
one at a time, each timed until its email and both losers' texts have arrived. Goal: p99 under 250 ms.
"""
from __future__ import annotations

import argparse
import asyncio
import os
import re
import secrets
import time
from collections import defaultdict
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import aiohttp
from aiohttp import web
from aiosmtpd.controller import Controller
from twilio.request_validator import RequestValidator

from benchmarks.common import machine, print_final, progress, summarize_ms
from benchmarks.server import (
    OperatorApi,
    Service,
    agent_fields,
    agent_phone,
    free_port,
    postgres_database,
    signed_sms,
    spawn,
    sqlite_database,
    stop,
    wait_healthy,
)
from benchmarks.server import migrate as migrate_database

GOAL_P99_MS = 250.0
ZIP = "78704"
AGENTS = 3
CODE = re.compile(r"#(\w+)")
LIVE = {"TWILIO_ACCOUNT_SID": "AC" + "b" * 32, "TWILIO_AUTH_TOKEN": secrets.token_hex(16),
        "TWILIO_FROM_NUMBER": "+15125550000",
        "TWILIO_MPS": "10000",  # this fake has no rate limit: pacing's slots are taken, never waited on
        "ADMIN_TOKEN": secrets.token_urlsafe(32),
        "SECRET_KEY": secrets.token_urlsafe(32)}


class Arrivals:
    """When each text and email reached the peers, by (recipient, referral code)."""

    def __init__(self) -> None:
        self.at: dict[tuple[str, str], list[float]] = defaultdict(list)
        self.changed = asyncio.Event()

    def record(self, recipient: str, text: str) -> None:
        now = time.perf_counter()
        for code in set(CODE.findall(text)):
            self.at[(recipient, code)].append(now)
        self.changed.set()

    async def wait_for(self, keys: list[tuple[str, str]], timeout: float = 30.0) -> list[float]:
        async with asyncio.timeout(timeout):
            while not all(self.at.get(k) for k in keys):
                self.changed.clear()
                await self.changed.wait()
        return [self.at[k][-1] for k in keys]


# -- the peers -----------------------------------------------------------------------------------
@asynccontextmanager
async def fake_twilio(arrivals: Arrivals):
    """Twilio's Messages and Calls create endpoints, answering at once."""
    sids = iter(range(1, 10**9))

    async def create(request: web.Request) -> web.Response:
        form = await request.post()
        arrivals.record(str(form.get("To", "")), str(form.get("Body", "")))
        sid = ("SM" if request.path.endswith("Messages.json") else "CA") + f"{next(sids):032x}"
        return web.json_response({"sid": sid, "status": "queued", "to": form.get("To")}, status=201)

    app = web.Application()
    app.router.add_post("/2010-04-01/Accounts/{account}/Messages.json", create)
    app.router.add_post("/2010-04-01/Accounts/{account}/Calls.json", create)
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    port = free_port()
    await web.TCPSite(runner, "127.0.0.1", port).start()
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        await runner.cleanup()


class SmtpSink:
    def __init__(self, arrivals: Arrivals, loop: asyncio.AbstractEventLoop) -> None:
        self.arrivals, self.loop = arrivals, loop

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        text = envelope.content.decode("utf-8", "replace")
        subject = next((line for line in text.splitlines() if line.lower().startswith("subject:")), "")
        for rcpt in envelope.rcpt_tos:
            self.loop.call_soon_threadsafe(self.arrivals.record, rcpt, subject)
        return "250 OK"


@asynccontextmanager
async def smtp_sink(arrivals: Arrivals):
    port = free_port()
    controller = Controller(SmtpSink(arrivals, asyncio.get_running_loop()), hostname="127.0.0.1", port=port)
    controller.start()
    try:
        yield f"smtp://127.0.0.1:{port}"
    finally:
        controller.stop()


# -- the service -----------------------------------------------------------------------------------
def live_env(database_url: str, port: int, twilio: str, smtp: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TWILIO_", "STRIPE_", "SMTP_"))}
    env.update(LIVE, DATABASE_URL=database_url, PORT=str(port), HOST="127.0.0.1", LOG_LEVEL="WARNING",
               PUBLIC_BASE_URL=f"http://127.0.0.1:{port}", TWILIO_API_BASE=twilio, SMTP_URL=smtp)
    return env


@asynccontextmanager
async def web_and_worker(database_url: str, log_dir: Path, twilio: str, smtp: str):
    migrate_database(database_url)
    port = free_port()
    env = live_env(database_url, port, twilio, smtp)
    from benchmarks.server import cli_path

    web_process = spawn([cli_path(), "web"], log_dir / "web.log", env=env)
    worker_process = spawn([cli_path(), "worker"], log_dir / "worker.log", env=env)
    service = Service(web_process, port, database_url, log_dir / "web.log")
    worker = Service(worker_process, port, database_url, log_dir / "worker.log")
    try:
        await wait_healthy(service)
        yield service
    except BaseException:
        progress(f"web log:\n{service.log_tail()}\nworker log:\n{worker.log_tail()}")
        raise
    finally:
        stop(service)
        stop(worker)


# -- the measurement -------------------------------------------------------------------------------
async def measure(name: str, database_url: str, log_dir: Path, claims: int) -> dict[str, Any]:
    arrivals = Arrivals()
    async with fake_twilio(arrivals) as twilio, smtp_sink(arrivals) as smtp, \
            web_and_worker(database_url, log_dir, twilio, smtp) as service, aiohttp.ClientSession() as http:
        api = OperatorApi(http, service)
        api.headers = {"Authorization": f"Bearer {LIVE['ADMIN_TOKEN']}"}
        await api.create_agents([agent_fields(n, ZIP) for n in range(1, AGENTS + 1)])
        validator = RequestValidator(LIVE["TWILIO_AUTH_TOKEN"])
        url = service.base_url + "/twilio/sms"
        to_email, to_losers, webhook = [], [], []
        for n in range(claims):
            code = (await api.create_referral(referral(n)))["code"]
            await arrivals.wait_for([(agent_phone(a), code) for a in range(1, AGENTS + 1)])  # offers out
            request = signed_sms(validator, url, agent_phone(1), f"YES {code}")
            started = time.perf_counter()
            async with http.post(url, data=request.body, headers={
                    "X-Twilio-Signature": request.signature,
                    "Content-Type": "application/x-www-form-urlencoded"}) as answer:
                assert answer.status == 200, await answer.text()
                await answer.read()
            webhook.append(time.perf_counter() - started)
            [email] = await arrivals.wait_for([("bench1@example.test", code)])
            losers = await wait_second_text(arrivals, code)
            to_email.append(email - started)
            to_losers.append(max(losers) - started)
            if (n + 1) % 100 == 0:
                progress(f"{name}: {n + 1} claims")
    result = {"webhook_ms": summarize_ms(webhook), "to_contact_email_ms": summarize_ms(to_email),
              "to_losers_texts_ms": summarize_ms(to_losers)}
    progress(f"{name}: {result}")
    return result


async def wait_second_text(arrivals: Arrivals, code: str, timeout: float = 30.0) -> list[float]:
    """Each loser's second text about `code` (the first was the offer): when it reached Twilio."""
    keys = [(agent_phone(a), code) for a in range(2, AGENTS + 1)]
    async with asyncio.timeout(timeout):
        while not all(len(arrivals.at.get(k, [])) >= 2 for k in keys):
            arrivals.changed.clear()
            await arrivals.changed.wait()
    return [arrivals.at[k][1] for k in keys]


def referral(n: int) -> dict[str, Any]:
    return {"client": {"name": "Pat Quinlan", "phone": "+15125559876", "email": "pat.quinlan@example.com"},
            "zip": ZIP, "client_type": "buyer", "price_min": 400000, "price_max": 500000,
            "timeline": "0-3 months", "mode": "first_come"}


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--claims", type=int, default=1000)
    parser.add_argument("--sqlite", action="store_true", help="also measure on SQLite")
    return parser.parse_args(argv)


async def main(args: argparse.Namespace) -> dict[str, Any]:
    result: dict[str, Any] = {"claims": args.claims, "goal_p99_ms": GOAL_P99_MS, **machine()}
    test_url = os.environ.get("TEST_DATABASE_URL", "postgresql://postgres@127.0.0.1:5432/test")
    async with postgres_database(test_url) as (url, log_dir):
        result["postgres"] = await measure("postgres", url, log_dir, args.claims)
    if args.sqlite:
        with sqlite_database() as (url, log_dir):
            result["sqlite"] = await measure("sqlite", url, log_dir, args.claims)
    p99 = result["postgres"]["to_contact_email_ms"]["p99"]
    result["postgres_contact_email_p99_within_goal"] = p99 < GOAL_P99_MS
    return result


if __name__ == "__main__":
    print_final(asyncio.run(main(parse_args())))
