"""Claim race over the wire: N agents answer "YES <code>" to one referral at the same instant.

The real service runs as its own process (`referral-bot web`, see `benchmarks.server`) on SQLite (a fresh temp
file) and, when TEST_DATABASE_URL is set, on PostgreSQL (a throwaway database, dropped afterwards). N agents
covering one zip are seeded through the operator API and a referral is put in, which offers it to all of them.
Then N keep-alive connections are opened, N signed inbound SMS webhooks are prepared, and all are written at
once. Exactly one agent must win, seen three ways: the TwiML replies (one "is yours", N-1 "already claimed"),
the referral (`GET /api/referrals/{id}`: a winner and exactly one offer `won`, the same agent), and the message
log (one contact-details email). Latency is measured per request, from its write to its whole answer.

    python -m benchmarks.claim_race [--agents 200] [--rounds 1]

Progress goes to stderr; the last line on stdout is one JSON object; the exit status is 1 if any check failed.
"""
from __future__ import annotations

import argparse
import asyncio
import os
import sys
import time
from dataclasses import dataclass
from typing import Any

import aiohttp
from twilio.request_validator import RequestValidator

from benchmarks.common import percentile, print_final, progress
from benchmarks.server import (
    OperatorApi,
    Service,
    SignedRequest,
    agent_fields,
    agent_phone,
    postgres_database,
    referral_fields,
    running_service,
    signed_sms,
    sqlite_database,
)

ZIP = "78704"
PATH = "/twilio/sms"
WON_TEXT, TAKEN_TEXT = "is yours", "already claimed"


@dataclass(frozen=True, slots=True)
class Answer:
    phone: str
    status: int
    body: str
    seconds: float


# -- a minimal HTTP/1.1 client: connections are opened first, so the requests themselves leave together ------
def raw_post(port: int, request: SignedRequest) -> bytes:
    body = request.body.encode()
    head = (f"POST {PATH} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n"
            f"Content-Type: application/x-www-form-urlencoded\r\nContent-Length: {len(body)}\r\n"
            f"X-Twilio-Signature: {request.signature}\r\n\r\n")
    return head.encode() + body


async def read_answer(reader: asyncio.StreamReader) -> tuple[int, str]:
    head = (await reader.readuntil(b"\r\n\r\n")).decode("latin-1").split("\r\n")
    status = int(head[0].split()[1])
    headers = {k.strip().lower(): v.strip() for k, _, v in (line.partition(":") for line in head[1:] if line)}
    body = await reader.readexactly(int(headers.get("content-length", "0")))
    return status, body.decode()


async def race(port: int, requests: dict[str, SignedRequest]) -> list[Answer]:
    """Open one connection per request, then release every request at once."""
    streams = await asyncio.gather(*(asyncio.open_connection("127.0.0.1", port) for _ in requests))
    go = asyncio.Event()

    async def one(phone: str, request: SignedRequest, reader: asyncio.StreamReader,
                  writer: asyncio.StreamWriter) -> Answer:
        payload = raw_post(port, request)
        await go.wait()
        started = time.perf_counter()
        writer.write(payload)
        await writer.drain()
        status, body = await read_answer(reader)
        return Answer(phone, status, body, time.perf_counter() - started)

    tasks = [asyncio.create_task(one(phone, req, *stream))
             for (phone, req), stream in zip(requests.items(), streams)]
    await asyncio.sleep(0.05)  # every task is parked on `go`
    go.set()
    try:
        return list(await asyncio.gather(*tasks))
    finally:
        for _, writer in streams:
            writer.close()


# -- one store ---------------------------------------------------------------------------------
async def run_store(name: str, url: str, log_dir: Any, agents: int, rounds: int) -> dict[str, Any]:
    async with running_service(url, log_dir) as service, aiohttp.ClientSession() as http:
        api = OperatorApi(http, service)
        ids = await api.create_agents([agent_fields(n, ZIP) for n in range(1, agents + 1)])
        by_phone = {agent_phone(n): agent_id for n, agent_id in zip(range(1, agents + 1), ids)}
        progress(f"{name}: {agents} agents seeded")
        results = [await one_round(name, service, api, by_phone, r) for r in range(1, rounds + 1)]
    return summarize(results)


async def one_round(name: str, service: Service, api: OperatorApi, by_phone: dict[str, int],
                    number: int) -> dict[str, Any]:
    created = await api.create_referral(referral_fields(ZIP))
    if created["offered"] != len(by_phone):
        raise RuntimeError(f"referral offered to {created['offered']} agents, expected {len(by_phone)}")
    validator, url = RequestValidator(service.signing_token), service.base_url + PATH
    requests = {phone: signed_sms(validator, url, phone, f"YES {created['code']}") for phone in by_phone}
    answers = await race(service.port, requests)
    checked = await check(api, created["id"], answers, by_phone)
    ms = sorted(1000 * a.seconds for a in answers)
    progress(f"{name} round {number}: {checked}, p50 {percentile(ms, 50):.1f} ms, p99 {percentile(ms, 99):.1f} ms,"
             f" max {ms[-1]:.1f} ms")
    return {**checked, "ms": ms}


async def check(api: OperatorApi, referral_id: int, answers: list[Answer], by_phone: dict[str, int]) -> dict[str, Any]:
    """Winners as the replies, the referral and the message log see them; all must agree on one agent."""
    won = [a for a in answers if WON_TEXT in a.body]
    taken = sum(TAKEN_TEXT in a.body for a in answers)
    referral = await api.referral(referral_id)
    won_offers = [o for o in referral["offers"] if o["status"] == "won"]
    contacts = [m for m in await api.messages(referral_id=referral_id, channel="email") if m["kind"] == "contact"]
    winner = referral["winner_agent_id"]
    agree = (len(won) == 1 and winner == by_phone[won[0].phone] and [o["agent_id"] for o in won_offers] == [winner]
             and [m["agent_id"] for m in contacts] == [winner])
    return {"winners": len(won), "taken": taken, "not_200": sum(a.status != 200 for a in answers),
            "db_winner": winner is not None, "won_offers": len(won_offers), "contact_emails": len(contacts),
            "ok": agree and taken == len(answers) - 1 and all(a.status == 200 for a in answers)}


def summarize(rounds: list[dict[str, Any]]) -> dict[str, Any]:
    ms = [v for r in rounds for v in r["ms"]]
    winners = {r["winners"] for r in rounds}
    return {"winners": winners.pop() if len(winners) == 1 else sorted(r["winners"] for r in rounds),
            "won_offers": max(r["won_offers"] for r in rounds), "taken": sum(r["taken"] for r in rounds),
            "not_200": sum(r["not_200"] for r in rounds), "rounds": len(rounds), "requests": len(ms),
            "p50_ms": round(percentile(ms, 50), 2), "p99_ms": round(percentile(ms, 99), 2),
            "max_ms": round(max(ms), 2), "ok": all(r["ok"] for r in rounds)}


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--agents", type=int, default=200, help="agents racing for each referral")
    parser.add_argument("--rounds", type=int, default=1, help="referrals raced for, one after another")
    parser.add_argument("--skip-sqlite", action="store_true")
    return parser.parse_args(argv)


async def main(args: argparse.Namespace) -> dict[str, Any]:
    result: dict[str, Any] = {"agents": args.agents, "sqlite": None, "postgres": None}
    if not args.skip_sqlite:
        with sqlite_database() as (url, log_dir):
            result["sqlite"] = await run_store("sqlite", url, log_dir, args.agents, args.rounds)
    test_url = os.environ.get("TEST_DATABASE_URL")
    if test_url:
        async with postgres_database(test_url) as (url, log_dir):
            result["postgres"] = await run_store("postgres", url, log_dir, args.agents, args.rounds)
    else:
        progress("TEST_DATABASE_URL is not set: PostgreSQL skipped")
    return result


if __name__ == "__main__":
    final = asyncio.run(main(parse_args()))
    print_final(final)
    sys.exit(0 if all(final[s] is None or final[s]["ok"] for s in ("sqlite", "postgres")) else 1)
